import { addDays } from '../../../core/clock.js';
import type { StoreSummary } from '../../api/analytics-types.js';

/**
 * What the summary's current period holds at its end. The server ends it with the
 * as-of day (src/reports/period.ts periodsEndingAt): for a live store that is
 * today, counted up to the moment of the request, while the previous period is
 * whole days; a static data set ends with its last, complete day.
 */
export type PeriodEnd = 'today-so-far' | 'whole-days' | 'unknown';

export type PeriodDescription = {
  end: PeriodEnd; days: number; from: string; lastDay: string; previousFrom: string; previousLastDay: string; asOf: string;
};

/** `dataAsOf` from the store settings: null for a live store, the data set's end for a static one, undefined while unknown. */
export function describePeriod(summary: Pick<StoreSummary, 'asOf' | 'from' | 'to' | 'previousFrom' | 'previousTo'>, dataAsOf: string | null | undefined): PeriodDescription {
  const end: PeriodEnd = dataAsOf === undefined ? 'unknown' : dataAsOf === null ? 'today-so-far' : 'whole-days';
  return {
    end, days: daysBetween(summary.from, summary.to), from: summary.from, lastDay: lastDayOf(summary.to),
    previousFrom: summary.previousFrom, previousLastDay: lastDayOf(summary.previousTo), asOf: summary.asOf,
  };
}

/** The summary's `to` is exclusive (the day after the period); people read the last day included. */
export function lastDayOf(exclusiveEnd: string): string {
  return isCalendarDay(exclusiveEnd) ? addDays(exclusiveEnd, -1) : exclusiveEnd;
}

/** Days in [from, to), counted from the response so the sentence matches what the server summed. */
export function daysBetween(from: string, to: string): number {
  if (!isCalendarDay(from) || !isCalendarDay(to)) return 0;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}
