import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { fixedClock } from '../../core/clock.js';
import { rebuildTraits } from '../../traits/index.js';
import type { ImportEntity } from '../canonical.js';
import { importFile, type ImportFileOptions } from '../import-file.service.js';

const clock = fixedClock('2024-12-31T00:00:00Z');
const directory = mkdtempSync(join(tmpdir(), 'clientele-write-path-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

let files = 0;
function csv(lines: string[]): string {
  files += 1;
  const file = join(directory, `file-${files}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const shopifyHeader = 'Name,Email,Financial Status,Currency,Total,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Refunded Amount,Source';

describeEachStore('writing imported batches', (context) => {
  const db = () => context.store.db;
  const run = (entity: ImportEntity, file: string, options: Partial<ImportFileOptions> = {}) =>
    importFile(db(), { entity, file, actor: 'test', clock, rejectsPath: null, ...options });
  const customerOf = async (kind: string, value: string) =>
    (await sql<{ customer_id: number }>`select customer_id from customer_identity where kind = ${kind} and value = ${value}`.execute(db())).rows[0]?.customer_id;
  const revenueOf = async (kind: string, value: string) =>
    Number((await db().selectFrom('customer_trait').select('revenue_minor').where('customer_id', '=', (await customerOf(kind, value))!).executeTakeFirstOrThrow()).revenue_minor);
  const accountsForEveryRow = (summary: { read: number; inserted: number; updated: number; unchanged: number; rejected: number }) =>
    expect(summary.inserted + summary.updated + summary.unchanged + summary.rejected).toBe(summary.read);

  it('stores a foreign order\'s refund and discount in the store currency, so revenue is what was kept', async () => {
    await sql`insert into currency_rate (currency, rate_to_store) values ('EUR', 17500)`.execute(db());
    const orders = await run('orders', csv([
      'order_id,customer_id,ordered_at,amount,currency,refunded_amount,discount_amount,status',
      'fx1,fxc,2024-03-01,100.00,EUR,40.00,5.00,partially_refunded',
    ]));
    expect(orders).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await db().selectFrom('customer_order').select(['total_minor', 'currency', 'amount_minor', 'refunded_minor', 'discount_minor']).where('external_id', '=', 'fx1').executeTakeFirstOrThrow())
      .toEqual({ total_minor: 10000, currency: 'EUR', amount_minor: 1_750_000, refunded_minor: 700_000, discount_minor: 87_500 });
    expect(await revenueOf('external', 'fxc')).toBe(1_050_000);
  });

  it('prices a foreign order\'s lines in the store currency, so its categories add up to its revenue', async () => {
    await run('orders', csv(['order_id,customer_id,ordered_at,category,quantity,unit_price,currency', 'FXL1,fxl,2024-03-02,wine,1,10.00,EUR']));
    expect(await revenueOf('external', 'fxl')).toBe(175_000);
    const wine = await db().selectFrom('customer_category').select('amount_minor').where('customer_id', '=', (await customerOf('external', 'fxl'))!).executeTakeFirstOrThrow();
    expect(Number(wine.amount_minor)).toBe(175_000);
  });

  it('stores a product price in the store currency and rejects one in a currency without a rate', async () => {
    const products = await run('products', csv(['sku,name,category,unit_price,currency', 'P1,Beans,coffee,10.00,EUR', 'P2,Tea,tea,3.00,USD']));
    expect(products).toMatchObject({ inserted: 1, rejected: 1 });
    expect(products.rejectsSample[0]).toMatchObject({ line: 3, field: 'currency' });
    expect(await db().selectFrom('product').select('unit_price_minor').where('sku', '=', 'P1').executeTakeFirstOrThrow()).toEqual({ unit_price_minor: 175_000 });
  });

  it('writes the lines of orders that state their total, across batch boundaries, and counts every row', async () => {
    const file = csv([
      shopifyHeader,
      '#2001,sho@example.com,paid,IDR,50000,0,2024-04-01 10:00:00 +0700,1,Kopi,20000,K-1,0,web',
      '#2001,sho@example.com,,,,,,1,Roti,25000,R-1,,',
      '#2002,sho@example.com,paid,IDR,10000,0,2024-04-02 10:00:00 +0700,1,Teh,10000,T-1,0,web',
    ]);
    const first = await run('orders', file, { preset: 'shopify-orders', batchSize: 1 });
    expect(first).toMatchObject({ read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const order = await db().selectFrom('customer_order').select(['order_id', 'total_minor', 'amount_minor']).where('external_id', '=', '#2001').executeTakeFirstOrThrow();
    expect(order).toMatchObject({ total_minor: 50000, amount_minor: 50000 });
    const lines = await db().selectFrom('order_line').select(['line_no', 'product_name']).where('order_id', '=', order.order_id).orderBy('line_no').execute();
    expect(lines).toEqual([{ line_no: 1, product_name: 'Kopi' }, { line_no: 2, product_name: 'Roti' }]);
    expect(await revenueOf('email', 'sho@example.com')).toBe(60000);

    const again = await run('orders', file, { preset: 'shopify-orders', batchSize: 2 });
    expect(again).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it('keeps a total stated only on an order\'s first row when its lines continue in the next batch', async () => {
    const summary = await run('orders', csv([
      'order_id,customer_id,ordered_at,amount,sku,quantity,unit_price',
      'T1,tc,2024-04-03,90000,A,1,30000',
      'T1,tc,2024-04-03,,B,1,30000',
    ]), { batchSize: 1 });
    expect(summary).toMatchObject({ read: 2, inserted: 2, rejected: 0 });
    expect(await db().selectFrom('customer_order').select('total_minor').where('external_id', '=', 'T1').executeTakeFirstOrThrow()).toEqual({ total_minor: 90000 });
  });

  it('rejects an order id repeated in a later batch on every run, and re-runs change nothing', async () => {
    const file = csv([
      'order_id,customer_id,ordered_at,amount',
      'd1,dupc,2024-05-01,100', 'd2,dupc,2024-05-02,100', 'd3,dupc,2024-05-03,100', 'd1,dupc,2024-05-04,999',
    ]);
    const runs = [];
    for (let index = 0; index < 3; index += 1) {
      const summary = await run('orders', file, { batchSize: 2 });
      runs.push({ ...summary, revenue: await revenueOf('external', 'dupc') });
    }
    expect(runs.map(({ inserted, updated, unchanged, rejected, revenue }) => ({ inserted, updated, unchanged, rejected, revenue }))).toEqual([
      { inserted: 3, updated: 0, unchanged: 0, rejected: 1, revenue: 300 },
      { inserted: 0, updated: 0, unchanged: 3, rejected: 1, revenue: 300 },
      { inserted: 0, updated: 0, unchanged: 3, rejected: 1, revenue: 300 },
    ]);
    expect(runs[2].rejectsSample[0]).toMatchObject({ line: 5, field: 'order_id' });
  });

  it('numbers unnumbered lines of a lines file across batches', async () => {
    await run('orders', csv(['order_id,customer_id,ordered_at,amount', 'lo1,linec,2024-05-05,300']));
    const file = csv(['order_id,sku,quantity,unit_price', 'lo1,S1,1,100', 'lo1,S2,1,100', 'lo1,S3,1,100']);
    expect(await run('lines', file, { batchSize: 2 })).toMatchObject({ read: 3, inserted: 3, updated: 0, rejected: 0 });
    const stored = await sql<{ line_no: number; sku: string }>`
      select l.line_no, l.sku from order_line l join customer_order o using (customer_id, order_id) where o.external_id = 'lo1' order by l.line_no`.execute(db());
    expect(stored.rows).toEqual([{ line_no: 1, sku: 'S1' }, { line_no: 2, sku: 'S2' }, { line_no: 3, sku: 'S3' }]);
    expect(await run('lines', file, { batchSize: 2 })).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
  });

  it('creates no stub customer for an order rejected as another customer\'s', async () => {
    await run('orders', csv(['order_id,customer_id,ordered_at,amount', 'own1,owner1,2024-05-06,100']));
    const rejected = await run('orders', csv(['order_id,customer_id,ordered_at,amount', 'own1,ghost1,2024-05-06,100', 'new1,fresh1,2024-05-07,100']));
    expect(rejected).toMatchObject({ inserted: 1, rejected: 1 });
    expect(await customerOf('external', 'ghost1')).toBeUndefined();
    expect(await customerOf('external', 'fresh1')).toBeDefined();
  });

  it('creates no lead for an event rejected for rewriting a stored event', async () => {
    await run('events', csv(['event_id,kind,occurred_at,customer_email', 'ev1,signup,2024-05-01,lead8@example.com']));
    const event = await run('events', csv(['event_id,kind,occurred_at,customer_email', 'ev1,visit,2024-05-02,lead9@example.com']));
    expect(event).toMatchObject({ inserted: 0, rejected: 1 });
    expect(await customerOf('email', 'lead9@example.com')).toBeUndefined();
  });

  it('accounts for every row of a multi-row order, rejected ones included', async () => {
    const summary = await run('orders', csv([
      shopifyHeader,
      '#3001,cnt@example.com,paid,IDR,30000,0,2024-04-05 10:00:00 +0700,1,Kopi,10000,K-1,0,web',
      '#3001,cnt@example.com,,,,,,2,Roti,10000,R-1,,',
      '#3002,cnt@example.com,paid,USD,20.00,0,2024-04-06 10:00:00 +0700,1,Teh,10.00,T-1,0,web',
      '#3002,cnt@example.com,,,,,,1,Kue,10.00,U-1,,',
      '#3003,cnt@example.com,paid,EUR,10.00,0,2024-04-06 10:00:00 +0700,1,Teh,10.00,T-1,0,web',
    ]), { preset: 'shopify-orders', batchSize: 4 });
    expect(summary).toMatchObject({ read: 5, inserted: 3, rejected: 2 });
    accountsForEveryRow(summary);
  });

  it('keeps incrementally maintained facts identical to a full rebuild', async () => {
    // gifts: their recipients are leads from them on; one goes to someone else on a second import, one carries lines
    await run('orders', csv([
      'order_id,customer_id,ordered_at,amount,channel,status,recipient_email',
      'gift1,giver1,2024-06-01T10:00:00Z,100,web,paid,gifted1@example.com',
      'gift2,giver1,2024-06-02T10:00:00Z,100,mobile,cancelled,gifted2@example.com',
      'gift3,giver2,2024-05-20T10:00:00Z,100,store,paid,gifted2@example.com',
    ]));
    await run('orders', csv([
      'order_id,customer_id,ordered_at,amount,channel,status,recipient_email',
      'gift3,giver2,2024-05-20T10:00:00Z,100,store,paid,gifted3@example.com',
    ]));
    await run('orders', csv(['order_id,customer_id,ordered_at,sku,quantity,unit_price,channel,recipient_email', 'gift4,giver2,2024-05-25T10:00:00Z,S1,1,100,phone,gifted1@example.com']));
    const interest = await sql<{ value: string; first_interest_at: Date | null; first_interest_channel: string | null }>`
      select i.value, t.first_interest_at, t.first_interest_channel from customer_identity i join customer_trait t using (customer_id)
      where i.value like 'gifted%' order by i.value`.execute(db());
    expect(interest.rows.map((row) => [row.value, row.first_interest_at && new Date(row.first_interest_at).toISOString(), row.first_interest_channel])).toEqual([
      ['gifted1@example.com', '2024-05-25T10:00:00.000Z', 'phone'],
      ['gifted2@example.com', '2024-06-02T10:00:00.000Z', 'mobile'],
      ['gifted3@example.com', '2024-05-20T10:00:00.000Z', 'store'],
    ]);
    const snapshot = async () => ({
      traits: (await sql`select * from customer_trait order by customer_id`.execute(db())).rows.map((row) => ({ ...(row as object), updated_at: undefined })),
      days: (await sql`select * from customer_purchase_day order by customer_id, day`.execute(db())).rows,
      categories: (await sql`select * from customer_category order by customer_id, category`.execute(db())).rows,
    });
    const incremental = await snapshot();
    await rebuildTraits(db());
    expect(await snapshot()).toEqual(incremental);
  });
});
