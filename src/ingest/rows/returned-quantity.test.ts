import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../test/helpers/import-files.js';
import type { CanonicalOrder, IngestContext, Reject } from '../canonical.js';
import { parseFile, rowsFromRecords, type ParseFileOptions } from './parse-file.js';
import { testContext } from './test-context.js';

// A Shopee buyer returned 1 of the 3 bags of coffee they bought, and the order was refunded all 3.
const files = scratchFiles('returned-quantity');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const jakarta: IngestContext = { ...testContext, currency: 'IDR', defaultCountry: 'ID', timeZone: 'Asia/Jakarta' };
const fixtures = new URL('../../../test/fixtures/ingest/', import.meta.url).pathname;
const [header, kopi, gula] = readFileSync(`${fixtures}shopee-orders.csv`, 'utf8').split('\n');
const columns = header.split(',');

/** A row of the fixture's first order with these columns changed (Kopi: Jumlah 2 at Rp 65.000, the order's Total Pembayaran Rp 165.000). */
function withCells(row: string, cells: Record<string, string>): string {
  // the address is the one quoted cell: kept whole
  const values = row.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, '')).slice(0, columns.length);
  for (const [column, value] of Object.entries(cells)) values[columns.indexOf(column)] = value;
  return values.join(',');
}

const returned = { 'Status Pembatalan/ Pengembalian': 'Permintaan Disetujui' };

async function parseShopee(rows: string[], name: string, options: Partial<ParseFileOptions> = {}) {
  const parsed: CanonicalOrder[] = [];
  const rejects: Reject[] = [];
  const path = files.file(name, [header, ...rows].join('\n'));
  for await (const batch of parseFile('orders', path, { preset: 'shopee-orders', context: jakarta, ...options })) {
    parsed.push(...batch.rows);
    rejects.push(...batch.rejects);
  }
  return { rows: parsed, rejects };
}

const outcomes = (rows: readonly CanonicalOrder[]) => rows.map((row) => [row.status, row.totalMinor, row.refundedMinor]);

describe('a Shopee row whose return gives its "Returned quantity"', () => {
  it('refunds the items returned, not the whole line: 1 of 3 at Rp 65.000', async () => {
    const { rows, rejects } = await parseShopee([withCells(kopi, { ...returned, Jumlah: '3', 'Returned quantity': '1', 'Total Pembayaran': 'Rp 195.000' })], 'one-of-three.csv');
    expect(rejects).toEqual([]);
    expect(outcomes(rows)).toEqual([['partially_refunded', 195_000, 65_000]]);
    expect(rows[0].orderLine).toMatchObject({ quantity: 3, returnedQuantity: 1 });
  });

  it('refunds the returned items of each refunded row of an order, the rows without a returned quantity their whole line', async () => {
    const { rows, rejects } = await parseShopee([
      withCells(kopi, { ...returned, 'Returned quantity': '1' }),
      withCells(gula, { ...returned, 'Returned quantity': '' }),
    ], 'two-rows.csv');
    expect(rejects).toEqual([]);
    // Kopi 1 × 65,000 and Gula's whole line, 25,000, of the order's 165,000
    expect(outcomes(rows)).toEqual([['partially_refunded', 165_000, 90_000], ['partially_refunded', 165_000, 90_000]]);
  });

  it('refunds the whole order as before when every row returned all its items', async () => {
    const { rows } = await parseShopee([
      withCells(kopi, { ...returned, 'Returned quantity': '2' }),
      withCells(gula, { ...returned, 'Returned quantity': '1' }),
    ], 'all-returned.csv');
    expect(outcomes(rows)).toEqual([['refunded', 165_000, 165_000], ['refunded', 165_000, 165_000]]);
  });

  it('rejects a returned quantity above the line\'s, naming the columns and both numbers', async () => {
    const { rows, rejects } = await parseShopee([withCells(kopi, { ...returned, 'Returned quantity': '5' })], 'too-many.csv');
    expect(rows).toEqual([]);
    expect(rejects).toEqual([expect.objectContaining({
      field: 'returned_quantity', column: 'Returned quantity', code: 'VALUE_NOT_ALLOWED', params: { field: 'returned_quantity', value: '5', quantity: 2 },
    })]);
    expect(rejects[0].reason).toBe('Returned quantity (returned_quantity) "5" is more than the line\'s quantity, 2: a return takes back at most the items bought; check both columns');
  });

  it.each([
    ['-1', 'QUANTITY_NEGATIVE', 'Returned quantity (returned_quantity) "-1" is negative; write how many of the line\'s items came back, from 0 to its quantity, 2'],
    ['1.5', 'QUANTITY_UNREADABLE', 'Returned quantity (returned_quantity) "1.5" is not a whole number of items, though the line\'s quantity, 2, is; write how many items came back'],
  ])('refuses a returned quantity of %j as no count of items, saying what to write', async (value, code, reason) => {
    const { rejects } = await parseShopee([withCells(kopi, { ...returned, 'Returned quantity': value }), gula], `returned-${code}.csv`);
    expect(rejects).toEqual([
      expect.objectContaining({ line: 2, field: 'returned_quantity', column: 'Returned quantity', code, reason }),
      // the order's other row goes with it, as for any rejected row of an order
      expect.objectContaining({ line: 3, code: 'ORDER_ROW_REJECTED' }),
    ]);
  });

  it('leaves the returned quantity of a row not refunded unread: a return refused keeps the sale whole', async () => {
    const { rows, rejects } = await parseShopee([withCells(kopi, { 'Status Pembatalan/ Pengembalian': 'Permintaan Ditolak', 'Returned quantity': '5' }), gula], 'refused.csv');
    expect(rejects).toEqual([]);
    expect(outcomes(rows)).toEqual([['paid', 165_000, 0], ['paid', 165_000, 0]]);
    expect(rows[0].orderLine).not.toHaveProperty('returnedQuantity');
  });
});

describe('returned_quantity in an orders file of line rows', () => {
  const line = { order_id: 'R-1', customer_id: 'C1', ordered_at: '2026-03-01', sku: 'S1', quantity: '4', unit_price: '2.50' };

  it('refunds that many units of a refunded line, its order totalled from its lines', () => {
    const { rows, rejects } = rowsFromRecords('orders', [
      { ...line, status: 'refunded', returned_quantity: '1' },
      { ...line, sku: 'S2', quantity: '1', unit_price: '10' },
    ], { context: testContext });
    expect(rejects).toEqual([]);
    expect(outcomes(rows)).toEqual([['partially_refunded', null, 250], ['partially_refunded', null, 250]]);
  });

  it('names a returned quantity above its line among the other problems of a row rejected for another field', () => {
    const { rejects } = rowsFromRecords('orders', [{ ...line, ordered_at: 'yesterday', status: 'refunded', returned_quantity: '9' }], { context: testContext });
    expect(rejects).toEqual([expect.objectContaining({
      field: 'ordered_at', also: [expect.objectContaining({ field: 'returned_quantity', code: 'VALUE_NOT_ALLOWED', params: { field: 'returned_quantity', value: '9', quantity: 4 } })],
    })]);
  });

  it('is set aside, unread, in a file of whole orders', () => {
    const { rows, rejects } = rowsFromRecords('orders', [{ order_id: 'W-1', customer_id: 'C1', ordered_at: '2026-03-01', amount: '10', status: 'refunded', returned_quantity: '9' }], { context: testContext });
    expect(rejects).toEqual([]);
    expect(outcomes(rows)).toEqual([['refunded', 1000, 1000]]);
  });
});
