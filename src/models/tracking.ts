import type { PurchaseColumns } from './summaries.js';
import { expectedPopulationPurchases, type TransactionModel } from './transaction-model.js';

/**
 * Cumulative repeat purchases of a cohort over calendar time, the tracking
 * plot of Fader, Hardie & Lee (2005, figure 2): the model line is
 * Σᵢ E[X(t − bᵢ)] over customers i with first purchase day bᵢ.
 */
export type TrackingPoint = { periodEndDay: number; expected: number; actual: number | null };

/**
 * Expected cumulative repeat purchases at the end of each period from
 * `startDay`; customers are grouped by first purchase day so the cost is
 * periods × distinct first days, not customers.
 */
export function trackExpectedRepeatPurchases(
  model: TransactionModel,
  firstDays: Int32Array,
  options: { startDay: number; periods: number; periodDays: number; daysPerUnit: number },
): Float64Array {
  const countByDay = new Map<number, number>();
  for (const day of firstDays) countByDay.set(day, (countByDay.get(day) ?? 0) + 1);
  const expected = new Float64Array(options.periods);
  for (let period = 0; period < options.periods; period++) {
    // a period ends after its last day: purchases on that day are in
    const endDay = options.startDay + (period + 1) * options.periodDays - 1;
    let total = 0;
    for (const [firstDay, count] of countByDay) {
      if (endDay > firstDay) total += count * expectedPopulationPurchases(model, (endDay - firstDay) / options.daysPerUnit);
    }
    expected[period] = total;
  }
  return expected;
}

/** Actual cumulative repeat purchase days (purchase days after each customer's first) at the end of each period. */
export function countActualRepeatPurchases(purchases: PurchaseColumns, options: { startDay: number; periods: number; periodDays: number }): Float64Array {
  const perPeriod = new Float64Array(options.periods);
  const { customerIndex, day } = purchases;
  for (let row = 1; row < day.length; row++) {
    // a repeat purchase day: same customer, a later day than the row before
    if (customerIndex[row] !== customerIndex[row - 1] || day[row] === day[row - 1]) continue;
    const period = Math.floor((day[row] - options.startDay) / options.periodDays);
    if (period >= 0 && period < options.periods) perPeriod[period]++;
  }
  for (let period = 1; period < options.periods; period++) perPeriod[period] += perPeriod[period - 1];
  return perPeriod;
}
