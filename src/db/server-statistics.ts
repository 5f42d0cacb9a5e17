import { sql, type Kysely } from 'kysely';
import { cancellableConnection } from './cancellable-connection.js';
import { servesConcurrentQueries, untilClosing } from './client.js';
import type { Database } from './schema.js';

/**
 * Planner statistics for a server store after work that wrote many rows (a file import, an API
 * import's end: a closed run or a batch that was a whole import, a demo load, a full analysis). Autovacuum analyses a table once 50 + 10% of its rows changed, but only
 * some time later, and never where it is off: until then every plan over the new rows guesses from
 * defaults (the lifecycle report ran over 120 s, a customer's type timeline 15–36 s, on a freshly
 * loaded store; a few seconds and a fifth of a second once analysed). So the work that wrote the rows
 * analyses the tables it changed enough by the same rule at its end: ANALYZE samples at most 30,000
 * rows of a table, a fraction of a second each. The embedded store has its own stand-in for
 * autovacuum (maintenance.ts); this does nothing there, nor inside a transaction.
 *
 * A table is due when the rows changed since its last analysis (n_mod_since_analyze) pass
 * 50 + 10% of its rows then (reltuples), or when it grew on disk by as much since (relpages): a
 * backend reports its counts to the shared statistics up to ten seconds after it went idle, so the
 * counts of an import's last batches may not be there yet when it ends, while the size is.
 *
 * Work that must have finished when it ends (a CLI import, a demo load, a full analysis) analyses
 * before it returns (analyzeChangedServerTablesQuietly). An HTTP request that ends an import (a closed
 * run, a batch that was a whole import) answers once its data is committed and leaves the analysis
 * to the background (refreshServerStatisticsInBackground): on a large store it took seconds, and
 * several closes at once queued their ANALYZEs one behind another, each request waiting.
 */
export type AnalyzedTable = { table: string; changed: number; rows: number };

type StatisticsRow = { schema: string; table: string; rows: number; pages_then: number; pages_now: number; changed: number };

export function statisticsDue(row: Pick<StatisticsRow, 'rows' | 'pages_then' | 'pages_now' | 'changed'>): boolean {
  const rows = Math.max(Number(row.rows), 0);
  const pagesThen = Math.max(Number(row.pages_then), 0);
  const grown = Number(row.pages_now) - pagesThen;
  return Number(row.changed) > 50 + 0.1 * rows || (grown > 4 && grown > 0.1 * pagesThen);
}

/** Analyses the server store's tables that changed enough since their last analysis; returns them. Failures are the caller's to log, not to fail on. */
export async function analyzeChangedServerTables(db: Kysely<Database>): Promise<AnalyzedTable[]> {
  if (!servesConcurrentQueries(db)) return [];
  return analyzeDueTables(db, () => false);
}

/** The tables due, analysed one by one on `db`; none more once `stopped` (the store is closing): what was analysed by then. */
async function analyzeDueTables(db: Kysely<Database>, stopped: () => boolean): Promise<AnalyzedTable[]> {
  if (stopped()) return [];
  const result = await sql<StatisticsRow>`
    select s.schemaname as schema, s.relname as table, c.reltuples::float8 as rows, c.relpages::float8 as pages_then,
      (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 as pages_now, s.n_mod_since_analyze::float8 as changed
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema()
    order by s.relname`.execute(db);
  const analyzed: AnalyzedTable[] = [];
  for (const row of result.rows) {
    if (!statisticsDue(row)) continue;
    if (stopped()) break;
    await sql`analyze ${sql.id(row.schema, row.table)}`.execute(db);
    analyzed.push({ table: row.table, changed: Number(row.changed), rows: Math.max(Number(row.rows), 0) });
  }
  return analyzed;
}

type Warn = (message: string) => void;

const emitWarning: Warn = (message) => process.emitWarning(message);

function tell(warn: Warn, error: unknown): void {
  try {
    warn(`Planner statistics not refreshed: ${(error as Error)?.message ?? String(error)}`);
  } catch {
    // a logger that throws cannot be told so; the refresh's failure must not become the process's
  }
}

/** The same, for the end of work whose answer must not depend on it: a failure is told as a warning. */
export async function analyzeChangedServerTablesQuietly(db: Kysely<Database>, warn: Warn = emitWarning): Promise<AnalyzedTable[]> {
  try {
    // after a background refresh the same tables are due no more: waiting for it spares analysing them twice
    await backgroundStatisticsSettled(db);
    return await analyzeChangedServerTables(db);
  } catch (error) {
    tell(warn, error);
    return [];
  }
}

type Ticket = { promise: Promise<AnalyzedTable[]>; resolve: (tables: AnalyzedTable[]) => void };

function ticket(): Ticket {
  let resolve!: (tables: AnalyzedTable[]) => void;
  const promise = new Promise<AnalyzedTable[]>((settle) => { resolve = settle; });
  return { promise, resolve };
}

/** A store's refresh while it runs: one pass at a time, and at most one more due after it. */
type Refresh = {
  /** Where the pass running, or the one due, tells a failure: the last request's. */
  warn: Warn;
  /** The pass asked for while one runs, for the rows written meanwhile; it starts when that one ends. */
  due: Ticket | null;
  /** The store is closing: no statement and no pass is started any more. */
  stopping: boolean;
  /** Cancels the pass running (cancellable-connection.ts), while one runs. */
  cancelPass: ((reason: Error) => void) | null;
  /** Settles when the refresh has ended (never rejects). */
  ended: Promise<void>;
};

const refreshes = new WeakMap<Kysely<Database>, Refresh>();

/**
 * Refreshes a server store's planner statistics (analyzeChangedServerTables) after the request that
 * asks has answered: the request does not wait. One pass runs at a time per store (per Kysely
 * handle): asked while one runs, it marks one more pass due, which starts once that one ends (the
 * rows written during a pass are then considered too); however many ask meanwhile, one pass follows.
 * A failure is told to `warn` (the last asker's), never thrown: the promise answered, for tests,
 * settles with the tables the pass that covers this request analysed, and never rejects.
 *
 * Closing the store stops the refresh rather than waiting for it (client.ts, untilClosing): no pass
 * or statement is started once closing began, and the ANALYZE running is cancelled, since it can wait
 * for a lock as long as another session holds one (a migration, another ANALYZE or VACUUM) and a server
 * shutting down, or a test ending, must not wait as long. The cancel goes on a connection outside the
 * store's pool (cancellable-connection.ts): a server shutting down with every pooled connection busy
 * (reports, requests, the pass itself) held it back until one was free. Nothing is lost: a cancelled ANALYZE
 * leaves a table's counts of changed rows as they were, so the next import's end, or autovacuum, finds
 * it due still. Closing waits only for the cancelled statement to unwind, so no query meets an ended pool.
 * Nothing runs on the embedded store, nor after its closing began.
 */
export function refreshServerStatisticsInBackground(db: Kysely<Database>, warn: Warn = emitWarning): Promise<AnalyzedTable[]> {
  if (!servesConcurrentQueries(db)) return Promise.resolve([]);
  const running = refreshes.get(db);
  if (running) {
    running.warn = warn;
    running.due ??= ticket();
    return running.due.promise;
  }
  const first = ticket();
  const state: Refresh = { warn, due: null, stopping: false, cancelPass: null, ended: Promise.resolve() };
  const stillOpen = untilClosing(db, () => stopRefresh(state));
  if (!stillOpen) return Promise.resolve([]);
  refreshes.set(db, state);
  state.ended = runPasses(db, state, first, stillOpen.done);
  return first.promise;
}

/** Settles once the store's background refresh, if one runs, has ended, its due pass included; starts none (tests wait on it). */
export function backgroundStatisticsSettled(db: Kysely<Database>): Promise<void> {
  return refreshes.get(db)?.ended ?? Promise.resolve();
}

async function runPasses(db: Kysely<Database>, state: Refresh, first: Ticket, done: () => void): Promise<void> {
  let current: Ticket | null = first;
  while (current) {
    current.resolve(await onePass(db, state));
    // from here to the end nothing awaits: a request asking now finds this refresh and its due pass, or none
    current = state.stopping ? null : state.due;
    if (current) state.due = null;
  }
  // a pass due when closing began is not run
  state.due?.resolve([]);
  refreshes.delete(db);
  done();
}

/**
 * One pass on a connection of its own, which a closing store cancels (cancellable-connection.ts: sent
 * outside the pool, again while the pass lasts, and landed before the connection goes back); never rejects.
 */
async function onePass(db: Kysely<Database>, state: Refresh): Promise<AnalyzedTable[]> {
  if (state.stopping) return [];
  const pass = cancellableConnection(db);
  state.cancelPass = pass.cancel;
  try {
    return await pass.run((connection) => analyzeDueTables(connection, () => state.stopping));
  } catch (error) {
    // cancelled because the store closes: not a failure, the tables stay due
    if (!state.stopping) tell(state.warn, error);
    return [];
  } finally {
    state.cancelPass = null;
  }
}

/** Stops a refresh for its store's closing: cancels the statement its pass runs, and waits for the refresh to end. */
async function stopRefresh(state: Refresh): Promise<void> {
  state.stopping = true;
  state.cancelPass?.(new Error('The store is closing: planner statistics are not refreshed'));
  await state.ended;
}
