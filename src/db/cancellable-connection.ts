import { sql, type ControlConnectionProvider, type DatabaseConnection, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Work on a server store's connection of its own, which another part of the process may stop: a
 * report whose client hung up or whose deadline passed (reports/report-run.ts), the background
 * refresh of planner statistics when its store closes (server-statistics.ts). The stop is
 * pg_cancel_backend for the work's backend, which stops whatever statement runs there at that moment:
 *  - it is sent only while the work holds the connection, and the connection goes back to the pool
 *    only once every cancel sent has landed, since a cancel that reached the connection's next user
 *    would stop an unrelated query;
 *  - from the cancel on, a statement the work starts is refused (it throws the cancel's reason), and
 *    the cancel is sent again every `resendMillis` while the work lasts: the server drops a cancel
 *    that reaches the backend before the statement it was meant for started there (one sent just
 *    before it, or between two statements);
 *  - it travels on a short-lived connection outside the store's pool (Kysely's control client: the
 *    pool's own client class and options, connect timeout included). Through the pool, a cancel
 *    at shutdown with every connection busy waited for a free one, which could be the very work it
 *    was meant to stop.
 * Server stores only: the embedded store is one session in this process, where nothing can cancel
 * a running statement from outside.
 */
export type CancellableConnection = {
  /**
   * Runs `work` on a connection of its own (in one transaction with `transaction`), giving it the
   * handle to run its statements on. Settles once the work has ended and any cancel sent to it has
   * landed. Rejects with what the work threw: query_canceled (57014) for a statement cancelled or
   * timed out, the cancel's reason for one refused. Runs once.
   */
  run: <T>(work: (db: Kysely<Database>) => Promise<T>) => Promise<T>;
  /** Stops the work (see above). The first reason counts; before `run` the work starts no statement, after it ended nothing happens. */
  cancel: (reason: Error) => void;
};

export type CancellableConnectionOptions = {
  /**
   * The work runs in one transaction, whose statements may each take at most
   * `statementTimeoutMillis` (a report's deadline): committed when the work returns, rolled back
   * when it throws. The cancel never reaches the BEGIN, the timeout's setting, or the COMMIT/ROLLBACK.
   */
  transaction?: { statementTimeoutMillis?: number };
};

/** How often a cancel is sent again while the cancelled work still holds its connection. */
const resendMillis = 100;

export function cancellableConnection(db: Kysely<Database>, options: CancellableConnectionOptions = {}): CancellableConnection {
  let reason: Error | null = null;
  let hasRun = false;
  /** The work's connection while the work holds it: cancels go to its backend only then. */
  let holder: DatabaseConnection | null = null;
  /** The cancels being sent: the work waits for them before it gives its connection back. */
  let cancelling: Promise<void> = Promise.resolve();
  let endPause = () => {};

  const keepCancelling = async (connection: DatabaseConnection) => {
    while (holder === connection) {
      await sendCancel(connection);
      if (holder !== connection) return;
      await new Promise<void>((resolve) => {
        endPause = resolve;
        setTimeout(resolve, resendMillis).unref();
      });
    }
  };

  const cancel = (why: Error) => {
    if (reason) return;
    reason = why;
    if (holder) cancelling = keepCancelling(holder);
  };

  const hold = async <T>(handle: Kysely<Database>, work: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
    const connection = await connectionOf(handle);
    holder = connection;
    try {
      return await work(handle.withPlugin({
        transformQuery: (args) => {
          if (reason) throw reason;
          return args.node;
        },
        transformResult: async (args) => args.result,
      }));
    } finally {
      holder = null;
      endPause();
      await cancelling;
    }
  };

  const run = async <T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> => {
    if (hasRun) throw new Error('A cancellable connection runs its work once');
    hasRun = true;
    const transaction = options.transaction;
    return db.connection().execute(async (connection) => {
      if (!transaction) return hold(connection, work);
      return connection.transaction().execute(async (inTransaction) => {
        if (transaction.statementTimeoutMillis !== undefined) {
          await sql`select set_config('statement_timeout', ${String(transaction.statementTimeoutMillis)}, true)`.execute(inTransaction);
        }
        return hold(inTransaction, work);
      });
    });
  };

  return { run, cancel };
}

/** The one connection a handle bound to it (db.connection(), a transaction) runs on, its backend known for a cancel. */
async function connectionOf(handle: Kysely<Database>): Promise<DatabaseConnection> {
  // Kysely's driver connection knows its backend and has a control client to cancel it with
  // (PostgresDialect's controlClient). Only getExecutor reaches it, and Kysely marks that internal:
  // an upgrade of Kysely must keep it, and this file's tests would say so
  const connection = await handle.getExecutor().provideConnection(async (bound) => bound);
  if (!connection.cancelQuery || !connection.collectSessionInfo) throw new Error('This store\'s connections cannot be cancelled');
  await connection.collectSessionInfo();
  return connection;
}

/**
 * Kysely's fallback when the pool names no client class to connect aside with: the pool itself,
 * which is the wait this module exists to avoid. pg's pools always name one.
 */
const noPooledControlConnection: ControlConnectionProvider = async () => {
  throw new Error('No connection outside the pool to send a cancel on');
};

/**
 * One pg_cancel_backend for the statement running on `connection` (none when nothing runs there:
 * Kysely checks before and after connecting aside), settled once it has landed.
 */
async function sendCancel(connection: DatabaseConnection): Promise<void> {
  try {
    await connection.cancelQuery!(noPooledControlConnection);
  } catch {
    // the statement ended while connecting, or the connection aside failed: the next round tries again
  }
}
