import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { loadAnalysisContext, type AsOfInput } from './analysis-context.js';
import { metricSeriesWindow, raiseMetricAlerts } from './alerts/alerts.service.js';
import { readStoreSeries } from './alerts/metric-series.repo.js';
import { refreshRhythmCache } from './rhythm-cache.repo.js';
import { replaceRfmScores } from './rfm.repo.js';
import { recordAnalysisRun } from './types.repo.js';
import { classifyAllCustomers } from './types.service.js';
import { heldTypes } from './types-store.repo.js';

export type AnalyzeResult = {
  runId: number;
  asOf: string;
  customers: number;
  realCustomers: number;
  rfmScored: number;
  typeChanges: { entered: number; left: number };
  alerts: { metricDrops: number; customerOverdue: number };
  vipCutoffs: { revenueMinor: number | null; purchaseDays: number | null };
  /** Milliseconds: the rhythm cache made ready before the run's transaction, then its parts. */
  timingMs: { rhythmCache: number; types: number; rfm: number; alerts: number; total: number };
};

/**
 * The full analysis in one transaction: every customer's types (with history
 * and overdue alerts), RFM scores, and change alerts, as of a store-time-zone
 * day. The purchase rhythm cache is brought up to date first, in transactions
 * of its own (it is valid whenever it is committed; see refreshRhythmCache).
 */
export async function analyze(db: Kysely<Database>, options: { asOf?: AsOfInput; clock?: Clock } = {}): Promise<AnalyzeResult> {
  const startedAt = new Date();
  const started = performance.now();
  const now = (options.clock ?? systemClock).now();
  const planned = await loadAnalysisContext(db, options.asOf, options.clock);
  await refreshRhythmCache(db, planned.policy, planned.asOf.day);
  const cacheReady = performance.now();
  // The alerts' series but for the customer types do not depend on what the run writes: read on
  // another connection, beside the run on a server (before it on the embedded store's one).
  const window = await metricSeriesWindow(db, planned, now);
  const storeSeries = { window, rows: readStoreSeries(db, window) };
  // awaited by the run when its window still holds, so a failure surfaces there
  storeSeries.rows.catch(() => undefined);
  return db.transaction().execute(async (transaction) => {
    const context = await loadAnalysisContext(transaction, options.asOf, options.clock);
    const types = await classifyAllCustomers(transaction, context);
    const typesDone = performance.now();
    const rfmScored = await replaceRfmScores(transaction);
    const rfmDone = performance.now();
    // each customer's primary type as just stored
    const metricDrops = await raiseMetricAlerts(transaction, context, now, heldTypes, { storeSeries });
    const alertsDone = performance.now();
    const counts = { customers: types.customers, rfmScored, typeChanges: types.history, metricDrops, customerOverdue: types.overdueAlerts };
    const runId = await recordAnalysisRun(transaction, { asOf: context.asOf, policy: context.policy, cutoffs: types.cutoffs, counts, startedAt, rfmScored });
    const round = (value: number) => Math.round(value);
    return {
      runId,
      asOf: context.asOf.day,
      customers: types.customers,
      realCustomers: types.cutoffs.realCustomerCount,
      rfmScored,
      typeChanges: types.history,
      alerts: { metricDrops, customerOverdue: types.overdueAlerts },
      vipCutoffs: { revenueMinor: types.cutoffs.revenueCutoffMinor, purchaseDays: types.cutoffs.frequencyCutoff },
      timingMs: { rhythmCache: round(cacheReady - started), types: round(typesDone - cacheReady), rfm: round(rfmDone - typesDone), alerts: round(alertsDone - rfmDone), total: round(performance.now() - started) },
    };
  });
}
