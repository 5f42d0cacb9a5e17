import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Runs `work` in the caller's transaction when it is given one (an import
 * batch joining stubs by merges; persona discovery assigning), else in a
 * transaction of its own: Kysely refuses to open one inside another.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
