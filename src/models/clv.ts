import type { CompressedSummaries } from './compress.js';
import { expectedSpendGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import { expectedPurchases, probabilityAlive, type TransactionModel } from './transaction-model.js';

/**
 * Per-customer value predictions on top of a purchase model and the
 * Gamma-Gamma spend model. Times are in the model's unit (days or weeks).
 */

export type ChurnRisk = 'low' | 'medium' | 'high';
export type ChurnThresholds = { low: number; medium: number };

/** P(alive) ≥ 0.7 is low risk, ≥ 0.3 medium, below that high. */
export const defaultChurnThresholds: ChurnThresholds = { low: 0.7, medium: 0.3 };

export function classifyChurnRisk(alive: number, thresholds: ChurnThresholds = defaultChurnThresholds): ChurnRisk {
  if (alive >= thresholds.low) return 'low';
  return alive >= thresholds.medium ? 'medium' : 'high';
}

export type ValueOptions = {
  /** How far ahead, in model units. */
  horizon: number;
  /** Length of one discounting period in model units (e.g. 30 days, or 30/7 weeks). */
  periodLength: number;
  /** Discount rate per period (0.01 = 1 % per period). */
  discountRate: number;
};

/**
 * Discounted expected value over the horizon, as `lifetimes`'
 * customer_lifetime_value: Σₖ spend · (E[Y(k·P)] − E[Y((k−1)·P)]) / (1 + d)^k
 * over periods k of length P, the last period cut at the horizon.
 */
export function customerLifetimeValue(model: TransactionModel, spend: number, x: number, recency: number, age: number, options: ValueOptions): number {
  const periods = Math.ceil(options.horizon / options.periodLength - 1e-12);
  let value = 0;
  let previous = 0;
  for (let k = 1; k <= periods; k++) {
    const cumulative = expectedPurchases(model, Math.min(k * options.periodLength, options.horizon), x, recency, age);
    value += (spend * (cumulative - previous)) / Math.pow(1 + options.discountRate, k);
    previous = cumulative;
  }
  return value;
}

/**
 * Median time to the next purchase of a customer who is still alive: the
 * posterior of her rate is Gamma(r + x, α + T) (FHL 2005 §4), so
 * P(no purchase in t) = ((α+T)/(α+T+t))^(r+x) and the median is
 * (α+T)(2^(1/(r+x)) − 1). Future dropout is ignored, which is why a next
 * purchase is only reported for customers who are more likely alive than not.
 */
export function medianTimeToNextPurchase(model: TransactionModel, x: number, age: number): number {
  const { r, alpha } = model.params;
  return (alpha + age) * Math.expm1(Math.LN2 / (r + x));
}

export type CustomerPredictions = {
  /** NaN where not estimated: BG/NBD gives a customer without a repeat purchase 1, whatever their silence. */
  probabilityAlive: Float64Array;
  expectedPurchases: Float64Array;
  /** Expected value per purchase (Gamma-Gamma); NaN without a spend model. */
  expectedSpend: Float64Array;
  /** NaN without a spend model. */
  lifetimeValue: Float64Array;
  /** Model-unit time from the calibration end to the likely next purchase; NaN when P(alive) < 0.5 or is not estimated. */
  nextPurchaseIn: Float64Array;
  /** Null where P(alive) is not estimated (a BG/NBD one-time buyer). */
  churnRisk: (ChurnRisk | null)[];
};

/**
 * Predictions for every customer: the purchase-model terms once per distinct
 * (x, t_x, T) row of `compressed` (built from the same customers), the cheap
 * spend step per customer.
 */
export function predictCustomerValues(
  customers: { frequency: Float64Array; recency: Float64Array; age: Float64Array; monetaryValue: Float64Array },
  compressed: CompressedSummaries,
  model: TransactionModel,
  spendModel: GammaGammaParams | null,
  options: ValueOptions & { purchaseHorizon: number; churnThresholds?: ChurnThresholds },
): CustomerPredictions {
  const rows = compressed.rows;
  const aliveByRow = new Float64Array(rows);
  const purchasesByRow = new Float64Array(rows);
  const unitValueByRow = new Float64Array(rows);
  const nextByRow = new Float64Array(rows);
  for (let row = 0; row < rows; row++) {
    const x = compressed.frequency[row];
    const recency = compressed.recency[row];
    const age = compressed.age[row];
    const alive = probabilityAlive(model, x, recency, age);
    // BG/NBD's 1 for a customer without a repeat purchase says nothing: dropout is only possible after one
    aliveByRow[row] = model.model === 'bgnbd' && x === 0 ? Number.NaN : alive;
    purchasesByRow[row] = expectedPurchases(model, options.purchaseHorizon, x, recency, age);
    // CLV is linear in spend: the discounted purchases for spend 1 are shared by every customer of the row
    unitValueByRow[row] = spendModel ? customerLifetimeValue(model, 1, x, recency, age, options) : Number.NaN;
    // the median wait assumes the customer is still there: not for one whose P(alive) says nothing (a BG/NBD one-time buyer)
    nextByRow[row] = !Number.isNaN(aliveByRow[row]) && alive >= 0.5 ? medianTimeToNextPurchase(model, x, age) : Number.NaN;
  }
  const count = customers.frequency.length;
  const result: CustomerPredictions = {
    probabilityAlive: new Float64Array(count),
    expectedPurchases: new Float64Array(count),
    expectedSpend: new Float64Array(count),
    lifetimeValue: new Float64Array(count),
    nextPurchaseIn: new Float64Array(count),
    churnRisk: new Array<ChurnRisk | null>(count),
  };
  for (let i = 0; i < count; i++) {
    const row = compressed.rowOfCustomer[i];
    const spend = spendModel ? expectedSpendGammaGamma(spendModel, customers.frequency[i], customers.monetaryValue[i]) : Number.NaN;
    result.probabilityAlive[i] = aliveByRow[row];
    result.expectedPurchases[i] = purchasesByRow[row];
    result.expectedSpend[i] = spend;
    result.lifetimeValue[i] = spend * unitValueByRow[row];
    result.nextPurchaseIn[i] = nextByRow[row];
    result.churnRisk[i] = Number.isNaN(aliveByRow[row]) ? null : classifyChurnRisk(aliveByRow[row], options.churnThresholds);
  }
  return result;
}
