import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from './ingest-batch.service.js';

const clock = fixedClock('2025-01-01T00:00:00Z');

// An order's other rows, rejected with the row that was bad, name that row where it is: a line of
// the file, or, for an API batch sent without its file's lines, an item of this batch.
describeEachStore('rejects of an order row in an API batch that name the row that was bad', (context) => {
  const row = (order: string, sku: string, quantity: unknown) => ({
    order_id: order, customer_email: `${order.toLowerCase()}@example.com`, ordered_at: '2024-06-01T10:00:00Z', sku, quantity, unit_price: '10',
  });
  const reasonsOf = async (records: object[], lines?: number[]) =>
    (await ingestRecords(context.store.db, 'orders', records, { actor: 'test', clock, lines })).rejects.map((reject) => [reject.line, reject.code, reject.reason]);

  it('names the rejected row of an order as an item of this batch, or as a line of the file when the batch says its lines', async () => {
    const records = [row('W1', 'A', '1'), row('W1', 'B', '-1'), row('W2', 'A', '1')];
    expect((await reasonsOf(records))[0]).toEqual([1, 'ORDER_ROW_REJECTED',
      "item 2 of this batch, another row of order W1, was rejected, so none of the order's rows is stored (its total and lines would miss that row); fix item 2 and send all of the order's rows again"]);
    expect((await reasonsOf(records, [7, 8, 9]))[0]).toEqual([7, 'ORDER_ROW_REJECTED',
      "line 8, another row of order W1, was rejected, so none of the order's rows is stored (its total and lines would miss that row); fix line 8 and import all of the order's rows again"]);
  });

  it('names a record that holds a list, and the order rows it takes with it, as items of this batch', async () => {
    expect(await reasonsOf([row('W3', 'A', '1'), row('W3', 'B', [1, 2])])).toEqual([
      [1, 'ORDER_ROW_REJECTED', expect.stringMatching(/^item 2 of this batch, another row of order W3, was rejected, .*; fix item 2 and send all/)],
      [2, 'FIELD_NOT_SCALAR', 'item 2 has a list (JSON array) in "quantity", which takes one value; give a single value for quantity: text, a number or true/false'],
    ]);
    expect(await reasonsOf([row('W4', 'A', '1'), row('W4', 'B', [1, 2])], [3, 4])).toEqual([
      [3, 'ORDER_ROW_REJECTED', expect.stringMatching(/^line 4, another row of order W4, was rejected, .*; fix line 4 and import all/)],
      [4, 'FIELD_NOT_SCALAR', 'line 4 has a list (JSON array) in "quantity", which takes one value; give a single value for quantity: text, a number or true/false'],
    ]);
  });
});
