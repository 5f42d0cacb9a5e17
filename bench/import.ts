/**
 * Import benchmark (issue 2): the seeded synthetic generator writes 1,000,000
 * orders for 100,000 customers; we import them into the embedded store and into
 * the PostgreSQL server, and print orders/s and peak memory beside the speed of a
 * raw COPY of the same file into a bare table on the same server in the same run.
 * Each import is `clientele import` in a process of its own, so its peak memory is
 * the import's alone (bench/lib/cli-import.ts).
 *
 *   npm run bench:import            (100k customers / 1M orders)
 *   BENCH_SIZES=10000:100000 npm run bench:import
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (default)
 */
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openStore, type Store } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { createScratchSchema } from '../src/db/scratch-schema.js';
import { importWithCli, type ImportMemory } from './lib/cli-import.js';
import { syntheticFiles } from './lib/synthetic-files.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const sizes = (process.env.BENCH_SIZES ?? '100000:1000000').split(',').map((pair) => pair.split(':').map(Number) as [number, number]);

async function rawCopySeconds(file: string): Promise<number> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query(`create temp table bare_order (order_id text, customer_id text, customer_email text, customer_phone text, ordered_at timestamptz,
    amount numeric, currency text, channel text, status text, refunded_amount numeric, discount_amount numeric, promotion_code text, recipient_email text, location text)`);
  const started = performance.now();
  await pipeline(createReadStream(file), client.query(copyFrom('copy bare_order from stdin with (format csv, header true)')));
  const seconds = (performance.now() - started) / 1000;
  await client.end();
  return seconds;
}

/**
 * The embedded store's raw COPY: the same file into a bare table of a
 * directory-backed PGlite, fed in 20,000-row chunks like the importer's batches
 * (one 94 MB blob makes PGlite several times slower per row).
 */
async function embeddedCopySeconds(file: string): Promise<number> {
  const { PGlite } = await import('@electric-sql/pglite');
  const directory = mkdtempSync(join(tmpdir(), 'clientele-bench-copy-'));
  const pglite = await PGlite.create(directory);
  await pglite.exec(`create table bare_order (order_id text, customer_id text, customer_email text, customer_phone text, ordered_at timestamptz,
    amount numeric, currency text, channel text, status text, refunded_amount numeric, discount_amount numeric, promotion_code text, recipient_email text, location text)`);
  let seconds = 0;
  const copyChunk = async (chunk: string[]) => {
    const blob = new Blob([chunk.join('\n') + '\n']);
    const started = performance.now();
    await pglite.query(`copy bare_order from '/dev/blob' with (format csv)`, [], { blob });
    seconds += (performance.now() - started) / 1000;
  };
  let chunk: string[] = [];
  let header = true;
  // The synthetic files have no line breaks inside quoted fields, so lines are records.
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (header) { header = false; continue; }
    chunk.push(line);
    if (chunk.length === 20_000) { await copyChunk(chunk); chunk = []; }
  }
  if (chunk.length > 0) await copyChunk(chunk);
  await pglite.close();
  rmSync(directory, { recursive: true, force: true });
  return seconds;
}

/** A store's migrations, as `clientele migrate` applies them; the import then finds a ready store. */
async function migrateStore(target: string): Promise<void> {
  const store = await openStore(target);
  try { await migrate(store); } finally { await store.close(); }
}

/**
 * The database's own floor for writing these orders: copying the rows just
 * imported (already parsed, resolved and priced) into an empty table with
 * customer_order's columns, keys and indexes, in 20,000-row statements like the
 * importer's batches. No importer that keeps those indexes can beat it.
 */
async function indexedInsertSeconds(store: Store): Promise<number> {
  await sql`create table floor_order (like customer_order including all)`.execute(store.db);
  const { max } = (await sql<{ max: number }>`select coalesce(max(order_id), 0)::bigint as max from customer_order`.execute(store.db)).rows[0];
  const started = performance.now();
  for (let from = 0; from < max; from += 20_000) {
    await sql`insert into floor_order select * from customer_order where order_id > ${from} and order_id <= ${from + 20_000}`.execute(store.db);
  }
  const seconds = (performance.now() - started) / 1000;
  await sql`drop table floor_order`.execute(store.db);
  return seconds;
}

/**
 * Customers, then orders, each with `clientele import` in a process of its own (bench/lib/cli-import.ts),
 * then the floor on the store the import left. The CLI gives an embedded store, as each command
 * ends, what autovacuum gives a server (db/maintenance.ts); outside the import's own seconds.
 */
async function importInto(target: string, directory: string) {
  const customers = await importWithCli(target, 'customers', join(directory, 'customers.csv'));
  const orders = await importWithCli(target, 'orders', join(directory, 'orders.csv'));
  const store = await openStore(target);
  try {
    // Reading the source rows by order_id must not be what the floor measures.
    await sql`create index if not exists bench_order_id_idx on customer_order (order_id)`.execute(store.db);
    const floorSeconds = await indexedInsertSeconds(store);
    return { customers: customers.summary, orders: orders.summary, ordersMemory: orders, customersMemory: customers, floorSeconds };
  } finally {
    await store.close();
  }
}

/** What the JavaScript heap still held after full collections: flat when an import streams (see bench/lib/report-peak-memory.mjs). */
const retained = ({ customersMemory: c, ordersMemory: o }: { customersMemory: ImportMemory; ordersMemory: ImportMemory }) =>
  `${c.retainedHeapMb ?? '-'} / ${o.retainedHeapMb ?? '-'} (${c.majorGcs} / ${o.majorGcs})`;

const results: Array<Record<string, unknown>> = [];
for (const [customerCount, orderCount] of sizes) {
  const directory = await syntheticFiles(customerCount, orderCount);
  const ordersFile = join(directory, 'orders.csv');
  const fileMb = Math.round(statSync(ordersFile).size / 1048576);
  const copySeconds = await rawCopySeconds(ordersFile);
  const rows = orderCount;
  const copyRate = rows / copySeconds;
  process.stderr.write(`raw COPY: ${copySeconds.toFixed(2)} s\n`);

  const embeddedCopy = await embeddedCopySeconds(ordersFile);
  process.stderr.write(`embedded raw COPY: ${embeddedCopy.toFixed(2)} s\n`);

  const scratch = await createScratchSchema(serverUrl, 'bench_import');
  await migrateStore(scratch.url);
  const onServer = await importInto(scratch.url, directory);
  await scratch.drop();
  process.stderr.write(`server import: ${onServer.orders.seconds.toFixed(1)} s\n`);

  const dataDir = mkdtempSync(join(tmpdir(), 'clientele-bench-embedded-'));
  const onEmbedded = await importInto(dataDir, directory);
  rmSync(dataDir, { recursive: true, force: true });

  results.push({
    size: `${customerCount.toLocaleString('en')} customers / ${onServer.orders.read.toLocaleString('en')} orders (${fileMb} MB)`,
    'raw COPY orders/s (baseline)': Math.round(copyRate),
    'server orders/s': Math.round(onServer.orders.read / onServer.orders.seconds),
    'server ÷ COPY time': Number((onServer.orders.seconds / copySeconds).toFixed(2)),
    'server indexed-insert floor orders/s': Math.round(onServer.orders.read / onServer.floorSeconds),
    'server ÷ floor time': Number((onServer.orders.seconds / onServer.floorSeconds).toFixed(2)),
    'server: import process peak RSS MB (customers / orders)': `${onServer.customersMemory.peakRssMb} / ${onServer.ordersMemory.peakRssMb}`,
    'server: heap retained after full GC, max MB (customers / orders; full GCs)': retained(onServer),
    'embedded raw COPY orders/s (baseline)': Math.round(rows / embeddedCopy),
    'embedded indexed-insert floor orders/s': Math.round(onEmbedded.orders.read / onEmbedded.floorSeconds),
    'embedded orders/s': Math.round(onEmbedded.orders.read / onEmbedded.orders.seconds),
    'embedded: import process peak RSS MB (customers / orders)': `${onEmbedded.customersMemory.peakRssMb} / ${onEmbedded.ordersMemory.peakRssMb}`,
    'embedded: heap retained after full GC, max MB (customers / orders; full GCs)': retained(onEmbedded),
    'customers import s (server / embedded)': `${onServer.customers.seconds.toFixed(1)} / ${onEmbedded.customers.seconds.toFixed(1)}`,
    rejected: onServer.orders.rejected,
  });
}
console.table(results);
console.log('targets: server within 3× of raw COPY; embedded ≥ 50,000 orders/s; peak memory independent of file size');
