/**
 * Monthly acquisition cohorts: customers grouped by the month (store time zone)
 * of their first verified purchase, followed month by month. Month 0 is the
 * first-purchase month, so its retention is 100% by definition.
 */
export type CohortActivityRow = { cohort: string; monthIndex: number; activeCustomers: number; revenueMinor: number };
/** `…WithinHorizon`: counting only second purchase days at most the horizon's days after the first. */
export type CohortSummaryRow = {
  cohort: string; customers: number; repeatCustomers: number; medianDaysToSecondPurchase: number | null;
  repeatCustomersWithinHorizon: number; medianDaysToSecondPurchaseWithinHorizon: number | null;
};

/**
 * The fixed horizon of the comparable repeat rate: the cumulative rate rises with a cohort's age,
 * so young cohorts look worse by construction; within a fixed horizon every cohort is judged alike.
 */
export const defaultRepeatHorizonDays = 90;

/** `isPartial`: the as-of month before its last day, so far fewer of its customers have bought yet. */
export type CohortMonth = { monthIndex: number; activeCustomers: number; retentionRate: number; revenuePerCustomerMinor: number; isPartial: boolean };
export type Cohort = {
  cohort: string;
  customers: number;
  /** So far: up to the as-of day, so lower for younger cohorts by construction. */
  repeatPurchaseRate: number;
  medianDaysToSecondPurchase: number | null;
  /** Share whose second purchase day came within the horizon of their first; null while the cohort is too young to tell. */
  repeatRateWithinHorizon: number | null;
  /** Median days to the second purchase of those who repeated within the horizon; null when too young or none did. */
  medianDaysToSecondPurchaseWithinHorizon: number | null;
  /** One entry per month up to the as-of month: the row of the triangle. */
  months: CohortMonth[];
};

export function monthsBetween(fromMonth: string, toMonth: string): number {
  const [fromYear, fromNumber] = fromMonth.split('-').map(Number);
  const [toYear, toNumber] = toMonth.split('-').map(Number);
  return (toYear - fromYear) * 12 + (toNumber - fromNumber);
}

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 1_000_000) / 1_000_000);

/** Whether a YYYY-MM-DD day is the last of its month. */
function isLastDayOfMonth(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number);
  return date === new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The day after `day` by `days` (YYYY-MM-DD, calendar arithmetic). */
function addCalendarDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/**
 * Whether every customer of a cohort has had `horizonDays` to buy again by the as-of day: the latest
 * first purchase the cohort can hold, on its month's last day, plus the horizon, is on or before it.
 */
export function isHorizonObserved(cohort: string, asOfDay: string, horizonDays: number): boolean {
  const [year, month] = cohort.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  return addCalendarDays(lastDay, horizonDays) <= asOfDay;
}

/**
 * Builds the triangle; months without any activity are zeros, not gaps, up to the as-of month,
 * which is marked partial unless the as-of day ends it.
 */
export function buildCohortTriangle(
  summaries: readonly CohortSummaryRow[], activity: readonly CohortActivityRow[], asOfDay: string, horizonDays = defaultRepeatHorizonDays,
): Cohort[] {
  const asOfMonth = asOfDay.slice(0, 7);
  const isMonthComplete = isLastDayOfMonth(asOfDay);
  const byCohort = new Map<string, Map<number, CohortActivityRow>>();
  for (const row of activity) {
    if (!byCohort.has(row.cohort)) byCohort.set(row.cohort, new Map());
    byCohort.get(row.cohort)!.set(row.monthIndex, row);
  }
  return [...summaries].sort((a, b) => a.cohort.localeCompare(b.cohort)).map((summary) => {
    const span = monthsBetween(summary.cohort, asOfMonth);
    const months: CohortMonth[] = [];
    for (let monthIndex = 0; monthIndex <= span; monthIndex += 1) {
      const row = byCohort.get(summary.cohort)?.get(monthIndex);
      months.push({
        monthIndex,
        activeCustomers: row?.activeCustomers ?? 0,
        retentionRate: ratio(row?.activeCustomers ?? 0, summary.customers),
        revenuePerCustomerMinor: summary.customers === 0 ? 0 : Math.round((row?.revenueMinor ?? 0) / summary.customers),
        isPartial: monthIndex === span && !isMonthComplete,
      });
    }
    return {
      cohort: summary.cohort,
      customers: summary.customers,
      repeatPurchaseRate: ratio(summary.repeatCustomers, summary.customers),
      medianDaysToSecondPurchase: summary.medianDaysToSecondPurchase,
      ...(isHorizonObserved(summary.cohort, asOfDay, horizonDays)
        ? { repeatRateWithinHorizon: ratio(summary.repeatCustomersWithinHorizon, summary.customers), medianDaysToSecondPurchaseWithinHorizon: summary.medianDaysToSecondPurchaseWithinHorizon }
        : { repeatRateWithinHorizon: null, medianDaysToSecondPurchaseWithinHorizon: null }),
      months,
    };
  });
}
