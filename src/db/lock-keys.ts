import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { servesConcurrentQueries } from './client.js';

/**
 * The transaction- or session-level advisory locks that keep
 * work of several processes sharing one store in turn: two servers behind a proxy, a cron job's
 * `clientele analyze`, a nightly CLI import. Advisory locks are server-wide, not per database, so
 * each purpose has a number of its own; those defined elsewhere before this list are named here so
 * a new one does not collide: migrations 727274 (db/migrate.ts), customer merges 727275
 * (customers.service.ts), staff changes 727276 (auth/users.repo.ts; also the class of the two-key
 * identity locks, customers/identity-locks.ts), import runs and the report cache's writers (their
 * own two-key classes, ingest/import-run-session.repo.ts, reports/report-cache.ts). Each key below is
 * the class of a two-key lock whose second key is the store's schema, hashtext(current_schema()):
 * stores in other schemas of one server have policies, models and demos of their own.
 */
export const storeLockKeys = {
  /** The customer-type policy and the analyses that apply it (analytics). */
  typePolicy: 727277,
  /** Fitting the models and storing predictions (models). */
  modelRun: 727278,
  /** Discovering personas and storing the current model (personas). */
  personaDiscovery: 727279,
  /** Loading the demo store into an empty store (demo). */
  demoLoad: 727280,
} as const;

export type StoreLockKey = (typeof storeLockKeys)[keyof typeof storeLockKeys];

/** The store's lock `key` until the transaction `trx` ends (pg_advisory_xact_lock), shared or exclusive. */
export async function lockStoreForTransaction(trx: Kysely<Database>, key: StoreLockKey, mode: 'exclusive' | 'shared' = 'exclusive'): Promise<void> {
  if (!trx.isTransaction) throw new Error('A transaction-level store lock is held until the transaction ends: take it inside one');
  const lock = mode === 'shared' ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`;
  await sql`select ${lock}(${key}::int, hashtext(current_schema()))`.execute(trx);
}

/**
 * Runs `work` while one connection of the server store's pool holds the store's lock `key` by its
 * session: for work of many transactions, which a transaction-level lock cannot span. A process
 * that dies, even by SIGKILL, has its session ended by the server and the lock with it.
 * `onWait` is told when another session holds it, before waiting for it. On the embedded store the
 * work takes its turn within the process (inTurnWithinProcess).
 */
export async function holdingStoreLock<T>(db: Kysely<Database>, key: StoreLockKey, work: () => Promise<T>, options: { onWait?: () => void } = {}): Promise<T> {
  if (!servesConcurrentQueries(db)) return inTurnWithinProcess(db, key, work, options);
  return db.connection().execute(async (connection) => {
    const isTaken = (await sql<{ taken: boolean }>`select pg_try_advisory_lock(${key}::int, hashtext(current_schema())) as taken`.execute(connection)).rows[0].taken;
    if (!isTaken) {
      options.onWait?.();
      await sql`select pg_advisory_lock(${key}::int, hashtext(current_schema()))`.execute(connection);
    }
    try {
      return await work();
    } finally {
      // it fails only on a connection that broke, whose session took the lock with it
      await sql`select pg_advisory_unlock(${key}::int, hashtext(current_schema()))`.execute(connection).catch(() => undefined);
    }
  });
}

/** Per embedded store's handle: the end of the last work queued for each lock, while any is queued. */
const queuedWithinProcess = new WeakMap<Kysely<Database>, Map<StoreLockKey, Promise<void>>>();

/**
 * The embedded store's stand-in for the session lock: PGlite is one session, on which an advisory
 * lock is taken again by whoever asks, so two requests of one server (two staff members' discoveries)
 * would run side by side. Only this process may open the store (store-lock.ts), so turns kept here
 * are turns for the store.
 */
async function inTurnWithinProcess<T>(db: Kysely<Database>, key: StoreLockKey, work: () => Promise<T>, options: { onWait?: () => void }): Promise<T> {
  const queues = queuedWithinProcess.get(db) ?? new Map<StoreLockKey, Promise<void>>();
  queuedWithinProcess.set(db, queues);
  const before = queues.get(key);
  if (before) options.onWait?.();
  const mine = (before ?? Promise.resolve()).then(work);
  const ended = mine.then(() => undefined, () => undefined);
  queues.set(key, ended);
  try {
    return await mine;
  } finally {
    if (queues.get(key) === ended) queues.delete(key);
  }
}
