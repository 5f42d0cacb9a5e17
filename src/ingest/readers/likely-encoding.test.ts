import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRecords } from './read-records.js';
import { likelyEncoding, notUtf8Advice } from './likely-encoding.js';

const fixture = fileURLToPath(new URL('../../../test/fixtures/ingest/customers-windows-1257.csv', import.meta.url));
const encoded = (text: string, encoding: 'windows-1257' | 'windows-1252') => {
  // the inverse of TextDecoder for one-byte code pages: each character's byte
  const byByte = new Map(Array.from({ length: 256 }, (_, byte) => [new TextDecoder(encoding).decode(Uint8Array.of(byte)), byte]));
  return Uint8Array.from([...text].map((character) => byByte.get(character)!));
};

describe('the encoding a row that is not UTF-8 was probably saved in', () => {
  it.each([
    ['Jānis Bērziņš,Rīga', 'windows-1257', 'windows-1257'],
    ['vārds,pilsēta,Žanis Čakste', 'windows-1257', 'windows-1257'],
    ['Kęstutis Jonaitė,Šiauliai', 'windows-1257', 'windows-1257'],
    ['Núñez,São Paulo,Ibañez', 'windows-1252', 'windows-1252'],
    ['José Müller,Bogotá', 'windows-1252', null],
  ] as const)('reads "%s" saved as %s as %s', (text, encoding, expected) => {
    expect(likelyEncoding(encoded(text, encoding))).toBe(expected);
  });

  it('names the likely encoding and shows a word as each would read it; lists both when the row does not lean', () => {
    expect(notUtf8Advice(encoded('LV-1,Jānis Bērziņš', 'windows-1257'))).toBe(
      'is not valid UTF-8 (the file was probably saved as windows-1257, the Baltic code page: "Jānis", which windows-1252 would read as "Jânis"); re-save it as UTF-8 or pass --encoding windows-1257',
    );
    expect(notUtf8Advice(encoded('1,Ibañez', 'windows-1252'))).toContain('probably saved as windows-1252, the Western European code page: "Ibañez", which windows-1257 would read as "Ibańez"');
    expect(notUtf8Advice(encoded('1,Bogotá', 'windows-1252'))).toBe(
      'is not valid UTF-8 (the file was probably saved in a one-byte code page: "Bogotá" as windows-1252, "Bogotį" as windows-1257); re-save it as UTF-8, or pass --encoding windows-1252 (Western European) or windows-1257 (Latvian, Lithuanian, Estonian), whichever reads it right',
    );
  });
});

describe('a Latvian export saved in windows-1257 (test/fixtures/ingest/customers-windows-1257.csv)', () => {
  it('is rejected row by row as UTF-8, each reason telling to pass --encoding windows-1257', async () => {
    expect(readFileSync(fixture).includes(Buffer.from('ā'))).toBe(false);
    const problems = [];
    for await (const item of await readRecords(fixture)) if (item.kind === 'problem') problems.push(item);
    expect(problems.map((problem) => [problem.line, problem.code])).toEqual([[2, 'ROW_NOT_UTF8'], [3, 'ROW_NOT_UTF8'], [4, 'ROW_NOT_UTF8'], [5, 'ROW_NOT_UTF8'], [6, 'ROW_NOT_UTF8']]);
    for (const problem of problems) {
      expect(problem.reason).toContain('probably saved as windows-1257');
      expect(problem.reason).toMatch(/pass --encoding windows-1257$/);
    }
    expect(problems[0].reason).toContain('"Jānis", which windows-1252 would read as "Jânis"');
  });

  it('reads its Latvian letters right with that encoding', async () => {
    const names = [];
    for await (const item of await readRecords(fixture, { encoding: 'windows-1257' })) if (item.kind === 'record') names.push([item.values.name, item.values.city]);
    expect(names).toEqual([['Jānis Bērziņš', 'Rīga'], ['Anna Bērziņa', 'Liepāja'], ['Ģirts Ķēniņš', 'Rēzekne'], ['Līga Šmite', 'Jūrmala'], ['Žanis Čakste', 'Ventspils']]);
  });
});

// Node 20 decodes windows-1252 in one call as Latin-1, 0x80–0x9F as control characters: the advice
// showed € as "" and Š as an invisible character, where the import with --encoding reads them right.
describe('the advice for bytes 0x80–0x9F', () => {
  const bytesOf = (...parts: Array<string | number>) => Uint8Array.from(parts.flatMap((part) => (typeof part === 'number' ? [part] : [...Buffer.from(part, 'latin1')])));

  it('shows the letter windows-1252 reads, and no letter where windows-1257 has none', () => {
    expect(notUtf8Advice(bytesOf('4;', 0x8a, 'ulc'))).toContain('probably saved as windows-1252, the Western European code page: "Šulc", which windows-1257 would read as "\ufffdulc"');
  });

  it('shows no word for a euro sign, which both code pages read as €', () => {
    expect(notUtf8Advice(bytesOf('4;c@x.de;2026-11-01;12,50 ', 0x80))).toBe(
      'is not valid UTF-8 (the file was probably saved in a one-byte code page); re-save it as UTF-8, or pass --encoding windows-1252 (Western European) or windows-1257 (Latvian, Lithuanian, Estonian), whichever reads it right',
    );
  });
});
