/**
 * Segments and personas at scale on the PostgreSQL server: preview count and
 * full membership refresh of a typical four-condition segment, an incremental
 * refresh, a purchase-window segment, and persona discovery — at 100k and 1M
 * customers in a fresh schema. Each figure is printed beside a same-run
 * baseline, `select count(*) from customer_trait`.
 *
 *   npx tsx bench/segments.ts [--sizes 100000,1000000] [--skip-personas]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server.
 *
 * Customers come from test/fixtures/segments/planted-population.ts (five
 * planted personas, seeded hash draws, generate_series), plus up to four paid
 * orders with one line each per customer for the purchase-window segment.
 *
 * The preview is timed twice: right after the load (tables analysed, never
 * vacuumed, so the visibility map is empty and index-only scans must visit
 * the table), and after `vacuum`, which is the state autovacuum keeps a
 * production server in. The test server here runs with autovacuum off, so the
 * bench vacuums explicitly. Estimates (`count: 'estimate'`, a block sample of
 * about 40,000 customers) are timed beside the exact counts.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { openStore } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { fixedClock } from '../src/core/clock.js';
import { createSegment, previewSegment, refreshSegment, refreshSegmentsForCustomers, type SegmentPreview } from '../src/segments/index.js';
import { discoverPersonas } from '../src/personas/index.js';
import { plantPopulation, typicalSegment } from '../test/fixtures/segments/planted-population.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => { const index = args.indexOf(`--${name}`); return index >= 0 ? args[index + 1] : fallback; };
const sizes = option('sizes', '100000,1000000').split(',').map(Number);
const skipPersonas = args.includes('--skip-personas');
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

const purchaseSegment = { and: [{ field: 'city', op: 'eq', value: 'Jakarta' }, { purchased: { category: 'coffee', within: { days: 90 }, count: { op: 'gte', value: 2 } } }] };

async function time<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function median(runs: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) times.push((await time(work))[1]);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function addOrders(db: Kysely<Database>, fromId: number, toId: number): Promise<void> {
  await sql`
    insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
    select t.customer_id, 'bench', t.customer_id || '-' || n, t.last_purchase_at - (n - 1) * 20 * interval '1 day', 'IDR',
      t.revenue_minor / t.order_count, t.revenue_minor / t.order_count,
      case when t.mobile_order_count > 0 then 'mobile' when t.phone_order_count > 0 then 'phone' when t.marketplace_order_count > 0 then 'marketplace' when t.web_order_count > 0 then 'web' else 'store' end, 'paid'
    from customer_trait t cross join lateral generate_series(1, least(t.order_count, 4)) n
    where t.customer_id between ${fromId} and ${toId}`.execute(db);
  await sql`
    insert into order_line (customer_id, order_id, line_no, category, quantity, unit_price_minor)
    select o.customer_id, o.order_id, 1, (select category from customer_category cc where cc.customer_id = o.customer_id order by amount_minor desc limit 1), 1, o.amount_minor
    from customer_order o where o.source = 'bench' and o.customer_id between ${fromId} and ${toId}`.execute(db);
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const describeEstimate = (preview: SegmentPreview) => `≈ ${preview.count.toLocaleString('en')} (95% ${preview.interval?.low.toLocaleString('en')}–${preview.interval?.high.toLocaleString('en')}, ${preview.sampledCustomers?.toLocaleString('en')} sampled)`;

async function main(): Promise<void> {
  const schema = `bench_segments_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  const store = await openStore(serverUrl, { searchPath: schema });
  const db = store.db;
  try {
    await migrate(store);
    const version = (await sql<{ version: string }>`select version()`.execute(db)).rows[0].version.split(',')[0];
    console.log(`segments bench on ${version}, schema ${schema}`);
    let planted = 0;
    for (const size of sizes) {
      const [, plantMs] = await time(async () => {
        await plantPopulation(db, { customers: size - planted, seed: 2026, firstId: planted + 1, asOf, consentProfiling: true });
        await addOrders(db, planted + 1, size);
        // by name: a bare ANALYZE visits every table of every schema on the server
        await sql`analyze customer, customer_trait, customer_category, customer_order, order_line`.execute(db);
      });
      planted = size;
      const baseline = await median(5, () => sql`select count(*) from customer_trait`.execute(db));
      const previewUnvacuumed = await median(5, () => previewSegment(db, typicalSegment, { clock }));
      const [, vacuumMs] = await time(() => sql`vacuum (analyze) customer, customer_trait, customer_order, order_line`.execute(db));
      const baselineVacuumed = await median(5, () => sql`select count(*) from customer_trait`.execute(db));
      const preview = await median(5, () => previewSegment(db, typicalSegment, { clock }));
      const count = (await previewSegment(db, typicalSegment, { clock })).count;
      const estimateMs = await median(5, () => previewSegment(db, typicalSegment, { clock, count: 'estimate' }));
      const estimate = await previewSegment(db, typicalSegment, { clock, count: 'estimate' });
      const name = `typical ${size}`;
      const [created, fillMs] = await time(() => createSegment(db, { name, filter: typicalSegment }, { actor: 'bench', clock }));
      const unchangedMs = await median(3, () => refreshSegment(db, name, { clock }));
      // 1% of customers change spend and recency: a realistic day of changes for a full refresh
      const changed = (await sql<{ customer_id: number }>`select customer_id from customer_trait where customer_id % 100 = 7`.execute(db)).rows.map((row) => Number(row.customer_id));
      await sql`update customer_trait set revenue_minor = revenue_minor * 3, last_purchase_at = ${asOf}::timestamptz - interval '3 days' where customer_id % 100 = 7`.execute(db);
      const [afterChange, changedMs] = await time(() => refreshSegment(db, name, { clock }));
      const incrementalIds = changed.slice(0, 1000);
      await sql`update customer_trait set revenue_minor = 1 where customer_id = any(${incrementalIds}::bigint[])`.execute(db);
      const [, incrementalMs] = await time(() => db.transaction().execute((trx) => refreshSegmentsForCustomers(trx, incrementalIds, { asOf })));
      // what an ingest batch of one order adds for segments (median helper warms up once: that run prepares the statements)
      const oneOrderMs = await median(21, () => db.transaction().execute((trx) => refreshSegmentsForCustomers(trx, [incrementalIds[0]], { asOf })));
      const segmentCount = (await sql<{ n: number }>`select count(*)::int as n from segment`.execute(db)).rows[0].n;
      const purchasePreview = await median(3, () => previewSegment(db, purchaseSegment, { clock }));
      const purchaseCount = (await previewSegment(db, purchaseSegment, { clock })).count;
      const purchaseEstimateMs = await median(3, () => previewSegment(db, purchaseSegment, { clock, count: 'estimate' }));
      const purchaseEstimate = await previewSegment(db, purchaseSegment, { clock, count: 'estimate' });
      console.log(`\n${size.toLocaleString('en')} customers (data written in ${(plantMs / 1000).toFixed(1)} s)`);
      console.log(`  baseline  select count(*) from customer_trait              ${ms(baseline)}`);
      console.log(`  preview   4-condition segment, before the first vacuum   ${ms(previewUnvacuumed)}`);
      console.log(`  (vacuum   ${ms(vacuumMs)}; baseline after it ${ms(baselineVacuumed)})`);
      console.log(`  preview   4-condition segment (${count.toLocaleString('en')} match)         ${ms(preview)}   target ≤ 300 ms at 1M`);
      console.log(`  estimate  4-condition segment: ${describeEstimate(estimate)}  ${ms(estimateMs)}`);
      console.log(`  refresh   first fill (${created.refresh.entered.toLocaleString('en')} entered)                ${ms(fillMs)}`);
      console.log(`  refresh   full, nothing changed                          ${ms(unchangedMs)}   target ≤ 3 s at 1M`);
      console.log(`  refresh   full after 1% changed (+${afterChange.entered} −${afterChange.left})       ${ms(changedMs)}`);
      console.log(`  refresh   incremental, 1,000 changed customers, all segments  ${ms(incrementalMs)}`);
      console.log(`  refresh   incremental, one order's customer, all ${segmentCount} segments  ${ms(oneOrderMs)}`);
      console.log(`  preview   Jakarta + coffee twice in 90 days (${purchaseCount.toLocaleString('en')} match)  ${ms(purchasePreview)}`);
      console.log(`  estimate  Jakarta + coffee twice in 90 days: ${describeEstimate(purchaseEstimate)}  ${ms(purchaseEstimateMs)}`);
      if (!skipPersonas) {
        const [discovery, discoverMs] = await time(() => discoverPersonas(db, { clock, sampleSize: 50_000, seed: 1 }));
        console.log(`  personas  discover k=${discovery.k} (silhouette ${discovery.silhouette.toFixed(3)}) on a ${discovery.sampleSize.toLocaleString('en')} sample: fit ${(discovery.seconds.fit).toFixed(1)} s, assign all ${(discovery.seconds.assign).toFixed(1)} s, total ${(discoverMs / 1000).toFixed(1)} s`);
      }
    }
  } finally {
    await store.close();
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}

await main();
