import { addDays } from '../../../core/clock.js';
import type { RevenueTrend } from '../../api/analytics-types.js';

type Point = RevenueTrend['points'][number];

/*
 * Which periods are cut short is the server's to say (GET /api/reports/revenue marks each point
 * `isPartial`, with the days it counts as `from`, `to`): it knows the store's today and calendar,
 * and a second reckoning here drifted from it (an earlier range on a live store read as "so far").
 */

/** Whether the range starts inside the period: its first days are not counted. */
export function isCutAtStart(point: Point): boolean {
  return point.from > point.period;
}

/**
 * Whether the period is cut at its end: by the range's end, or by today still under way. A period
 * marked partial and not cut at its start is; one cut at its start is too when it also ends the range
 * (a range inside one period), the one case whose own end the server's fields leave unsaid.
 */
export function isCutAtEnd(point: Point, trend: Pick<RevenueTrend, 'to'>): boolean {
  return point.isPartial && (!isCutAtStart(point) || point.to === trend.to);
}

/** The store days a period's total holds. */
export function daysCounted(point: Point): { firstDay: string; lastDay: string } {
  return { firstDay: point.from, lastDay: addDays(point.to, -1) };
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
