import type { Kysely } from 'kysely';
import type { Database, OrderChannel } from '../db/schema.js';
import { AppError, isAppError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { getStoreSettings, readCurrencyRates } from '../settings/index.js';
import type { ImportEntity, IngestContext, Reject } from './canonical.js';
import { addBatchToImportRun, endImportRun, readRejectCounts, recordConsentOverride, startImportRun } from './import-runs.repo.js';
import { createRawRowFinder, createRejectsWriter, rejectsSampleSize } from './rejects-file.js';
import { findPreset, type Preset } from './presets/index.js';
import { addMaskedPhones, noMaskedPhones, parseFile, type MaskedPhones } from './rows/index.js';
import { presetReaderOptions } from './rows/parse-file.js';
import { lacksColumnsText } from './rows/fields.js';
import { adviseOnHeader, explainExportWithoutPreset, explainHeaderAdvice, passesHeaderCheck, recogniseExport } from './presets/recognise-export.js';
import { readHeaderCandidates, type ReaderOptions } from './readers/read-records.js';
import type { ColumnPlan, GuessedColumn, IgnoredColumn } from './rows/column-plan.js';
import type { InferredDateFormat } from './rows/date-format-guess.js';
import { knownCurrencyCodes } from '../core/money.js';
import { addOrderCounts, emptyOrderCounts, hasOrderCounts, writeBatch, type OrderCounts, type StubJoinRecord, type WriteContext } from './write/index.js';
import { forgetCustomerFile } from './write/customer-file-memory.repo.js';
import { forgetAbandonedImportMemory } from './write/abandoned-import-memory.repo.js';
import { forgetRowTexts, remembersRowTexts } from './write/row-text-memory.repo.js';
import { forgetDeferredStaleLines } from './write/deferred-stale-lines.repo.js';
import { completeDeferredStaleLines } from './open-import-runs.service.js';
import { createDerivedUpdater } from './keep-derived-current.js';
import { readDerivedNotCurrent, type DerivedNotCurrent } from './derived-not-current.repo.js';
import { servesConcurrentQueries } from '../db/client.js';
import { inTransaction } from '../db/in-transaction.js';
import { holdImportRunSession } from './import-run-session.repo.js';

/** Rows per transaction: large enough that per-statement costs fade, small enough to keep memory flat (~10 MB). */
export const defaultImportBatchSize = 20_000;

export type ImportFileOptions = {
  entity: ImportEntity;
  file: string;
  preset?: string | null;
  mapping?: Record<string, string>;
  dateFormat?: string | null;
  delimiter?: string | null;
  format?: 'csv' | 'jsonl' | 'auto';
  /** The 1-based line of the header, below a report's title (the CLI's --header-line); rows keep their line numbers in the file. */
  headerLine?: number | null;
  /** A known export given no preset is imported by its column names all the same (the CLI's --no-preset), not refused (IMPORT_PRESET_NEEDED). */
  readsColumnsAsNamed?: boolean;
  /** WHATWG encoding label (windows-1252, iso-8859-13, utf-16le); default utf-8 or the byte order mark's. */
  encoding?: string | null;
  /** Namespace of the file's customer and order ids, e.g. "shopify"; defaults to the preset's or "import". */
  source?: string | null;
  /** Orders: the channel of every order whose row gives none (the CLI's --channel); a row's own channel wins. */
  channel?: OrderChannel | null;
  batchSize?: number;
  /**
   * Customers files: the file is the consent authority (the CLI's --consent-overrides-refusals), so
   * its yes replaces a customer's stored no. Unset, a refusal stands and is counted (consentRefusalsKept).
   * The caller answers for the permission (consent:override: the API refuses those without it; the CLI is
   * the store's operator); its use is recorded on the run and, batch by batch, in the audit log (consent.override).
   */
  consentOverridesRefusals?: boolean;
  rejectsPath?: string | null;
  actor: string;
  clock: Clock;
  onProgress?: (progress: ImportProgress) => void;
};

export type RejectCount = { code: string; rows: number; first: Pick<Reject, 'line' | 'field' | 'reason' | 'also'> | null };

/**
 * Told after each batch commits. `isLastBatch`: the file has no row after this batch (the parser's
 * next batch came back done), so only the run's completion is left: a stop asked for then is
 * better served by completing (seconds at most) than by failing a run whose rows are all stored.
 */
export type ImportProgress = { bytesRead: number; totalBytes: number; read: number; rejected: number; isLastBatch: boolean };

export type ImportSummary = {
  importId: number;
  entity: ImportEntity;
  file: string;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /**
   * Orders and lines files: the orders beside the rows (an export of one row per order line has
   * fewer orders than rows), each counted once as what it became; null for other entities.
   */
  orders: OrderCounts | null;
  seconds: number;
  rowsPerSecond: number;
  rejectsFile: string | null;
  rejectsSample: Reject[];
  /** Rows rejected per code, most first, each with the first such row (its line, field and reason, which says what to do). */
  rejectCounts: RejectCount[];
  /** Customer files: stubs (customers known only from orders or events) that rows joined into their customer by a merge. */
  joinedStubs: number;
  /**
   * Customers the file created: buyers, recipients or people it did not know (orders, events), people
   * it is first to describe (customers); 0 when the same file is imported again. An orders file
   * imported without the source its customers were imported with creates new customers (known only by that id).
   */
  createdCustomers: number;
  /**
   * Customers files: consents (email, sms, profiling) a row said yes to that stayed no, because the
   * customer had refused them and the file was not imported with consentOverridesRefusals; 0 for other entities.
   */
  consentRefusalsKept: number;
  /**
   * Customers files imported with consentOverridesRefusals: consents a row said yes to that replaced
   * the customer's stored no, each counted; null for a file not imported so. The run and the audit log record it.
   */
  consentRefusalsOverridden: number | null;
  /** The first 20 rows that joined stubs: the row's line, its customer, the stubs merged into them and the merges (undo with `clientele customers unmerge`). */
  joinsSample: StubJoinRecord[];
  /** Required fields read from a column under a common other name ("Date" for ordered_at), said so the owner can check them. */
  guessedColumns: GuessedColumn[];
  /** The file's columns no field reads (not stored), with the field each seems to hold; none with a preset, which knows its export. */
  ignoredColumns: IgnoredColumn[];
  /**
   * The date format read from the file's first dates (25/11/2026: dd/MM/yyyy) when none was
   * given, and used for every row as if given; null when one was given or the dates did not
   * settle it (rows needing one are then rejected, their reason naming the formats to try).
   */
  inferredDateFormat: InferredDateFormat | null;
  /** Whether a column of the file is read as customer ids (customer_id), which are looked up among the ids of the same source only. */
  readsCustomerIds: boolean;
  /** The RFM scores and predictions, with their days, that the orders this import stored or changed are not in yet; null when none or no such orders. */
  derivedNotCurrent: DerivedNotCurrent | null;
  /**
   * Rows read by their other identities although a marketplace masked their phone, which was ignored
   * (rows/masked-phones.ts), with the first as the example; rows known only by such a phone are rejects (PHONE_MASKED).
   */
  maskedPhones: MaskedPhones;
};

// a report's title and period take a few lines: a header is not looked for further down
const headerSearchLines = 30;

/**
 * A file refused for its header (IMPORT_COLUMN_MISSING) whose first lines show what to import
 * it with, another preset or a later header line (presets/recognise-export.ts), is refused
 * saying so. Looked for only then, and only for a file: an API batch's records have no header line.
 */
async function adviseOnRefusedHeader(error: unknown, options: ImportFileOptions, preset: Preset | null, reader: ReaderOptions): Promise<unknown> {
  if (!isAppError(error) || error.code !== 'IMPORT_COLUMN_MISSING') return error;
  const candidates = await readHeaderCandidates(options.file, reader, headerSearchLines).catch(() => []);
  const reading = { entity: options.entity, headerLine: options.headerLine ?? 1, preset, mapping: options.mapping ?? {} };
  const advice = adviseOnHeader(reading, candidates);
  if (advice === null) return error;
  const { sentence, hint, details } = explainHeaderAdvice(options.entity, advice, preset?.name ?? null);
  const { missing, found } = error.details;
  // a header check's refusal keeps what the file lacks and holds; another (a preset's column missing) its whole message
  const lead = Array.isArray(missing) && Array.isArray(found) ? lacksColumnsText(options.entity, missing, found) : error.message;
  return new AppError(error.code, `${lead} ${sentence}`, { ...error.details, ...details, hint });
}

/**
 * Refuses a file of a known export (Shopee's, Tokopedia's, Shopify's…) given no preset, --map or
 * not: its columns pass the header check by their names (synonyms) and would be stored wrongly,
 * with nothing to say so; a --map of a column or two changes none of that (a review's finding).
 * Only `readsColumnsAsNamed` (the CLI's --no-preset) imports it so (presets/recognise-export.ts,
 * explainExportWithoutPreset). Its header line only (the first lines of the file are read again;
 * a JSON Lines file has none), and only when the header passes the check: one refused is refused
 * saying so, the preset named.
 */
async function refuseExportWithoutPreset(options: ImportFileOptions, reader: ReaderOptions): Promise<void> {
  if (options.readsColumnsAsNamed === true) return;
  const headerLine = options.headerLine ?? 1;
  const candidates = await readHeaderCandidates(options.file, reader, headerLine).catch(() => []);
  const header = candidates.find((candidate) => candidate.line >= headerLine);
  const recognised = header === undefined ? null : recogniseExport(header.headers);
  // a header the check refuses is refused by it, naming what the file lacks and the preset (adviseOnRefusedHeader)
  if (recognised === null || !passesHeaderCheck({ entity: options.entity, headerLine, preset: null, mapping: options.mapping ?? {} }, header!.headers)) return;
  const { message, hint, details } = explainExportWithoutPreset(options.entity, recognised);
  throw new AppError('IMPORT_PRESET_NEEDED', message, { ...details, hint });
}

export async function buildIngestContext(db: Kysely<Database>, clock: Clock, source: string): Promise<IngestContext> {
  const settings = await getStoreSettings(db);
  return { currency: settings.currency, defaultCountry: settings.defaultCountry, timeZone: settings.timeZone, now: clock.now(), source, knownCurrencies: knownCurrencyCodes };
}

/**
 * Imports a file of any size in constant memory: rows stream in batches and each
 * batch commits as one transaction together with the run's counters, so a killed
 * process leaves whole batches and re-running the file completes it without
 * duplicating anything.
 */
export async function importFile(db: Kysely<Database>, options: ImportFileOptions): Promise<ImportSummary> {
  const started = performance.now();
  const settings = await getStoreSettings(db);
  const context = await buildIngestContext(db, options.clock, 'import');
  const rates = await readCurrencyRates(db);
  await forgetAbandonedImportMemory(db);
  // a customers file that is the consent authority says so on its run from the start, before any batch commits
  const overrides = options.consentOverridesRefusals === true && options.entity === 'customers';
  const importId = await startImportRun(db, {
    entity: options.entity, fileName: options.file, preset: options.preset ?? null, startedBy: options.actor, consentOverridesRefusals: overrides,
  });
  // on a server, the run reads interrupted as soon as this process is gone (see isRunAlive)
  const releaseRunSession = servesConcurrentQueries(db) ? await holdImportRunSession(db, importId) : async () => {};
  const writeContext: WriteContext = {
    importId, file: options.file, linesOf: 'file', sourceSetIn: 'option', currency: settings.currency, timeZone: settings.timeZone, rates,
    // an order's rows may be spread over the file: lines not restated are removed at the end
    ...(options.entity === 'orders' || options.entity === 'lines' ? { defersStaleLines: true } : {}),
    ...(options.consentOverridesRefusals ? { consentOverridesRefusals: true } : {}),
  };
  const rejects = createRejectsWriter(options.rejectsPath ?? null);
  const keepDerivedCurrent = await createDerivedUpdater(db, { clock: options.clock, settings });
  const totals = { read: 0, inserted: 0, updated: 0, unchanged: 0 };
  let orders = hasOrderCounts(options.entity) ? emptyOrderCounts() : null;
  let rejected = 0;
  let joinedStubs = 0;
  let createdCustomers = 0;
  let consentRefusalsKept = 0;
  let consentRefusalsOverridden = 0;
  let maskedPhones = noMaskedPhones;
  const joinsSample: StubJoinRecord[] = [];
  // set by parseFile before its first batch
  let columns = null as ColumnPlan | null;
  let inferredDateFormat = null as InferredDateFormat | null;
  const preset = options.preset ? findPreset(options.preset) : null;
  // as parseFile reads the file
  const reader: ReaderOptions = {
    ...presetReaderOptions(preset?.reader), ...(options.delimiter ? { delimiter: options.delimiter } : {}),
    ...(options.format && options.format !== 'auto' ? { format: options.format } : {}), ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(options.headerLine ? { headerLine: options.headerLine } : {}),
  };
  const addRaw = createRawRowFinder(options.file, reader);
  try {
    // refused as a header is: the run records it failed
    if (preset === null) await refuseExportWithoutPreset(options, reader);
    const batches = parseFile(options.entity, options.file, {
      mapping: options.mapping ?? {},
      dateFormat: options.dateFormat ?? null,
      preset: options.preset ?? null,
      delimiter: options.delimiter ?? null,
      format: options.format ?? 'auto',
      encoding: options.encoding ?? null,
      headerLine: options.headerLine ?? null,
      batchSize: options.batchSize ?? defaultImportBatchSize,
      source: options.source ?? null,
      channel: options.channel ?? null,
      context,
      onColumns: (plan) => (columns = plan),
      onDateFormat: (inferred) => (inferredDateFormat = inferred),
    })[Symbol.asyncIterator]();
    let next = batches.next();
    while (true) {
      const result = await next;
      if (result.done) break;
      const batch = result.value;
      // Parse the next batch while this one is written.
      next = batches.next();
      const read = batch.rows.length + batch.rejects.length;
      const outcome = await db.transaction().execute(async (trx) => {
        const written = await writeBatch(trx, options.entity, batch.rows, writeContext, batch.rejectedOrderKeys);
        await keepDerivedCurrent(trx, written.changedCustomerIds);
        await addBatchToImportRun(trx, importId, read, { ...written, rejects: [...batch.rejects, ...written.rejects] });
        if (overrides) await recordConsentOverride(trx, { importId, actor: options.actor, records: read, refusalsOverridden: written.consentRefusalsOverridden ?? 0 });
        return written;
      });
      totals.read += read;
      totals.inserted += outcome.inserted;
      totals.updated += outcome.updated;
      totals.unchanged += outcome.unchanged;
      if (orders && outcome.orders) orders = addOrderCounts(orders, outcome.orders);
      createdCustomers += outcome.createdCustomers;
      consentRefusalsKept += outcome.consentRefusalsKept ?? 0;
      consentRefusalsOverridden += outcome.consentRefusalsOverridden ?? 0;
      maskedPhones = addMaskedPhones(maskedPhones, batch.maskedPhones);
      for (const join of outcome.joins ?? []) {
        joinedStubs += join.mergedCustomerIds.length;
        if (joinsSample.length < 20) joinsSample.push(join);
      }
      const batchRejects = [...batch.rejects, ...outcome.rejects].sort((a, b) => a.line - b.line);
      // The writer's rejects, and the other rows of an order a bad row rejected, have no raw yet;
      // it is for the rejects file and the summary's sample, and without a file only the sample needs it.
      if (options.rejectsPath || rejected < rejectsSampleSize) await addRaw(batchRejects);
      rejected += batchRejects.length;
      await rejects.write(batchRejects);
      // the next batch was parsed while this one was written, so this waits little; one that cannot
      // be read is not the end of the file, and its error is thrown where the loop takes it
      const isLastBatch = await next.then((following) => following.done === true, () => false);
      options.onProgress?.({ bytesRead: batch.bytesRead, totalBytes: batch.totalBytes, read: totals.read, rejected, isLastBatch });
    }
    if (writeContext.defersStaleLines) {
      // the lines of earlier imports no batch restated: the orders are as this file states them
      const moved = await db.transaction().execute((trx) => completeDeferredStaleLines(trx, importId, { timeZone: settings.timeZone, keepDerivedCurrent }));
      // an order its batch counted unchanged is updated, and so is its first row (as when a batch removes lines)
      totals.updated += moved;
      totals.unchanged -= moved;
      if (orders) orders = addOrderCounts(orders, { inserted: 0, updated: moved, unchanged: -moved, rejected: 0 });
    }
    if (options.entity === 'customers') await forgetCustomerFile(db, importId);
    if (remembersRowTexts(options.entity)) await forgetRowTexts(db, importId);
    // the run ends with its audit entry, in one transaction
    await inTransaction(db, (trx) => endImportRun(trx, importId, 'completed', options.actor));
    await releaseRunSession();
  } catch (error) {
    if (options.entity === 'customers') await forgetCustomerFile(db, importId).catch(() => undefined);
    if (remembersRowTexts(options.entity)) await forgetRowTexts(db, importId).catch(() => undefined);
    if (writeContext.defersStaleLines) await forgetDeferredStaleLines(db, importId).catch(() => undefined);
    await inTransaction(db, (trx) => endImportRun(trx, importId, 'failed', options.actor)).catch(() => undefined);
    await releaseRunSession().catch(() => undefined);
    await rejects.close(false);
    if (isAppError(error)) error.details.file ??= options.file;
    throw totals.read === 0 ? await adviseOnRefusedHeader(error, options, preset, reader) : error;
  }
  const closed = await rejects.close();
  const rejectCounts = (await readRejectCounts(db, importId)).map(({ code, rows }): RejectCount => {
    const first = closed.firstOfCode.get(code);
    return { code, rows, first: first ? { line: first.line, field: first.field, reason: first.reason, ...(first.also ? { also: first.also } : {}) } : null };
  });
  const derivedNotCurrent = await readDerivedNotCurrent(db, orders, settings.timeZone);
  const seconds = (performance.now() - started) / 1000;
  return {
    importId, entity: options.entity, file: options.file, ...totals, rejected, orders, seconds,
    rowsPerSecond: seconds > 0 ? totals.read / seconds : 0, rejectsFile: closed.path, rejectsSample: closed.sample, rejectCounts,
    joinedStubs, joinsSample, createdCustomers, consentRefusalsKept,
    consentRefusalsOverridden: overrides ? consentRefusalsOverridden : null, guessedColumns: columns?.guessed ?? [], ignoredColumns: columns?.ignored ?? [],
    inferredDateFormat, readsCustomerIds: columns?.readFields.has('customer_id') ?? false, derivedNotCurrent, maskedPhones,
  };
}
