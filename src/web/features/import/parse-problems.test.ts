import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { blocksImport, parseProblemsOf } from './parse-problems.js';

const problemsIn = (text: string) => parseProblemsOf(Papa.parse(text, { header: true, skipEmptyLines: 'greedy' }).errors, text);

describe('parseProblemsOf', () => {
  it('finds a quote opened and never closed, and blocks the import: the next row would be swallowed', () => {
    const problems = problemsIn('customer_id,name,email\nT-3,Ana,ana@example.com\nT-4,"Quote ""unclosed,x@example.com\nT-5,Jānis,janis@example.com\n');
    // named by the line its quote opens on
    expect(problems).toContainEqual({ line: 3, kind: 'unclosedQuote' });
    expect(blocksImport(problems)).toBe(true);
  });

  it('names the line of a row with too few or too many fields, which the server then judges', () => {
    const problems = problemsIn('customer_id,name,email\nT-1,Ana\nT-2,Budi,budi@example.com,extra\n');
    expect(problems).toEqual([{ line: 2, kind: 'tooFewFields' }, { line: 3, kind: 'tooManyFields' }]);
    expect(blocksImport(problems)).toBe(false);
  });

  it('says a broken quote once, though the parser reports it as malformed and as unterminated', () => {
    const problems = problemsIn('customer_id,name\nT-1,"Ana"x\nT-2,Budi\n');
    expect(problems).toEqual([{ line: 2, kind: 'unclosedQuote' }]);
  });

  it('says nothing of a one-column file, whose delimiter cannot be guessed', () => {
    expect(problemsIn('email\nana@example.com\n')).toEqual([]);
  });
});
