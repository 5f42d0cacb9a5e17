/**
 * Customer search by the words of a name (db/migrations/202612080100_customer_name_words.sql):
 * what the words index costs `clientele import customers`, and what it buys the list's search.
 *
 * 1. Import A/B: the seeded synthetic customers file imported with the CLI (bench/lib/cli-import.ts)
 *    into a fresh store with the index and one with it dropped, on the server and the embedded
 *    store, `--rounds` times each, alternating which goes first.
 * 2. On one more import of each kind: the index's own write cost (indexWriteSeconds); each
 *    search's first list page (100 rows, newest first) and its count, best / median of `--repeat`,
 *    with the index and after dropping it; on the server, every statement of a search under
 *    EXPLAIN ANALYZE, to show which index it used.
 *
 *   npx tsx bench/customer-search.ts [--customers 100000] [--orders 200000] [--rounds 2] [--repeat 5] [--skip-import]
 *   BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server.
 *
 * Baseline printed beside the searches: `select count(*) from customer` on the same store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { openStore, type Store } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import type { Database } from '../src/db/schema.js';
import { createScratchSchema } from '../src/db/scratch-schema.js';
import { countCustomers, listCustomers } from '../src/customers/list-customers.js';
import { importWithCli } from './lib/cli-import.js';
import { syntheticFiles } from './lib/synthetic-files.js';
import { formatSummary, summarise, timed, type Summary } from './lib/web-timing.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => { const index = args.indexOf(`--${name}`); return index >= 0 && args[index + 1] ? args[index + 1] : fallback; };
const customers = Number(option('customers', '100000'));
const orders = Number(option('orders', String(customers * 2)));
const rounds = Number(option('rounds', '2'));
const repeat = Number(option('repeat', '5'));
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

/** A common family name, a company's word, one company, a typo that finds no one, the start of a given name, one letter. */
const searches = ['Gunawan', 'Sinar', 'Harapan 1282', 'Gunawen', 'Budi', 's'];

type Variant = 'with index' | 'without index';

/** A fresh, migrated store (a scratch schema on the server, a directory for PGlite), the words index dropped for `without`. */
async function freshStore(kind: 'server' | 'embedded', variant: Variant): Promise<{ target: string; dispose: () => Promise<void> }> {
  let target: string;
  let dispose: () => Promise<void>;
  if (kind === 'server') {
    const scratch = await createScratchSchema(serverUrl, 'bench_search');
    target = scratch.url;
    dispose = scratch.drop;
  } else {
    target = mkdtempSync(join(tmpdir(), 'clientele-bench-search-'));
    dispose = async () => rmSync(target, { recursive: true, force: true });
  }
  const store = await openStore(target);
  try {
    await migrate(store);
    if (variant === 'without index') await sql`drop index customer_name_words_idx`.execute(store.db);
  } finally {
    await store.close();
  }
  return { target, dispose };
}

async function importRuns(file: string): Promise<Map<string, number[]>> {
  const seconds = new Map<string, number[]>();
  for (const kind of ['server', 'embedded'] as const) {
    for (let round = 1; round <= rounds; round += 1) {
      const order: Variant[] = round % 2 === 1 ? ['without index', 'with index'] : ['with index', 'without index'];
      for (const variant of order) {
        const { target, dispose } = await freshStore(kind, variant);
        try {
          const { summary, wallSeconds } = await importWithCli(target, 'customers', file);
          const key = `${kind}, ${variant}`;
          seconds.set(key, [...(seconds.get(key) ?? []), summary.seconds]);
          console.log(`  import ${kind} round ${round} ${variant}: ${summary.seconds.toFixed(1)} s (${Math.round(summary.read / summary.seconds).toLocaleString('en')} customers/s; process ${wallSeconds.toFixed(1)} s; load ${load()})`);
        } finally {
          await dispose();
        }
      }
    }
  }
  return seconds;
}

/**
 * The index's own cost, apart from the importer's: the store's names written again into a bare
 * table in 5,000-row statements (about an import batch), with and without the same index,
 * alternating, `rounds` + 1 times each. Less noisy than whole imports on a shared machine.
 */
async function indexWriteSeconds(store: Store): Promise<Record<Variant, number[]>> {
  const seconds: Record<Variant, number[]> = { 'with index': [], 'without index': [] };
  const { max } = (await sql<{ max: number }>`select max(customer_id)::bigint as max from customer`.execute(store.db)).rows[0];
  for (let round = 0; round <= rounds; round += 1) {
    for (const variant of round % 2 === 0 ? ['without index', 'with index'] as const : ['with index', 'without index'] as const) {
      await sql`drop table if exists bench_name`.execute(store.db);
      await sql`create table bench_name (customer_id bigint primary key, name text)`.execute(store.db);
      // the index as the migrations define it, over the name as the search reads it (202612140300)
      if (variant === 'with index') await sql`create index bench_name_words_idx on bench_name using gin (to_tsvector('simple', name_search_text(coalesce(name, ''))))`.execute(store.db);
      const started = performance.now();
      for (let from = 0; from < Number(max); from += 5_000) {
        await sql`insert into bench_name select customer_id, name from customer where customer_id > ${from} and customer_id <= ${from + 5_000}`.execute(store.db);
      }
      seconds[variant].push((performance.now() - started) / 1000);
    }
  }
  await sql`drop table bench_name`.execute(store.db);
  return seconds;
}

/**
 * Searches by what a caller reads out rather than a name, taken from the store: an order's id in
 * lower case (orders are looked up by source and id), an external id written with a dash and in
 * lower case (tried as a few exact variants), a customer number.
 */
async function lookupSearches(store: Store): Promise<string[]> {
  const order = await sql<{ external_id: string }>`select external_id from customer_order order by order_id offset 1234 limit 1`.execute(store.db);
  const external = await sql<{ value: string }>`select value from customer_identity where kind = 'external' order by customer_id offset 4321 limit 1`.execute(store.db);
  const dashed = (value: string) => `${value.slice(0, 3)}-${value.slice(3)}`.toLowerCase();
  return [
    ...order.rows.map((row) => row.external_id.toLowerCase()),
    ...external.rows.map((row) => dashed(row.value)),
    '#4242',
  ];
}

async function timeSearches(store: Store, label: string): Promise<void> {
  await sql`vacuum analyze`.execute(store.db);
  const baseline = await timings(() => sql`select count(*) from customer`.execute(store.db));
  console.log(`\n  ${store.kind}, ${label} (best / median of ${repeat}; baseline select count(*) from customer ${formatSummary(baseline)}; load ${load()})`);
  for (const q of [...searches, ...await lookupSearches(store)]) {
    const page = await timings(() => listCustomers(store.db, { q, limit: 100 }));
    const count = await timings(() => countCustomers(store.db, { q }));
    const found = (await countCustomers(store.db, { q })).count;
    console.log(`    "${q}": ${found.toLocaleString('en')} found; first page ${formatSummary(page)}, count ${formatSummary(count)}`);
  }
}

async function timings(work: () => Promise<unknown>): Promise<Summary> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < repeat; run += 1) times.push((await timed(work))[1]);
  return summarise(times);
}

/** Every statement a first page runs for the search, under EXPLAIN ANALYZE: the plan's scans and the time. */
async function explainSearches(store: Store): Promise<void> {
  const statements: Array<{ text: string; parameters: readonly unknown[] }> = [];
  // the store's own pool, with a log: the statements are exactly those listCustomers sends
  const logged = new Kysely<Database>({ dialect: new PostgresDialect({ pool: store.pool! }), log: (event) => { if (event.level === 'query') statements.push({ text: event.query.sql, parameters: event.query.parameters }); } });
  for (const q of [...searches, ...await lookupSearches(store)]) {
    statements.length = 0;
    await listCustomers(logged, { q, limit: 100 });
    await countCustomers(logged, { q });
    console.log(`\n  EXPLAIN ANALYZE, "${q}":`);
    for (const { text, parameters } of [...statements]) {
      if (!/from customer/.test(text)) continue;
      const plan = (await store.pool!.query(`explain (analyze, buffers) ${text}`, [...parameters])).rows.map((row: Record<string, string>) => row['QUERY PLAN']);
      const purpose = /from customer_identity/.test(text) ? 'external id lookup' : /from customer_order/.test(text) ? 'order id lookup' : /with recursive chain/.test(text) ? 'merged numbers followed' : /least\(/.test(text) ? 'capped count' : /materialized/.test(text) ? 'matches, sorted'
        : /cross join lateral/.test(text) ? 'walk in sort order' : /count\(\*\)::bigint/.test(text) ? 'count' : 'page rows';
      const scans = plan.filter((line) => /Scan|BitmapOr/.test(line)).map((line) => line.trim().replace(/\s+\(cost=.*$/, '').replace(/^->\s*/, ''));
      console.log(`    ${purpose}: ${plan.at(-1)!.trim()}; ${[...new Set(scans)].join(' | ')}`);
    }
  }
}

console.log(`customer search bench: ${customers.toLocaleString('en')} synthetic customers (seed 42); load ${load()}`);
const directory = await syntheticFiles(customers, orders);
const file = join(directory, 'customers.csv');
if (!args.includes('--skip-import')) {
  const seconds = await importRuns(file);
  console.log('\n  import customers, every run (s):');
  for (const [key, values] of seconds) console.log(`    ${key}: ${values.map((value) => value.toFixed(1)).join(', ')}`);
}
for (const kind of ['server', 'embedded'] as const) {
  const { target, dispose } = await freshStore(kind, 'with index');
  try {
    await importWithCli(target, 'customers', file);
    // orders too: a search tries the text as an order's id
    await importWithCli(target, 'orders', join(directory, 'orders.csv'));
    const store = await openStore(target);
    try {
      const size = (await sql<{ size: string }>`select pg_size_pretty(pg_relation_size('customer_name_words_idx')) as size`.execute(store.db)).rows[0].size;
      const writes = await indexWriteSeconds(store);
      const list = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
      console.log(`\n  ${kind}: the words index after the import ${size}; the names written again into a bare table, s: without index ${list(writes['without index'])}; with it ${list(writes['with index'])} (load ${load()})`);
      await timeSearches(store, 'with the words index');
      if (kind === 'server') await explainSearches(store);
      await sql`drop index customer_name_words_idx`.execute(store.db);
      await timeSearches(store, 'without it (the same search by scanning)');
    } finally {
      await store.close();
    }
  } finally {
    await dispose();
  }
}
