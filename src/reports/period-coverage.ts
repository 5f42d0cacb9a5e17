import { addDays } from '../core/clock.js';
import type { DayRange } from './period.js';

export const granularities = ['day', 'week', 'month'] as const;
export type Granularity = (typeof granularities)[number];

/**
 * The days of one period a report counts: `from`, `to` (exclusive) are its own days within the range.
 * `isPartial`: the period holds fewer days than a whole one (the range starts or ends inside it), or
 * one of them is still under way (today on a live store), so its total is not comparable with whole
 * periods. Marked rather than widened to whole periods, as Google Analytics and Shopify do: the figures
 * stay those of the range asked for.
 */
export type PeriodCoverage = { from: string; to: string; isPartial: boolean };

/** The day after a period starting on `start` (YYYY-MM-DD, a Monday for weeks, a 1st for months). */
export function periodEndOf(start: string, granularity: Granularity): string {
  if (granularity === 'day') return addDays(start, 1);
  if (granularity === 'week') return addDays(start, 7);
  const [year, month] = start.split('-').map(Number);
  return new Date(Date.UTC(year, month, 1)).toISOString().slice(0, 10);
}

/** `dayUnderWay`: the store day not over yet (today on a live store), null when every day of the range is over. */
export function coverageOf(start: string, granularity: Granularity, range: DayRange, dayUnderWay: string | null): PeriodCoverage {
  const end = periodEndOf(start, granularity);
  const from = start < range.from ? range.from : start;
  const to = end > range.to ? range.to : end;
  const isUnderWay = dayUnderWay !== null && dayUnderWay >= from && dayUnderWay < to;
  return { from, to, isPartial: from !== start || to !== end || isUnderWay };
}
