import { describe, expect, it } from 'vitest';
import { defaultChurnThresholds } from './clv.js';
import { predictFromSummaries } from './prediction-run.js';
import { createRandom } from './random.js';
import { simulatePurchaseColumns } from './simulate.js';
import { buildSummaries } from './summaries.js';

describe('a prediction run\'s total CLV', () => {
  it('is the sum of the customers\' CLVs as stored (each rounded to a minor unit), not a rounding of the unrounded sum', () => {
    const purchases = simulatePurchaseColumns(createRandom(5), { model: 'bgnbd', params: { r: 0.9, alpha: 40, a: 1, b: 7 } },
      { customers: 1500, firstDay: 0, acquisitionDays: 365, endDay: 700, spend: { p: 6, q: 3.7, gamma: 15 } });
    const summaries = buildSummaries(purchases, 700, 'week');
    const run = predictFromSummaries(purchases, summaries, {
      asOfDay: 700, horizonDays: 365, discountRate: 0.01, periodDays: 30, unit: 'week', model: 'bgnbd', penalty: 0, churnThresholds: defaultChurnThresholds,
    });
    let storedSum = 0;
    let unrounded = 0;
    for (const value of run.columns.clvMinor) {
      if (!Number.isFinite(value)) continue;
      storedSum += Math.round(value);
      unrounded += value;
    }
    // the data make the two differ, so the test tells them apart
    expect(Math.round(unrounded)).not.toBe(storedSum);
    expect(run.totalClvMinor).toBe(storedSum);
  });
});
