import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { getStoreSettings, readCurrencyRates } from '../settings/index.js';
import type { ImportEntity } from './canonical.js';
import { buildIngestContext } from './import-file.service.js';
import { addBatchToImportRun, startImportRun } from './import-runs.repo.js';
import { parseFile } from './rows/index.js';
import { writeBatch, type WriteContext } from './write/index.js';

/**
 * Two imports of one file at the same time on a server store, each batch on its own connection:
 * the first holds its batch's transaction open until the second waits on the rows it wrote, so the
 * second found them missing and meets them stored. Each run counts what its own statements did.
 */
const clock = fixedClock('2024-06-30T12:00:00Z');
const directory = mkdtempSync(join(tmpdir(), 'clientele-concurrent-counts-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

function csv(name: string, lines: string[]): string {
  const path = join(directory, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

type RunCounts = { read: number; inserted: number; updated: number; unchanged: number; rejected: number };

/** One batch of `path` as a file import writes it: the rows and the run's counters in one transaction. */
async function importTogether(db: Kysely<Database>, entity: ImportEntity, path: string): Promise<RunCounts[]> {
  const settings = await getStoreSettings(db);
  const rates = await readCurrencyRates(db);
  const ingest = await buildIngestContext(db, clock, 'import');
  const open = async () => {
    const importId = await startImportRun(db, { entity, fileName: path, preset: null, startedBy: 'test' });
    const batch = (await parseFile(entity, path, { context: ingest }).next()).value!;
    const context: WriteContext = {
      importId, file: path, linesOf: 'file', sourceSetIn: 'option', currency: settings.currency, timeZone: settings.timeZone, rates,
      ...(entity === 'orders' ? { defersStaleLines: true } : {}),
    };
    const write = async (trx: Kysely<Database>) => {
      const written = await writeBatch(trx, entity, batch.rows, context, batch.rejectedOrderKeys);
      await addBatchToImportRun(trx, importId, batch.rows.length + batch.rejects.length, { ...written, rejects: [...batch.rejects, ...written.rejects] });
    };
    return { importId, write };
  };
  const [first, second] = [await open(), await open()];
  let release!: () => void;
  const released = new Promise<void>((resolve) => { release = resolve; });
  let wrote!: () => void;
  const written = new Promise<void>((resolve) => { wrote = resolve; });
  const firstRun = db.transaction().execute(async (trx) => {
    await first.write(trx);
    wrote();
    await released;
  });
  await written;
  let isSecondDone = false;
  let secondPid: number | undefined;
  const secondRun = db.transaction().execute(async (trx) => {
    secondPid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
    await second.write(trx);
  }).finally(() => { isSecondDone = true; });
  // the second's own connection, not another test's on the same server
  const isWaiting = async () => secondPid !== undefined
    && (await sql<{ count: number }>`select count(*)::int as count from pg_stat_activity where pid = ${secondPid}::int and wait_event_type = 'Lock'`.execute(db)).rows[0].count > 0;
  await expect.poll(async () => isSecondDone || (await isWaiting()), { timeout: 10_000 }).toBe(true);
  release();
  await Promise.all([firstRun, secondRun]);
  const runs = await sql<RunCounts>`select read_count as read, inserted_count as inserted, updated_count as updated, unchanged_count as unchanged,
    rejected_count as rejected from import_run where import_id in (${first.importId}, ${second.importId}) order by import_id`.execute(db);
  return runs.rows;
}

const stored = async (db: Kysely<Database>, table: 'customer_order' | 'interest_event', prefix: string) =>
  (await sql<{ count: number }>`select count(*)::int as count from ${sql.table(table)} where external_id like ${`${prefix}%`}`.execute(db)).rows[0].count;

function expectCountedOnce(runs: RunCounts[], storedCount: number, rowsPerStored: number): void {
  expect(runs).toHaveLength(2);
  // what each run read, it counted once; and each stored row was inserted by one of them
  for (const run of runs) expect(run.inserted + run.updated + run.unchanged + run.rejected).toBe(run.read);
  expect(runs[0].inserted + runs[1].inserted).toBe(storedCount * rowsPerStored);
  expect(runs.map((run) => run.rejected)).toEqual([0, 0]);
  // the later run found every row as the first stored it
  expect(runs[1]).toEqual({ read: runs[1].read, inserted: 0, updated: 0, unchanged: runs[1].read, rejected: 0 });
}

describeEachStore('two imports of one file at the same time', (context) => {
  const buyers = ['customer_id,email', ...Array.from({ length: 20 }, (_, i) => `buyer-${i},buyer.${i}@example.com`)];

  it('count the orders of a file with lines once, the later run finding them unchanged', async () => {
    // the embedded store has one connection: two imports there come one after the other
    if (context.kind !== 'server') return;
    const db = context.store.db;
    await importTogether(db, 'customers', csv('buyers-1.csv', buyers));
    const path = csv('lines.csv', ['customer_id,order_id,ordered_at,sku,quantity,unit_price', ...Array.from({ length: 30 }, (_, i) => [
      `buyer-${i % 20},lined-${i},2024-05-01T10:00:00Z,sku-a,1,${1000 + i}`, `buyer-${i % 20},lined-${i},2024-05-01T10:00:00Z,sku-b,2,500`]).flat()]);
    const runs = await importTogether(db, 'orders', path);
    expect(await stored(db, 'customer_order', 'lined-')).toBe(30);
    expectCountedOnce(runs, 30, 2);
  });

  it('count the orders of a file of one row per order once', async () => {
    if (context.kind !== 'server') return;
    const db = context.store.db;
    await importTogether(db, 'customers', csv('buyers-2.csv', buyers));
    const path = csv('orders.csv', ['customer_id,order_id,ordered_at,amount', ...Array.from({ length: 40 }, (_, i) => `buyer-${i % 20},plain-${i},2024-05-01T10:00:00Z,${1000 + i}`)]);
    const runs = await importTogether(db, 'orders', path);
    expect(await stored(db, 'customer_order', 'plain-')).toBe(40);
    expectCountedOnce(runs, 40, 1);
  });

  it('count the events once, rather than the later run failing on the ones the first stored', async () => {
    if (context.kind !== 'server') return;
    const db = context.store.db;
    await importTogether(db, 'customers', csv('buyers-3.csv', buyers));
    const path = csv('events.csv', ['event_id,customer_id,kind,occurred_at', ...Array.from({ length: 40 }, (_, i) => `visit-${i},buyer-${i % 20},visit,2024-05-01T10:00:00Z`)]);
    const runs = await importTogether(db, 'events', path);
    expect(await stored(db, 'interest_event', 'visit-')).toBe(40);
    expectCountedOnce(runs, 40, 1);
  });
});
