import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../../ingest/readers/read-records.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { readCsvText } from './parse-csv.js';
import { parseProblemText } from './parse-problem-text.js';
import { blocksImport } from './parse-problems.js';
import { toLineRecords } from './import-rows.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-web-cut-off-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

/** What the CLI's reader makes of the text: the rows' lines, and its rejects' line, code, params and reason. */
async function readByCli(text: string) {
  const path = join(directory, `file-${++fileCount}.csv`);
  writeFileSync(path, text);
  const source = await readRecords(path);
  const rows: number[] = [];
  const rejects: Array<{ line: number; code: string; params: unknown; reason: string }> = [];
  for await (const item of source) {
    if (item.kind === 'record') rows.push(item.line);
    else rejects.push({ line: item.line, code: item.code, params: item.params, reason: item.reason });
  }
  return { rows, rejects };
}

// the reviewer's orders file: its last line cut off in a quoted value
const cutOff = 'order_id;customer_id;ordered_at;amount\nC1;LV1;02.11.2025;10,00\nC3;LV3;03.11.2025;12,00\nC2;"LV2;02.11';

describe('a file cut off in a quoted value on its last line', () => {
  it.each([
    ['at the very end', cutOff],
    ['before a line end', `${cutOff}\n`],
    ['before blank lines', `${cutOff}\r\n\r\n  \n`],
  ])('imports the rows before it and rejects that row alone, as the CLI does (%s)', async (_, text) => {
    const csv = readCsvText(text, 'orders.csv');
    expect(blocksImport(csv.problems)).toBe(false);
    expect(csv.problems).toEqual([{ line: 4, kind: 'cutOffQuote' }]);
    expect(csv.places.map((place) => place.line)).toEqual([2, 3]);
    expect(csv.rejects).toEqual([{
      file: 'orders.csv', line: 4, field: null, code: 'ROW_QUOTE_UNCLOSED', params: { line: 4 }, raw: 'C2;"LV2;02.11',
      reason: 'line 4 opens a quote (") that is never closed — the file may be truncated; close the quote or remove the incomplete last row',
    }]);
    const cli = await readByCli(text);
    expect(cli.rows).toEqual([2, 3]);
    expect(csv.rejects.map(({ line, code, params, reason }) => ({ line, code, params, reason }))).toEqual(cli.rejects);
  });

  it('rejects the order of the cut-off row by its id read before the quote, as the CLI reads it', () => {
    const csv = readCsvText(cutOff, 'orders.csv');
    expect(csv.refusedRows).toEqual([{ line: 4, values: { order_id: 'C2' } }]);
    const rows = toLineRecords(csv, { order_id: 'order_id', customer_id: 'customer_id', ordered_at: 'ordered_at', amount: 'amount' }, { entity: 'orders' });
    expect(rows.records.map((record) => record.line)).toEqual([2, 3]);
    expect(rows.rejectedOrders).toEqual(['C2']);
  });

  it('still blocks the file when lines follow the quote, which they would be swallowed into', () => {
    const csv = readCsvText('customer_id,name\nQ-1,"Ana\nQ-2,Budi\n', 'c.csv');
    expect(csv.problems).toEqual([{ line: 2, kind: 'unclosedQuote' }]);
    expect(blocksImport(csv.problems)).toBe(true);
    expect(csv.rejects).toEqual([]);
  });

  it.each([
    ['en', 'Line 4: a quoted value is opened and never closed, so the file may be cut off there. That row will be rejected, not imported; the rows before it are imported.'],
    ['lv', '4. rinda: pēdiņas ir atvērtas, bet nav aizvērtas, tāpēc fails, iespējams, tur ir nepilnīgs. Šī rinda tiks noraidīta, nevis importēta; rindas pirms tās tiks importētas.'],
    ['id', 'Baris 4: ada tanda kutip yang dibuka tetapi tidak ditutup, jadi berkasnya mungkin terpotong di situ. Baris itu akan ditolak, tidak diimpor; baris-baris sebelumnya tetap diimpor.'],
  ] as const)('says in %s that the cut-off row alone is rejected, not that lines after it cannot be read', (locale, start) => {
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
    const text = parseProblemText({ line: 4, kind: 'cutOffQuote' }, t, locale);
    expect(text.startsWith(start)).toBe(true);
  });
});
