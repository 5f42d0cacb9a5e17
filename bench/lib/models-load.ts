/**
 * Loading purchase days for the models: keyset text pages (`loadPurchaseDays`)
 * against the previous one-object-per-row select, on an in-memory PGlite.
 * Run: npx tsx bench/lib/models-load.ts [rows]   (default 1,000,000)
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { openStore } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { loadPurchaseDays } from '../../src/models/models.repo.js';
import { formatSeconds } from './models-timing.js';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const store = await openStore('memory://');
  await migrate(store);
  const { db } = store;
  // ~9 purchase days per customer, unique (customer_id, day)
  await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
    select g / 9 + 1, date '2020-01-01' + (g % 9) * 30 + (g / 9) % 17, 1, (g::bigint * 7919) % 100000
    from generate_series(0, ${rows - 1}::int) as g`.execute(db);
  const untilDay = 30_000;
  for (let run = 0; run < 2; run++) {
    let start = performance.now();
    const objects = await sql<{ customer_id: string; day_number: number; amount_minor: string }>`
      select customer_id, (day - date '1970-01-01')::int as day_number, amount_minor
      from customer_purchase_day where day <= date '1970-01-01' + ${untilDay}::int order by customer_id, day`.execute(db);
    const day = new Int32Array(objects.rows.length);
    for (let i = 0; i < objects.rows.length; i++) day[i] = Number(objects.rows[i].day_number);
    const objectSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    const columns = await loadPurchaseDays(db, untilDay);
    const pageSeconds = (performance.now() - start) / 1000;
    console.log(`${rows.toLocaleString('en')} purchase days: one object per row ${formatSeconds(objectSeconds)}; text pages into typed arrays ${formatSeconds(pageSeconds)} (${columns.day.length.toLocaleString('en')} rows)`);
  }
  await store.close();
}

await main();
