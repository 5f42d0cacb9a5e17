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
 * Whether the last period is cut short (the week or month still running): its
 * total holds only the days so far, and drawn like the others it reads as a
 * collapse. It is cut short by the range's exclusive end `to`, or, when the range
 * ends with today (`endsToday`: a live store, whose range runs to the end of
 * today), by the rest of today, as the day's own point at noon.
 */
export function isLastPeriodIncomplete(trend: { granularity: Granularity; to: string; points: ReadonlyArray<{ period: string }> }, endsToday = false): boolean {
  const last = trend.points.at(-1);
  if (last === undefined) return false;
  const end = periodEnd(last.period, trend.granularity);
  return trend.to < end || (endsToday && trend.to <= end);
}
