import { bayesianInformationCriterion } from './maximum-likelihood.js';

/**
 * Calibration/holdout validation (Fader, Hardie & Lee 2005 §5): predictions
 * E[Y(t*) | x, t_x, T] for the holdout length t* against the purchase days
 * that actually happened in it.
 */

export type ErrorMetrics = { meanAbsoluteError: number; rootMeanSquaredError: number; correlation: number };

/** `actual` and `predicted` are means over the bucket's customers: null for a bucket without any. */
export type ConditionalExpectationRow = { frequency: string; customers: number; actual: number | null; predicted: number | null };

export type HoldoutComparison = {
  customers: number;
  totalActual: number;
  totalPredicted: number;
  metrics: ErrorMetrics;
  /** Mean holdout purchases by calibration frequency 0, 1, …, maxFrequency+ (FHL 2005, figure 4). */
  conditionalExpectations: ConditionalExpectationRow[];
};

/** MAE, RMSE and Pearson correlation of predicted vs actual per customer. */
export function measureErrors(predicted: ArrayLike<number>, actual: ArrayLike<number>): ErrorMetrics {
  const n = predicted.length;
  let absolute = 0;
  let squared = 0;
  let sumPredicted = 0;
  let sumActual = 0;
  for (let i = 0; i < n; i++) {
    const error = predicted[i] - actual[i];
    absolute += Math.abs(error);
    squared += error * error;
    sumPredicted += predicted[i];
    sumActual += actual[i];
  }
  const meanPredicted = sumPredicted / n;
  const meanActual = sumActual / n;
  let covariance = 0;
  let variancePredicted = 0;
  let varianceActual = 0;
  for (let i = 0; i < n; i++) {
    covariance += (predicted[i] - meanPredicted) * (actual[i] - meanActual);
    variancePredicted += (predicted[i] - meanPredicted) ** 2;
    varianceActual += (actual[i] - meanActual) ** 2;
  }
  return {
    meanAbsoluteError: absolute / n,
    rootMeanSquaredError: Math.sqrt(squared / n),
    correlation: covariance / Math.sqrt(variancePredicted * varianceActual),
  };
}

export function compareHoldout(frequency: ArrayLike<number>, predicted: ArrayLike<number>, actual: ArrayLike<number>, maxFrequency = 7): HoldoutComparison {
  const buckets = Array.from({ length: maxFrequency + 1 }, () => ({ customers: 0, actual: 0, predicted: 0 }));
  let totalActual = 0;
  let totalPredicted = 0;
  for (let i = 0; i < frequency.length; i++) {
    const bucket = buckets[Math.min(frequency[i], maxFrequency)];
    bucket.customers++;
    bucket.actual += actual[i];
    bucket.predicted += predicted[i];
    totalActual += actual[i];
    totalPredicted += predicted[i];
  }
  return {
    customers: frequency.length,
    totalActual,
    totalPredicted,
    metrics: measureErrors(predicted, actual),
    conditionalExpectations: buckets.map((bucket, x) => ({
      frequency: x === maxFrequency ? `${x}+` : String(x),
      customers: bucket.customers,
      actual: bucket.customers > 0 ? bucket.actual / bucket.customers : null,
      predicted: bucket.customers > 0 ? bucket.predicted / bucket.customers : null,
    })),
  };
}

export type ModelComparisonRow = { model: string; parameters: number; logLikelihood: number; bic: number };

/** Ranks fitted models by BIC (lower is better) on the same customers. */
export function compareModels(fits: { model: string; logLikelihood: number; params: Record<string, number>; customers: number }[]): ModelComparisonRow[] {
  return fits
    .map((fit) => {
      const parameters = Object.keys(fit.params).length;
      return { model: fit.model, parameters, logLikelihood: fit.logLikelihood, bic: bayesianInformationCriterion(fit.logLikelihood, parameters, fit.customers) };
    })
    .sort((left, right) => left.bic - right.bic);
}
