import { describe, expect, it } from 'vitest';
import { planBatches } from './import-batches.js';
import type { LineRecord } from './import-rows.js';

const row = (line: number, orderId: string | undefined): LineRecord => ({ line, record: orderId === undefined ? { amount: '1' } : { order_id: orderId, sku: `S${line}` } });
const linesOf = (batches: LineRecord[][]) => batches.map((batch) => batch.map((entry) => entry.line));

describe('planBatches', () => {
  it('keeps every row of an order in one batch, even when the rows are apart in the file', () => {
    const records = [row(2, 'A'), row(3, 'A'), row(4, 'B'), row(5, 'C'), row(6, 'B'), row(7, 'D')];
    expect(linesOf(planBatches('orders', records, 3))).toEqual([[2, 3], [4, 6, 5], [7]]);
    expect(linesOf(planBatches('lines', records, 3))).toEqual([[2, 3], [4, 6, 5], [7]]);
  });

  it('gives an order with more rows than a batch a batch of its own, whole', () => {
    const records = [row(2, 'A'), ...[3, 4, 5, 6].map((line) => row(line, 'BIG')), row(7, 'C')];
    expect(linesOf(planBatches('orders', records, 2))).toEqual([[2], [3, 4, 5, 6], [7]]);
  });

  it('keeps rows of one order as the server keys its id together: a spreadsheet\'s "536365.0" is 536365', () => {
    // apart, the server would store the order from one batch with the lines of one batch only
    const records = [row(2, '536365'), row(3, 'B'), row(4, ' 536365.0 ')];
    expect(linesOf(planBatches('orders', records, 1))).toEqual([[2, 4], [3]]);
  });

  it('treats rows without an order id as orders of their own', () => {
    expect(linesOf(planBatches('orders', [row(2, undefined), row(3, undefined), row(4, ' ')], 2))).toEqual([[2, 3], [4]]);
  });

  it('cuts other files by size alone, in file order', () => {
    const records = [2, 3, 4, 5, 6].map((line) => row(line, 'same'));
    expect(linesOf(planBatches('customers', records, 2))).toEqual([[2, 3], [4, 5], [6]]);
  });
});
