import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import { servesConcurrentQueries } from '../db/client.js';
import type { Database } from '../db/schema.js';
import { refreshAllSegments } from '../segments/index.js';
import { getStoreSettings, storeNowOf } from '../settings/index.js';
import { loadAnalysisContext, type AsOfInput } from './analysis-context.js';
import { requireAsOfNotInFuture } from './as-of-today.js';
import { metricSeriesWindow, raiseMetricAlerts, type StoreSeriesReadAhead } from './alerts/alerts.service.js';
import { countOpenAlerts } from './alerts/alerts.repo.js';
import { closeOverdueAlertsOfReturnedCustomers } from './alerts/overdue-alerts.repo.js';
import { readStoreSeries, type SeriesWindow } from './alerts/metric-series.repo.js';
import { refreshRhythmCache } from './rhythm-cache.repo.js';
import { replaceRfmScores } from './rfm.repo.js';
import { recordAnalysisRun, tuneForAnalysis } from './types.repo.js';
import { classifyAllCustomers, isRaisingAlertsAsOf } from './types.service.js';
import { heldTypes } from './types-store.repo.js';
import { lockOutTypePolicyChanges } from './settings.repo.js';
import { analyzeChangedServerTablesQuietly } from '../db/server-statistics.js';

export type AlertCounts = { metricDrops: number; customerOverdue: number };

export type AnalyzeResult = {
  runId: number;
  asOf: string;
  customers: number;
  realCustomers: number;
  rfmScored: number;
  /**
   * Type history spells begun and ended at the run's as-of day. A look back first rewinds the history
   * after its day (the types it took back), which these do not count.
   */
  typeChanges: { entered: number; left: number };
  /**
   * `new`: raised by this run (a drop on its day or week, a customer overdue since the last run);
   * an alert an earlier run or an order raised, or one this run only refreshed, is not new.
   * `open`: all not yet acknowledged after the run and dated by its as-of day, whoever raised them:
   * what `report alerts` lists, but for alerts a later-dated run raised. An overdue alert closes once
   * the customer has bought again by the as-of day.
   * `raised`: false when the run raised no alert: a replay of a day before the latest day analysed
   * (alerts say what is happening now, and a past day's would stay open beside today's), or a run
   * asked not to (raisesAlerts: false).
   */
  alerts: { new: AlertCounts; open: AlertCounts; raised: boolean };
  /** Both cut-offs of the window, and which the policy's basis makes VIP (the other is for comparison). */
  vipCutoffs: { revenueMinor: number | null; purchaseDays: number | null; basis: 'revenue' | 'frequency' | 'revenue_or_frequency'; windowDays: number };
  /**
   * Milliseconds: the rhythm cache made ready before the run's transaction, then
   * the transaction's parts; `seriesReadAhead` is how long the alerts' series
   * read beside it took (null when the run could not use it).
   */
  timingMs: { rhythmCache: number; types: number; rfm: number; alerts: number; seriesReadAhead: number | null; total: number };
};

/**
 * The full analysis in one transaction: every customer's types (with history
 * and overdue alerts), RFM scores, and change alerts, as of a store-time-zone
 * day, and every segment's membership recomputed from them (segments filter on
 * types and RFM segments; in the same commit, so a killed run leaves neither). Before it, in transactions of its own, the purchase rhythm cache is
 * brought up to date (valid whenever it is committed; see refreshRhythmCache).
 * Whether the as-of day is complete, for the alerts, is judged by the time the
 * run starts. Makes its own transactions, so it is not called inside one.
 * The run's transaction keeps type policy changes out (lockOutTypePolicyChanges),
 * other analyses not: the run it records holds the policy in force, and its cut-offs.
 *
 * `raisesAlerts: false` classifies and scores without raising any alert, and the run is no later
 * run's previous one for overdue customers (overdue-alerts.repo.ts): for a run that only gives the
 * type history a start (a demo load's run 91 days before the data's end), whose alerts no one asked
 * for, and after which the next run would raise every customer overdue in between. Left out, a
 * run raises alerts unless it replays a day before the latest day analysed.
 */
export async function analyze(db: Kysely<Database>, options: { asOf?: AsOfInput; clock?: Clock; raisesAlerts?: boolean } = {}): Promise<AnalyzeResult> {
  if (db.isTransaction) throw new Error('analyze makes its own transactions: call it outside a transaction');
  const startedAt = new Date();
  const started = performance.now();
  const now = (options.clock ?? systemClock).now();
  // a data set's store is analysed as of its end when no day is asked for, and never after it: no purchase after it is
  // known, so every day past it would read as everyone's silence (CDNOW as of 1999: no VIP, 208 customers overdue), as the models refuse it
  const dataSetEnd = storeNowOf(await getStoreSettings(db), now);
  const isBoundByDataSet = dataSetEnd < now;
  const asOf = options.asOf ?? (isBoundByDataSet ? dataSetEnd : undefined);
  const planned = await loadAnalysisContext(db, asOf, options.clock);
  requireAsOfNotInFuture(planned.asOf.day, isBoundByDataSet ? dataSetEnd : now, planned.settings.timezone, isBoundByDataSet
    ? { bound: "the data set's end", remedy: 'No purchase after it is known: analyse as of that day or an earlier one.' }
    : { remedy: 'Analyse as of today or an earlier day.' });
  const raisesAlerts = options.raisesAlerts ?? await isRaisingAlertsAsOf(db, planned.asOf.day);
  // rows imported since autovacuum last looked (or with it off) would be read by plans guessed from defaults
  await analyzeChangedServerTablesQuietly(db);
  await refreshRhythmCache(db, planned.policy, planned.asOf.day);
  const cacheReady = performance.now();
  const storeSeries = raisesAlerts && servesConcurrentQueries(db) ? readSeriesAhead(db, await metricSeriesWindow(db, planned, now)) : undefined;
  const result = await db.transaction().execute(async (transaction) => {
    const transactionStarted = performance.now();
    // first, before the policy is read: a policy change (of any process sharing the store) then commits wholly before
    // this run or after it, and reclassifies with its policy; the run records the policy in force when it commits
    await lockOutTypePolicyChanges(transaction);
    const context = await loadAnalysisContext(transaction, asOf, options.clock);
    const types = await classifyAllCustomers(transaction, context, { raisesAlerts });
    const typesDone = performance.now();
    const rfmScored = await replaceRfmScores(transaction);
    const rfmDone = performance.now();
    // each customer's primary type as just stored
    const alerts = raisesAlerts ? await raiseMetricAlerts(transaction, context, now, heldTypes, { storeSeries }) : { raised: 0, usedReadAhead: false };
    await closeOverdueAlertsOfReturnedCustomers(transaction, context.asOf.day);
    const openAlerts = await countOpenAlerts(transaction, context.asOf.day);
    const alertsDone = performance.now();
    const counts = { customers: types.customers, rfmScored, typeChanges: types.history, metricDrops: alerts.raised, customerOverdue: types.overdueAlerts, raisesAlerts };
    const runId = await recordAnalysisRun(transaction, { asOf: context.asOf, policy: context.policy, cutoffs: types.cutoffs, counts, startedAt, rfmScored });
    // after the run is recorded: customer_rfm reads its RFM day from the latest run
    await refreshAllSegments(transaction, { clock: options.clock ?? systemClock, analysisDayEnd: context.asOf.instant });
    const round = (value: number) => Math.round(value);
    return {
      runId,
      asOf: context.asOf.day,
      customers: types.customers,
      realCustomers: types.cutoffs.realCustomerCount,
      rfmScored,
      typeChanges: types.history,
      alerts: { new: { metricDrops: alerts.raised, customerOverdue: types.overdueAlerts }, open: openAlerts, raised: raisesAlerts },
      vipCutoffs: {
        revenueMinor: types.cutoffs.revenueCutoffMinor, purchaseDays: types.cutoffs.frequencyCutoff,
        basis: context.policy.vip.basis, windowDays: context.policy.vip.windowDays,
      },
      timingMs: {
        rhythmCache: round(cacheReady - started), types: round(typesDone - transactionStarted), rfm: round(rfmDone - typesDone), alerts: round(alertsDone - rfmDone),
        seriesReadAhead: alerts.usedReadAhead && storeSeries?.tookMs != null ? round(storeSeries.tookMs) : null, total: round(performance.now() - started),
      },
    };
  });
  // what the run rewrote (types, their history, RFM, segment members): a server store's planner statistics for it
  await analyzeChangedServerTablesQuietly(db);
  return result;
}

/**
 * Starts reading the alerts' series but for the customer types, which do not
 * depend on what the run writes, on a connection of its own beside the run's
 * transaction: a server store's second core. Not on the embedded store: its
 * one connection would read it before the transaction and the transaction
 * would then read the orders again for the types (4.5 s more at 1M customers
 * than one pass over both).
 */
function readSeriesAhead(db: Kysely<Database>, window: SeriesWindow): StoreSeriesReadAhead & { tookMs: number | null } {
  const started = performance.now();
  const ahead: StoreSeriesReadAhead & { tookMs: number | null } = {
    window,
    tookMs: null,
    rows: db.transaction().execute(async (transaction) => {
      await tuneForAnalysis(transaction);
      const rows = await readStoreSeries(transaction, window);
      ahead.tookMs = performance.now() - started;
      return rows;
    }),
  };
  // awaited by the run when its window still holds, so a failure surfaces there
  ahead.rows.catch(() => undefined);
  return ahead;
}
