import { fileURLToPath } from 'node:url';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import type { ImportEntity } from './canonical.js';
import { importFile, type ImportFileOptions, type ImportSummary } from './import-file.service.js';
import { ingestRecords } from './ingest-batch.service.js';
import { listImportRuns } from './import-runs.repo.js';

const fixture = (path: string) => fileURLToPath(new URL(`../../test/fixtures/${path}`, import.meta.url));
const files = scratchFiles('order-counts');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

let written = 0;
const csv = (lines: string[]) => files.file(`file-${(written += 1)}.csv`, `${lines.join('\n')}\n`);

const shopifyHeader = 'Name,Email,Financial Status,Currency,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Refunded Amount,Source';
/** 2 orders in 3 rows, as Shopify exports them: the order's fields on its first row only. */
const shopifyRows = (kopiPrice = '20000') => [
  shopifyHeader,
  `#7001,oc@example.com,paid,IDR,50000,0,2024-04-01 10:00:00 +0700,1,Kopi,${kopiPrice},K-1,0,web`,
  '#7001,,,,,,,1,Roti,25000,R-1,,',
  '#7002,oc@example.com,paid,IDR,10000,0,2024-04-02 10:00:00 +0700,1,Teh,10000,T-1,0,web',
];

const counts = (summary: Pick<ImportSummary, 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'orders'>) => {
  const { read, inserted, updated, unchanged, rejected, orders } = summary;
  // rows stay the unit of the row counts: every row read is one of them
  expect(inserted + updated + unchanged + rejected).toBe(read);
  return { rows: { read, inserted, updated, unchanged, rejected }, orders };
};

describeEachStore('counting orders beside rows', (context) => {
  const db = () => context.store.db;
  const run = async (entity: ImportEntity, file: string, options: Partial<ImportFileOptions> = {}) => counts(await importFile(db(), { ...importDefaults, entity, file, ...options }));

  it('counts a Shopify export of 2 orders in 3 rows as 3 rows and 2 orders, inserted then unchanged, and a changed order once', async () => {
    const file = csv(shopifyRows());
    expect(await run('orders', file, { preset: 'shopify-orders' })).toEqual({
      rows: { read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 }, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(await run('orders', file, { preset: 'shopify-orders' })).toEqual({
      rows: { read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 }, orders: { inserted: 0, updated: 0, unchanged: 2, rejected: 0 },
    });
    // one line of #7001 changed its price: its row is updated, the other row's line is as stored, and the order counts once
    expect(await run('orders', csv(shopifyRows('21000')), { preset: 'shopify-orders' })).toEqual({
      rows: { read: 3, inserted: 0, updated: 1, unchanged: 2, rejected: 0 }, orders: { inserted: 0, updated: 1, unchanged: 1, rejected: 0 },
    });
  });

  it('counts a file of one row per order as many orders as rows; a repeated id is a rejected row of an order counted once', async () => {
    expect(await run('orders', fixture('store/orders.csv'))).toEqual({
      rows: { read: 8, inserted: 8, updated: 0, unchanged: 0, rejected: 0 }, orders: { inserted: 8, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(await run('orders', fixture('store/orders.csv'))).toEqual({
      rows: { read: 8, inserted: 0, updated: 0, unchanged: 8, rejected: 0 }, orders: { inserted: 0, updated: 0, unchanged: 8, rejected: 0 },
    });
    // B1 is stored and its repeat on line 8 rejected (B1 counts once); B2–B7 are rejected when read, B8 for want of an EUR rate
    const bad = await run('orders', fixture('store/bad-orders.csv'));
    expect(bad).toEqual({ rows: { read: 9, inserted: 1, updated: 0, unchanged: 0, rejected: 8 }, orders: { inserted: 1, updated: 0, unchanged: 0, rejected: 7 } });
  });

  it('counts an order none of whose rows is stored as one rejected order, whatever rejected its rows', async () => {
    await sql`insert into currency_rate (currency, rate_to_store) values ('EUR', 17500) on conflict (currency) do nothing`.execute(db());
    // #1001 (2 rows) and #1002 are stored; #1003 is only pending payment, #1004 names no customer
    expect(await run('orders', fixture('ingest/shopify-orders.csv'), { preset: 'shopify-orders' })).toEqual({
      rows: { read: 5, inserted: 3, updated: 0, unchanged: 0, rejected: 2 }, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 2 },
    });
    // a bad line row rejects its order's other rows: 3 rows, 1 order
    expect(await run('orders', csv([
      'order_id,customer_id,ordered_at,sku,quantity,unit_price',
      'RJ1,rjc,2024-05-01,A,1,100', 'RJ1,rjc,2024-05-01,B,x,100', 'RJ1,rjc,2024-05-01,C,1,100', 'RJ2,rjc,2024-05-01,A,1,100',
    ]))).toEqual({ rows: { read: 4, inserted: 1, updated: 0, unchanged: 0, rejected: 3 }, orders: { inserted: 1, updated: 0, unchanged: 0, rejected: 1 } });
  });

  it('rejects an order whole when one of its rows cannot be read (one comma too many), and counts it rejected', async () => {
    // the reviewer's case: the Mug row of #7101 has an extra comma; #7101 was stored with its first line only, total still 50000
    const file = csv([
      shopifyHeader,
      '#7101,broken@example.com,paid,IDR,50000,0,2024-04-03 10:00:00 +0700,1,Kopi,30000,BEAN-1,0,web',
      '#7101,,,,,,,1,Mug,20000,MUG-1,,,',
      '#7102,broken@example.com,paid,IDR,10000,0,2024-04-04 10:00:00 +0700,1,Teh,10000,T-1,0,web',
    ]);
    expect(await run('orders', file, { preset: 'shopify-orders' })).toEqual({
      rows: { read: 3, inserted: 1, updated: 0, unchanged: 0, rejected: 2 }, orders: { inserted: 1, updated: 0, unchanged: 0, rejected: 1 },
    });
    const stored = await db().selectFrom('customer_order').select('external_id').where('external_id', 'in', ['#7101', '#7102']).execute();
    expect(stored.map((order) => order.external_id)).toEqual(['#7102']);
  });

  it('counts the order of a row with an unclosed quote or bytes that are not UTF-8 as rejected in a file of one row per order', async () => {
    const quote = csv(['order_id,customer_id,ordered_at,amount,promotion_code', 'UQ1,uqc,2024-05-11,100,', 'UQ2,uqc,2024-05-12,100,"SPRING']);
    expect(await run('orders', quote)).toEqual({
      rows: { read: 2, inserted: 1, updated: 0, unchanged: 0, rejected: 1 }, orders: { inserted: 1, updated: 0, unchanged: 0, rejected: 1 },
    });
    const bytes = join(files.directory, 'not-utf8.csv');
    writeFileSync(bytes, Buffer.concat([
      Buffer.from('order_id,customer_id,ordered_at,amount,promotion_code\nUB1,ubc,2024-05-11,100,\nUB2,ubc,2024-05-12,100,Sal'), Buffer.from([0xe9]), Buffer.from('\n'),
    ]));
    expect(await run('orders', bytes)).toEqual({
      rows: { read: 2, inserted: 1, updated: 0, unchanged: 0, rejected: 1 }, orders: { inserted: 1, updated: 0, unchanged: 0, rejected: 1 },
    });
  });

  it('counts an order once when its rows fall into several batches of one import', async () => {
    const rows = ['order_id,customer_id,ordered_at,amount,sku,quantity,unit_price',
      'SP1,spc,2024-05-02,300,A,1,100', 'SP1,spc,2024-05-02,300,B,1,100', 'SP1,spc,2024-05-02,300,C,1,100',
      'SP2,spc,2024-05-03,100,A,1,100', 'SP1,spc,2024-05-02,300,D,1,0'];
    // a batch of one row: SP1's first three rows fill two batches, and its last row is apart from them
    const file = csv(rows);
    expect(await run('orders', file, { batchSize: 1 })).toEqual({
      rows: { read: 5, inserted: 5, updated: 0, unchanged: 0, rejected: 0 }, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    });
    const plain = csv(['order_id,customer_id,ordered_at,amount', 'SP3,spc,2024-05-04,100', 'SP4,spc,2024-05-05,100', 'SP3,spc,2024-05-06,999']);
    expect(await run('orders', plain, { batchSize: 1 })).toEqual({
      rows: { read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 }, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    });
    expect(await run('orders', plain, { batchSize: 1 })).toEqual({
      rows: { read: 3, inserted: 0, updated: 0, unchanged: 2, rejected: 1 }, orders: { inserted: 0, updated: 0, unchanged: 2, rejected: 0 },
    });
    // a repeat rejected when read (its date) names an order an earlier batch stored: that order is not rejected
    const repeatRejected = csv(['order_id,customer_id,ordered_at,amount', 'SP5,spc,2024-05-04,100', 'SP6,spc,2024-05-05,100', 'SP5,spc,not-a-date,100']);
    expect(await run('orders', repeatRejected, { batchSize: 1 })).toEqual({
      rows: { read: 3, inserted: 2, updated: 0, unchanged: 0, rejected: 1 }, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 0 },
    });
  });

  it('counts the orders a lines file names: updated when their lines changed, rejected when not in the store', async () => {
    await run('orders', csv(['order_id,customer_id,ordered_at,amount', 'LN1,lnc,2024-05-07,300', 'LN2,lnc,2024-05-08,100']));
    const file = csv(['order_id,sku,quantity,unit_price', 'LN1,S1,1,100', 'LN1,S2,2,100', 'LN2,S1,1,100', 'LN9,S1,1,100']);
    expect(await run('lines', file)).toEqual({
      rows: { read: 4, inserted: 3, updated: 0, unchanged: 0, rejected: 1 }, orders: { inserted: 0, updated: 2, unchanged: 0, rejected: 1 },
    });
    expect(await run('lines', file, { batchSize: 1 })).toEqual({
      rows: { read: 4, inserted: 0, updated: 0, unchanged: 3, rejected: 1 }, orders: { inserted: 0, updated: 0, unchanged: 2, rejected: 1 },
    });
    // an order whose lines are apart in the file, in two batches, counts once
    await run('orders', csv(['order_id,customer_id,ordered_at,amount', 'LN3,lnc,2024-05-09,300', 'LN4,lnc,2024-05-10,100']));
    expect(await run('lines', csv(['order_id,sku,quantity,unit_price', 'LN3,S1,1,100', 'LN4,S1,1,100', 'LN3,S2,2,100']), { batchSize: 1 })).toEqual({
      rows: { read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 }, orders: { inserted: 0, updated: 2, unchanged: 0, rejected: 0 },
    });
  });

  it('keeps the order counts in the import run, and has none for entities without orders', async () => {
    const orders = await importFile(db(), { ...importDefaults, entity: 'orders', file: csv(shopifyRows()), preset: 'shopify-orders', source: 'run-test' });
    const customers = await importFile(db(), { ...importDefaults, entity: 'customers', file: fixture('store/customers.csv') });
    expect(customers.orders).toBeNull();
    const runs = await listImportRuns(db(), { limit: 2 });
    const countsOf = (importId: number) => {
      const run = runs.find((row) => row.import_id === importId)!;
      return [run.inserted_count, run.order_inserted_count, run.order_updated_count, run.order_unchanged_count, run.order_rejected_count];
    };
    expect(countsOf(orders.importId)).toEqual([3, 2, 0, 0, 0]);
    expect(countsOf(customers.importId)).toEqual([customers.inserted, null, null, null, null]);
  });

  it('counts the orders of an API batch the same way', async () => {
    const line = (order: string, sku: string, extra: Record<string, string> = {}) => ({ order_id: order, customer_email: 'api-oc@example.com', ordered_at: '2024-06-01T10:00:00+07:00', sku, quantity: '1', unit_price: '100', ...extra });
    const send = (records: Record<string, string>[]) => ingestRecords(db(), 'orders', records, { actor: 'test', clock: importDefaults.clock });
    const first = await send([line('AP1', 'A'), line('AP1', 'B'), line('AP2', 'A'), line('AP3', 'A', { quantity: 'x' })]);
    expect(counts(first)).toEqual({ rows: { read: 4, inserted: 3, updated: 0, unchanged: 0, rejected: 1 }, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 1 } });
    const again = await send([line('AP1', 'A'), line('AP1', 'B', { unit_price: '150' }), line('AP2', 'A')]);
    expect(again.orders).toEqual({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    const events = await ingestRecords(db(), 'events', [{ event_id: 'AE1', kind: 'signup', occurred_at: '2024-06-01', customer_email: 'api-oc@example.com' }], { actor: 'test', clock: importDefaults.clock });
    expect(events).toMatchObject({ inserted: 1, orders: null });
  });
});
