import { expectedSpendGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import type { CustomerSummaries, PurchaseColumns } from './summaries.js';
import { measureErrors, type ErrorMetrics } from './validation.js';

/**
 * Calibration/holdout validation of the Gamma-Gamma spend model: E[Z | m, x]
 * from the calibration period against each customer's actual average value
 * per holdout purchase day, beside naive predictions, and the holdout revenue
 * the purchase models × the spend model expect against the actual revenue.
 */

/** Correlation is null where the prediction is the same for everyone (the population mean). */
export type SpendPrediction = { meanPredicted: number; metrics: Omit<ErrorMetrics, 'correlation'> & { correlation: number | null } };

export type HoldoutRevenue = {
  model: string;
  /** Σ E[Y(t*)] · E[Z | m, x] over every calibration customer (E[Z] of a one-time buyer is the population mean); null when the purchase model's expectations are not finite (a fit that ran off). */
  predicted: number | null;
  /** Σ E[Y(t*)] · the customer's calibration mean spend (the population mean for one-time buyers). */
  naivePredicted: number | null;
  /** Σ actual holdout spend over the same customers. */
  actual: number;
};

export type SpendHoldout = {
  /** Repeat buyers of the calibration period (x > 0; the fit left out those whose repeat purchases are worth 0) with a holdout purchase. */
  customers: number;
  meanActual: number;
  model: SpendPrediction;
  /** Each customer's calibration mean spend m as the prediction. */
  calibrationMean: SpendPrediction;
  /** The calibration period's mean value per repeat purchase day, the same for everyone. */
  populationMean: SpendPrediction;
  /** Σ actual holdout purchase days · E[Z | m, x] over every calibration customer: the spend model alone, the purchase counts known. */
  revenueGivenPurchases: { customers: number; actual: number; predicted: number };
  /** Per purchase model validated in the same run; empty when only the spend model was asked for. */
  revenue: HoldoutRevenue[];
};

/**
 * Each summarised customer's spend on purchase days in (calibrationEnd, holdoutEnd]
 * (same columns as countHoldoutPurchases; a day's orders are already one value).
 */
export function sumHoldoutSpend(purchases: PurchaseColumns, summaries: CustomerSummaries, holdoutEnd: number): Float64Array {
  const spend = new Float64Array(summaries.count);
  const { customerIndex, day, amount } = purchases;
  let output = -1;
  let isSummarised = false;
  for (let row = 0; row < day.length; row++) {
    if (row === 0 || customerIndex[row] !== customerIndex[row - 1]) {
      // summaries keep the input order and only skip customers first seen after the calibration end
      isSummarised = output + 1 < summaries.count && summaries.customerIndex[output + 1] === customerIndex[row];
      if (isSummarised) output++;
    }
    if (isSummarised && day[row] > summaries.calibrationEnd && day[row] <= holdoutEnd) spend[output] += amount[row];
  }
  return spend;
}

function predictionOf(predicted: Float64Array, actual: Float64Array): SpendPrediction {
  let total = 0;
  for (const value of predicted) total += value;
  const metrics = measureErrors(predicted, actual);
  // a prediction the same for everyone correlates with nothing (rounding would print 1e-15 or NaN)
  const isConstant = predicted.every((value) => value === predicted[0]);
  return { meanPredicted: total / predicted.length, metrics: { ...metrics, correlation: isConstant || !Number.isFinite(metrics.correlation) ? null : metrics.correlation } };
}

/**
 * Compares E[Z | m, x] (FHL 2005b eq. 3) with the actual holdout average order value of the
 * calibration repeat buyers who bought in the holdout; `expectedHoldoutPurchases` (per purchase
 * model, per customer) turns it into expected holdout revenue. Needs q > 1 (a finite mean).
 */
export function compareHoldoutSpend(
  params: GammaGammaParams,
  summaries: CustomerSummaries,
  holdoutPurchases: Float64Array,
  holdoutSpend: Float64Array,
  expectedHoldoutPurchases: { model: string; predicted: ArrayLike<number> }[] = [],
): SpendHoldout {
  const { frequency, monetaryValue } = summaries;
  let repeatDays = 0;
  let repeatSpend = 0;
  for (let i = 0; i < summaries.count; i++) {
    repeatDays += frequency[i];
    repeatSpend += frequency[i] * monetaryValue[i];
  }
  const populationMean = repeatDays > 0 ? repeatSpend / repeatDays : 0;
  const expected = Float64Array.from(frequency, (x, i) => expectedSpendGammaGamma(params, x, monetaryValue[i]));
  const naive = Float64Array.from(frequency, (x, i) => (x > 0 ? monetaryValue[i] : populationMean));
  const compared: number[] = [];
  for (let i = 0; i < summaries.count; i++) if (frequency[i] > 0 && holdoutPurchases[i] > 0) compared.push(i);
  const actual = Float64Array.from(compared, (i) => holdoutSpend[i] / holdoutPurchases[i]);
  let actualRevenue = 0;
  let revenueGivenPurchases = 0;
  let buyers = 0;
  for (let i = 0; i < summaries.count; i++) {
    actualRevenue += holdoutSpend[i];
    revenueGivenPurchases += holdoutPurchases[i] * expected[i];
    if (holdoutPurchases[i] > 0) buyers++;
  }
  const revenue = expectedHoldoutPurchases.map(({ model, predicted }) => {
    let total = 0;
    let naiveTotal = 0;
    for (let i = 0; i < summaries.count; i++) {
      total += predicted[i] * expected[i];
      naiveTotal += predicted[i] * naive[i];
    }
    const finiteOrNull = (value: number) => (Number.isFinite(value) ? value : null);
    return { model, predicted: finiteOrNull(total), naivePredicted: finiteOrNull(naiveTotal), actual: actualRevenue };
  });
  let meanActual = 0;
  for (const value of actual) meanActual += value;
  return {
    customers: compared.length,
    meanActual: meanActual / actual.length,
    model: predictionOf(Float64Array.from(compared, (i) => expected[i]), actual),
    calibrationMean: predictionOf(Float64Array.from(compared, (i) => monetaryValue[i]), actual),
    populationMean: predictionOf(new Float64Array(compared.length).fill(populationMean), actual),
    revenueGivenPurchases: { customers: buyers, actual: actualRevenue, predicted: revenueGivenPurchases },
    revenue,
  };
}

type SpendFit = { model: string; params: Record<string, number>; converged: boolean };

export type SpendValidation<Fit extends SpendFit> = {
  /** null when no calibration customer made a repeat purchase (nothing to fit on). */
  fit: (Fit & { degenerate: null }) | null;
  holdout: SpendHoldout | null;
  /** Why there is no holdout comparison, else null. */
  note: string | null;
};

/** The spend model's part of a validation: the fit, and its holdout comparison when the fit has a finite mean and someone to compare. */
export function validateSpendModel<Fit extends SpendFit>(
  fit: Fit | null,
  summaries: CustomerSummaries,
  holdout: { purchases: Float64Array; spend: Float64Array; expectedPurchases: { model: string; predicted: ArrayLike<number> }[] },
): SpendValidation<Fit> {
  if (fit === null) {
    // repeat buyers whose purchases are all worth 0 (a data set without prices) give the spend model nothing to learn
    const hasRepeatBuyers = summaries.frequency.some((x) => x > 0);
    return {
      fit: null, holdout: null,
      note: hasRepeatBuyers
        ? 'No repeat purchase of the calibration period has a value (every amount is 0): no Gamma-Gamma spend model to fit.'
        : 'No customer made a repeat purchase in the calibration period: no Gamma-Gamma spend model to fit.',
    };
  }
  const shown = { ...fit, degenerate: null };
  if (!fit.converged) return { fit: shown, holdout: null, note: 'The Gamma-Gamma fit did not converge: its expected spend would be arbitrary.' };
  // E[Z] = pγ/(q−1) has no finite value for q ≤ 1
  if (fit.params.q <= 1) return { fit: shown, holdout: null, note: 'The Gamma-Gamma fit has q ≤ 1: no finite expected spend.' };
  const compared = compareHoldoutSpend(fit.params as GammaGammaParams, summaries, holdout.purchases, holdout.spend, holdout.expectedPurchases);
  if (compared.customers === 0) return { fit: shown, holdout: null, note: 'No repeat buyer of the calibration period bought in the holdout: no average order value to compare.' };
  return { fit: shown, holdout: compared, note: null };
}
