import type { Cohort } from '../../api/analytics-types.js';

/**
 * Cohorts with fewer customers than this are marked as small. Below 20 one customer moves a
 * cohort's retention by more than 5 percentage points, and the 95% interval of a 20% rate
 * measured on 19 customers already runs from about 8% to 42% (Wilson score interval):
 * a colour step between two such cells is mostly chance.
 */
export const smallCohortCustomers = 20;

export function isSmallCohort(cohort: Pick<Cohort, 'customers'>): boolean {
  return cohort.customers < smallCohortCustomers;
}

/** Percentage points one customer is worth in a cohort of this size. */
export function pointsPerCustomer(customers: number): number {
  return customers === 0 ? 0 : 100 / customers;
}

/**
 * Rounds a retention rate up to a round legend maximum: whole percentage points up to 10%,
 * steps of 5 points above (37% → 40%, 41% → 45%, 3.2% → 4%), at least 1% and at most 100%.
 */
export function roundUpRetention(rate: number): number {
  // a hair below the step so 0.4, which is 40.000000000000004 points in floating point, stays 40%
  const points = Math.max(1, rate * 100 - 1e-9);
  const step = points <= 10 ? 1 : 5;
  return Math.min(100, Math.ceil(points / step) * step) / 100;
}

/**
 * The top of the colour scale: the highest retention after month 0, rounded up. Month 0 is left
 * out (100% by definition, it would leave every later month in the palette's lightest fifth),
 * and so are small cohorts while a larger one exists: two of two customers coming back would
 * otherwise set the top at 100% for every row. Their cells above it take the darkest colour. The
 * month under way is off the scale (cohort-heatmap-option.ts), so it does not set the top either.
 */
export function retentionScaleMaximum(cohorts: readonly Cohort[]): number {
  const large = cohorts.filter((cohort) => !isSmallCohort(cohort));
  const measured = large.length > 0 ? large : cohorts;
  const rates = measured.flatMap((cohort) => cohort.months.filter((month) => month.monthIndex > 0 && !month.isPartial).map((month) => month.retentionRate));
  return roundUpRetention(Math.max(0, ...rates));
}
