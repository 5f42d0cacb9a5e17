/**
 * The numeric middle of fitting and validating: from the summaries (and the purchases behind them)
 * to the fits and their holdout comparison. Plain data in and out, so a worker thread runs it
 * (fit-jobs.ts) while the service loads and stores.
 */
import { fitBgNbd } from './bg-nbd.js';
import { compressCustomerSummaries, compressSpend } from './compress.js';
import { isoDateOf } from './day-numbers.js';
import { degenerateFitReason } from './fit-soundness.js';
import { fitGammaGamma } from './gamma-gamma.js';
import type { FitResult } from './maximum-likelihood.js';
import { fitParetoNbd } from './pareto-nbd.js';
import { sumHoldoutSpend, validateSpendModel } from './spend-validation.js';
import { daysPerUnit, type CustomerSummaries, type PurchaseColumns, type TimeUnit } from './summaries.js';
import { countActualRepeatPurchases, trackExpectedRepeatPurchases } from './tracking.js';
import { expectedPurchases, type TransactionModel } from './transaction-model.js';
import { compareHoldout, compareModels } from './validation.js';

export type ModelChoice = 'bgnbd' | 'paretonbd' | 'gammagamma' | 'all';
export type AnyFit = FitResult<Record<string, number>>;

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
export function degenerateReasonOf(fit: AnyFit, summaries: CustomerSummaries, unit: TimeUnit): string | null {
  if (fit.model === 'gammagamma' || !fit.converged) return null;
  let span = 0;
  for (const age of summaries.age) span = Math.max(span, age);
  return degenerateFitReason({ model: fit.model, params: fit.params } as TransactionModel, span, unit);
}

/** The chosen models fitted on the summaries, each with why it is degenerate (null when sound). */
export function fitModelsOn(summaries: CustomerSummaries, options: { unit: TimeUnit; model: ModelChoice; penalty: number }) {
  const fits = fitChosen(summaries, options.model, options.penalty);
  return fits.map((fit) => ({ ...fit, degenerate: degenerateReasonOf(fit, summaries, options.unit) }));
}

/**
 * The chosen models fitted on the calibration summaries and compared with the holdout (`actual`:
 * each customer's holdout purchase days, up to `holdoutDay`, `horizon` units after the calibration end).
 */
export function validateModelsOn(
  purchases: PurchaseColumns, summaries: CustomerSummaries, actual: Float64Array,
  options: { holdoutDay: number; horizon: number; unit: TimeUnit; model: ModelChoice; penalty: number },
) {
  const { holdoutDay, horizon } = options;
  const fits = fitChosen(summaries, options.model, options.penalty);
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
  return { models, ranking: compareModels(purchaseFits), spend };
}
