import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { actorForDisplay, recordAudit } from '../auth/index.js';
import type { ImportEntity } from './canonical.js';
import { hasOrderCounts, type BatchOutcome } from './write/index.js';
import { isRunSessionHeld } from './import-run-session.repo.js';

type Db = Kysely<Database>;

/**
 * A run of an orders or lines file counts orders from 0; other runs have no order counts (null). Every run counts the customers it creates from 0.
 * `consentOverridesRefusals`: a customers run that is the consent authority says so from its start (see recordConsentOverride).
 * `isOpenedByClient`: an API client's open run, which outlives the server's process (see isRunAlive); any other run lives as long as the process writing it.
 */
export async function startImportRun(
  db: Db, run: { entity: ImportEntity; fileName: string | null; preset: string | null; startedBy: string; consentOverridesRefusals?: boolean; isOpenedByClient?: boolean },
): Promise<number> {
  const orders = hasOrderCounts(run.entity) ? { order_inserted_count: 0, order_updated_count: 0, order_unchanged_count: 0, order_rejected_count: 0 } : {};
  const overrides = run.consentOverridesRefusals && run.entity === 'customers' ? { consent_overrides_refusals: true } : {};
  const client = run.isOpenedByClient ? { is_opened_by_client: true } : {};
  const row = await db
    .insertInto('import_run')
    .values({ entity: run.entity, file_name: run.fileName, preset: run.preset, started_by: run.startedBy, created_customer_count: 0, ...orders, ...overrides, ...client })
    .returning('import_id')
    .executeTakeFirstOrThrow();
  return row.import_id;
}

/** Adds one batch's counts; runs in the batch's transaction so counts and data commit together. */
export async function addBatchToImportRun(db: Db, importId: number, read: number, outcome: BatchOutcome): Promise<void> {
  const { orders } = outcome;
  await sql`
    update import_run set read_count = read_count + ${read}::int, inserted_count = inserted_count + ${outcome.inserted}::int,
      updated_count = updated_count + ${outcome.updated}::int, unchanged_count = unchanged_count + ${outcome.unchanged}::int,
      rejected_count = rejected_count + ${outcome.rejects.length}::int,
      created_customer_count = coalesce(created_customer_count, 0) + ${outcome.createdCustomers}::int, heartbeat_at = now()${orders ? sql`,
      order_inserted_count = coalesce(order_inserted_count, 0) + ${orders.inserted}::int, order_updated_count = coalesce(order_updated_count, 0) + ${orders.updated}::int,
      order_unchanged_count = coalesce(order_unchanged_count, 0) + ${orders.unchanged}::int, order_rejected_count = coalesce(order_rejected_count, 0) + ${orders.rejected}::int` : sql``}
    where import_id = ${importId}::bigint`.execute(db);
  await addRejectCounts(db, importId, outcome.rejects);
}

/**
 * Records a customers batch written as the consent authority (consentOverridesRefusals), in the batch's
 * transaction: the run says it overrode refusals (an open run's later batch may be the first to), and
 * the audit log gets a consent.override entry by the caller, with counts only (no customer, no value):
 * the batch's records and the refusals a yes replaced (each consent counted).
 */
export async function recordConsentOverride(db: Db, batch: { importId: number; actor: string; records: number; refusalsOverridden: number }): Promise<void> {
  // a file's run says so from its start; an open run's first such batch marks it, later ones find it marked
  await db.updateTable('import_run').set({ consent_overrides_refusals: true }).where('import_id', '=', batch.importId).where('consent_overrides_refusals', '=', false).execute();
  await recordAudit(db, {
    actor: batch.actor, action: 'consent.override', entity: 'import_run', entityId: String(batch.importId),
    detail: { importId: batch.importId, records: batch.records, refusalsOverridden: batch.refusalsOverridden },
  });
}

/** Counts a batch's rejects per code beside the run (import_run_reject), so a summary can say why rows were rejected. */
async function addRejectCounts(db: Db, importId: number, rejects: ReadonlyArray<{ code: string }>): Promise<void> {
  if (rejects.length === 0) return;
  const counts = new Map<string, number>();
  for (const reject of rejects) counts.set(reject.code, (counts.get(reject.code) ?? 0) + 1);
  await sql`
    insert into import_run_reject (import_id, code, row_count)
    select ${importId}::bigint, code, row_count from unnest(${[...counts.keys()]}::text[], ${[...counts.values()]}::int[]) as c(code, row_count)
    on conflict (import_id, code) do update set row_count = import_run_reject.row_count + excluded.row_count`.execute(db);
}

/** How many rows of a run were rejected per code, most first (codes of equal count alphabetically). */
export async function readRejectCounts(db: Db, importId: number): Promise<Array<{ code: string; rows: number }>> {
  const rows = await db.selectFrom('import_run_reject').select(['code', 'row_count']).where('import_id', '=', importId)
    .orderBy('row_count', 'desc').orderBy('code').execute();
  return rows.map((row) => ({ code: row.code, rows: Number(row.row_count) }));
}

/**
 * What a batch sent to an open run must agree with; read under a row lock so that one run's batches take turns.
 * `hasLostItsProcess`: an interrupted run's process ended (hasLostItsProcess below); else no batch came for ten minutes.
 */
export type OpenRunState = { entity: string; fileName: string | null; startedBy: string; status: ImportRunStatus; hasLostItsProcess: boolean };

export async function lockImportRun(db: Db, importId: number): Promise<OpenRunState | undefined> {
  const row = await sql<{ entity: string; file_name: string | null; started_by: string; status: ImportRunStatus; has_lost_its_process: boolean }>`
    select entity, file_name, started_by,
      case when status = 'running' and not ${isRunAlive('import_run')} then 'interrupted' else status end as status,
      ${hasLostItsProcess('import_run')} as has_lost_its_process
    from import_run where import_id = ${importId}::bigint for update`.execute(db);
  const run = row.rows[0];
  return run ? { entity: run.entity, fileName: run.file_name, startedBy: run.started_by, status: run.status, hasLostItsProcess: run.has_lost_its_process } : undefined;
}

/** Rows a sender refused before sending them: read and rejected; `orders`: the orders of those rows no batch named, rejected (orders and lines runs). */
export async function addSenderRejects(db: Db, importId: number, rows: number, orders = 0): Promise<void> {
  await sql`
    update import_run set read_count = read_count + ${rows}::int, rejected_count = rejected_count + ${rows}::int${orders > 0 ? sql`,
      order_rejected_count = coalesce(order_rejected_count, 0) + ${orders}::int` : sql``}
    where import_id = ${importId}::bigint`.execute(db);
}

/**
 * Counts `orders` orders its batches counted unchanged, and their first rows, as updated: the run's
 * completion removed lines of theirs that no batch restated (sweepDeferredStaleLines).
 */
export async function countUnchangedOrdersUpdated(db: Db, importId: number, orders: number): Promise<void> {
  if (orders === 0) return;
  await sql`
    update import_run set updated_count = updated_count + ${orders}::int, unchanged_count = unchanged_count - ${orders}::int,
      order_updated_count = order_updated_count + ${orders}::int, order_unchanged_count = order_unchanged_count - ${orders}::int
    where import_id = ${importId}::bigint`.execute(db);
}

/** Marks a run finished, answering what its audit entry says of it (undefined for no such run). Services end runs with endImportRun. */
export async function finishImportRun(db: Db, importId: number, status: 'completed' | 'failed'): Promise<FinishedRunCounts | undefined> {
  return db.updateTable('import_run').set({ status, finished_at: new Date() }).where('import_id', '=', importId)
    .returning(['entity', 'file_name', 'read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'rejected_count'])
    .executeTakeFirst();
}

/**
 * Ends a run and records who ran it in the audit log (import.complete or import.fail), so an owner
 * sees who loaded what; pass the transaction that ends it so both commit together. The entry holds
 * the run's counts, its entity and its file name as given, never a customer's value. A run found
 * interrupted later ends without anyone to name, and gets no entry.
 */
export async function endImportRun(db: Db, importId: number, status: 'completed' | 'failed', actor: string): Promise<void> {
  const run = await finishImportRun(db, importId, status);
  if (!run) return;
  const detail = importRunAuditDetail(run);
  const entityId = String(importId);
  // two calls, each naming its action, as every audited action is written (audit-actions.test.ts finds them so)
  if (status === 'completed') await recordAudit(db, { actor, action: 'import.complete', entity: 'import_run', entityId, detail });
  else await recordAudit(db, { actor, action: 'import.fail', entity: 'import_run', entityId, detail });
}

type FinishedRunCounts = {
  entity: string; file_name: string | null;
  read_count: number; inserted_count: number; updated_count: number; unchanged_count: number; rejected_count: number;
};

/** What an import's audit entry says of it: counts, the entity and the file's name (absent for a batch sent without one). */
export function importRunAuditDetail(run: FinishedRunCounts): Record<string, string | number> {
  return {
    entity: run.entity, ...(run.file_name !== null ? { file: run.file_name } : {}),
    read: Number(run.read_count), inserted: Number(run.inserted_count), updated: Number(run.updated_count),
    unchanged: Number(run.unchanged_count), rejected: Number(run.rejected_count),
  };
}

/**
 * A running run whose batches stopped committing this long ago lost its
 * process (killed, crashed): a 20,000-row batch commits in seconds, so ten
 * minutes without one is no slow batch.
 */
export const importRunStaleAfterMinutes = 10;

/**
 * Whether the run in `run` (an import_run row's alias) is still alive: running, its process (if
 * it has one) not gone (hasLostItsProcess), and either held by a live session or with a heartbeat
 * at most ten minutes old. A server store's file import holds its run by its session
 * (import-run-session.repo.ts): alive exactly while that session's advisory lock is held, however
 * long its batch takes. An API client's open run (is_opened_by_client) is kept by the client, whose
 * batches are separate requests, each its own transaction: alive while its heartbeat is recent, on
 * either store, across the server's restarts. Any other run is alive while its heartbeat is recent
 * and, on an embedded store, its process has not ended.
 */
export function isRunAlive(run: string): RawBuilder<boolean> {
  const heartbeat = sql.ref(`${run}.heartbeat_at`);
  return sql<boolean>`(${sql.ref(`${run}.status`)} = 'running' and not ${hasLostItsProcess(run)}
    and (${sql.ref(`${run}.is_held_by_session`)} or ${heartbeat} >= now() - make_interval(mins => ${importRunStaleAfterMinutes}::int)))`;
}

/**
 * Whether the run in `run` (an import_run alias) lived in a process that has ended: a run held by
 * its session whose advisory lock the server dropped (the process died, even by SIGKILL); or, on
 * an embedded store (PGlite), a run of a process (a file import, never an API client's open run)
 * whose heartbeat is from before the store's start. An embedded store starts with the one process
 * that may open it (db/store-lock.ts), so such a run was left by a process that has ended (a killed
 * import, the server's process restarted): interrupted at once, not ten minutes later. A
 * PostgreSQL server's start says nothing of its clients' processes.
 */
export function hasLostItsProcess(run: string): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${run}.${name}`);
  return sql<boolean>`(not ${column('is_opened_by_client')} and case when ${column('is_held_by_session')} then not ${isRunSessionHeld(run)}
    else ${column('heartbeat_at')} < pg_postmaster_start_time() and version() like '%(PGlite %' end)`;
}

export type ImportRunStatus = 'running' | 'completed' | 'failed' | 'interrupted';

/**
 * Import runs newest first (`beforeId` resumes after the last run of a page); a run left running by a process that is gone reads as `interrupted`.
 * Who started a run is shown without their email unless `canReadStaffEmails` (see `actorForDisplay`).
 */
export async function listImportRuns(db: Db, options: { limit?: number; beforeId?: number; importId?: number; canReadStaffEmails?: boolean } = {}) {
  let query = db
    .selectFrom('import_run')
    .select(['import_id', 'entity', 'file_name', 'preset', 'read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'rejected_count',
      'order_inserted_count', 'order_updated_count', 'order_unchanged_count', 'order_rejected_count', 'created_customer_count', 'started_at', 'finished_at', 'started_by', 'consent_overrides_refusals'])
    .select(sql<ImportRunStatus>`case when import_run.status = 'running' and not ${isRunAlive('import_run')} then 'interrupted' else import_run.status end`.as('status'));
  if (options.beforeId !== undefined) query = query.where('import_id', '<', options.beforeId);
  if (options.importId !== undefined) query = query.where('import_id', '=', options.importId);
  const runs = await query.orderBy('import_id', 'desc').limit(options.limit ?? 50).execute();
  return runs.map((run) => ({ ...run, started_by: actorForDisplay(run.started_by, options) }));
}
