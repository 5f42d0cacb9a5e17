import type pg from 'pg';
import type { Store } from './client.js';

/**
 * How long a health check waits for a server store, connecting included. A server that accepts
 * connections and never answers held GET /api/health for minutes; a load balancer's probe wants an
 * answer within seconds, and a failure it can act on.
 */
export const storeCheckTimeoutMillis = 5_000;

/**
 * Fails, within `timeoutMillis` on a server store, unless the store answers a small read of the
 * store's own table. The time limit is this query's alone: the store's other queries have none, as an
 * analysis may rightly run for minutes. A connection whose answer never came is dropped from the pool
 * rather than given to the next query. The embedded store runs in this process and cannot hang so:
 * it is only asked, as a long analysis may hold its one connection for a while.
 */
export async function checkStoreResponds(store: Store, timeoutMillis = storeCheckTimeoutMillis): Promise<void> {
  const query = 'select key from store_setting limit 1';
  if (store.kind !== 'server' || !store.pool) {
    await store.db.selectFrom('store_setting').select('key').limit(1).execute();
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreCheckTimeoutError(timeoutMillis)), timeoutMillis);
  });
  // query_timeout ends the wait on a connection that answers no more, and the pool then drops it;
  // the deadline also covers waiting for a connection
  const asked = store.pool.query({ text: query, query_timeout: timeoutMillis } as pg.QueryConfig);
  asked.catch(() => undefined);
  try {
    await Promise.race([asked, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export class StoreCheckTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(timeoutMillis: number) {
    super(`The database did not answer within ${timeoutMillis / 1000} s`);
  }
}
