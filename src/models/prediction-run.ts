/**
 * The numeric middle of a prediction run: from the purchases and their summaries as of a day to the
 * fits and every customer's predictions, or the error that says why there are none. Plain data in
 * and out, so a worker thread runs it (fit-jobs.ts) while the service loads and stores.
 */
import { fitBgNbd } from './bg-nbd.js';
import { predictCustomerValues, type ChurnThresholds, type CustomerPredictions } from './clv.js';
import { compressCustomerSummaries, compressSpend } from './compress.js';
import { fitDataOf, modelLabels, noSoundFit, notConverged, paramsText } from './fit-refusals.js';
import { degenerateReasonOf, type AnyFit } from './fit-runs.js';
import { fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import type { PredictionColumns } from './models.repo.js';
import type { SpendNotEstimated } from './models.tables.js';
import { fitParetoNbd } from './pareto-nbd.js';
import { daysPerUnit, type CustomerSummaries, type PurchaseColumns, type TimeUnit } from './summaries.js';
import type { TransactionModel } from './transaction-model.js';

export type PredictionRunOptions = {
  asOfDay: number; horizonDays: number; discountRate: number; periodDays: number; unit: TimeUnit; model: 'bgnbd' | 'paretonbd'; penalty: number;
  churnThresholds: ChurnThresholds;
};

/** What a run stores and tells: the fits it predicted from, every customer's prediction, the total CLV and notes. */
export type PredictionRun = {
  customers: number;
  transactionFit: AnyFit;
  spendFit: AnyFit | null;
  columns: PredictionColumns;
  /** null, not 0, when no value was predicted: a total of nothing is not a total of zero */
  totalClvMinor: number | null;
  notes: string[];
};

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
 * Fits the requested purchase model (the other one in its place when it does not converge or is
 * degenerate) and the Gamma-Gamma spend model on the summaries as of `asOfDay`, and predicts every
 * customer: P(alive), churn risk, expected purchases, spend, CLV and next purchase day.
 */
export function predictFromSummaries(purchases: PurchaseColumns, summaries: CustomerSummaries, options: PredictionRunOptions): PredictionRun {
  const { unit, penalty } = options;
  const compressed = compressCustomerSummaries(summaries);
  const requested = options.model;
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
    periodLength: options.periodDays * scale,
    discountRate: options.discountRate,
    purchaseHorizon: 90 * scale,
    churnThresholds: options.churnThresholds,
  });
  // why a customer gets no spend or CLV, kept with their prediction: every one of them when the run has no usable spend model
  const spendNotEstimated: (SpendNotEstimated | null)[] = new Array<SpendNotEstimated | null>(summaries.count).fill(spendProblem === null ? null : 'no_spend_model');
  const freeOnly = spendProblem === null ? leaveOutFreeBuyersValue(predictions, summaries, purchases, spendNotEstimated) : 0;
  const nextPurchaseDay = Float64Array.from(predictions.nextPurchaseIn, (t) => nextPurchaseDayOf(options.asOfDay, t / scale));
  // the sum of the values as stored (each customer's rounded to a minor unit, replaceCustomerPredictions), so the total is what
  // adding up the customers' CLVs gives, not a rounding of the unrounded figures that can differ from it by hundreds of units
  let totalValue = 0;
  for (const value of predictions.lifetimeValue) if (Number.isFinite(value)) totalValue += Math.round(value);
  const notes = spendProblem === null ? modelNotes : [...modelNotes, `No expected spend or CLV: ${spendProblem}.`];
  if (freeOnly > 0) notes.push(`${freeOnly === 1 ? '1 customer' : `${freeOnly.toLocaleString('en')} customers`} with free purchases only (every amount 0) got no expected spend or CLV: the spend model describes paid purchases (docs/models.md).`);
  return {
    customers: summaries.count,
    transactionFit,
    spendFit,
    columns: {
      customerId: summaries.customerIndex,
      probabilityAlive: predictions.probabilityAlive,
      expectedPurchases90d: predictions.expectedPurchases,
      expectedSpendMinor: predictions.expectedSpend,
      clvMinor: predictions.lifetimeValue,
      nextPurchaseDay,
      churnRisk: predictions.churnRisk,
      spendNotEstimated,
    },
    totalClvMinor: spendProblem === null ? totalValue : null,
    notes,
  };
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
