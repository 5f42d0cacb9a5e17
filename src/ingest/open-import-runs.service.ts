import type { Kysely } from 'kysely';
import { lockOutCustomerMerges } from '../customers/customers.service.js';
import { lockOutTypePolicyChanges } from '../analytics/settings.repo.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { systemClock, type Clock } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import { findPreset } from './presets/index.js';
import type { ImportEntity } from './canonical.js';
import { addSenderRejects, countUnchangedOrdersUpdated, endImportRun, importRunStaleAfterMinutes, listImportRuns, lockImportRun, startImportRun, type OpenRunState } from './import-runs.repo.js';
import { forgetCustomerFile } from './write/customer-file-memory.repo.js';
import { forgetAbandonedImportMemory } from './write/abandoned-import-memory.repo.js';
import { forgetRowTexts, remembersRowTexts } from './write/row-text-memory.repo.js';
import { forgetDeferredStaleLines } from './write/deferred-stale-lines.repo.js';
import { sweepDeferredStaleLines } from './write/write-order-lines.js';
import { createDerivedUpdater } from './keep-derived-current.js';
import { refreshServerStatisticsInBackground } from '../db/server-statistics.js';

/**
 * A file sent through the API in several batches (the web app's import) is
 * one import run, as a file imported by the CLI is: opened first, each batch
 * added to it, closed at the end. Its batches then share what a file import
 * shares between batches (duplicates within the file are found, a customer
 * file's rows about one person add up) and the list of imports shows the file
 * once. A run whose batches stop for ten minutes reads as interrupted, as a
 * killed CLI import does; the server's process ending does not end it (its
 * batches are separate requests, each its own transaction), so a sender's next
 * batch after a restart joins it. `beforeCommit` runs inside the transaction that opens
 * the run (the idempotency record, so that a retried open cannot open a second run).
 */
export async function openImportRun(
  db: Kysely<Database>, run: { entity: ImportEntity; fileName: string | null; actor: string; preset?: string | null }, view: ImportRunView = {},
  beforeCommit?: (trx: Kysely<Database>, importId: number) => Promise<void>,
) {
  const preset = run.preset ? presetOfRun(run.entity, run.preset) : null;
  // a run never closed cannot forget what it remembered: any import starting does it for it
  await forgetAbandonedImportMemory(db);
  const importId = await db.transaction().execute(async (trx) => {
    const opened = await startImportRun(trx, { entity: run.entity, fileName: run.fileName, preset, startedBy: run.actor, isOpenedByClient: true });
    await beforeCommit?.(trx, opened);
    return opened;
  });
  return readImportRun(db, importId, view);
}

/**
 * The format a sender read the file with (the web app applies a preset's fixes itself and sends
 * canonical records), recorded with the run as a CLI import records its --preset: known, and of the run's entity.
 */
function presetOfRun(entity: ImportEntity, name: string): string {
  const preset = findPreset(name);
  if (preset.entity !== entity) {
    throw new AppError('IMPORT_OPTION_INVALID', `Preset ${preset.name} imports ${preset.entity}, not ${entity}.`, { field: 'preset', hint: `Open the run for ${preset.entity}, or send no preset.` });
  }
  return preset.name;
}

/** How a run is shown to its reader: who started it as `actorForDisplay` shows an actor, their email only when `canReadStaffEmails`. */
export type ImportRunView = { canReadStaffEmails?: boolean };

/** The run as `view` shows it; opening and closing one answer it the same way, so a reader sees one name for its starter. */
export async function readImportRun(db: Kysely<Database>, importId: number, options: ImportRunView = {}) {
  const [run] = await listImportRuns(db, { importId, limit: 1, canReadStaffEmails: options.canReadStaffEmails });
  if (!run) throw new AppError('IMPORT_RUN_NOT_FOUND', `There is no import run ${importId}. Open one with POST /api/imports.`, { field: 'importId' });
  return run;
}

/**
 * Locks the open run a batch is for (so one run's batches take turns) and
 * checks that the batch may join it: the run exists, is still running, is of
 * the batch's entity and was opened by the same caller.
 */
export async function joinOpenRun(trx: Kysely<Database>, importId: number, entity: ImportEntity, actor: string): Promise<{ importId: number; fileName: string | null }> {
  const run = await lockImportRun(trx, importId);
  if (!run) throw new AppError('IMPORT_RUN_NOT_FOUND', `There is no import run ${importId}. Open one with POST /api/imports and send its importId.`, { field: 'importId' });
  if (run.startedBy !== actor) {
    throw new AppError('IMPORT_RUN_FORBIDDEN', `Import run ${importId} was opened by someone else; batches join only runs their sender opened. Open a run of your own with POST /api/imports.`, { field: 'importId' });
  }
  if (run.entity !== entity) {
    throw new AppError('IMPORT_RUN_ENTITY_CONFLICT', `Import run ${importId} imports ${run.entity}, not ${entity}. Send ${entity} to a run opened for ${entity}.`, { field: 'importId' });
  }
  if (run.status !== 'running') {
    throw new AppError('IMPORT_RUN_ENDED_CONFLICT', `Import run ${importId} ${whyRunTakesNoBatch(run)}; open a new run with POST /api/imports to send more.`, { field: 'importId' });
  }
  return { importId, fileName: run.fileName };
}

/** Why a run that is not running takes no more batches, as its true cause: its process ended, no batch came in time, or it ended. */
function whyRunTakesNoBatch(run: Pick<OpenRunState, 'status' | 'hasLostItsProcess'>): string {
  if (run.status !== 'interrupted') return `has ended (${run.status})`;
  if (run.hasLostItsProcess) return 'was interrupted: the process importing it ended (killed, crashed, or the server restarted)';
  return `was interrupted: no batch came for ${importRunStaleAfterMinutes} minutes`;
}

/**
 * Ends an open run: `completed` when every batch was sent, `failed` when the
 * sender gave up (cancelled, or a batch failed); what its batches stored stays
 * either way. An orders or lines run completing removes the lines of earlier imports
 * that none of its batches restated, as a file import's end does
 * (completeDeferredStaleLines); one failing leaves them, as a killed import does.
 * `rejectedBySender`: rows of the file the sender refused before
 * sending any batch (the web app's preset cannot read them), counted as read
 * and rejected so that the run counts the whole file; `rejectedOrdersBySender`:
 * the orders of those rows that no batch named, counted as rejected orders
 * (an orders or lines run), as a file import counts the order of a row its preset refused. Closing a run already
 * ended as asked answers it again, so a retried close is harmless. `clock`:
 * the store's now for keeping derived data current, as the run's batches had it.
 * The run ends with its audit entry (import.complete or import.fail) in the closing transaction;
 * once it commits, a server store's planner statistics are refreshed for the tables its batches
 * changed enough, as a CLI import's end does, but in the background: the close answers without
 * waiting for it (`warn`: where a failure to is told; the close stands).
 */
export async function closeImportRun(
  db: Kysely<Database>, importId: number, outcome: 'completed' | 'failed', actor: string, rejectedBySender: number | SenderRejects = 0, view: ImportRunView = {}, clock: Clock = systemClock,
  warn?: (message: string) => void,
) {
  const sender = typeof rejectedBySender === 'number' ? { rows: rejectedBySender, orders: 0 } : rejectedBySender;
  const hasEnded = await db.transaction().execute(async (trx) => {
    const run = await lockImportRun(trx, importId);
    if (!run) throw new AppError('IMPORT_RUN_NOT_FOUND', `There is no import run ${importId}.`, { field: 'importId' });
    if (run.startedBy !== actor) throw new AppError('IMPORT_RUN_FORBIDDEN', `Import run ${importId} was opened by someone else; only its sender can close it.`, { field: 'importId' });
    if (run.status === outcome) return false;
    if (run.status === 'completed' || run.status === 'failed') {
      throw new AppError('IMPORT_RUN_ENDED_CONFLICT', `Import run ${importId} has already ended (${run.status}).`, { field: 'status' });
    }
    // an interrupted run can still be closed: its sender came back and says how it ended
    // what its batches remembered for the next one is not needed once it ends, as when a file import ends
    if (run.entity === 'customers') await forgetCustomerFile(trx, importId);
    if (remembersRowTexts(run.entity)) await forgetRowTexts(trx, importId);
    const statesOrderLines = run.entity === 'orders' || run.entity === 'lines';
    if (statesOrderLines && outcome === 'completed') {
      const settings = await getStoreSettings(trx);
      await completeDeferredStaleLines(trx, importId, {
        timeZone: settings.timeZone,
        // read only when lines went: most runs restate every order whole
        keepDerivedCurrent: async (changed, customerIds) => (await createDerivedUpdater(changed, { clock, settings }))(changed, customerIds),
      });
    } else if (statesOrderLines) await forgetDeferredStaleLines(trx, importId);
    if (sender.orders > 0 && run.entity !== 'orders' && run.entity !== 'lines') {
      throw new AppError('IMPORT_OPTION_INVALID', `Import run ${importId} imports ${run.entity}, which have no orders; send rejectedOrdersBySender only for orders and lines.`, { field: 'rejectedOrdersBySender' });
    }
    if (sender.orders > sender.rows) {
      throw new AppError('IMPORT_OPTION_INVALID', `rejectedOrdersBySender (${sender.orders}) cannot be more than rejectedBySender (${sender.rows}): each order counted is of a row refused.`, { field: 'rejectedOrdersBySender' });
    }
    if (sender.rows > 0) await addSenderRejects(trx, importId, sender.rows, sender.orders);
    await endImportRun(trx, importId, outcome, actor);
    return true;
  });
  // ANALYZE outside the closing transaction, only once (a retried close has nothing new to analyse),
  // and after the answer: the refresh runs in the background, one pass at a time per store (server-statistics.ts)
  if (hasEnded) void refreshServerStatisticsInBackground(db, warn);
  return readImportRun(db, importId, view);
}

/** What the sender refused before sending: rows, and the orders of those rows no batch named. */
export type SenderRejects = { rows: number; orders: number };

/**
 * Completes an orders or lines import (a file's, or an open run's) in its closing transaction: removes the
 * lines of earlier imports that its batches deferred and none restated (sweepDeferredStaleLines),
 * keeps what derives from the customers' facts current, and counts the orders its batches counted
 * unchanged that lost lines as updated, with their first rows. Answers how many that was.
 */
export async function completeDeferredStaleLines(
  trx: Kysely<Database>, importId: number,
  options: { timeZone: string; keepDerivedCurrent: (trx: Kysely<Database>, customerIds: number[]) => Promise<void> },
): Promise<number> {
  // as an import batch does (write/index.ts): a merge moving these orders meanwhile would be undone half
  await lockOutCustomerMerges(trx);
  // and, as a batch does, keeps a policy change out while it types the customers whose lines went
  await lockOutTypePolicyChanges(trx);
  const swept = await sweepDeferredStaleLines(trx, importId, options.timeZone);
  if (swept.orders === 0) return 0;
  await options.keepDerivedCurrent(trx, swept.customerIds);
  await countUnchangedOrdersUpdated(trx, importId, swept.unchanged);
  return swept.unchanged;
}
