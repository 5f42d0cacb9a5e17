import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { servesConcurrentQueries } from '../db/client.js';
import { holdingStoreLock, storeLockKeys } from '../db/lock-keys.js';

/**
 * Runs a discovery while it holds the persona-discovery advisory lock, so discoveries of several
 * processes sharing a server store (two servers, a server and `clientele personas discover`) run
 * one after another: the second waits, then reads the model the first stored. Two at once both
 * replaced the same current model, and the second's insert failed on persona_model_current_key.
 *
 * Session-level on one connection of the pool, not transaction-level: a discovery reads the
 * current model and fits outside its transaction, and all of it must follow the first's commit.
 * A process that dies has its session, and the lock, ended by the server. The embedded store is
 * one process's alone (db/store-lock.ts) on one session, where the lock would serialize nothing.
 */
export async function underDiscoveryLock<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  return servesConcurrentQueries(db) ? holdingStoreLock(db, storeLockKeys.personaDiscovery, work) : work();
}
