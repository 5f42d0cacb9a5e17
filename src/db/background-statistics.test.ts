import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, testStoreKinds } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { eventually } from '../../test/helpers/eventually.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { openStore, type Store } from './client.js';
import { migrate } from './migrate.js';
import { createScratchSchema } from './scratch-schema.js';
import { analyzeChangedServerTablesQuietly, backgroundStatisticsSettled, refreshServerStatisticsInBackground } from './server-statistics.js';

/**
 * The refresh after an API import runs after the answer (db/server-statistics.ts). A second
 * connection holding SHARE UPDATE EXCLUSIVE on customer_order makes an ANALYZE of it wait, as a
 * migration or another session's ANALYZE would: the request must answer all the same, and the
 * statistics land once the lock goes. Autovacuum is off on the test server: only the import analyses.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const clock = fixedClock('2025-01-01T00:00:00Z');

/** Holds a lock in a transaction of its own connection, until released. */
async function holdLock(schema: string, table: string): Promise<{ release: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  await client.query('begin');
  await client.query(`lock table "${schema}"."${table}" in share update exclusive mode`);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('rollback');
      await client.end();
    },
  };
}

/** What answers within `millis`, or 'no answer': a request that waits for the lock would never answer while it is held. */
function within<T>(work: Promise<T>, millis: number): Promise<T | 'no answer'> {
  return Promise.race([work, new Promise<'no answer'>((resolve) => { setTimeout(() => resolve('no answer'), millis).unref(); })]);
}

/** The ANALYZE statements running (or waiting for a lock) on this schema's tables, from any connection. */
async function analysesRunning(db: Store['db']): Promise<string[]> {
  const result = await sql<{ query: string }>`
    select query from pg_stat_activity
    where datname = current_database() and state = 'active' and query like ${`analyze "${await schemaOf(db)}".%`}`.execute(db);
  return result.rows.map((row) => row.query);
}

/** Until the refresh's ANALYZE of `table` is waiting (for the lock held on it), the only one running. */
async function waitingAt(db: Store['db'], table: string): Promise<void> {
  const statement = `analyze "${await schemaOf(db)}"."${table}"`;
  await eventually(async () => JSON.stringify(await analysesRunning(db)) === JSON.stringify([statement]), 10_000, `${statement} waiting for the lock`);
}

async function schemaOf(db: Store['db']): Promise<string> {
  return (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]!.schema;
}

async function analyses(db: Store['db'], table: string): Promise<number> {
  return Number((await sql<{ count: number }>`
    select analyze_count::int as count from pg_stat_user_tables where schemaname = current_schema() and relname = ${table}`.execute(db)).rows[0]!.count);
}

async function changedSinceAnalysis(db: Store['db'], table: string): Promise<number> {
  return Number((await sql<{ count: number }>`
    select n_mod_since_analyze::int as count from pg_stat_user_tables where schemaname = current_schema() and relname = ${table}`.execute(db)).rows[0]!.count);
}

/** `count` orders of 700 customers, new ones for each `from`. */
const orders = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({
  order_id: `B${from + index}`, customer_email: `background.${from}.${(from + index) % 700}@example.com`, ordered_at: `2024-0${1 + (index % 9)}-1${index % 10}T10:00:00Z`, channel: 'web', amount: 100 + index,
}));
const customers = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({
  customer_id: `K${from + index}`, name: `Customer ${from + index}`, email: `k.${from + index}@example.com`,
}));

(testStoreKinds().includes('server') ? describe : describe.skip)('planner statistics refreshed in the background on a server store', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let headers: Record<string, string>;
  let schema: string;
  const locks: { release: () => Promise<void> }[] = [];

  beforeAll(async () => {
    ({ store, dispose } = await createTestStore('server'));
    app = await buildApp({ store, config: { isBehindTls: false }, clock });
    ({ headers } = await createTestApiKey(store, ['ingest'], 'background-statistics'));
    schema = await schemaOf(store.db);
  }, 240_000);
  afterEach(async () => {
    for (const lock of locks.splice(0)) await lock.release();
    await backgroundStatisticsSettled(store.db);
  });
  afterAll(async () => {
    await app?.close();
    await dispose?.();
  });

  const lockTable = async (table: string) => {
    const lock = await holdLock(schema, table);
    locks.push(lock);
    return lock;
  };
  const ingest = async (entity: 'orders' | 'customers', payload: Record<string, unknown>) => {
    const response = await app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload });
    expect(response.statusCode, response.body).toBe(200);
  };
  const open = async (entity: 'orders' | 'customers') => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity, fileName: `${entity}.csv` } });
    expect(opened.statusCode, opened.body).toBe(201);
    return opened.json().import_id as number;
  };
  const close = (importId: number) => app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status: 'completed' } });

  it('answers a run\'s close once it is committed, and analyses its tables after, once the lock they wait for goes', async () => {
    const importId = await open('orders');
    await ingest('orders', { importId, records: orders(0, 3000) });
    const before = await analyses(store.db, 'customer_order');
    const lock = await lockTable('customer_order');
    const closed = await within(close(importId), 10_000);
    expect(closed === 'no answer' ? closed : closed.statusCode).toBe(200);
    expect(closed !== 'no answer' && closed.json().status).toBe('completed');
    // the refresh is waiting for the lock, and has not analysed the table
    await waitingAt(store.db, 'customer_order');
    expect(await analyses(store.db, 'customer_order')).toBe(before);
    await lock.release();
    await eventually(async () => await analyses(store.db, 'customer_order') === before + 1, 30_000, 'customer_order analysed once the lock went');
  }, 120_000);

  it('runs one ANALYZE at a time however many closes ask, and one more pass after for the rows written meanwhile', async () => {
    const first = await open('orders');
    await ingest('orders', { importId: first, records: orders(10_000, 3000) });
    const lock = await lockTable('customer_order');
    const customersBefore = await analyses(store.db, 'customer');
    const ordersBefore = await analyses(store.db, 'customer_order');
    const closedFirst = await within(close(first), 10_000);
    expect(closedFirst === 'no answer' ? closedFirst : closedFirst.statusCode).toBe(200);
    // the first close's pass analysed customer (before customer_order by name), then waits for the lock
    await waitingAt(store.db, 'customer_order');
    expect(await analyses(store.db, 'customer')).toBe(customersBefore + 1);

    // two more runs, each writing many customers while that pass waits, then closing: each answers
    const runs = [await open('customers'), await open('customers')];
    for (const [index, importId] of runs.entries()) {
      await ingest('customers', { importId, records: customers(100_000 * (index + 1), 3000) });
      const closed = await within(close(importId), 10_000);
      expect(closed === 'no answer' ? closed : closed.statusCode).toBe(200);
      // no second ANALYZE started beside the waiting one
      expect(await analysesRunning(store.db)).toEqual([`analyze "${schema}"."customer_order"`]);
    }
    // asked again while the pass runs: the pass due is one, whoever asks
    const due = refreshServerStatisticsInBackground(store.db);
    expect(refreshServerStatisticsInBackground(store.db)).toBe(due);

    await lock.release();
    // the due pass runs after the first and finds customer due again, from the rows written during the first
    expect((await due).map((table) => table.table)).toContain('customer');
    await backgroundStatisticsSettled(store.db);
    // customer once in each pass, and no third pass; customer_order in the first, and in the due one too when
    // the counts of the close reached the shared statistics only after the first analysed it (server-statistics.ts)
    expect(await analyses(store.db, 'customer')).toBe(customersBefore + 2);
    expect(await analyses(store.db, 'customer_order')).toBeGreaterThanOrEqual(ordersBefore + 1);
  }, 120_000);

  it('lets an analysis asked for while a pass waits wait for that pass, not analyse the same table again beside it', async () => {
    const importId = await open('orders');
    await ingest('orders', { importId, records: orders(20_000, 3000) });
    // the batch's counts in the shared statistics before the close, so no count arriving late makes the table due again
    await eventually(async () => await changedSinceAnalysis(store.db, 'customer_order') >= 3000, 30_000, 'the batch counted in the statistics');
    await lockTable('customer_order').then(async (lock) => {
      const closed = await within(close(importId), 10_000);
      expect(closed === 'no answer' ? closed : closed.statusCode).toBe(200);
      await waitingAt(store.db, 'customer_order');
      // a full analysis's end, say, asking now
      const asked = analyzeChangedServerTablesQuietly(store.db);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await analysesRunning(store.db)).toEqual([`analyze "${schema}"."customer_order"`]);
      await lock.release();
      expect((await asked).map((table) => table.table)).not.toContain('customer_order');
    });
  }, 120_000);
});

(testStoreKinds().includes('server') ? describe : describe.skip)('closing a server store while its statistics refresh waits', () => {
  let scratch: Awaited<ReturnType<typeof createScratchSchema>>;
  let store: Store;
  let lock: { release: () => Promise<void> } | undefined;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => { unhandled.push(reason); };

  beforeAll(async () => {
    scratch = await createScratchSchema(serverUrl!, 'test');
    store = await openStore(scratch.url);
    await migrate(store);
    process.on('unhandledRejection', onUnhandled);
  }, 240_000);
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await lock?.release();
    await store?.close();
    await scratch?.drop();
  });

  it('cancels the waiting ANALYZE, skips the pass due, and closes without a warning or an unhandled rejection', async () => {
    const schema = await schemaOf(store.db);
    lock = await holdLock(schema, 'customer_order');
    const warnings: string[] = [];
    const warn = (message: string) => { warnings.push(message); };
    // a request that is a whole import: it answers, its refresh waits for the lock
    const summary = await within(ingestRecords(store.db, 'orders', orders(0, 3000), { actor: 'test', clock, warn }), 10_000);
    expect(summary === 'no answer' ? summary : summary.inserted).toBe(3000);
    await waitingAt(store.db, 'customer_order');
    const due = refreshServerStatisticsInBackground(store.db, warn);

    // a second connection to watch from, as the store's own pool ends
    const watcher = new pg.Client({ connectionString: serverUrl });
    await watcher.connect();
    try {
      expect(await within(store.close(), 10_000)).toBeUndefined();
      // the ANALYZE was cancelled, not left waiting on the server
      const waiting = await watcher.query(`select count(*)::int as count from pg_stat_activity where state = 'active' and query like $1`, [`analyze "${schema}".%`]);
      expect(waiting.rows[0].count).toBe(0);
    } finally {
      await watcher.end();
    }
    expect(await within(due, 1_000)).toEqual([]);
    // closed: asking for more starts nothing
    expect(await refreshServerStatisticsInBackground(store.db, warn)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(warnings).toEqual([]);
    expect(unhandled).toEqual([]);
  }, 120_000);
});

(testStoreKinds().includes('server') ? describe : describe.skip)('closing a server store whose every pooled connection is busy while its statistics refresh waits', () => {
  let scratch: Awaited<ReturnType<typeof createScratchSchema>>;
  let store: Store;
  let lock: { release: () => Promise<void> } | undefined;
  const lent: pg.PoolClient[] = [];

  beforeAll(async () => {
    scratch = await createScratchSchema(serverUrl!, 'test');
    store = await openStore(scratch.url);
    await migrate(store);
  }, 240_000);
  afterAll(async () => {
    for (const client of lent.splice(0)) client.release();
    await lock?.release();
    await store?.close();
    await scratch?.drop();
  });

  it('cancels the waiting ANALYZE all the same: the cancel does not wait for a pooled connection', async () => {
    const schema = await schemaOf(store.db);
    lock = await holdLock(schema, 'customer_order');
    const summary = await within(ingestRecords(store.db, 'orders', orders(0, 3000), { actor: 'test', clock, warn: () => {} }), 10_000);
    expect(summary === 'no answer' ? summary : summary.inserted).toBe(3000);
    await waitingAt(store.db, 'customer_order');
    const due = refreshServerStatisticsInBackground(store.db);
    // the pool's other connections lent out (requests, reports) as the server shuts down
    const pool = store.pool!;
    while (pool.totalCount - pool.idleCount < pool.options.max!) lent.push(await pool.connect());

    const closed = store.close();
    // the pass ends, cancelled, while every pooled connection is still lent out
    expect(await within(due, 5_000)).toEqual([]);
    const watcher = new pg.Client({ connectionString: serverUrl });
    await watcher.connect();
    try {
      const waiting = await watcher.query(`select count(*)::int as count from pg_stat_activity where state = 'active' and query like $1`, [`analyze "${schema}".%`]);
      expect(waiting.rows[0].count).toBe(0);
    } finally {
      await watcher.end();
    }
    // the pool ends once what it lent comes back
    for (const client of lent.splice(0)) client.release();
    expect(await within(closed, 10_000)).toBeUndefined();
  }, 120_000);
});
