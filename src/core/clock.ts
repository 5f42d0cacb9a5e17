import { exactCalendarDayOf } from './calendar-day.js';

/** A clock passed into services so that tests and `--as-of` runs control "now". */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}

export const dayMs = 86_400_000;

/** The calendar day (YYYY-MM-DD) of an instant in a time zone, e.g. the store's. */
export function calendarDayIn(instant: Date, timeZone: string): string {
  return exactCalendarDayOf(instant, timeZone);
}

/**
 * The day an exclusive end instant closes, in a time zone: an analysis or a type spell ends at the
 * first instant of the next day, so its day is the one just before (1998-07-01 00:00 in New York
 * closes 1998-06-30); an instant inside a day names that day.
 */
export function dayClosedBy(end: Date | string, timeZone: string): string {
  return calendarDayIn(new Date(new Date(end).getTime() - 1), timeZone);
}

export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / dayMs);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}
