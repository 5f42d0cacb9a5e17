import { describe, expect, it } from 'vitest';
import { buildCohortTriangle, isHorizonObserved } from './cohorts.js';

describe('isHorizonObserved', () => {
  it.each([
    ['2026-03', '2026-06-29', 90, true],
    ['2026-03', '2026-06-28', 90, false],
    // a leap year's February ends on the 29th: the cohort waits a day longer
    ['2024-02', '2024-05-29', 90, true],
    ['2024-02', '2024-05-28', 90, false],
    ['2025-12', '2026-01-30', 30, true],
  ])('judges cohort %s as of %s with a horizon of %i days: %s', (cohort, asOfDay, horizonDays, expected) => {
    expect(isHorizonObserved(cohort, asOfDay, horizonDays)).toBe(expected);
  });
});

describe('buildCohortTriangle', () => {
  const summary = (cohort: string) => ({
    cohort, customers: 4, repeatCustomers: 3, medianDaysToSecondPurchase: 90, repeatCustomersWithinHorizon: 1, medianDaysToSecondPurchaseWithinHorizon: 30,
  });

  it('gives the within-horizon rate of an old enough cohort and null, not a low number, for a younger one', () => {
    const cohorts = buildCohortTriangle([summary('2026-01'), summary('2026-04')], [], '2026-06-30', 90);
    expect(cohorts.map((cohort) => [cohort.cohort, cohort.repeatPurchaseRate, cohort.repeatRateWithinHorizon, cohort.medianDaysToSecondPurchaseWithinHorizon])).toEqual([
      ['2026-01', 0.75, 0.25, 30],
      ['2026-04', 0.75, null, null],
    ]);
  });
});
