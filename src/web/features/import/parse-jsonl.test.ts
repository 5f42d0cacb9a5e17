import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../../ingest/readers/read-records.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { toLineRecords } from './import-rows.js';
import { parseCsv } from './parse-csv.js';
import { isJsonLinesFile, readJsonLinesText } from './parse-jsonl.js';
import { parseProblemText } from './parse-problem-text.js';
import { blocksImport } from './parse-problems.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-web-jsonl-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCount = 0;

/** What the CLI's reader makes of the same JSON Lines: records' lines and values, and its rejects' line, code and params. */
async function readByCli(text: string) {
  const path = join(directory, `file-${++fileCount}.jsonl`);
  writeFileSync(path, text);
  const source = await readRecords(path);
  const rows: Array<{ line: number; values: Record<string, string | null> }> = [];
  const rejects: Array<{ line: number; code: string; params: unknown; reason: string }> = [];
  for await (const item of source) {
    if (item.kind === 'record') rows.push({ line: item.line, values: item.values });
    else rejects.push({ line: item.line, code: item.code, params: item.params, reason: item.reason });
  }
  return { rows, rejects };
}

// the reviewer's file, which the page read as comma CSV: the first object became its header
const orders = [
  '{"order_id": "J1", "customer_id": "C1", "ordered_at": "2026-02-05", "amount": 12.5}',
  '',
  '{"order_id": "J2", "customer_id": "C2", "ordered_at": "2026-02-06", "amount": 123.456, "paid": true, "note": null}',
  '{"order_id": "J3", "customer_id": "C3", "ordered_at": "2026-02-07", "amount": 20,',
  '["J4"]',
  '{"order_id": ["J5"], "customer_id": "C5", "ordered_at": "2026-02-08", "amount": 1}',
  '{"order_id": "J6", "customer_id": "C6", "ordered_at": "2026-02-09", "amount": "7", "extra": {"gift": true}}',
].join('\n');

describe('reading a JSON Lines file in the browser as the CLI reads it', () => {
  it('knows a JSON Lines file by its extension or its first character, and a CSV file as CSV', () => {
    expect(isJsonLinesFile('orders.jsonl', 'order_id\n')).toBe(true);
    expect(isJsonLinesFile('orders.NDJSON', '')).toBe(true);
    expect(isJsonLinesFile('orders.txt', '\ufeff\n  {"order_id": "J1"}')).toBe(true);
    expect(isJsonLinesFile('orders.csv', 'order_id,amount\nJ1,{x}')).toBe(false);
  });

  it('reads each object as a row under its keys, never its first object as a header', async () => {
    const file = new File([orders], 'orders.jsonl');
    const parsed = await parseCsv(file);
    if ('undecodable' in parsed) throw new Error('read as undecodable');
    expect(parsed.isJsonLines).toBe(true);
    expect(parsed.headers).toEqual(['order_id', 'customer_id', 'ordered_at', 'amount', 'paid', 'note', 'extra']);
    expect(parsed.rows[0]).toEqual({ order_id: 'J1', customer_id: 'C1', ordered_at: '2026-02-05', amount: '12.5', paid: '', note: '', extra: '' });
    // numbers as the CLI writes them: 123.456 is no thousands
    expect(parsed.rows[1]).toMatchObject({ amount: '123.4560', paid: 'true', note: '' });
    expect(parsed.rows[2]).toMatchObject({ order_id: 'J6', extra: '{"gift":true}' });
    expect(parsed.places.map((place) => place.line)).toEqual([1, 3, 7]);
    expect(blocksImport(parsed.problems)).toBe(false);
  });

  it('rejects a line that is no JSON, no object, or an array under a field, with the CLI\'s codes and reasons, each line said before the import', async () => {
    const csv = readJsonLinesText(orders, 'orders.jsonl');
    const cli = await readByCli(orders);
    expect(csv.rejects.map(({ line, code, params, reason }) => ({ line, code, params, reason }))).toEqual(cli.rejects);
    expect(cli.rejects.map((reject) => [reject.line, reject.code])).toEqual([[4, 'ROW_NOT_JSON'], [5, 'ROW_NOT_OBJECT'], [6, 'FIELD_NOT_SCALAR']]);
    expect(csv.problems).toEqual([{ line: 4, kind: 'notJsonObject' }, { line: 5, kind: 'notJsonObject' }]);
    // the rows the CLI reads, with the values it reads (null, as nothing, is empty here)
    expect(csv.places.map((place) => place.line)).toEqual(cli.rows.map((row) => row.line));
    cli.rows.forEach((row, index) => {
      const values = Object.fromEntries(Object.entries(row.values).map(([key, value]) => [key, value ?? '']));
      expect(csv.rows[index]).toMatchObject(values);
    });
    const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
    expect(parseProblemText(csv.problems[0], t, 'en')).toBe('Line 4 is not one complete JSON object: it will be rejected, not imported. Write each record as one JSON object on a line of its own in the file, and import the line again.');
  });

  it('refuses an object under a column mapped to a field, as the CLI\'s row parser does, and keeps it in a column no field reads', () => {
    const text = '{"id": "J7", "customer": {"email": "x@y.lv"}, "on": "2026-02-05", "sum": 3}\n{"id": "J8", "customer": "C8", "on": "2026-02-05", "sum": 4, "extra": [1]}\n';
    const csv = readJsonLinesText(text, 'guess.jsonl');
    const rows = toLineRecords(csv, { order_id: 'id', customer_id: 'customer', ordered_at: 'on', amount: 'sum' }, { entity: 'orders' });
    expect(rows.records.map((record) => record.line)).toEqual([2]);
    expect(rows.rejects).toEqual([expect.objectContaining({
      line: 1, field: 'customer_id', code: 'FIELD_NOT_SCALAR', params: { line: 1, field: 'customer' },
      reason: '"customer" holds a group of values (JSON object), but it is read as customer_id, which takes one value; give a single value for customer: text, a number or true/false',
    })]);
    expect(rows.rejectedOrders).toEqual(['J7']);
  });
});
