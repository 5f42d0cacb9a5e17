import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { servesConcurrentQueries } from '../db/client.js';
import { holdingStoreLock, storeLockKeys } from '../db/lock-keys.js';

/** The store handles whose demo-load lock the work running now holds. */
const heldHere = new AsyncLocalStorage<ReadonlySet<Kysely<Database>>>();

/**
 * Runs `work` while it holds the demo-load advisory lock (`onWait` is told when it must wait first),
 * so that of several processes loading a demo into one server store (two servers started with
 * `--demo` on an empty database, a server and `clientele demo load`) one loads and the others wait,
 * then find the store loaded. Without it a second `serve --demo`, started while the first loaded,
 * took the first's load for an interrupted one ("was interrupted: finishing it") and loaded it again
 * beside it: every import run, model fit and analysis run twice in the history.
 *
 * Session-level on one connection of the pool, held for the whole load, which is many
 * transactions: a process that dies, even by SIGKILL, has its session ended by the server and the
 * lock with it, so the next start has the lock at once and finishes the load it finds stopped
 * part-way (unfinished-load.ts), as a dead import's run is told from a live one
 * (ingest/import-run-session.repo.ts). Work that holds it already (a start deciding whether to load,
 * then loading) runs within it. The embedded store is one process's alone (db/store-lock.ts).
 */
export async function underDemoLoadLock<T>(db: Kysely<Database>, work: () => Promise<T>, options: { onWait?: () => void } = {}): Promise<T> {
  const held = heldHere.getStore() ?? new Set();
  if (!servesConcurrentQueries(db) || held.has(db)) return work();
  return holdingStoreLock(db, storeLockKeys.demoLoad, () => heldHere.run(new Set([...held, db]), work), options);
}
