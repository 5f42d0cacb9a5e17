import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../canonical.js';
import { settleOrderStatus } from './order-status.js';
import { parseFile, rowsFromRecords } from './parse-file.js';
import { createRowParser } from './row-parser.js';
import { testContext } from './test-context.js';

// The reports count an order as a verified purchase by its status alone: status and amounts must agree.

function parseOrder(values: Record<string, string | null>) {
  const parser = createRowParser('orders', { file: 'test.csv', context: testContext });
  parser.checkHeaders(Object.keys(values));
  return parser.parse({ line: 2, values });
}

const order = { order_id: 'o1', customer_id: 'c1', ordered_at: '2024-03-01' };

describe('settleOrderStatus', () => {
  it.each([
    ['paid', 1000, 1000, 'refunded', 1000],
    ['partially_refunded', 1000, 1000, 'refunded', 1000],
    [null, 1000, 1000, 'refunded', 1000],
    ['paid', 1000, 400, 'partially_refunded', 400],
    [null, 1000, 400, 'partially_refunded', 400],
    ['paid', 0, 0, 'paid', 0],
    [null, 0, 0, 'paid', 0],
    ['paid', 1000, 0, 'paid', 0],
    ['partially_refunded', 1000, 0, 'partially_refunded', 0],
    ['refunded', 1000, 0, 'refunded', 1000],
    ['refunded', 1000, 300, 'refunded', 300],
    ['cancelled', 1000, 1000, 'cancelled', 0],
    ['cancelled', 1000, 0, 'cancelled', 0],
  ] as const)('stores %s with total %i and refund %i as %s refunding %i', (stated, total, refund, status, refunded) => {
    expect(settleOrderStatus(stated, total, refund)).toEqual({ status, refundedMinor: refunded });
  });
});

describe('orders with a stated amount', () => {
  it.each([
    ['paid', '10', 'refunded', 1000],
    ['partially_refunded', '10', 'refunded', 1000],
    ['paid', '4', 'partially_refunded', 400],
  ])('stores status %s refunding %s of 10 as %s', (status, refunded, expected, refundedMinor) => {
    expect(parseOrder({ ...order, amount: '10', status, refunded_amount: refunded }).row).toMatchObject({ status: expected, refundedMinor });
  });

  it('keeps a zero-amount free order a verified paid order', () => {
    expect(parseOrder({ ...order, amount: '0', status: 'paid', refunded_amount: '0' }).row).toMatchObject({ status: 'paid', refundedMinor: 0, totalMinor: 0 });
  });

  it('rejects a refund on a free order', () => {
    expect(parseOrder({ ...order, amount: '0', refunded_amount: '1' }).reject?.field).toBe('refunded_amount');
  });

  it('keeps a cancelled order cancelled and does not count its refund', () => {
    expect(parseOrder({ ...order, amount: '10', status: 'cancelled', refunded_amount: '10' }).row).toMatchObject({ status: 'cancelled', refundedMinor: 0 });
  });
});

describe('orders totalled from their lines', () => {
  const line = { ...order, sku: 'S1', quantity: '1', unit_price: '100' };

  it('rejects a refund larger than the sum of the lines with field refunded_amount (API records)', () => {
    const result = rowsFromRecords('orders', [{ ...line, refunded_amount: '9999.99' }, { ...line, order_id: 'o2' }], { context: testContext });
    expect(result.rows.map((row) => row.externalId)).toEqual(['o2']);
    expect(result.rejects).toEqual([expect.objectContaining({ line: 1, field: 'refunded_amount', reason: expect.stringContaining('more than the order') })]);
    expect(result.rejects[0].raw).toContain('9999.99');
  });

  it('checks the refund against all lines of the order less its discount', () => {
    const rows = (records: object[]) => rowsFromRecords('orders', records, { context: testContext });
    const twoLines = [{ ...line, refunded_amount: '150' }, { ...line, sku: 'S2', refunded_amount: '150' }];
    expect(rows(twoLines).rejects).toEqual([]);
    const discounted = twoLines.map((record) => ({ ...record, discount_amount: '60' }));
    expect(rows(discounted).rejects.map((reject) => [reject.line, reject.field])).toEqual([[1, 'refunded_amount'], [2, 'refunded_amount']]);
  });

  it.each([
    ['paid', '200', 'refunded', 20000],
    [null, '200', 'refunded', 20000],
    ['partially_refunded', '200', 'refunded', 20000],
    ['paid', '50', 'partially_refunded', 5000],
    [null, null, 'paid', 0],
  ])('stores status %s refunding %s of a 200 order as %s', (status, refunded, expected, refundedMinor) => {
    const records = [{ ...line, status, refunded_amount: refunded }, { ...line, sku: 'S2', status, refunded_amount: refunded }];
    const result = rowsFromRecords('orders', records, { context: testContext });
    expect(result.rejects).toEqual([]);
    expect(result.rows.map((row) => [(row as CanonicalOrder).status, (row as CanonicalOrder).refundedMinor])).toEqual([[expected, refundedMinor], [expected, refundedMinor]]);
  });

  it('keeps a zero-price line order paid', () => {
    const result = rowsFromRecords('orders', [{ ...line, unit_price: '0' }], { context: testContext });
    expect(result.rows[0]).toMatchObject({ status: 'paid', refundedMinor: 0 });
  });

  it('keeps an order\'s rows in one batch of a file, so the refund is checked against all its lines', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'order-status-'));
    try {
      const path = join(directory, 'orders.csv');
      await writeFile(path, [
        'order_id,customer_id,ordered_at,refunded_amount,sku,quantity,unit_price',
        'a1,c1,2024-03-01,150,S1,1,100', 'a1,c1,2024-03-01,150,S2,1,100', 'a2,c1,2024-03-01,,S1,1,100',
        'a3,c1,2024-03-02,500,S1,1,100', 'a3,c1,2024-03-02,500,S2,1,100',
      ].join('\n'));
      const batches = [];
      for await (const batch of parseFile('orders', path, { context: testContext, batchSize: 1 })) batches.push(batch);
      expect(batches.map((batch) => batch.rows.length + batch.rejects.length)).toEqual([2, 1, 2]);
      const rows = batches.flatMap((batch) => batch.rows) as CanonicalOrder[];
      expect(rows.map((row) => [row.externalId, row.status])).toEqual([['a1', 'partially_refunded'], ['a1', 'partially_refunded'], ['a2', 'paid']]);
      expect(batches[2].rejects.map((reject) => [reject.line, reject.field])).toEqual([[5, 'refunded_amount'], [6, 'refunded_amount']]);
      expect(batches[2].rejects[0].raw).toContain('a3');
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
