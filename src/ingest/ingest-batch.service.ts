import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { getStoreSettings, readCurrencyRates } from '../settings/index.js';
import type { ImportEntity, Reject } from './canonical.js';
import { buildIngestContext } from './import-file.service.js';
import { addBatchToImportRun, endImportRun, recordConsentOverride, startImportRun } from './import-runs.repo.js';
import { joinOpenRun } from './open-import-runs.service.js';
import { columnsRead, recordBatchHeaders, recordText, rowsFromRecords, type MaskedPhones } from './rows/index.js';
import { emptyOrderCounts, hasOrderCounts, writeBatch, type OrderCounts } from './write/index.js';
import type { StubJoinRecord } from './write/join-stubs.js';
import { createDerivedUpdater } from './keep-derived-current.js';
import { retryingConflicts } from '../db/retry-deadlocks.js';
import { refreshServerStatisticsInBackground } from '../db/server-statistics.js';
import { forgetCustomerFile } from './write/customer-file-memory.repo.js';
import { forgetAbandonedImportMemory } from './write/abandoned-import-memory.repo.js';
import { forgetRowTexts, remembersRowTexts } from './write/row-text-memory.repo.js';

export const maxBatchRecords = 10_000;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A rejected record of a batch: `index` is its place in the request's records (from 0), whatever
 * `line` says (its file's line when the batch gives `lines`, else index + 1); `raw` the record as
 * sent, as JSON text, for every kind of reject, those the writers find (a missing exchange rate) too.
 */
export type BatchReject = Reject & { index: number; raw: string };

/** `joins`: customers known only from orders or events (stubs) that a customers record joined into the customer it describes, by merges that can be undone. */
export type BatchSummary = {
  importId: number; entity: ImportEntity; read: number; inserted: number; updated: number; unchanged: number; rejected: number; rejects: BatchReject[]; joins: StubJoinRecord[];
  /** Orders and lines: the orders the records name, each counted once (the counts above are of records); null for other entities. */
  orders: OrderCounts | null;
  /** Record fields no canonical field reads (a typo such as "chanel"): not stored. */
  ignoredFields: string[];
  /**
   * Customers this batch created: buyers, recipients or people it did not know (orders, events), people
   * it is first to describe (customers). Orders sent without their customers' source show up here.
   */
  createdCustomers: number;
  /**
   * Customers: consents (email, sms, profiling) a record said yes to that stayed no, as the customer
   * had refused them and the batch was not sent with consentOverridesRefusals; 0 for other entities.
   */
  consentRefusalsKept: number;
  /**
   * Customers sent with consentOverridesRefusals (which needs consent:override): consents a record said yes
   * to that replaced the customer's stored no, each counted; 0 otherwise. The run and the audit log record it.
   */
  consentRefusalsOverridden: number;
  /**
   * The records read although a marketplace masked their phone, which was ignored, and the first of
   * them (its line as `lines` gives it) as the example, as a file import's summary counts them; a
   * record known only by such a phone is a PHONE_MASKED reject instead. A sender of a file in batches sums them.
   */
  maskedPhones: MaskedPhones;
};

/** A batch sent as part of an open run (POST /api/imports): the run it adds to, and each record's line in the file. */
export type RunBatchOptions = { importId?: number; lines?: readonly number[] };

/**
 * Ingests a JSON batch (the REST API's path) with the same validation and
 * writers as file imports, as one transaction: all valid rows land together
 * with the run record, or nothing does. Without `importId` the batch is a
 * whole import of its own; with it, one batch of an open run, which, like a
 * file import's batches, sees what the run's earlier batches stored (an order
 * id seen before is a duplicate within the file) and stays open.
 * `beforeCommit` runs last inside the transaction (the idempotency record).
 */
export async function ingestRecords(
  db: Kysely<Database>, entity: ImportEntity, records: unknown[],
  options: RunBatchOptions & {
    source?: string | null; dateFormat?: string | null; fileName?: string | null; consentOverridesRefusals?: boolean; actor: string; clock: Clock;
    beforeCommit?: (trx: Kysely<Database>, summary: BatchSummary) => Promise<void>;
    /** Told when planner statistics could not be refreshed after the batch, in the background (the server's log); a process warning by default. */
    warn?: (message: string) => void;
  },
): Promise<BatchSummary> {
  if (records.length > maxBatchRecords) {
    throw new AppError('INGEST_BATCH_TOO_LARGE', `A batch may hold at most ${maxBatchRecords} records; this one has ${records.length}. Split it into smaller batches.`, { field: entity });
  }
  if (options.lines && options.lines.length !== records.length) {
    throw new AppError('INGEST_LINES_MISMATCH', `"lines" gives ${options.lines.length} lines for ${records.length} records; give one line per record, in the records' order.`, { field: 'lines' });
  }
  // read as the row parser reads them (rowsFromRecords): a record lacking a required field is its own reject, never the batch's refusal
  const fields = [...new Set(records.flatMap((record) => (isPlainObject(record) ? Object.keys(record) : [])))];
  const read = new Set(columnsRead(entity, recordBatchHeaders(entity, fields), {}).values());
  const ignoredFields = fields.filter((field) => !read.has(field));
  // rejects name their record by line (its file's, when the batch sends lines): index finds it among the records sent
  const indexOfLine = new Map((options.lines ?? records.map((_, index) => index + 1)).map((line, index) => [line, index]));
  const asBatchReject = ({ file, ...reject }: Reject): BatchReject => {
    const index = indexOfLine.get(reject.line)!;
    return { file, index, ...reject, raw: reject.raw ?? recordText(records[index]) };
  };
  // An API client's JSON string "12.345" may mean 12.345 as well as 12345: refused as ambiguous (AMOUNT_AMBIGUOUS). A batch
  // sending its file's `lines` sends a file's text (the web app's import of a CSV file), read as the CLI reads that file: "45.000" is 45000.
  const context = { ...await buildIngestContext(db, options.clock, options.source ?? 'api'), ...(options.lines ? {} : { refuseAmbiguousAmounts: true }) };
  const settings = await getStoreSettings(db);
  const rates = await readCurrencyRates(db);
  const keepDerivedCurrent = await createDerivedUpdater(db, { clock: options.clock, settings });
  if (options.importId === undefined) {
    // a request that is a whole import starts one: what runs no longer running left is forgotten, as any import starting does
    await forgetAbandonedImportMemory(db);
  }
  // two requests writing the same customers in another order may deadlock: PostgreSQL ends one, which runs again whole
  const batchSummary = await retryingConflicts(() => db.transaction().execute(async (trx) => {
    const run = options.importId === undefined ? null : await joinOpenRun(trx, options.importId, entity, options.actor);
    const file = run?.fileName ?? 'request';
    const { rows, rejects, rejectedOrderKeys, maskedPhones } = rowsFromRecords(entity, records, { context, file, dateFormat: options.dateFormat, lines: options.lines });
    const importId = run?.importId ?? await startImportRun(trx, { entity, fileName: options.fileName ?? null, preset: null, startedBy: options.actor });
    // a batch sent without its file's lines names its records by their place in it
    const linesOf = options.lines ? 'file' : 'batch';
    // a batch of an open run leaves lines it does not restate for a later batch, as a file import's batch does; closing the run completes it
    const defersStaleLines = run !== null && (entity === 'orders' || entity === 'lines');
    const outcome = await writeBatch(trx, entity, rows, {
      importId, file, linesOf, sourceSetIn: 'request', currency: settings.currency, timeZone: settings.timeZone, rates, defersStaleLines,
      ...(options.consentOverridesRefusals ? { consentOverridesRefusals: true } : {}),
    }, rejectedOrderKeys);
    await keepDerivedCurrent(trx, outcome.changedCustomerIds);
    const allRejects = [...rejects, ...outcome.rejects].sort((a, b) => a.line - b.line).map(asBatchReject);
    await addBatchToImportRun(trx, importId, records.length, { ...outcome, rejects: allRejects });
    // the consent authority's batch is recorded with what it did, in its own transaction: on the run and in the audit log
    const overrides = options.consentOverridesRefusals === true && entity === 'customers';
    if (overrides) await recordConsentOverride(trx, { importId, actor: options.actor, records: records.length, refusalsOverridden: outcome.consentRefusalsOverridden ?? 0 });
    if (!run) {
      // a request is a whole import: what a customer file remembers between batches is not needed after it
      if (entity === 'customers') await forgetCustomerFile(trx, importId);
      if (remembersRowTexts(entity)) await forgetRowTexts(trx, importId);
      await endImportRun(trx, importId, 'completed', options.actor);
    }
    const summary: BatchSummary = {
      importId, entity, read: records.length, inserted: outcome.inserted, updated: outcome.updated, unchanged: outcome.unchanged, rejected: allRejects.length,
      orders: hasOrderCounts(entity) ? (outcome.orders ?? emptyOrderCounts()) : null, rejects: allRejects, joins: outcome.joins ?? [], ignoredFields,
      createdCustomers: outcome.createdCustomers, consentRefusalsKept: outcome.consentRefusalsKept ?? 0,
      consentRefusalsOverridden: outcome.consentRefusalsOverridden ?? 0, maskedPhones,
    };
    await options.beforeCommit?.(trx, summary);
    return summary;
  }));
  // a request that was a whole import refreshes a server store's planner statistics once committed (ANALYZE
  // cannot wait inside the transaction), in the background: the batch answers without waiting for it
  // (server-statistics.ts). Only tables it changed enough are analysed, so small batches cost one
  // catalogue read. A batch of an open run leaves it to the run's close. Never fails the batch.
  if (options.importId === undefined) void refreshServerStatisticsInBackground(db, options.warn);
  return batchSummary;
}
