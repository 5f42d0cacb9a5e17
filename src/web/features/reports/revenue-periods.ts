import type { Granularity } from '../../api/analytics-types.js';

/** The day after a period that starts on `period` (YYYY-MM-DD, store calendar): a day, a week or a calendar month later. */
export function periodEnd(period: string, granularity: Granularity): string {
  const day = new Date(`${period}T00:00:00Z`);
  if (granularity === 'day') day.setUTCDate(day.getUTCDate() + 1);
  else if (granularity === 'week') day.setUTCDate(day.getUTCDate() + 7);
  else day.setUTCMonth(day.getUTCMonth() + 1);
  return day.toISOString().slice(0, 10);
}

/**
 * Whether the last period is cut short by the range's exclusive end `to` (the
 * week or month still running): its total holds only the days so far, and drawn
 * like the others it reads as a collapse.
 */
export function isLastPeriodIncomplete(trend: { granularity: Granularity; to: string; points: ReadonlyArray<{ period: string }> }): boolean {
  const last = trend.points.at(-1);
  return last !== undefined && trend.to < periodEnd(last.period, trend.granularity);
}
