/**
 * Full `analyze` on a synthetic store (default 100k customers / 1M orders) on
 * the embedded store and the PostgreSQL server, plus the cost per incoming
 * order of keeping types current. Each figure is printed beside a same-run
 * baseline: a plain scan `select count(*), sum(amount_minor) from customer_order`.
 *
 *   npx tsx bench/analyze.ts [--customers 100000] [--orders-per-customer 10] [--only server|embedded]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server.
 *
 * Data is generated in SQL with generate_series and hashtext(), so it is the
 * same on every run (seeded by the row number), with a skewed customer
 * distribution (a few heavy buyers, many one-off buyers), weekly seasonality,
 * six channels, eight categories, 8% promotions and 3% refunds/cancellations.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { analyze, classifyCustomersIncremental } from '../src/analytics/index.js';
import { openStore, type Store } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => { const index = args.indexOf(`--${name}`); return index >= 0 ? args[index + 1] : fallback; };
const customers = Number(option('customers', '100000'));
const ordersPerCustomer = Number(option('orders-per-customer', '10'));
const only = option('only', 'both');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const asOf = '2026-06-30';

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function generate(db: Kysely<Database>): Promise<void> {
  const orders = customers * ordersPerCustomer;
  await sql`insert into store_setting (key, value) values ('currency', '"IDR"'), ('timezone', '"Asia/Jakarta"')`.execute(db);
  await sql`insert into customer (customer_id, name, created_at) select i, 'Customer ' || i, '2020-01-01' from generate_series(1, ${customers}::int) i`.execute(db);
  // u1..u4: independent uniform draws per order from the row number
  await sql`
    insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, refunded_minor,
      promotion_code, channel, status)
    select 1 + floor(${customers}::int * power(u1, 1.6))::int,
      'bench', 'o' || i,
      -- two years back from the as-of day, fewer orders on Sundays
      (${asOf}::date - floor(u2 * 730)::int + interval '10 hours' + (u3 * interval '12 hours')) at time zone 'Asia/Jakarta',
      'IDR', amount, amount, case when u4 < 0.01 then amount else 0 end,
      case when u3 < 0.08 then 'PROMO' || (i % 7) end,
      (array['store', 'web', 'mobile', 'marketplace', 'phone', 'other'])[1 + floor(power(u4, 0.7) * 6)::int],
      case when u4 < 0.01 then 'refunded' when u4 < 0.02 then 'cancelled' when u4 < 0.03 then 'partially_refunded' else 'paid' end
    from (
      select i, u1, u2, u3, u4, (50000 + floor(power(u3, 2) * 2000000))::bigint as amount
      from (
        select i,
          (abs(hashtext('c' || i)) % 1000003) / 1000003.0 as u1,
          (abs(hashtext('d' || i)) % 1000003) / 1000003.0 as u2,
          (abs(hashtext('a' || i)) % 1000003) / 1000003.0 as u3,
          (abs(hashtext('s' || i)) % 1000003) / 1000003.0 as u4
        from generate_series(1, ${orders}::int) i
      ) draws
    ) o
    where extract(dow from (${asOf}::date - floor(u2 * 730)::int)) <> 0 or u4 > 0.4`.execute(db);
  await sql`
    insert into order_line (customer_id, order_id, line_no, category, quantity, unit_price_minor)
    select customer_id, order_id, 1, (array['Books', 'Music', 'Film', 'Games', 'Home', 'Garden', 'Toys', 'Food'])[1 + order_id % 8], 1, amount_minor
    from customer_order`.execute(db);
  await sql`
    insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
    select customer_id, (ordered_at at time zone 'Asia/Jakarta')::date, count(*), sum(amount_minor - refunded_minor)
    from customer_order where status in ('paid', 'partially_refunded') group by 1, 2`.execute(db);
  await sql`analyze`.execute(db);
}

async function baselineScan(db: Kysely<Database>): Promise<number> {
  const [, ms] = await timed(() => sql`select count(*), sum(amount_minor) from customer_order`.execute(db));
  return ms;
}

async function benchStore(store: Store): Promise<void> {
  const db = store.db;
  const [, generateMs] = await timed(() => generate(db));
  const counts = await sql<{ orders: number; days: number }>`select (select count(*) from customer_order)::int as orders, (select count(*) from customer_purchase_day)::int as days`.execute(db);
  console.log(`\n[${store.kind}] ${customers.toLocaleString('en')} customers, ${counts.rows[0].orders.toLocaleString('en')} orders, ${counts.rows[0].days.toLocaleString('en')} purchase days (generated in ${(generateMs / 1000).toFixed(1)} s)`);
  await baselineScan(db);
  for (const run of ['first (empty history)', 'second (history diff)']) {
    const scan = await baselineScan(db);
    const [result, ms] = await timed(() => analyze(db, { asOf }));
    console.log(`  analyze ${run}: ${(ms / 1000).toFixed(2)} s  (types ${result.timingMs.types} ms, rfm ${result.timingMs.rfm} ms, alerts ${result.timingMs.alerts} ms)` +
      `  | baseline scan ${scan.toFixed(0)} ms = ${(ms / scan).toFixed(1)}× scan`);
  }
  // the ingest path: a batch of recent orders for 1,000 customers, types kept current in the batch's transaction
  const batch = await sql<{ customer_id: number; orders: number }>`
    select customer_id, count(*)::int as orders from customer_order where customer_id <= 1000 group by customer_id`.execute(db);
  const ids = batch.rows.map((row) => Number(row.customer_id));
  const batchOrders = 1000;
  const scan = await baselineScan(db);
  const [, ms] = await timed(() => db.transaction().execute((transaction) => classifyCustomersIncremental(transaction, ids, asOf)));
  console.log(`  incremental types for a batch of ${batchOrders} orders (${ids.length} customers): ${ms.toFixed(0)} ms = ${(ms / batchOrders).toFixed(3)} ms per order` +
    `  | baseline scan ${scan.toFixed(0)} ms`);
  const [, oneMs] = await timed(() => db.transaction().execute((transaction) => classifyCustomersIncremental(transaction, [ids[0]], asOf)));
  console.log(`  incremental types for a single order: ${oneMs.toFixed(1)} ms`);
}

async function main(): Promise<void> {
  console.log(`bench/analyze: ${customers.toLocaleString('en')} customers × ${ordersPerCustomer} orders; as of ${asOf}`);
  if (only !== 'server') {
    const store = await openStore('memory://');
    await migrate(store);
    try { await benchStore(store); } finally { await store.close(); }
  }
  if (only !== 'embedded') {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const store = await openStore(serverUrl, { searchPath: schema });
    try {
      await migrate(store);
      await benchStore(store);
    } finally {
      await store.close();
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  }
}

await main();
