import { describe, expect, it } from 'vitest';
import { rowsFromRecords } from './parse-file.js';
import { testContext } from './test-context.js';

const line = { order_id: 'A-1', customer_email: 'ana@example.com', ordered_at: '2024-11-02', sku: 'S1', quantity: 2, unit_price: 50 };
const wholeOrder = { order_id: 'B-1', customer_email: 'budi@example.com', ordered_at: '2024-11-02', amount: 100 };

describe('an orders batch mixing whole orders and order lines', () => {
  it('rejects the whole order saying the batch is read as lines, from which record, and to send them apart', () => {
    const { rows, rejects } = rowsFromRecords('orders', [line, wholeOrder], { context: testContext });
    expect(rows).toHaveLength(1);
    expect(rejects).toHaveLength(1);
    // the code and params stay those of a missing field, which clients already translate
    expect(rejects[0]).toMatchObject({ line: 2, field: 'unit_price', code: 'FIELD_REQUIRED', params: { field: 'unit_price' } });
    expect(rejects[0].reason).toBe('item 2 has no unit_price, but item 1 has one, and a batch of orders is read one way: as order lines from its first record with unit_price, '
      + 'so each of its records needs one; send whole orders (with amount) and order lines (with unit_price) in separate batches');
  });

  it('names the file\'s lines when the batch gives them', () => {
    const { rejects } = rowsFromRecords('orders', [wholeOrder, line], { context: testContext, lines: [7, 9] });
    expect(rejects[0].reason).toMatch(/^line 7 has no unit_price, but line 9 has one/);
  });

  it('keeps the plain reason for an order line whose unit_price is empty', () => {
    const { rejects } = rowsFromRecords('orders', [line, { ...line, order_id: 'A-2', unit_price: null }], { context: testContext });
    expect(rejects[0]).toMatchObject({ line: 2, code: 'FIELD_REQUIRED', reason: 'unit_price is empty; each order line needs its unit price (0 is allowed)' });
  });
});
