import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * The advisory lock a file import holds on its run (pg_advisory_lock's two-key form: this key
 * and the run's id). Keyed by the store's schema too, so that stores sharing a database (a test
 * server's scratch schemas) do not read each other's runs as alive.
 */
function runLockKey(): RawBuilder<number> {
  return sql<number>`hashtext('clientele import_run ' || current_schema())`;
}

/**
 * Holds a session-level advisory lock on a run on one connection of a server store's pool until
 * the returned release is called, and marks the run as held (import_run.is_held_by_session). The
 * lock lives exactly as long as the importing process's session: a process that dies, even by
 * SIGKILL, has its session ended by the server and the lock with it, so isRunAlive reads the run
 * interrupted at once. Only for a store that serves concurrent queries: the one connection is
 * kept from the import's own transactions for the whole run.
 */
export async function holdImportRunSession(db: Kysely<Database>, importId: number): Promise<() => Promise<void>> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let reportHeld = (_error?: unknown) => {};
  const held = new Promise<void>((resolve, reject) => (reportHeld = (error) => (error === undefined ? resolve() : reject(error))));
  const session = db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${runLockKey()}, ${importId}::int)`.execute(connection);
    try {
      await connection.updateTable('import_run').set({ is_held_by_session: true }).where('import_id', '=', importId).execute();
      reportHeld();
      await released;
    } finally {
      await sql`select pg_advisory_unlock(${runLockKey()}, ${importId}::int)`.execute(connection);
    }
  }).catch((error: unknown) => reportHeld(error));
  await held;
  return async () => {
    release();
    await session;
  };
}

/** Whether the process that holds run `run` (an import_run alias) by its session still lives: its advisory lock is held. */
export function isRunSessionHeld(run: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from pg_locks l
    where l.locktype = 'advisory' and l.granted and l.objsubid = 2
      and l.database = (select d.oid from pg_database d where d.datname = current_database())
      and l.classid = ${runLockKey()}::oid and l.objid = ${sql.ref(`${run}.import_id`)}::int::oid)`;
}
