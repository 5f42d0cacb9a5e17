import { addDays } from '../core/clock.js';
import { calendarDayOf } from '../core/calendar-day.js';

/** A half-open run of store calendar days [from, to). */
export type DayRange = { from: string; to: string };

/**
 * The period of `days` days that ends with the as-of day, and the one before it,
 * in store calendar days — what "this month vs the previous month" compares.
 */
export function periodsEndingAt(asOf: Date, days: number, timeZone: string): { current: DayRange; previous: DayRange } {
  const to = addDays(calendarDayOf(asOf, timeZone), 1);
  const from = addDays(to, -days);
  return { current: { from, to }, previous: { from: addDays(from, -days), to: from } };
}

export function changeRatio(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}
