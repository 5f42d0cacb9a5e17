import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { ImportEntity } from './canonical.js';
import { ingestRecords } from './ingest-batch.service.js';
import { openImportRun } from './open-import-runs.service.js';

const clock = fixedClock('2025-01-01T00:00:00Z');
const base = { actor: 'test', clock };

// The reasons that name another row say where it is: a line of the file, or, for an API batch sent
// without its file's lines (its records known by their place in it), an item of this or an earlier batch.
describeEachStore('rejects that name the row an order, customer, product or event first appeared on', (context) => {
  const db = () => context.store.db;
  const order = (id: string, email: string, amount = '10') => ({ order_id: id, customer_email: email, ordered_at: '2024-06-01T10:00:00Z', amount });
  const reasonsOf = async (entity: ImportEntity, records: object[], options: { lines?: number[]; importId?: number } = {}) =>
    (await ingestRecords(db(), entity, records, { ...base, ...options })).rejects.map((reject) => [reject.line, reject.code, reject.reason]);

  it('names the first row of a repeated id as an item of the batch, or as a line of the file when the batch says its lines', async () => {
    // (a row repeated exactly is no reject: repeated-rows.test.ts)
    const orders = [order('P1', 'p1@example.com'), order('P2', 'p2@example.com'), order('P1', 'p1@example.com', '12')];
    expect(await reasonsOf('orders', orders)).toEqual([[3, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id P1 with a different amount: "12" here, "10" as item 1 of this batch. Keep one row per order.']]);
    expect(await reasonsOf('orders', orders, { lines: [2, 5, 9] })).toEqual([[9, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id P1 with a different amount: "12" here, "10" on line 2 of this file. Keep one row per order.']]);

    expect(await reasonsOf('customers', [{ customer_id: 'PC1' }, { customer_id: 'PC1', name: 'Again' }])).toEqual([
      [2, 'CUSTOMER_DUPLICATE_IN_FILE', 'Duplicate customer id PC1: it already appeared as item 1 of this batch. Keep one row per customer.'],
    ]);
    expect(await reasonsOf('products', [{ sku: 'PS1' }, { sku: 'PS1', name: 'Again' }])).toEqual([
      [2, 'PRODUCT_DUPLICATE_IN_FILE', 'Duplicate SKU PS1 with a different name: "Again" here, none as item 1 of this batch. Keep one row per product.'],
    ]);
    const event = { event_id: 'PE1', customer_email: 'p1@example.com', kind: 'visit', occurred_at: '2024-06-01T10:00:00Z' };
    expect(await reasonsOf('events', [event, { ...event, detail: 'again' }])).toEqual([
      [2, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event PE1 with a different detail: "again" here, none as item 1 of this batch. Keep one row per event.'],
    ]);
    const line = { order_id: 'P2', line_no: '1', sku: 'PS1', quantity: '1', unit_price: '10' };
    expect(await reasonsOf('lines', [line, line])).toEqual([
      [2, 'LINE_DUPLICATE_IN_FILE', 'Line 1 of order P2 already appeared as item 1 of this batch. Keep one row per order line.'],
    ]);
  });

  it('names a row an earlier batch of the run sent as an item of an earlier batch, not of this one', async () => {
    const ordersRun = (await openImportRun(db(), { entity: 'orders', fileName: null, actor: 'test' })).import_id;
    await ingestRecords(db(), 'orders', [order('Q1', 'q1@example.com')], { ...base, importId: ordersRun });
    expect(await reasonsOf('orders', [order('Q2', 'q2@example.com'), order('Q1', 'q1@example.com', '12')], { importId: ordersRun })).toEqual([
      [2, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id Q1 with a different amount: "12" here, "10" as item 1 of an earlier batch of this import. Keep one row per order.'],
    ]);

    const customersRun = (await openImportRun(db(), { entity: 'customers', fileName: null, actor: 'test' })).import_id;
    await ingestRecords(db(), 'customers', [{ customer_id: 'QC1' }], { ...base, importId: customersRun });
    expect(await reasonsOf('customers', [{ customer_id: 'QC2' }, { customer_id: 'QC1' }, { customer_id: 'QC2' }], { importId: customersRun })).toEqual([
      [2, 'CUSTOMER_DUPLICATE_IN_FILE', 'Duplicate customer id QC1: it already appeared as item 1 of an earlier batch of this import. Keep one row per customer.'],
      [3, 'CUSTOMER_DUPLICATE_IN_FILE', 'Duplicate customer id QC2: it already appeared as item 1 of this batch. Keep one row per customer.'],
    ]);

    const eventsRun = (await openImportRun(db(), { entity: 'events', fileName: null, actor: 'test' })).import_id;
    const event = { event_id: 'QE1', customer_email: 'q1@example.com', kind: 'visit', occurred_at: '2024-06-01T10:00:00Z' };
    await ingestRecords(db(), 'events', [event], { ...base, importId: eventsRun });
    expect(await reasonsOf('events', [{ ...event, event_id: 'QE2' }, { ...event, channel: 'web' }], { importId: eventsRun })).toEqual([
      [2, 'EVENT_DUPLICATE_IN_FILE', 'Duplicate event QE1 with a different channel: "web" here, "other" as item 1 of an earlier batch of this import. Keep one row per event.'],
    ]);
  });

  it('names the customer reference of a row whose order id is stored for another customer, and what to do', async () => {
    await ingestRecords(db(), 'orders', [order('R1', 'r1@example.com')], base);
    const summary = await ingestRecords(db(), 'orders', [order('R1', 'r2@example.com')], base);
    const owner = Number((await db().selectFrom('customer_identity').select('customer_id').where('kind', '=', 'email').where('value', '=', 'r1@example.com').executeTakeFirstOrThrow()).customer_id);
    expect(summary.rejects).toEqual([expect.objectContaining({
      line: 1, field: 'customer_email', code: 'ORDER_OTHER_CUSTOMER', params: { order: 'R1', customerId: owner, field: 'customer_email', value: 'r2@example.com' },
      reason: `Order R1 already belongs to customer #${owner}, but this row's customer_email "r2@example.com" names another customer, and an order keeps its customer. `
        + 'If it is another order, give it an order id of its own; if it is the same order, correct customer_email, or, when both are one person, merge the customers and import the row again.',
    })]);
  });
});
