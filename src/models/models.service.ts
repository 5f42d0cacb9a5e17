import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { systemClock, type Clock } from '../core/clock.js';
import { refreshAllSegments, startOf } from '../segments/index.js';
import { getStoreSettings } from '../settings/index.js';
import { defaultChurnThresholds, type ChurnThresholds } from './clv.js';
import { dayNumberOf, isoDateOf } from './day-numbers.js';
import type { ModelChoice } from './fit-runs.js';
import { runFitJobInWorkerIfLarge } from './fit-thread.js';
import { requireCustomersToLearnFrom, requireHoldoutPurchases, requireObservedDay, requireValidationPeriod } from './model-days.js';
import { countCustomerPredictions, findFirstPurchaseDay, findStoreCurrency, insertModelFit, loadPurchaseDays, lockModelRuns, replaceCustomerPredictions } from './models.repo.js';
import { buildSummaries, countHoldoutPurchases, daysPerUnit, type TimeUnit } from './summaries.js';

export { dayNumberOf, isoDateOf } from './day-numbers.js';
export { fewestRepeatBuyersToFit, fitDataOf, modelLabels, notConvergedAdvice, type FitData } from './fit-refusals.js';
export type { ModelChoice } from './fit-runs.js';

/** Purchases up to `untilDay` (the calibration end unless given) and their summaries at the calibration end, which `field` names. */
async function loadSummaries(db: Kysely<Database>, calibrationEnd: string, unit: TimeUnit, field: 'calibrationEnd' | 'asOf', untilDay?: number) {
  const calibrationDay = dayNumberOf(calibrationEnd);
  const { timeZone } = await getStoreSettings(db);
  const purchases = await loadPurchaseDays(db, untilDay ?? calibrationDay, { timeZone });
  const summaries = buildSummaries(purchases, calibrationDay, unit);
  requireCustomersToLearnFrom(summaries, calibrationEnd, field, summaries.count === 0 ? await findFirstPurchaseDay(db) : null);
  return { purchases, summaries };
}

/**
 * Fits the chosen models on purchases up to `calibrationEnd` and records each fit (`clock` gives the
 * today it may not pass; in a data set's store the data set's end, see requireObservedDay). The fits
 * run on a worker thread on all but a small store (fit-thread.ts).
 */
export async function fitModels(db: Kysely<Database>, options: { calibrationEnd: string; unit: TimeUnit; model: ModelChoice; penalty?: number; clock?: Clock }) {
  // calibrated to a day not observed, each buyer's time since the last purchase would count days no purchase is known of: silence the fit reads as dropout
  requireObservedDay(await getStoreSettings(db), (options.clock ?? systemClock).now(), options.calibrationEnd, 'calibrationEnd', {
    live: 'End the calibration today or on an earlier day.', dataSet: 'end the calibration on that day or earlier.',
  });
  const { summaries } = await loadSummaries(db, options.calibrationEnd, options.unit, 'calibrationEnd');
  const customers = summaries.count;
  const fits = await runFitJobInWorkerIfLarge({ kind: 'fit', summaries, options: { unit: options.unit, model: options.model, penalty: options.penalty ?? 0 } });
  const ids = await db.transaction().execute(async (trx) => {
    await lockModelRuns(trx);
    const inserted: number[] = [];
    for (const fit of fits) inserted.push(await insertModelFit(trx, fit, options.unit, options.calibrationEnd));
    return inserted;
  });
  return { customers, fits: fits.map((fit, i) => ({ modelFitId: ids[i], ...fit })) };
}

/**
 * Calibration/holdout validation: for the purchase models, per-model totals,
 * conditional expectations and error metrics, a BIC ranking, and the weekly
 * tracking curve (cumulative repeat purchases, expected vs actual); for the
 * Gamma-Gamma spend model (`gammagamma` or `all`), expected vs actual holdout
 * average order value and, with the purchase models, holdout revenue
 * (spend-validation.ts). Stores nothing; `clock` gives the today the holdout may not pass.
 * The fits and comparisons run on a worker thread on all but a small store (fit-thread.ts).
 */
export async function validateModels(db: Kysely<Database>, options: { calibrationEnd: string; holdoutEnd: string; unit: TimeUnit; model: ModelChoice; penalty?: number; clock?: Clock }) {
  requireValidationPeriod(await getStoreSettings(db), (options.clock ?? systemClock).now(), options);
  const holdoutDay = dayNumberOf(options.holdoutEnd);
  const calibrationDay = dayNumberOf(options.calibrationEnd);
  const { purchases, summaries } = await loadSummaries(db, options.calibrationEnd, options.unit, 'calibrationEnd', holdoutDay);
  const actual = countHoldoutPurchases(purchases, summaries, holdoutDay);
  requireHoldoutPurchases(actual, options);
  const horizon = (holdoutDay - calibrationDay) / daysPerUnit(options.unit);
  const customers = summaries.count;
  const { models, ranking, spend } = await runFitJobInWorkerIfLarge({
    kind: 'validate', purchases, summaries, actual, options: { holdoutDay, horizon, unit: options.unit, model: options.model, penalty: options.penalty ?? 0 },
  });
  return { customers, holdoutLength: horizon, unit: options.unit, models, ranking, spend };
}

/**
 * Fits a purchase model and the Gamma-Gamma spend model on purchases up to
 * `asOf`, predicts every customer (prediction-run.ts, on a worker thread on all
 * but a small store) and replaces the stored predictions, all in one
 * transaction with the segments recomputed on them (churn risk, P(alive), CLV),
 * judged on the `asOf` day (at the store's now when that is today). Money stays
 * in minor units of the store currency. Runs that store take turns
 * (lockModelRuns): of two at once, the second waits, then replaces the first's
 * predictions with its own.
 */
export async function predictCustomers(
  db: Kysely<Database>,
  options: {
    asOf: string; horizonDays: number; discountRate: number; periodDays?: number; unit?: TimeUnit; model?: 'bgnbd' | 'paretonbd'; penalty?: number;
    churnThresholds?: ChurnThresholds; clock?: Clock;
  },
) {
  // predicted as of a day not observed (to come, or past a data set's end), every buyer would be judged by days of silence no purchase is known of
  const settings = await getStoreSettings(db);
  requireObservedDay(settings, (options.clock ?? systemClock).now(), options.asOf, 'asOf', {
    live: 'Predict as of today or an earlier day.', dataSet: 'predict as of that day or an earlier one.',
  });
  // segments are judged on the run's day, as an analysis as of a day judges them: its end is the first instant after it
  const asOfDayEnd = startOf({ kind: 'day', day: isoDateOf(dayNumberOf(options.asOf) + 1) }, settings.timeZone);
  const unit = options.unit ?? 'week';
  const { purchases, summaries } = await loadSummaries(db, options.asOf, unit, 'asOf');
  const run = await runFitJobInWorkerIfLarge({
    kind: 'predict', purchases, summaries, options: {
      asOfDay: dayNumberOf(options.asOf), horizonDays: options.horizonDays, discountRate: options.discountRate, periodDays: options.periodDays ?? 30, unit,
      model: options.model ?? 'bgnbd', penalty: options.penalty ?? 0, churnThresholds: options.churnThresholds ?? defaultChurnThresholds,
    },
  });
  const { transactionFit, spendFit } = run;
  const currency = await findStoreCurrency(db);
  const stored = await db.transaction().execute(async (trx) => {
    await lockModelRuns(trx);
    const modelFitId = await insertModelFit(trx, transactionFit, unit, options.asOf, true);
    const spendModelFitId = spendFit ? await insertModelFit(trx, spendFit, unit, options.asOf, true) : null;
    await replaceCustomerPredictions(
      trx,
      run.columns,
      modelFitId,
      spendModelFitId,
      { asOfDay: options.asOf, clvHorizonDays: options.horizonDays, clvDiscountRate: options.discountRate, clvPeriodDays: options.periodDays ?? 30 },
    );
    await refreshAllSegments(trx, { clock: options.clock ?? systemClock, analysisDayEnd: asOfDayEnd });
    return { modelFitId, spendModelFitId, churnRisk: await countCustomerPredictions(trx) };
  });
  // what the values mean: the day they describe and how the CLV weighs later purchases
  const clv = { horizonDays: options.horizonDays, discountRate: options.discountRate, periodDays: options.periodDays ?? 30 };
  return { customers: run.customers, asOf: options.asOf, clv, currency, fits: { transaction: transactionFit, spend: spendFit }, ...stored, totalClvMinor: run.totalClvMinor, notes: run.notes };
}
