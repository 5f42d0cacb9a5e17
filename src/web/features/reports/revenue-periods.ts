import { addDays } from '../../../core/clock.js';
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

/**
 * Whether the first period starts before the range does: the range is the last 365 days, so its first
 * week or month is cut at the start (4 of its 7 days) and its smaller total reads as a slump.
 */
export function isFirstPeriodIncomplete(trend: { from: string; points: ReadonlyArray<{ period: string }> }): boolean {
  const first = trend.points[0];
  return first !== undefined && first.period < trend.from;
}

/**
 * What ends the range, and so the last period: `today` on a live store (the day under way),
 * `data` on a data set reported as of its end (its last day is over, but no data follows),
 * `range` when it is not known which.
 */
export type RangeEnd = 'today' | 'data' | 'range';

export function rangeEndOf(settings: { dataAsOf: string | null } | null): RangeEnd {
  if (!settings) return 'range';
  return settings.dataAsOf === null ? 'today' : 'data';
}

/** The store days a period's total holds: its own days within the range [from, to). */
export function daysCounted(trend: { granularity: Granularity; from: string; to: string }, period: string): { firstDay: string; lastDay: string } {
  const end = periodEnd(period, trend.granularity);
  return { firstDay: period < trend.from ? trend.from : period, lastDay: addDays(end < trend.to ? end : trend.to, -1) };
}
