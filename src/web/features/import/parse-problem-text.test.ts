import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { adviseOnFileHeader } from './header-advice.js';
import { suggestMapping } from './import-mapping.js';
import { parseProblemText } from './parse-problem-text.js';
import { problemsShown, type ParseProblem } from './parse-problems.js';
import { readCsvText } from './parse-csv.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
const columnCount = (values: number, columns: number): ParseProblem => ({ line: 5, kind: 'columnCount', values, columns, delimiter: ',' });

describe('a line of another number of values than the header has columns, as the page says it', () => {
  it('says one column and one value in the singular in English', () => {
    const t = tIn('en');
    expect(parseProblemText(columnCount(21, 1), t, 'en')).toMatch(/^Line 5 has 21 values but the header has 1 column: the row will be rejected/);
    expect(parseProblemText(columnCount(1, 4), t, 'en')).toMatch(/^Line 5 has 1 value but the header has 4 columns: /);
    expect(parseProblemText(columnCount(5, 4), t, 'en')).toBe('Line 5 has 5 values but the header has 4 columns: the row will be rejected, not imported. '
      + 'Put values that contain the delimiter “,” in quotes (or correct the row) in the file, and import the row again.');
  });

  it('says them in Latvian\'s forms: one for 1 and 21, another for 10 and 4', () => {
    const t = tIn('lv');
    expect(parseProblemText(columnCount(21, 1), t, 'lv')).toMatch(/^5\. rindā ir 21 vērtība, bet galvenē ir 1 kolonna: /);
    expect(parseProblemText(columnCount(10, 4), t, 'lv')).toMatch(/^5\. rindā ir 10 vērtības, bet galvenē ir 4 kolonnas: /);
  });

  it('says them in Indonesian, which has one form', () => {
    expect(parseProblemText(columnCount(21, 1), tIn('id'), 'id')).toMatch(/^Baris 5 berisi 21 nilai, padahal header memiliki 1 kolom: /);
  });

  it('names a tab delimiter as a word', () => {
    expect(parseProblemText({ line: 5, kind: 'columnCount', values: 2, columns: 3, delimiter: '\t' }, tIn('en'), 'en')).toContain('“tab”');
  });
});

// a report's title above its header: read from line 1, each row has more values than the title's one column
const tokopedia = readFileSync(new URL('../../../../test/fixtures/ingest/tokopedia-orders.csv', import.meta.url), 'utf8');
const report = `Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\n${tokopedia}`;

function problemsOf(headerLine: number) {
  const csv = readCsvText(report, 'laporan.csv', 'utf-8', headerLine);
  const advice = adviseOnFileHeader('orders', csv, null, suggestMapping('orders', csv.headers, csv.rows).mapping);
  return { csv, shown: problemsShown(csv.problems, csv.headerLine, advice?.headerLine ?? null) };
}

describe('the problems said of a file whose header is advised on a later line', () => {
  it('says none of the rows\' values against the title read as the header', () => {
    const { csv, shown } = problemsOf(1);
    expect(csv.problems.some((problem) => problem.kind === 'columnCount')).toBe(true);
    expect(shown).toEqual([]);
  });

  it('says those of the header read from the line advised, as before', () => {
    const text = `Laporan\nNomor,Total\n1,2\n3,4,5\n`;
    const csv = readCsvText(text, 'laporan.csv', 'utf-8', 2);
    expect(problemsShown(csv.problems, 2, null)).toEqual([{ line: 4, kind: 'columnCount', values: 3, columns: 2, delimiter: ',' }]);
    expect(problemsOf(4).shown).toEqual(problemsOf(4).csv.problems);
  });

  it('still says a broken quote, which blocks the import', () => {
    const unclosed: ParseProblem = { line: 7, kind: 'unclosedQuote' };
    expect(problemsShown([columnCount(21, 1), unclosed], 1, 4)).toEqual([unclosed]);
  });
});
