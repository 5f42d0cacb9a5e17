import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import { cancellableConnection } from '../db/cancellable-connection.js';
import type { Store } from '../db/client.js';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import { errorResponse } from '../server/responses.js';
import { cachedReport, readDataStamp, reportCacheKey } from './report-cache.js';

/**
 * How report requests (GET /api/reports/*) use a server store's connections. The pool holds 4; a
 * report over a large store may run for seconds to minutes, and four of them held every connection:
 * a customer list, a sign-in and the health check waited behind them, and reports whose client had
 * long hung up went on running. So on a server store a report:
 *  - waits for one of `maxReportsInFlight` slots (the rest of the pool stays free for everything
 *    else); waiting holds no connection, and a report whose client hangs up while waiting never runs;
 *  - runs in one transaction whose statements may each take at most `reportDeadlineMillis`, and
 *    is stopped when the deadline passes as a whole: REPORT_TIMEOUT_UNAVAILABLE (503);
 *  - is cancelled when its client hangs up before the answer is sent: nobody is left to read it. The
 *    cancel (pg_cancel_backend, db/cancellable-connection.ts) goes on a connection outside the pool,
 *    as the pool may have none free, and lands before the report's connection goes back to the pool.
 * The embedded store (PGlite) runs in this process on its one connection, where a running statement
 * cannot be cancelled from outside nor timed out: there a report only takes a slot, and runs to its end.
 */
export const maxReportsInFlight = 2;

/** A report's deadline: a minute, ample for a report over a million orders with planner statistics. */
export const reportDeadlineMillis = 60_000;

/**
 * `cache`: the report reads whole-store aggregates and is kept (report-cache.ts) under its
 * `params`, as the route was given them, and the store's data version; `clock` is the route's.
 */
export type ReportRunOptions = { deadlineMillis?: number; cache?: { params: Record<string, unknown>; clock: Clock } };

/** What a report route answers when its report passed the deadline (server store). */
export const reportTimeoutResponse = errorResponse(
  `The report did not finish within its deadline (${reportDeadlineMillis / 1000} s) and was stopped (REPORT_TIMEOUT_UNAVAILABLE); try again later, or refresh the store's statistics (clientele analyze)`,
);

let running = 0;
const waiting: Array<() => void> = [];

/** Reports running now (holding a slot), for tests and diagnostics. */
export function reportsInFlight(): number {
  return running;
}

/** Reports waiting for a slot now, for tests and diagnostics. */
export function reportsWaiting(): number {
  return waiting.length;
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

/** Resolves true once a slot is held; false when `gone` fired first (nothing held then). */
function takeSlot(gone: Promise<void>): Promise<boolean> {
  if (running < maxReportsInFlight) {
    running += 1;
    return Promise.resolve(true);
  }
  return new Promise<boolean>((resolve) => {
    // the slot is handed over as it is: `running` stays the same
    const granted = () => resolve(true);
    waiting.push(granted);
    void gone.then(() => {
      const index = waiting.indexOf(granted);
      if (index === -1) return;
      waiting.splice(index, 1);
      resolve(false);
    });
  });
}

/** The client went away before its answer was sent (a closed tab, a curl --max-time). */
function clientGone(request: FastifyRequest, reply: FastifyReply): { gone: Promise<void>; isGone: () => boolean; dispose: () => void } {
  let hasGone = false;
  let signal!: () => void;
  const gone = new Promise<void>((resolve) => { signal = resolve; });
  const onClose = () => {
    if (reply.raw.writableEnded) return;
    hasGone = true;
    signal();
  };
  const socket = request.raw.socket;
  // the response's close comes when the connection closes too, before any answer; an injected request has no socket
  reply.raw.once('close', onClose);
  socket?.once('close', onClose);
  if (socket?.destroyed) onClose();
  return { gone, isGone: () => hasGone, dispose: () => { reply.raw.off('close', onClose); socket?.off('close', onClose); } };
}

/**
 * A report stopped because its client went away answers 499 (nginx's "client closed request"):
 * below 500, so the error handler neither logs it as a failure of ours nor answers 500. Nobody
 * reads the answer; runReport logs the stop once, at info.
 */
class ReportStopped extends Error {
  readonly statusCode: number | undefined;
  readonly code: string | undefined;
  constructor(readonly why: 'client-gone' | 'deadline') {
    super(why === 'client-gone' ? 'The client went away: the report was stopped' : 'The report passed its deadline');
    this.statusCode = why === 'client-gone' ? 499 : undefined;
    this.code = why === 'client-gone' ? 'REPORT_CLIENT_GONE' : undefined;
  }
}

function timeoutError(report: string, deadlineMillis: number): AppError {
  const seconds = Math.round(deadlineMillis / 100) / 10;
  return new AppError('REPORT_TIMEOUT_UNAVAILABLE',
    `The ${report} report did not finish within ${seconds} s and was stopped, so that it does not hold the database from other work. `
    + 'Try again in a few minutes, with a shorter range where the report takes one; if it keeps happening, the store may lack planner statistics '
    + '(after a large import, on a PostgreSQL server with autovacuum off): run `clientele analyze`, or ANALYZE on the database, then try again.',
    { report, deadlineSeconds: seconds, hint: 'try again later, or refresh the store\'s statistics (clientele analyze)' });
}

/** A statement stopped by statement_timeout or pg_cancel_backend (query_canceled). */
function isCancelled(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '57014';
}

/**
 * Runs the report `work` (named `report` for people: "lifecycle") for `request` under the rules
 * above. `work` gets the handle to run its queries on: the report's transaction on a server store.
 */
export async function runReport<T>(
  request: FastifyRequest, reply: FastifyReply, store: Store, report: string, work: (db: Kysely<Database>) => Promise<T>, options: ReportRunOptions = {},
): Promise<T> {
  if (!options.cache) return runReportNow(request, reply, store, report, work, options);
  // read before any slot is waited for: a report in the cache is answered at once
  const stamp = await readDataStamp(store.db, options.cache.clock);
  const key = reportCacheKey(report, options.cache.params, stamp);
  return cachedReport(store, key, stamp.isSettled, (lookup) => runReportNow(request, reply, store, report, async (db) => {
    const found = lookup();
    return found ? found.value : work(db);
  }, options));
}

async function runReportNow<T>(
  request: FastifyRequest, reply: FastifyReply, store: Store, report: string, work: (db: Kysely<Database>) => Promise<T>, options: ReportRunOptions,
): Promise<T> {
  const client = clientGone(request, reply);
  try {
    if (!(await takeSlot(client.gone))) throw new ReportStopped('client-gone');
    try {
      if (store.kind !== 'server' || !store.pool) return await work(store.db);
      return await runOnServer(store, report, work, client, options.deadlineMillis ?? reportDeadlineMillis);
    } finally {
      releaseSlot();
    }
  } catch (error) {
    if (error instanceof ReportStopped && error.why === 'client-gone') request.log.info({ report }, 'report stopped: its client went away');
    throw error;
  } finally {
    client.dispose();
  }
}

async function runOnServer<T>(
  store: Store, report: string, work: (db: Kysely<Database>) => Promise<T>, client: ReturnType<typeof clientGone>, deadlineMillis: number,
): Promise<T> {
  const state: { stopped: ReportStopped | null; done: boolean } = { stopped: null, done: false };
  const connection = cancellableConnection(store.db, { transaction: { statementTimeoutMillis: Math.max(1, Math.ceil(deadlineMillis)) } });
  const stop = (why: ReportStopped['why']) => {
    // once its work has answered, the report stands: a deadline or a hang-up after it stops nothing
    if (state.stopped || state.done) return;
    state.stopped = new ReportStopped(why);
    // a statement the report starts from now on throws this stop
    connection.cancel(state.stopped);
  };
  const timer = setTimeout(() => stop('deadline'), deadlineMillis);
  void client.gone.then(() => stop('client-gone'));
  try {
    return await connection.run(async (db) => {
      if (client.isGone()) stop('client-gone');
      const answer = await work(db);
      state.done = true;
      return answer;
    });
  } catch (error) {
    const why = state.stopped?.why ?? (isCancelled(error) ? 'deadline' : null);
    if (why === 'deadline') throw timeoutError(report, deadlineMillis);
    if (why === 'client-gone') throw new ReportStopped('client-gone');
    throw error;
  } finally {
    state.done = true;
    clearTimeout(timer);
  }
}
