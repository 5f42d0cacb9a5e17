import { addDays } from '../../../core/clock.js';
import type { StoreSummary } from '../../api/analytics-types.js';

/**
 * What the summary compared, as the server says (`comparison`, src/reports/period.ts
 * comparedPeriods): on a live store the current period runs up to now, today so far,
 * and the previous one up to the same time of day N days earlier; a static data set
 * compares whole days. A server that does not say is described by its dates only.
 */
export type PeriodEnd = 'same-time' | 'whole-days' | 'unknown';

export type PeriodDescription = {
  end: PeriodEnd; days: number; from: string; lastDay: string; previousFrom: string; previousLastDay: string;
  /** When the current period stops: now, for a live store. */
  asOf: string;
  /** When the previous period stops: the same time of day, `days` days before `asOf`; null unless the server says. */
  previousEnd: string | null;
};

type SummaryPeriods = Pick<StoreSummary, 'asOf' | 'from' | 'to' | 'previousFrom' | 'previousTo' | 'comparison' | 'currentPeriod' | 'previousPeriod'>;

export function describePeriod(summary: SummaryPeriods): PeriodDescription {
  const end: PeriodEnd = summary.comparison === 'same-time' || summary.comparison === 'whole-days' ? summary.comparison : 'unknown';
  return {
    end, days: daysBetween(summary.from, summary.to), from: summary.from, lastDay: lastDayOf(summary.to),
    previousFrom: summary.previousFrom, previousLastDay: lastDayOf(summary.previousTo),
    asOf: summary.currentPeriod?.to ?? summary.asOf, previousEnd: summary.previousPeriod?.to ?? null,
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

export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text);
}
