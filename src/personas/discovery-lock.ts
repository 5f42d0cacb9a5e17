import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { holdingStoreLock, storeLockKeys } from '../db/lock-keys.js';

/**
 * Runs a discovery while it holds the persona-discovery advisory lock, so discoveries of several
 * processes sharing a server store (two servers, a server and `clientele personas discover`) run
 * one after another: the second waits, then reads the model the first stored. Two at once both
 * replaced the same current model, and the second's insert failed on persona_model_current_key.
 *
 * Session-level on one connection of the pool, not transaction-level: a discovery reads the
 * current model and fits outside its transaction, and all of it must follow the first's commit.
 * A process that dies has its session, and the lock, ended by the server. On the embedded store,
 * one process's alone, discoveries asked at once (two staff members) take turns within the process.
 */
export async function underDiscoveryLock<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  return holdingStoreLock(db, storeLockKeys.personaDiscovery, work);
}
