import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError, isAppError } from '../core/errors.js';
import { addDays, calendarDayIn, fixedClock, type Clock } from '../core/clock.js';
import { importFile, type ImportSummary } from '../ingest/import-file.service.js';
import type { ImportEntity } from '../ingest/canonical.js';
import { getStoreSettings, updateStoreSettings, type StoreSettings } from '../settings/index.js';
import { chainName, countryCode, currency, timeZone, writeStoreFiles } from '../synthetic/index.js';
import { datasetsDirectory, demoDatasets, standardSyntheticCustomers, type DemoDataset } from './datasets.js';
import { analyze, presetTypePolicy } from '../analytics/index.js';
import { predictCustomers } from '../models/index.js';
import { explainRejects, type RejectedRows } from './explain-rejects.js';
import { isUnfinishedDatasetLoad } from './unfinished-load.js';
import { underDemoLoadLock } from './demo-load-lock.js';
import { recordAudit } from '../auth/audit.js';
import { inTransaction } from '../db/in-transaction.js';
import { analyzeChangedServerTablesQuietly } from '../db/server-statistics.js';

/** An import of the demo, with the rows it did not load counted by reason. */
export type DemoImport = ImportSummary & { rejectedRows: RejectedRows[] };

/** A setting the store had that the demo's replaced, from and to (`settings set`'s `changed`). */
export type ReplacedSettings = Partial<Record<'name' | 'currency' | 'timeZone' | 'defaultCountry', { from: string; to: string }>>;

/** `ratesCleared`: exchange rates removed because the demo changed the currency (they were into the old one), as `settings set` removes them. */
export type DemoResult = { name: string; imports: DemoImport[]; seconds: number; notes: string[]; replacedSettings: ReplacedSettings; ratesCleared: string[] };

type DemoSettings = { name: string; currency: string; timeZone: string; defaultCountry: string; isSynthetic: boolean; dataAsOf: string };

/**
 * Gives the store the demo's settings (its data is in its currency and time zone), audited as
 * `settings set` audits a change when it replaces what someone chose: a currency, time zone or
 * phone country set before the load, or a name given. A retry of an unfinished load replaces nothing.
 */
async function takeDemoSettings(db: Kysely<Database>, actor: string, demo: DemoSettings): Promise<{ replacedSettings: ReplacedSettings; ratesCleared: string[] }> {
  return inTransaction(db, async (trx) => {
    const before = await getStoreSettings(trx);
    const replaced: ReplacedSettings = {};
    // a new store's name is empty: the demo's fills it rather than replaces one
    if (before.name !== '' && before.name !== demo.name) replaced.name = { from: before.name, to: demo.name };
    for (const key of ['currency', 'timeZone', 'defaultCountry'] as const) if (before[key] !== demo[key]) replaced[key] = { from: before[key], to: demo[key] };
    // rates are into the store currency: kept over a new one, an order in euros would be converted at euros-to-rupiah into dollars
    const ratesCleared = replaced.currency ? (await trx.deleteFrom('currency_rate').returning('currency').execute()).map((row) => row.currency.trim()).sort() : [];
    await updateStoreSettings(trx, {
      name: demo.name, currency: demo.currency, timezone: demo.timeZone, default_country: demo.defaultCountry, is_synthetic: demo.isSynthetic, demo_dataset: null, data_as_of: demo.dataAsOf,
    });
    if (Object.keys(replaced).length > 0) {
      await recordAudit(trx, {
        actor, action: 'settings.update', entity: 'store', entityId: Object.keys(replaced).join(','),
        detail: { ...replaced, ...(ratesCleared.length > 0 ? { ratesCleared } : {}), reason: 'demo load' },
      });
    }
    return { replacedSettings: replaced, ratesCleared };
  });
}

function withRejectedRows(summary: ImportSummary, expected: DemoDataset['expectedRejects'] = {}): DemoImport {
  return { ...summary, rejectedRows: explainRejects(summary.rejectCounts, expected, summary.rejectsSample) };
}

/**
 * Derives what the product shows from the loaded facts as of a day in the
 * store's time zone: predicted value first (the engine reads P(alive) for
 * "lapsed"), then types, RFM and alerts. `clock` is when the analysis runs:
 * for a data set, the end of its last day, so that day counts as complete for
 * the alerts (a clock even 1 ms before the end judged the week before it).
 */
async function deriveUnderstanding(db: Kysely<Database>, asOfDay: string, clock: Clock): Promise<string[]> {
  const hasRepeatBuyers = await db.selectFrom('customer_trait').select('customer_id').where('purchase_days', '>', 1).limit(1).executeTakeFirst();
  const notes: string[] = [];
  // the end day's fit decides whether the store has predictions at all
  const isPredicted = hasRepeatBuyers ? await predictOrNote(db, asOfDay, clock, notes) : false;
  // A first analysis before the reports' default 90-day window gives the type history a start
  // before it, so the type migration shows the window's real moves, where one analysis can only
  // say whom it first typed. It judges who is lapsed by a prediction of its own day: the end day's
  // is in its future, which no analysis reads, so it followed the quiet-days rule and the end day's
  // run P(alive), and the migration showed the change of method as thousands of customers' moves
  // (CDNOW: 2,236 "lapsed → occasional" of customers who never bought again).
  const historyStart = addDays(asOfDay, -typeHistoryDays);
  if (isPredicted) await predictIfPossible(db, historyStart, clock);
  // its alerts would be stale, and the end day's run would then raise every customer overdue in the
  // 91 days between (CDNOW: 66, where the last week has 6)
  await analyze(db, { asOf: historyStart, clock, raisesAlerts: false });
  if (isPredicted) await predictCustomers(db, predictionOptions(asOfDay, clock));
  await analyze(db, { asOf: asOfDay, clock });
  return notes;
}

const predictionOptions = (asOf: string, clock: Clock) => ({ asOf, horizonDays: 365, discountRate: 0.01, clock });

/**
 * Predicted value as of a day; a data set whose purchases do not pin the model down (Groceries:
 * no one ever seems to drop out) gets a note instead, and its lapsed customers follow the
 * quiet-days rule. Whether the prediction was made.
 */
async function predictOrNote(db: Kysely<Database>, asOfDay: string, clock: Clock, notes: string[]): Promise<boolean> {
  try {
    await predictCustomers(db, predictionOptions(asOfDay, clock));
    return true;
  } catch (error) {
    if (!(isAppError(error) && (error.code === 'MODEL_FIT_NOT_CONVERGED' || error.code === 'MODEL_FIT_DEGENERATE'))) throw error;
    // the purchase models (BG/NBD, Pareto/NBD) are what fail here: the spend model is fitted after them
    const why = error.code === 'MODEL_FIT_DEGENERATE' ? 'their fits say almost no one ever leaves' : 'their fits did not converge';
    notes.push(`No predicted value: the purchases do not pin the purchase models (BG/NBD, Pareto/NBD) down (${why}), so lapsed customers follow the quiet-days rule.`);
    return false;
  }
}

/**
 * The history start's own prediction, when its purchases allow one (a data set shorter than the
 * history has none before it: UCI Online Retail's month). Without one, that analysis follows the
 * quiet-days rule, as it would have to.
 */
async function predictIfPossible(db: Kysely<Database>, asOfDay: string, clock: Clock): Promise<void> {
  await predictCustomers(db, predictionOptions(asOfDay, clock)).catch((error: unknown) => {
    if (!(isAppError(error) && (error.code === 'MODEL_FIT_NOT_CONVERGED' || error.code === 'MODEL_FIT_DEGENERATE' || error.code === 'MODEL_NO_PURCHASES'))) throw error;
  });
}

const typeHistoryDays = 91;

export async function isStoreEmpty(db: Kysely<Database>): Promise<boolean> {
  const customer = await db.selectFrom('customer').select('customer_id').limit(1).executeTakeFirst();
  return customer === undefined;
}

/**
 * A demo goes into an empty store, or continues its own load that stopped
 * part-way (a failure, a killed process) when the same command runs again:
 * the imports are idempotent by (source, id) and the derived results are
 * replaced, so the retry ends as one clean load. The demo's settings are
 * written first and `demo_dataset` last, so a store marked as this demo's
 * without `demo_dataset` is an unfinished load of it, and nothing else is.
 */
async function requireEmptyOrUnfinishedStore(db: Kysely<Database>, isThisDemo: (settings: StoreSettings) => boolean): Promise<{ dataAsOf: string | null }> {
  const settings = await getStoreSettings(db);
  if ((await isStoreEmpty(db)) || (settings.demoDataset === null && isThisDemo(settings))) return { dataAsOf: settings.dataAsOf };
  throw new AppError('DEMO_STORE_NOT_EMPTY_CONFLICT', 'A demo can only be loaded into an empty store. Use a new directory, e.g. `clientele --db ./demo-store demo load cdnow`.');
}

/**
 * Loads the synthetic coffee-and-bakery chain, generated up to `clock.now()`,
 * through the same import path as any file, and marks the store synthetic.
 * One load at a time per store, across processes (demo-load-lock.ts).
 */
export async function loadSyntheticDemo(db: Kysely<Database>, options: SyntheticDemoOptions): Promise<DemoResult> {
  return underDemoLoadLock(db, () => loadSyntheticDemoWhileHeld(db, options));
}

type SyntheticDemoOptions = { customers?: number; seed?: number; clock: Clock; actor: string };

async function loadSyntheticDemoWhileHeld(db: Kysely<Database>, options: SyntheticDemoOptions): Promise<DemoResult> {
  const started = performance.now();
  // known by its flag, which only this load sets, not by its name: a load begun under the name it had
  // before (ending in "(synthetic demo data)") still continues, and ends under the current one
  const unfinished = await requireEmptyOrUnfinishedStore(db, (settings) => settings.isSynthetic);
  // a retry regenerates the same files: the end day is kept in data_as_of until the load completes
  const endDate = unfinished.dataAsOf ? new Date(unfinished.dataAsOf) : options.clock.now();
  const { replacedSettings, ratesCleared } = await takeDemoSettings(db, options.actor, { name: chainName, currency, timeZone, defaultCountry: countryCode, isSynthetic: true, dataAsOf: endDate.toISOString() });
  const directory = await mkdtemp(join(tmpdir(), 'clientele-demo-'));
  try {
    const customers = options.customers ?? standardSyntheticCustomers;
    await writeStoreFiles(directory, { seed: options.seed ?? 20261124, customers, endDate, years: 3, ordersPerCustomer: 9, includeTruth: false });
    const imports: DemoImport[] = [];
    for (const entity of ['products', 'customers', 'orders', 'lines', 'events'] as ImportEntity[]) {
      // the files are generated and removed again: a rejects file would name lines no one can look up
      const summary = await importFile(db, { entity, file: join(directory, `${entity}.csv`), source: 'demo', actor: options.actor, clock: options.clock, rejectsPath: null });
      imports.push(withRejectedRows(summary));
    }
    // before the analysis reads them: a server store's planner statistics for the rows just loaded
    await analyzeChangedServerTablesQuietly(db);
    // the files' end day, the store's today while data_as_of marks the load (the models refuse a later
    // one): today on a first load, still running, so its alerts judge the days up to yesterday; on a
    // retry begun a later day, the day the files end
    const notes = await deriveUnderstanding(db, calendarDayIn(endDate, timeZone), options.clock);
    await updateStoreSettings(db, { demo_dataset: 'synthetic', data_as_of: null });
    return { name: 'synthetic', imports, seconds: (performance.now() - started) / 1000, notes, replacedSettings, ratesCleared };
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

const datasetSettings = (dataset: DemoDataset): DemoSettings => ({
  name: dataset.title, currency: dataset.currency, timeZone: dataset.timeZone, defaultCountry: dataset.defaultCountry, isSynthetic: false, dataAsOf: dataset.asOf,
});

/**
 * A data set's settings and files, as of its end: its currency and time zone become the store's.
 * `rejectsDirectory`: where to write each file's rejected rows (`<file>.rejects.csv`); none by
 * default, since the data set lives in the product's folder and its rejects are explained by code.
 */
export async function importDataset(db: Kysely<Database>, dataset: DemoDataset, options: { actor: string; rejectsDirectory?: string | null }): Promise<DemoImport[]> {
  await takeDemoSettings(db, options.actor, datasetSettings(dataset));
  const clock = fixedClock(dataset.asOf);
  const imports: DemoImport[] = [];
  if (options.rejectsDirectory) await mkdir(options.rejectsDirectory, { recursive: true });
  for (const spec of dataset.imports) {
    const rejectsPath = options.rejectsDirectory ? join(options.rejectsDirectory, `${basename(spec.file)}.rejects.csv`) : null;
    const summary = await importFile(db, { entity: spec.entity, file: join(datasetsDirectory, spec.file), preset: spec.preset, actor: options.actor, clock, rejectsPath });
    imports.push(withRejectedRows(summary, dataset.expectedRejects));
  }
  return imports;
}

/**
 * Loads a bundled public data set (importDataset), then derives what the product shows as of its end.
 * One load at a time per store, across processes (demo-load-lock.ts).
 */
export async function loadDatasetDemo(db: Kysely<Database>, name: string, options: DatasetDemoOptions): Promise<DemoResult> {
  return underDemoLoadLock(db, () => loadDatasetDemoWhileHeld(db, name, options));
}

type DatasetDemoOptions = { actor: string; rejectsDirectory?: string | null };

async function loadDatasetDemoWhileHeld(db: Kysely<Database>, name: string, options: DatasetDemoOptions): Promise<DemoResult> {
  const dataset = demoDatasets.find((candidate) => candidate.name === name);
  if (!dataset) {
    throw new AppError('DEMO_DATASET_NOT_FOUND', `There is no demo data set "${name}". Choose one of: synthetic, ${demoDatasets.map((d) => d.name).join(', ')}.`, { field: 'name' });
  }
  const started = performance.now();
  // an unfinished load of this data set (unfinished-load.ts: what `serve` names too, with this command)
  await requireEmptyOrUnfinishedStore(db, (settings) => isUnfinishedDatasetLoad(settings, dataset));
  // before the import, which takes them too (and then finds nothing to replace): the load reports what it replaced
  const { replacedSettings, ratesCleared } = await takeDemoSettings(db, options.actor, datasetSettings(dataset));
  const imports = await importDataset(db, dataset, options);
  await analyzeChangedServerTablesQuietly(db);
  const lastDay = calendarDayIn(new Date(dataset.asOf), dataset.timeZone);
  if (dataset.policy) await presetTypePolicy(db, dataset.policy);
  const notes = await deriveUnderstanding(db, lastDay, fixedClock(new Date(Date.parse(dataset.asOf) + 1)));
  await updateStoreSettings(db, { demo_dataset: dataset.name });
  return { name: dataset.name, imports, seconds: (performance.now() - started) / 1000, notes, replacedSettings, ratesCleared };
}
