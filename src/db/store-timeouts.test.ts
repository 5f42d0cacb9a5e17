import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/helpers/stores.js';
import { openStore, type Store } from './client.js';
import { migrate } from './migrate.js';
import { createScratchSchema } from './scratch-schema.js';
import { startSilentProxy, type SilentProxy } from './silent-proxy.js';
import { checkStoreResponds } from './store-responds.js';

const serverUrl = process.env.TEST_DATABASE_URL;

/** Whether `promise` settles within `millis`, and how: a hang is the failure these tests look for. */
async function settleWithin<T>(promise: Promise<T>, millis: number): Promise<{ outcome: 'resolved' | 'rejected' | 'hung'; error?: Error }> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<{ outcome: 'hung' }>((resolve) => { timer = setTimeout(() => resolve({ outcome: 'hung' }), millis); });
  try {
    return await Promise.race([
      promise.then(() => ({ outcome: 'resolved' as const }), (error: Error) => ({ outcome: 'rejected' as const, error })),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// Only a server store has a network between it and its database.
describe.skipIf(!serverUrl)('a server store whose database accepts connections and never answers', () => {
  let proxy: SilentProxy;
  let scratch: Awaited<ReturnType<typeof createScratchSchema>>;
  let store: Store;

  beforeAll(async () => {
    scratch = await createScratchSchema(serverUrl!, 'test_silent');
    const direct = await openStore(scratch.url);
    await migrate(direct);
    await direct.close();
    proxy = await startSilentProxy(scratch.url);
    store = await openStore(proxy.url, { connectTimeoutMillis: 500 });
  });
  afterAll(async () => {
    proxy.setSilent(false);
    await store.close();
    await proxy.close();
    await scratch.drop();
  });

  it('fails to connect within the connect timeout, and connects once the database answers again', async () => {
    await store.pool!.end();
    store = await openStore(proxy.url, { connectTimeoutMillis: 500 });
    proxy.setSilent(true);
    const started = Date.now();
    const silent = await settleWithin(sql`select 1`.execute(store.db), 5_000);
    expect(silent.outcome).toBe('rejected');
    expect(silent.error).toMatchObject({ code: 'ETIMEDOUT', message: expect.stringMatching(/did not answer within 0.5 s of connecting/) });
    expect(Date.now() - started).toBeLessThan(2_000);
    proxy.setSilent(false);
    expect((await settleWithin(sql`select 1`.execute(store.db), 5_000)).outcome).toBe('resolved');
  });

  it('fails a health check within its time limit, on open connections too, and recovers: the pool is not left stuck', async () => {
    // the pool's four connections open and idle, as under a running server
    await Promise.all(Array.from({ length: 4 }, () => store.db.transaction().execute((transaction) => sql`select pg_sleep(0.05)`.execute(transaction))));
    expect(store.pool!.totalCount).toBe(4);
    proxy.setSilent(true);
    const started = Date.now();
    // more checks than the pool has connections, as a load balancer's probes pile up
    const checks = await Promise.all(Array.from({ length: 6 }, () => settleWithin(checkStoreResponds(store, 300), 5_000)));
    expect(checks.map((check) => check.outcome)).toEqual(Array(6).fill('rejected'));
    expect(checks[0]!.error).toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(3_000);
    proxy.setSilent(false);
    // the connections that got no answer are dropped, not given to the next query
    await expect.poll(() => settleWithin(checkStoreResponds(store, 1_000), 3_000).then((check) => check.outcome), { timeout: 10_000 }).toBe('resolved');
    expect((await settleWithin(sql`select count(*) as n from store_setting`.execute(store.db), 3_000)).outcome).toBe('resolved');
  });

  it('lets a long query on a database that answers run past the health check\'s limit', async () => {
    const long = await settleWithin(sql`select pg_sleep(0.8)`.execute(store.db), 5_000);
    expect(long.outcome).toBe('resolved');
    await checkStoreResponds(store, 300);
  });
});

describe('a health check of the embedded store', () => {
  it('answers', async () => {
    const { store, dispose } = await createTestStore('embedded');
    try {
      await expect(checkStoreResponds(store, 300)).resolves.toBeUndefined();
    } finally {
      await dispose();
    }
  });
});
