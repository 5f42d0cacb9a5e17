import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { systemClock, type Clock } from '../core/clock.js';
import { refreshAllSegments, startOf } from '../segments/index.js';
import { getStoreSettings } from '../settings/index.js';
import { fitBgNbd } from './bg-nbd.js';
import { defaultChurnThresholds, predictCustomerValues, type ChurnThresholds, type CustomerPredictions } from './clv.js';
import { compressCustomerSummaries, compressSpend } from './compress.js';
import { degenerateFitReason } from './fit-soundness.js';
import { fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import type { FitResult } from './maximum-likelihood.js';
import { modelError } from './models.errors.js';
import { requireCustomersToLearnFrom, requireHoldoutPurchases, requireObservedDay, requireValidationPeriod } from './model-days.js';
import { countCustomerPredictions, findFirstPurchaseDay, findStoreCurrency, insertModelFit, loadPurchaseDays, replaceCustomerPredictions } from './models.repo.js';
import type { SpendNotEstimated } from './models.tables.js';
import { fitParetoNbd } from './pareto-nbd.js';
import { sumHoldoutSpend, validateSpendModel } from './spend-validation.js';
import { buildSummaries, countHoldoutPurchases, daysPerUnit, type CustomerSummaries, type PurchaseColumns, type TimeUnit } from './summaries.js';
import { countActualRepeatPurchases, trackExpectedRepeatPurchases } from './tracking.js';
import { expectedPurchases, type TransactionModel } from './transaction-model.js';
import { compareHoldout, compareModels } from './validation.js';

export type ModelChoice = 'bgnbd' | 'paretonbd' | 'gammagamma' | 'all';
type AnyFit = FitResult<Record<string, number>>;

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function dayNumberOf(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw modelError('MODEL_INVALID_PERIOD', `Not a date: ${isoDate}`, { field: 'date', hint: 'YYYY-MM-DD' });
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / 86_400_000;
}

export function isoDateOf(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** Purchases up to `untilDay` (the calibration end unless given) and their summaries at the calibration end, which `field` names. */
async function loadSummaries(db: Kysely<Database>, calibrationEnd: string, unit: TimeUnit, field: 'calibrationEnd' | 'asOf', untilDay?: number) {
  const calibrationDay = dayNumberOf(calibrationEnd);
  const { timeZone } = await getStoreSettings(db);
  const purchases = await loadPurchaseDays(db, untilDay ?? calibrationDay, { timeZone });
  const summaries = buildSummaries(purchases, calibrationDay, unit);
  requireCustomersToLearnFrom(summaries, calibrationEnd, field, summaries.count === 0 ? await findFirstPurchaseDay(db) : null);
  return { purchases, summaries };
}

function fitChosen(summaries: CustomerSummaries, model: ModelChoice, penalty: number): AnyFit[] {
  const fits: AnyFit[] = [];
  const compressed = model === 'gammagamma' ? null : compressCustomerSummaries(summaries);
  if (compressed && (model === 'bgnbd' || model === 'all')) fits.push(fitBgNbd(compressed, { penalty }));
  if (compressed && (model === 'paretonbd' || model === 'all')) fits.push(fitParetoNbd(compressed, { penalty }));
  if (model === 'gammagamma' || model === 'all') {
    const spend = compressSpend(summaries);
    if (spend.totalWeight > 0) fits.push(fitGammaGamma(spend, { penalty }));
  }
  return fits;
}

/** Why a converged purchase-model fit is degenerate (fit-soundness.ts), else null; null for Gamma-Gamma and for a fit that did not converge (its flag says enough). */
function degenerateReasonOf(fit: AnyFit, summaries: CustomerSummaries, unit: TimeUnit): string | null {
  if (fit.model === 'gammagamma' || !fit.converged) return null;
  let span = 0;
  for (const age of summaries.age) span = Math.max(span, age);
  return degenerateFitReason({ model: fit.model, params: fit.params } as TransactionModel, span, unit);
}

/**
 * Fits the chosen models on purchases up to `calibrationEnd` and records each fit (`clock` gives the
 * today it may not pass; in a data set's store the data set's end, see requireObservedDay).
 */
export async function fitModels(db: Kysely<Database>, options: { calibrationEnd: string; unit: TimeUnit; model: ModelChoice; penalty?: number; clock?: Clock }) {
  // calibrated to a day not observed, each buyer's time since the last purchase would count days no purchase is known of: silence the fit reads as dropout
  requireObservedDay(await getStoreSettings(db), (options.clock ?? systemClock).now(), options.calibrationEnd, 'calibrationEnd', {
    live: 'End the calibration today or on an earlier day.', dataSet: 'end the calibration on that day or earlier.',
  });
  const { summaries } = await loadSummaries(db, options.calibrationEnd, options.unit, 'calibrationEnd');
  const fits = fitChosen(summaries, options.model, options.penalty ?? 0);
  const ids = await db.transaction().execute(async (trx) => {
    const inserted: number[] = [];
    for (const fit of fits) inserted.push(await insertModelFit(trx, fit, options.unit, options.calibrationEnd));
    return inserted;
  });
  return { customers: summaries.count, fits: fits.map((fit, i) => ({ modelFitId: ids[i], ...fit, degenerate: degenerateReasonOf(fit, summaries, options.unit) })) };
}

/**
 * Calibration/holdout validation: for the purchase models, per-model totals,
 * conditional expectations and error metrics, a BIC ranking, and the weekly
 * tracking curve (cumulative repeat purchases, expected vs actual); for the
 * Gamma-Gamma spend model (`gammagamma` or `all`), expected vs actual holdout
 * average order value and, with the purchase models, holdout revenue
 * (spend-validation.ts). Stores nothing; `clock` gives the today the holdout may not pass.
 */
export async function validateModels(db: Kysely<Database>, options: { calibrationEnd: string; holdoutEnd: string; unit: TimeUnit; model: ModelChoice; penalty?: number; clock?: Clock }) {
  requireValidationPeriod(await getStoreSettings(db), (options.clock ?? systemClock).now(), options);
  const holdoutDay = dayNumberOf(options.holdoutEnd);
  const calibrationDay = dayNumberOf(options.calibrationEnd);
  const { purchases, summaries } = await loadSummaries(db, options.calibrationEnd, options.unit, 'calibrationEnd', holdoutDay);
  const actual = countHoldoutPurchases(purchases, summaries, holdoutDay);
  requireHoldoutPurchases(actual, options);
  const horizon = (holdoutDay - calibrationDay) / daysPerUnit(options.unit);
  const fits = fitChosen(summaries, options.model, options.penalty ?? 0);
  const purchaseFits = fits.filter((fit) => fit.model !== 'gammagamma');
  let firstDay = Infinity;
  for (const day of summaries.firstDay) firstDay = Math.min(firstDay, day);
  const tracking = { startDay: firstDay, periods: Math.ceil((holdoutDay - firstDay + 1) / 7), periodDays: 7 };
  const actualCurve = purchaseFits.length > 0 ? countActualRepeatPurchases(purchases, tracking) : new Float64Array(0);
  const expectedPurchasesByModel: { model: string; predicted: Float64Array }[] = [];
  const models = purchaseFits.map((fit) => {
    const model = { model: fit.model, params: fit.params } as TransactionModel;
    const predicted = Float64Array.from(summaries.frequency, (x, i) => expectedPurchases(model, horizon, x, summaries.recency[i], summaries.age[i]));
    expectedPurchasesByModel.push({ model: fit.model, predicted });
    const expectedCurve = trackExpectedRepeatPurchases(model, summaries.firstDay, { ...tracking, daysPerUnit: daysPerUnit(options.unit) });
    return {
      fit: { ...fit, degenerate: degenerateReasonOf(fit, summaries, options.unit) },
      holdout: compareHoldout(summaries.frequency, predicted, actual),
      tracking: Array.from(expectedCurve, (expected, week) => ({ week: week + 1, periodEnd: isoDateOf(tracking.startDay + (week + 1) * 7 - 1), expected, actual: actualCurve[week] })),
    };
  });
  const spend = options.model === 'gammagamma' || options.model === 'all'
    ? validateSpendModel(fits.find((fit) => fit.model === 'gammagamma') ?? null, summaries, {
      purchases: actual, spend: sumHoldoutSpend(purchases, summaries, holdoutDay), expectedPurchases: expectedPurchasesByModel,
    })
    : null;
  return { customers: summaries.count, holdoutLength: horizon, unit: options.unit, models, ranking: compareModels(purchaseFits), spend };
}

/**
 * Beyond this many days a median wait means no purchase is expected: a few
 * repeat buyers in a short history fit r near 0, and the median
 * (α+T)(2^{1/(r+x)} − 1) of a one-time buyer runs to millions of years.
 */
const nextPurchaseHorizonDays = 3650;

/** The day number of the likely next purchase, or NaN (stored as null, "none expected") beyond the horizon. */
function nextPurchaseDayOf(asOfDay: number, daysToNextPurchase: number): number {
  const days = Math.ceil(daysToNextPurchase);
  return days <= nextPurchaseHorizonDays ? asOfDay + days : Number.NaN;
}

/**
 * Fits a purchase model and the Gamma-Gamma spend model on purchases up to
 * `asOf`, predicts every customer and replaces the stored predictions, all in
 * one transaction with the segments recomputed on them (churn risk, P(alive),
 * CLV), judged on the `asOf` day (at the store's now when that is today). Money stays in minor
 * units of the store currency.
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
  const penalty = options.penalty ?? 0;
  const { purchases, summaries } = await loadSummaries(db, options.asOf, unit, 'asOf');
  const compressed = compressCustomerSummaries(summaries);
  const requested = options.model ?? 'bgnbd';
  const fitTransactions = (model: 'bgnbd' | 'paretonbd'): AnyFit => (model === 'paretonbd' ? fitParetoNbd(compressed, { penalty }) : fitBgNbd(compressed, { penalty }));
  const requestedFit = fitTransactions(requested);
  // an estimate the search did not settle on is arbitrary: its P(alive) would decide who is lapsed
  // (Groceries: a → 0, no one ever drops out, members quiet for 23 months "occasional", churn risk low);
  // a converged estimate on the no-dropout edge is as useless (fit-soundness.ts). Either way the other
  // model, if it converges and is sound, stands in, and the notes say so.
  const reasonOf = (fit: AnyFit) => degenerateReasonOf(fit, summaries, unit);
  const requestedReason = reasonOf(requestedFit);
  let transactionFit = requestedFit;
  const modelNotes: string[] = [];
  if (!requestedFit.converged || requestedReason !== null) {
    const other = requested === 'paretonbd' ? 'bgnbd' : 'paretonbd';
    const otherFit = fitTransactions(other);
    const otherReason = otherFit.converged ? reasonOf(otherFit) : `it did not converge (after ${otherFit.iterations} iterations)`;
    if (otherReason !== null) {
      throw requestedReason === null ? notConverged(requestedFit, requested, [otherFit, otherReason], penalty, fitDataOf(summaries)) : noSoundFit([[requestedFit, requestedReason], [otherFit, otherReason]]);
    }
    transactionFit = otherFit;
    const why = requestedReason ?? `it did not converge (after ${requestedFit.iterations} iterations: these purchases do not pin it down)`;
    modelNotes.push(`The ${modelLabels[requested]} fit was set aside (${paramsText(requestedFit)}): ${why}. `
      + `The predictions use the ${modelLabels[other]} fit instead (${paramsText(otherFit)}).`);
  }
  const spendData = compressSpend(summaries);
  const spendFit = spendData.totalWeight >= 10 ? fitGammaGamma(spendData, { penalty }) : null;
  const spendProblem = spendFit === null ? 'fewer than 10 repeat buyers with spend to fit the Gamma-Gamma spend model on'
    : !spendFit.converged ? 'the Gamma-Gamma spend model did not converge'
      : spendFit.params.q <= 1 ? 'the Gamma-Gamma spend model has q ≤ 1 (no finite mean spend)' : null;
  const scale = 1 / daysPerUnit(unit);
  const predictions = predictCustomerValues(summaries, compressed, { model: transactionFit.model, params: transactionFit.params } as TransactionModel, spendProblem === null ? (spendFit!.params as GammaGammaParams) : null, {
    horizon: options.horizonDays * scale,
    periodLength: (options.periodDays ?? 30) * scale,
    discountRate: options.discountRate,
    purchaseHorizon: 90 * scale,
    churnThresholds: options.churnThresholds ?? defaultChurnThresholds,
  });
  // why a customer gets no spend or CLV, kept with their prediction: every one of them when the run has no usable spend model
  const spendNotEstimated: (SpendNotEstimated | null)[] = new Array<SpendNotEstimated | null>(summaries.count).fill(spendProblem === null ? null : 'no_spend_model');
  const freeOnly = spendProblem === null ? leaveOutFreeBuyersValue(predictions, summaries, purchases, spendNotEstimated) : 0;
  const asOfDay = dayNumberOf(options.asOf);
  const nextPurchaseDay = Float64Array.from(predictions.nextPurchaseIn, (t) => nextPurchaseDayOf(asOfDay, t / scale));
  const currency = await findStoreCurrency(db);
  const stored = await db.transaction().execute(async (trx) => {
    const modelFitId = await insertModelFit(trx, transactionFit, unit, options.asOf, true);
    const spendModelFitId = spendFit ? await insertModelFit(trx, spendFit, unit, options.asOf, true) : null;
    await replaceCustomerPredictions(
      trx,
      {
        customerId: summaries.customerIndex,
        probabilityAlive: predictions.probabilityAlive,
        expectedPurchases90d: predictions.expectedPurchases,
        expectedSpendMinor: predictions.expectedSpend,
        clvMinor: predictions.lifetimeValue,
        nextPurchaseDay,
        churnRisk: predictions.churnRisk,
        spendNotEstimated,
      },
      modelFitId,
      spendModelFitId,
      { asOfDay: options.asOf, clvHorizonDays: options.horizonDays, clvDiscountRate: options.discountRate, clvPeriodDays: options.periodDays ?? 30 },
    );
    await refreshAllSegments(trx, { clock: options.clock ?? systemClock, analysisDayEnd: asOfDayEnd });
    return { modelFitId, spendModelFitId, churnRisk: await countCustomerPredictions(trx) };
  });
  let totalValue = 0;
  for (const value of predictions.lifetimeValue) if (Number.isFinite(value)) totalValue += value;
  const notes = spendProblem === null ? modelNotes : [...modelNotes, `No expected spend or CLV: ${spendProblem}.`];
  if (freeOnly > 0) notes.push(`${freeOnly === 1 ? '1 customer' : `${freeOnly.toLocaleString('en')} customers`} with free purchases only (every amount 0) got no expected spend or CLV: the spend model describes paid purchases (docs/models.md).`);
  // null, not 0, when no value was predicted: a total of nothing is not a total of zero
  const totalClvMinor = spendProblem === null ? Math.round(totalValue) : null;
  // what the values mean: the day they describe and how the CLV weighs later purchases
  const clv = { horizonDays: options.horizonDays, discountRate: options.discountRate, periodDays: options.periodDays ?? 30 };
  return { customers: summaries.count, asOf: options.asOf, clv, currency, fits: { transaction: transactionFit, spend: spendFit }, ...stored, totalClvMinor, notes };
}

/**
 * Gamma-Gamma has no free purchase (its density is 0 at m = 0, and the fit leaves such buyers out), so a customer whose every
 * purchase up to the as-of day was free would get another customer's spend: the store's average, or a shrinkage of their 0
 * toward it (three free orders: $37.38 per order). Their spend and value are not predicted (NaN, stored null), and `reasons`
 * says why (free_purchases_only). Returns how many.
 */
function leaveOutFreeBuyersValue(
  predictions: CustomerPredictions, summaries: CustomerSummaries, purchases: PurchaseColumns, reasons: (SpendNotEstimated | null)[],
): number {
  const paying = new Set<number>();
  for (let row = 0; row < purchases.day.length; row++) {
    if (purchases.day[row] <= summaries.calibrationEnd && purchases.amount[row] > 0) paying.add(purchases.customerIndex[row]);
  }
  let freeOnly = 0;
  for (let i = 0; i < summaries.count; i++) {
    if (paying.has(summaries.customerIndex[i])) continue;
    predictions.expectedSpend[i] = Number.NaN;
    predictions.lifetimeValue[i] = Number.NaN;
    reasons[i] = 'free_purchases_only';
    freeOnly++;
  }
  return freeOnly;
}

/** The purchase models' names as people write them. */
export const modelLabels: Record<string, string> = { bgnbd: 'BG/NBD', paretonbd: 'Pareto/NBD' };

function paramsText(fit: AnyFit): string {
  return Object.entries(fit.params).map(([name, value]) => `${name}=${Number(value).toPrecision(3)}`).join(', ');
}

/** Neither purchase model gave a sound fit: which, why, and what to try. Nothing is stored. */
function noSoundFit(attempts: Array<[AnyFit, string]>) {
  return modelError('MODEL_FIT_DEGENERATE',
    `No sound purchase model fits these purchases, so P(alive), churn risk and CLV would be arbitrary. `
    + attempts.map(([fit, reason]) => `${modelLabels[fit.model] ?? fit.model} (${paramsText(fit)}): ${reason}.`).join(' ')
    + ' Nothing was stored; earlier predictions stay. Predict again when the store has more customers or a longer history; '
    + 'without predictions, "lapsed" follows the quiet-days rule. The criterion is in docs/models.md ("Degenerate fits").',
    { field: 'model', fits: attempts.map(([fit, reason]) => ({ model: fit.model, params: fit.params, converged: fit.converged, reason })) });
}

/**
 * Below this many repeat buyers a refused fit wants data, not a penalty: dropout and the spread of buying rates show only in
 * repeat purchases, and four parameters cannot be read from a handful of them (5 customers, 4 repeat buyers: every penalty
 * from 0.1 to 100 ran α to ~1e-300). The same floor as the spend model's (10 repeat buyers).
 */
export const fewestRepeatBuyersToFit = 10;

/** What the fit had to learn from: customers, and those with a purchase day after their first. */
export type FitData = { customers: number; repeatBuyers: number };

export function fitDataOf(summaries: CustomerSummaries): FitData {
  let repeatBuyers = 0;
  for (const x of summaries.frequency) if (x > 0) repeatBuyers++;
  return { customers: summaries.count, repeatBuyers };
}

/**
 * What to try after a fit with `penalty` did not converge: more data when there are too few repeat buyers for any penalty to
 * help, else a penalty when none was given and a larger one after that.
 */
export function notConvergedAdvice(penalty: number, data?: FitData): string {
  if (data && data.repeatBuyers < fewestRepeatBuyersToFit) {
    const customers = data.customers === 1 ? '1 customer' : `${data.customers.toLocaleString('en')} customers`;
    return `These are too few purchases to fit a purchase model, and no penalty makes up for them: ${customers} (${data.repeatBuyers} with a repeat purchase), `
      + `where a fit needs at least ${fewestRepeatBuyersToFit} repeat buyers. Predict again when more customers have bought more than once`;
  }
  return penalty > 0
    ? `Even with the L2 penalty ${penalty} the fit did not settle: try a larger one (--penalty ${Number((penalty * 10).toPrecision(3))}) or a longer history`
    : 'Try an L2 penalty (--penalty 0.1) or a longer history';
}

/** The requested model did not converge, and the other one, tried in its place, was no better (`other`: its fit and why). */
function notConverged(fit: AnyFit, model: string, other: [AnyFit, string], penalty: number, data: FitData) {
  const params = paramsText(fit);
  const [otherFit, otherReason] = other;
  const tryNext = notConvergedAdvice(penalty, data);
  return modelError('MODEL_FIT_NOT_CONVERGED',
    `The ${modelLabels[model] ?? model} fit did not converge (${params} after ${fit.iterations} iterations): these purchases do not pin the model down, `
    + `so its P(alive) and CLV would be arbitrary; ${modelLabels[otherFit.model] ?? otherFit.model}, tried in its place (${paramsText(otherFit)}): ${otherReason}. `
    + `Nothing was stored; earlier predictions stay. ${tryNext}; `
    + 'without predictions, "lapsed" follows the quiet-days rule.',
    { field: 'model', fit: { model: fit.model, params: fit.params, iterations: fit.iterations, gradientNorm: fit.gradientNorm, logLikelihood: fit.logLikelihood }, data });
}
