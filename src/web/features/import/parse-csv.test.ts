import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../../../ingest/readers/read-records.js';
import { readCsvText } from './parse-csv.js';
import { blocksImport } from './parse-problems.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-web-csv-'));
let fileCount = 0;

/** What the CLI's reader makes of the same text: rows by line, and its rejects' code, params, reason and raw. */
async function readByCli(text: string) {
  const path = join(directory, `file-${++fileCount}.csv`);
  writeFileSync(path, text);
  const source = await readRecords(path);
  const rows: Array<{ line: number; raw: string }> = [];
  const rejects: Array<{ line: number; code: string; params: unknown; reason: string; raw: string | undefined }> = [];
  for await (const item of source) {
    if (item.kind === 'record') rows.push({ line: item.line, raw: item.raw });
    else rejects.push({ line: item.line, code: item.code, params: item.params, reason: item.reason, raw: item.raw });
  }
  return { headers: source.headers, delimiter: source.delimiter, rows, rejects };
}

const asTheWebReads = (text: string) => {
  const csv = readCsvText(text, 'file.csv');
  return {
    headers: csv.headers, delimiter: csv.delimiter, rows: csv.places,
    rejects: csv.rejects.map(({ line, code, params, reason, raw }) => ({ line, code, params, reason, raw })),
  };
};

describe('reading a CSV file in the browser as the CLI reads it', () => {
  it.each([
    ['a comma left unquoted in an amount', 'order_id,customer_id,ordered_at,amount\nK1,C1,2026-02-05,1,234.50\nK2,C2,2026-02-05,"1,234.50"\n'],
    ['a row too short', 'customer_id,name,email\nC1,Ana\nC2,Budi,budi@example.com\n'],
    ['a blank line and values spanning lines', 'customer_id,name,note\nC1,Ana,"first\nsecond"\n\nC2,Budi,x,extra\nC3,"Jā\nnis",ok\nC4,Eve\n'],
    ['Windows line ends, inside a quoted value too', 'customer_id,name,note\r\nC1,Ana,"first\r\nsecond"\r\n\r\nC2,Budi\r\nC3,Eve,ok\r\n'],
    ['Excel\'s sep=; first line', 'sep=;\r\nname;email\r\nAna;ana@example.com\r\nBudi;budi@example.com;x\r\n'],
    ['a semicolon file with commas in its values', 'id;address;city\n1;Jl. Sudirman 1, Blok A;Jakarta\n2;Brivibas 10;Riga\n'],
    ['a tab file, an empty and a repeated header', 'id\tname\t\tname\n1\tAna\t\tA\n'],
    ['empty values last, at the end of the text too', 'id,name,note\n1,Ana,\n2,,\n3,Budi,'],
  ])('%s', async (_, text) => {
    expect(asTheWebReads(text)).toEqual(await readByCli(text));
  });

  it('keeps text after a closing quote and a quote inside a value, as the CLI does, and the row as written', async () => {
    const csv = readCsvText('id,name\n1,"Ana"x\n2,Bu"di\n', 'file.csv');
    expect(csv.rows).toEqual([{ id: '1', name: 'Anax' }, { id: '2', name: 'Bu"di' }]);
    expect(csv.places).toEqual([{ line: 2, raw: '1,"Ana"x' }, { line: 3, raw: '2,Bu"di' }]);
    expect((await readByCli('id,name\n1,"Ana"x\n2,Bu"di\n')).rows.map((row) => row.line)).toEqual([2, 3]);
  });

  it('rejects a row of too many values with the CLI\'s code and reason, never storing a part of its amount', () => {
    const csv = readCsvText('order_id,customer_id,ordered_at,amount\nK1,C1,2026-02-05,1,234.50\n', 'orders.csv');
    expect(csv.rows).toEqual([]);
    expect(csv.rejects).toEqual([{
      file: 'orders.csv', line: 2, field: null, code: 'ROW_COLUMN_COUNT', params: { line: 2, values: 5, columns: 4, delimiter: ',' },
      reason: 'line 2 has 5 values but the header has 4 columns; quote values that contain the delimiter ","', raw: 'K1,C1,2026-02-05,1,234.50',
    }]);
    expect(csv.problems).toEqual([{ line: 2, kind: 'columnCount', values: 5, columns: 4, delimiter: ',' }]);
    expect(blocksImport(csv.problems)).toBe(false);
  });

  it('gives each row the line it starts on, past blank lines and values spanning lines', () => {
    const csv = readCsvText('customer_id,name,note\nC1,Ana,"first\nsecond"\n\nC2,Budi,x,extra\nC3,"Jā\nnis",ok\nC4,Eve\n', 'customers.csv');
    expect(csv.places.map((place) => place.line)).toEqual([2, 6]);
    expect(csv.rows[1]).toEqual({ customer_id: 'C3', name: 'Jā\nnis', note: 'ok' });
    expect(csv.rejects.map((reject) => [reject.line, reject.raw])).toEqual([[5, 'C2,Budi,x,extra'], [8, 'C4,Eve']]);
  });

  it('honours Excel\'s sep= line: its delimiter, the header after it, the lines as in the file', () => {
    const csv = readCsvText('sep=;\nname;email\nAna;ana@example.com\nBudi;budi@example.com\n', 'excel.csv');
    expect(csv).toMatchObject({ delimiter: ';', headers: ['name', 'email'], rows: [{ name: 'Ana', email: 'ana@example.com' }, { name: 'Budi', email: 'budi@example.com' }] });
    expect(csv.places.map((place) => place.line)).toEqual([3, 4]);
  });

  it('blocks the import of a file with a quote never closed, naming the line it opens on', () => {
    const csv = readCsvText('customer_id,name,email\nT-3,Ana,ana@example.com\nT-4,"Quote ""unclosed,x@example.com\nT-5,Jānis,janis@example.com\n', 'c.csv');
    expect(csv.problems).toEqual([{ line: 3, kind: 'unclosedQuote' }]);
    expect(blocksImport(csv.problems)).toBe(true);
  });

  it('reads an empty file and a header alone as no rows, with a byte order mark left out', () => {
    expect(readCsvText('', 'empty.csv')).toMatchObject({ headers: [], rows: [], rejects: [] });
    expect(readCsvText('\ufeffemail\n', 'header.csv')).toMatchObject({ headers: ['email'], rows: [], rejects: [] });
  });

  it('calls a file empty as the CLI does ("is empty: there are no columns or rows"): nothing but blanks, not a header alone', async () => {
    const cliSays = (text: string) => readByCli(text).then(() => '', (error: Error) => error.message);
    for (const text of ['', '\ufeff', '\n \r\n\n']) {
      expect(readCsvText(text, 'empty.csv').isEmpty).toBe(true);
      expect(await cliSays(text)).toMatch(/ is empty: there are no columns or rows to import\.$/);
    }
    for (const text of ['email\n', '\ufeffemail', 'sep=;\nemail\n']) {
      expect(readCsvText(text, 'header.csv').isEmpty).toBe(false);
      expect(await cliSays(text)).not.toContain('no columns or rows');
    }
  });
});
