import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DestinationStream } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/eventually.js';
import { openStore, type Store } from '../db/client.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { storeLockKeys } from '../db/lock-keys.js';
import { migrate } from '../db/migrate.js';
import { underDemoLoadLock } from '../demo/demo-load-lock.js';
import { getStoreSettings, updateStoreSettings } from '../settings/index.js';
import { chainName, countryCode, currency, timeZone } from '../synthetic/index.js';
import { startServer } from './start-server.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** A new empty database (a scratch schema), its connections named so a test can find them in pg_stat_activity. */
async function newServerStore(): Promise<{ url: string; applicationName: string }> {
  const scratch = await createScratchSchema(serverUrl!, 'demo_lock');
  drops.push(scratch.drop);
  const applicationName = `demo_lock_${randomBytes(4).toString('hex')}`;
  const url = new URL(scratch.url);
  url.searchParams.set('application_name', applicationName);
  return { url: url.toString(), applicationName };
}

function logLines(): { destination: DestinationStream; messages: string[] } {
  const messages: string[] = [];
  return { messages, destination: { write: (line: string) => { messages.push(String((JSON.parse(line) as { msg: unknown }).msg)); } } };
}

// a small demo (`serve --demo-customers`): the lock is tested, not the load; still seconds long, so the second start comes mid-load
const start = (db: string, destination: DestinationStream) => startServer({ db, port: 0, host: '127.0.0.1', demo: true, demoCustomers: 300, logLevel: 'info', logDestination: destination });

/**
 * What the loads left in the store's history. One load of the synthetic demo imports five files and
 * analyses twice (as of the start of the type history and as of its end day, load-demo.ts).
 */
async function history(db: Store['db']) {
  const { rows } = await sql<{ imports: number; analyses: number; staff: number }>`
    select (select count(*) from import_run)::int as imports, (select count(*) from analysis_run)::int as analyses,
      (select count(*) from staff_user)::int as staff`.execute(db);
  return { ...rows[0], demoDataset: (await getStoreSettings(db)).demoDataset };
}

const interrupted = /interrupted/;
const waitingLine = 'Another process is loading a demo into this store: waiting for it to finish…';

describe.skipIf(!serverUrl)('`serve --demo` of two processes on one empty PostgreSQL database', () => {
  // the second started 7 s after the first, which was still loading: it said the load "was
  // interrupted: finishing it", and both loaded it, every import run, model fit and analysis twice
  it('loads the demo once: the second start waits for the first\'s load and finds the store loaded', async () => {
    const { url } = await newServerStore();
    const first = logLines();
    const second = logLines();
    const firstStart = start(url, first.destination);
    firstStart.catch(() => undefined);
    const watching = await openStore(url);
    try {
      // the first has written the demo's settings and is loading: what the second took for an interrupted load
      await eventually(async () => first.messages.some((message) => message.includes('loading the synthetic demo store'))
        && (await getStoreSettings(watching.db)).isSynthetic, 120_000, 'the first start loading');
      const [one, other] = await Promise.all([firstStart, start(url, second.destination)]);
      await one.close();
      await other.close();

      expect([...first.messages, ...second.messages].filter((message) => interrupted.test(message))).toEqual([]);
      expect(await history(watching.db)).toEqual({ imports: 5, analyses: 2, staff: 1, demoDataset: 'synthetic' });
      expect(first.messages).toContain('Demo store loaded (synthetic data)');
      expect(second.messages).toContain(waitingLine);
      expect(second.messages.filter((message) => /demo/i.test(message) && message !== waitingLine)).toEqual([]);
      expect(other.facts).toMatchObject({ store: { data: { kind: 'synthetic' } }, interruptedLoad: null, loadData: [] });
    } finally {
      await watching.close();
    }
  }, 400_000);

  // a killed process's session ends, and its lock with it (pg_terminate_backend here, as the server does for a dead client)
  it('finishes a load whose process died, as soon as its session is gone, and not while it lives', async () => {
    const { url, applicationName } = await newServerStore();
    const loading = await openStore(url);
    await migrate(loading);
    let endLoad = () => {};
    const loadEnds = new Promise<void>((resolve) => (endLoad = resolve));
    let isPartWay = false;
    // what a load stopped part-way leaves: the demo's settings, written first, without demo_dataset, written last
    const holder = underDemoLoadLock(loading.db, async () => {
      await updateStoreSettings(loading.db, {
        name: chainName, currency, timezone: timeZone, default_country: countryCode, is_synthetic: true, demo_dataset: null, data_as_of: new Date().toISOString(),
      });
      isPartWay = true;
      await loadEnds;
    });
    const logs = logLines();
    try {
      await eventually(() => isPartWay, 30_000, 'the load part-way');
      const finishing = start(url, logs.destination);
      finishing.catch(() => undefined);
      await eventually(() => logs.messages.includes(waitingLine), 120_000, 'the start waiting for the live load');
      expect(logs.messages.filter((message) => interrupted.test(message))).toEqual([]);

      const { rows } = await sql<{ pid: number }>`
        select l.pid from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.classid = ${storeLockKeys.demoLoad}::int::oid and l.objsubid = 2 and a.application_name = ${applicationName}`.execute(loading.db);
      expect(rows).toHaveLength(1);
      await sql`select pg_terminate_backend(${rows[0].pid}::int, 10000)`.execute(loading.db);

      const finished = await finishing;
      await finished.close();
      expect(logs.messages).toContain('The synthetic demo\'s load into this store was interrupted: finishing it (Roti & Kopi Nusantara)…');
      expect(logs.messages).toContain('Demo store loaded (synthetic data)');
      expect(finished.facts).toMatchObject({ store: { data: { kind: 'synthetic' } }, interruptedLoad: null });
      expect(await history(loading.db)).toEqual({ imports: 5, analyses: 2, staff: 1, demoDataset: 'synthetic' });
    } finally {
      endLoad();
      await holder.catch(() => undefined);
      await loading.close();
    }
  }, 400_000);
});
