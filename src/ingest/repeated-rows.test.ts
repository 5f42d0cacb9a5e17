import { existsSync, rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { ImportEntity } from './canonical.js';
import { importFile } from './import-file.service.js';

const files = scratchFiles('repeated-rows');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

let written = 0;
const csv = (lines: string[]) => files.file(`file-${(written += 1)}.csv`, `${lines.join('\n')}\n`);

// Exports often repeat a row whole: the repeat adds nothing to what its first copy stored, so it is
// unchanged, not a reject; a repeat of an id that states anything otherwise is still rejected.
describeEachStore('rows an import meets twice', (context) => {
  const db = () => context.store.db;
  const run = (entity: ImportEntity, file: string, batchSize?: number) => importFile(db(), { ...importDefaults, entity, file, batchSize });
  const rowCounts = ({ read, inserted, updated, unchanged, rejected }: { read: number; inserted: number; updated: number; unchanged: number; rejected: number }) =>
    ({ read, inserted, updated, unchanged, rejected });
  const reasons = (summary: Awaited<ReturnType<typeof run>>) => summary.rejectsSample.map((reject) => [reject.line, reject.code, reject.reason]);
  const runCounts = (importId: number) => db().selectFrom('import_run')
    .select(['read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'rejected_count', 'order_inserted_count', 'order_unchanged_count', 'order_rejected_count', 'created_customer_count'])
    .where('import_id', '=', importId).executeTakeFirstOrThrow();
  const factsOf = async (customerId: string) => {
    const facts = await db().selectFrom('customer_identity as i').innerJoin('customer_trait as t', 't.customer_id', 'i.customer_id')
      .select(['t.order_count', 't.revenue_minor', 't.purchase_days', 't.interest_event_count', 't.customer_id'])
      .where('i.kind', '=', 'external').where('i.value', '=', customerId).executeTakeFirstOrThrow();
    const days = await db().selectFrom('customer_purchase_day').select(['order_count', 'amount_minor']).where('customer_id', '=', facts.customer_id).execute();
    return { orders: Number(facts.order_count), revenue: Number(facts.revenue_minor), purchaseDays: Number(facts.purchase_days), events: Number(facts.interest_event_count),
      days: days.map((day) => [Number(day.order_count), Number(day.amount_minor)]) };
  };
  const storedOrders = (externalId: string) => db().selectFrom('customer_order').select(['import_line', 'total_minor']).where('external_id', '=', externalId).execute();

  it('counts an order row repeated exactly in the same batch as unchanged, once everywhere, and still so when the file is imported again', async () => {
    const file = csv([
      'order_id,customer_id,ordered_at,amount,channel,promotion_code',
      'A1001,RA1,2024-06-01T10:00:00Z,12500,web,',
      'A1002,RA2,2024-06-02T10:00:00Z,8000,store,SPRING',
      'A1001,RA1,2024-06-01T10:00:00Z,12500,web,',
      'A1002,RA2,2024-06-02T10:00:00Z,8000,store,SPRING',
      'A1002,RA2,2024-06-02T10:00:00Z,8000,store,SUMMER',
    ]);
    const first = await run('orders', file);
    expect(rowCounts(first)).toEqual({ read: 5, inserted: 2, updated: 0, unchanged: 2, rejected: 1 });
    expect(first.orders).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.createdCustomers).toBe(2);
    expect(reasons(first)).toEqual([[6, 'ORDER_DUPLICATE_IN_FILE',
      'Duplicate order id A1002 with a different promotion_code: "SUMMER" here, "SPRING" on line 3 of this file. Keep one row per order.']]);
    expect(first.rejectsSample[0]).toMatchObject({ field: 'order_id', params: { order: 'A1002', firstLine: 3 } });
    expect(await runCounts(first.importId)).toEqual({
      read_count: 5, inserted_count: 2, updated_count: 0, unchanged_count: 2, rejected_count: 1,
      order_inserted_count: 2, order_unchanged_count: 0, order_rejected_count: 0, created_customer_count: 2,
    });
    expect(await storedOrders('A1001')).toEqual([{ import_line: 2, total_minor: 12500 }]);
    expect(await factsOf('RA1')).toEqual({ orders: 1, revenue: 12500, purchaseDays: 1, events: 0, days: [[1, 12500]] });

    const again = await run('orders', file);
    expect(rowCounts(again)).toEqual({ read: 5, inserted: 0, updated: 0, unchanged: 4, rejected: 1 });
    expect(again.orders).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(again.createdCustomers).toBe(0);
    expect(await factsOf('RA1')).toEqual({ orders: 1, revenue: 12500, purchaseDays: 1, events: 0, days: [[1, 12500]] });
  });

  it('counts a repeat of a row an earlier batch stored as unchanged, and names the first row and the field of a repeat that differs', async () => {
    // batches of 2 rows: lines 2–3, 4–5, 6–7
    const file = csv([
      'order_id,customer_id,ordered_at,amount,status',
      'B1001,RB1,2024-06-01T10:00:00Z,12500,paid',
      'B1002,RB2,2024-06-02T10:00:00Z,8000,paid',
      'B1001,RB1,2024-06-01T10:00:00Z,12500,paid',
      'B1003,RB2,2024-06-03T10:00:00Z,3000,paid',
      'B1001,RB1,2024-06-01T10:00:00Z,12000,paid',
      'B1003,RB2,2024-06-03T10:05:00Z,3000,paid',
    ]);
    const summary = await run('orders', file, 2);
    expect(rowCounts(summary)).toEqual({ read: 6, inserted: 3, updated: 0, unchanged: 1, rejected: 2 });
    expect(summary.orders).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(summary.createdCustomers).toBe(2);
    // the unchanged repeat on line 4 left the order as the first row stored it: line 6 is named after line 2
    expect(reasons(summary)).toEqual([
      [6, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id B1001 with a different amount: "12000" here, "12500" on line 2 of this file. Keep one row per order.'],
      [7, 'ORDER_DUPLICATE_IN_FILE', 'Duplicate order id B1003 with a different ordered_at: "2024-06-03T10:05:00Z" here, "2024-06-03T10:00:00.000Z" on line 5 of this file. Keep one row per order.'],
    ]);
    expect(summary.rejectsSample[0]).toMatchObject({ field: 'order_id', params: { order: 'B1001', firstLine: 2 } });
    expect(await runCounts(summary.importId)).toEqual({
      read_count: 6, inserted_count: 3, updated_count: 0, unchanged_count: 1, rejected_count: 2,
      order_inserted_count: 3, order_unchanged_count: 0, order_rejected_count: 0, created_customer_count: 2,
    });
    expect(await storedOrders('B1001')).toEqual([{ import_line: 2, total_minor: 12500 }]);
    expect(await factsOf('RB1')).toEqual({ orders: 1, revenue: 12500, purchaseDays: 1, events: 0, days: [[1, 12500]] });

    const again = await run('orders', file, 2);
    expect(rowCounts(again)).toEqual({ read: 6, inserted: 0, updated: 0, unchanged: 4, rejected: 2 });
    expect(again.orders).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it('rejects an exact repeat with its first row when that row is rejected', async () => {
    const summary = await run('orders', csv([
      'order_id,customer_id,ordered_at,amount,currency',
      'C1001,RC1,2024-06-01T10:00:00Z,10,CHF',
      'C1001,RC1,2024-06-01T10:00:00Z,10,CHF',
      'C1002,RC1,2024-06-02T10:00:00Z,10000,IDR',
    ]));
    expect(rowCounts(summary)).toEqual({ read: 3, inserted: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(summary.orders).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 1 });
    expect(summary.rejectsSample.map((reject) => [reject.line, reject.code])).toEqual([[2, 'CURRENCY_RATE_MISSING'], [3, 'CURRENCY_RATE_MISSING']]);
  });

  it('counts an event row repeated exactly, in its batch or after an earlier one, as unchanged, and rejects one that differs', async () => {
    // batches of 2 rows: lines 2–3, 4–5, 6–7
    const file = csv([
      'event_id,customer_id,kind,channel,occurred_at,detail',
      'E1,RE1,visit,web,2024-06-01T10:00:00Z,home',
      'E1,RE1,visit,web,2024-06-01T10:00:00Z,home',
      'E2,RE2,cart,web,2024-06-02T10:00:00Z,',
      'E1,RE1,visit,web,2024-06-01T10:00:00Z,home',
      'E1,RE1,visit,web,2024-06-01T10:00:00Z,pricing',
      'E2,RE2,cart,web,2024-06-02T10:00:00Z,',
    ]);
    const summary = await run('events', file, 2);
    expect(rowCounts(summary)).toEqual({ read: 6, inserted: 2, updated: 0, unchanged: 3, rejected: 1 });
    expect(summary.createdCustomers).toBe(2);
    expect(reasons(summary)).toEqual([[6, 'EVENT_DUPLICATE_IN_FILE',
      'Duplicate event E1 with a different detail: "pricing" here, "home" on line 2 of this file. Keep one row per event.']]);
    expect(await runCounts(summary.importId)).toMatchObject({ read_count: 6, inserted_count: 2, unchanged_count: 3, rejected_count: 1, created_customer_count: 2 });
    expect(await factsOf('RE1')).toMatchObject({ events: 1 });
    expect(await db().selectFrom('interest_event').select('import_line').where('external_id', '=', 'E1').execute()).toEqual([{ import_line: 2 }]);

    const inOneBatch = await run('events', csv([
      'event_id,customer_id,kind,channel,occurred_at,detail',
      'E3,RE1,signup,web,2024-06-03T10:00:00Z,',
      'E3,RE1,signup,web,2024-06-03T10:00:00Z,',
      'E3,RE1,signup,store,2024-06-03T10:00:00Z,',
    ]));
    expect(rowCounts(inOneBatch)).toEqual({ read: 3, inserted: 1, updated: 0, unchanged: 1, rejected: 1 });
    expect(reasons(inOneBatch)).toEqual([[4, 'EVENT_DUPLICATE_IN_FILE',
      'Duplicate event E3 with a different channel: "store" here, "web" on line 2 of this file. Keep one row per event.']]);
    expect(await factsOf('RE1')).toMatchObject({ events: 2 });
  });

  it('rejects a row of an order read whole that differs from the first in a column no field reads (lines set aside without a unit_price)', async () => {
    // product_name and quantity are not read without a unit_price: the two rows are two lines of one order, not a repeat
    const file = csv([
      'order_id,customer_id,ordered_at,amount,product_name,quantity',
      'G1,RG1,2024-06-01T10:00:00Z,10,Shirt,1',
      'G1,RG1,2024-06-01T10:00:00Z,10,Scarf,1',
      'G1,RG1,2024-06-01T10:00:00Z,10,Shirt,1',
    ]);
    const summary = await run('orders', file);
    expect(rowCounts(summary)).toEqual({ read: 3, inserted: 1, updated: 0, unchanged: 1, rejected: 1 });
    expect(reasons(summary)).toEqual([[3, 'ORDER_DUPLICATE_IN_FILE',
      'Duplicate order id G1 with a different product_name: "Scarf" here, "Shirt" on line 2 of this file. Keep one row per order.']]);
    expect(await factsOf('RG1')).toMatchObject({ orders: 1, revenue: 10 });

    // after an earlier batch the first row's text is known by its digest: the column that differs is named, not its first value
    const acrossBatches = await run('orders', csv([
      'order_id,customer_id,ordered_at,amount,product_name,quantity',
      'G2,RG2,2024-06-01T10:00:00Z,10,Shirt,1',
      'G3,RG2,2024-06-02T10:00:00Z,10,Shirt,1',
      'G2,RG2,2024-06-01T10:00:00Z,10,Scarf,1',
      'G2,RG2,2024-06-01T10:00:00Z,10,Shirt,1',
    ]), 2);
    expect(rowCounts(acrossBatches)).toEqual({ read: 4, inserted: 2, updated: 0, unchanged: 1, rejected: 1 });
    expect(reasons(acrossBatches)).toEqual([[4, 'ORDER_DUPLICATE_IN_FILE',
      'Duplicate order id G2 with a different product_name: "Scarf" here, other text on line 2 of this file. Keep one row per order.']]);
  });

  it('rejects a repeat that gives its customer another email, whichever batch its first row was in, and keeps the email off the customer', async () => {
    const identitiesOf = async (customerId: string) => (await db().selectFrom('customer_identity as i')
      .innerJoin('customer_identity as o', 'o.customer_id', 'i.customer_id').select('o.value')
      .where('i.kind', '=', 'external').where('i.value', '=', customerId).where('o.kind', '=', 'email').orderBy('o.value').execute()).map((row) => row.value);
    for (const [suffix, batchSize] of [['1', undefined], ['2', 2]] as const) {
      const summary = await run('orders', csv([
        'order_id,customer_id,customer_email,customer_name,ordered_at,amount',
        `H${suffix}01,RH${suffix},x${suffix}@example.com,Ann,2024-06-01T10:00:00Z,100`,
        `H${suffix}02,RH${suffix}B,b${suffix}@example.com,Bea,2024-06-02T10:00:00Z,100`,
        `H${suffix}01,RH${suffix},y${suffix}@example.com,Bob,2024-06-01T10:00:00Z,100`,
      ]), batchSize);
      expect(rowCounts(summary)).toEqual({ read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 });
      expect(reasons(summary)[0]).toEqual([4, 'ORDER_DUPLICATE_IN_FILE', expect.stringContaining(`Duplicate order id H${suffix}01 with a different customer_email: "y${suffix}@example.com" here`)]);
      expect(await identitiesOf(`RH${suffix}`)).toEqual([`x${suffix}@example.com`]);

      const events = await run('events', csv([
        'event_id,customer_id,customer_email,kind,occurred_at',
        `EH${suffix}1,RJ${suffix},x${suffix}@example.org,visit,2024-06-01T10:00:00Z`,
        `EH${suffix}2,RJ${suffix}B,b${suffix}@example.org,visit,2024-06-01T10:00:00Z`,
        `EH${suffix}1,RJ${suffix},y${suffix}@example.org,visit,2024-06-01T10:00:00Z`,
      ]), batchSize);
      expect(rowCounts(events)).toEqual({ read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 });
      expect(reasons(events)[0]).toEqual([4, 'EVENT_DUPLICATE_IN_FILE', expect.stringContaining(`Duplicate event EH${suffix}1 with a different customer_email: "y${suffix}@example.org" here`)]);
      expect(await identitiesOf(`RJ${suffix}`)).toEqual([`x${suffix}@example.org`]);
    }
  });

  it('judges a row that differs from a rejected repeat against the order stored, whichever batch holds them', async () => {
    for (const [suffix, batchSize] of [['1', undefined], ['2', 2]] as const) {
      // with batches of 2: line 4 repeats A1 from the first batch otherwise and is rejected; line 5 states A1 as stored
      const summary = await run('orders', csv([
        'order_id,customer_id,ordered_at,amount',
        `K${suffix}1,RK${suffix},2024-06-01T10:00:00Z,100`,
        `K${suffix}2,RK${suffix},2024-06-02T10:00:00Z,100`,
        `K${suffix}1,RK${suffix},2024-06-01T10:00:00Z,200`,
        `K${suffix}1,RK${suffix},2024-06-01T10:00:00Z,100`,
        `K${suffix}1,RK${suffix},2024-06-01T10:00:00Z,300`,
      ]), batchSize);
      expect(rowCounts(summary)).toEqual({ read: 5, inserted: 2, updated: 0, unchanged: 1, rejected: 2 });
      expect(summary.orders).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
      expect(reasons(summary)).toEqual([
        [4, 'ORDER_DUPLICATE_IN_FILE', `Duplicate order id K${suffix}1 with a different amount: "200" here, "100" on line 2 of this file. Keep one row per order.`],
        [6, 'ORDER_DUPLICATE_IN_FILE', `Duplicate order id K${suffix}1 with a different amount: "300" here, "100" on line 2 of this file. Keep one row per order.`],
      ]);
      expect(await factsOf(`RK${suffix}`)).toMatchObject({ orders: 2, revenue: 200 });
    }
  });

  it('counts an event row without an id repeated exactly as unchanged: its id derives from its content', async () => {
    const summary = await run('events', csv([
      'customer_id,kind,occurred_at',
      'RF1,visit,2024-06-01T10:00:00Z',
      'RF1,visit,2024-06-01T10:00:00Z',
    ]));
    expect(rowCounts(summary)).toEqual({ read: 2, inserted: 1, updated: 0, unchanged: 1, rejected: 0 });
    expect(await factsOf('RF1')).toMatchObject({ events: 1 });
  });

  it('counts a product row repeated exactly as unchanged, and rejects one that differs, naming the field', async () => {
    const summary = await run('products', csv([
      'sku,name,category,unit_price',
      'RP1,Kopi,drinks,20000',
      'RP1,Kopi,drinks,20000',
      'RP2,Teh,drinks,10000',
      'RP1,Kopi,drinks,21000',
    ]));
    expect(rowCounts(summary)).toEqual({ read: 4, inserted: 2, updated: 0, unchanged: 1, rejected: 1 });
    expect(reasons(summary)).toEqual([[5, 'PRODUCT_DUPLICATE_IN_FILE',
      'Duplicate SKU RP1 with a different unit_price: "21000" here, "20000" on line 2 of this file. Keep one row per product.']]);
    expect(await db().selectFrom('product').select(['sku', 'unit_price_minor']).where('sku', 'in', ['RP1', 'RP2']).orderBy('sku').execute())
      .toEqual([{ sku: 'RP1', unit_price_minor: 20000 }, { sku: 'RP2', unit_price_minor: 10000 }]);
  });
});

describeEachCliStore('clientele import: a file whose only fault is a repeated row', (context) => {
  it('exits 0 with no rejects file for an exact repeat, and 2 with a rejects file for a repeat that differs', async () => {
    const repeated = files.file(`${context.kind}-repeated.csv`, 'order_id,customer_id,ordered_at,amount\nD1,RD1,2024-06-01,10000\nD2,RD2,2024-06-02,5000\nD1,RD1,2024-06-01,10000\n');
    const clean = await runCliInProcess(context.db, ['--json', 'import', 'orders', repeated]);
    expect(clean.error).toBeNull();
    expect(clean.exitCode).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ read: 3, inserted: 2, unchanged: 1, rejected: 0, orders: { inserted: 2, unchanged: 0, rejected: 0 }, createdCustomers: 2 });
    expect(existsSync(`${repeated}.rejects.csv`)).toBe(false);

    const differing = files.file(`${context.kind}-differing.csv`, 'order_id,customer_id,ordered_at,amount\nD3,RD1,2024-06-03,10000\nD3,RD1,2024-06-03,11000\n');
    const text = await runCliInProcess(context.db, ['import', 'orders', differing]);
    expect(text.exitCode).toBe(2);
    expect(text.stdout).toContain('read 2 rows  inserted 1  updated 0  unchanged 0  rejected 1');
    expect(existsSync(`${differing}.rejects.csv`)).toBe(true);
  }, 240_000);
});
