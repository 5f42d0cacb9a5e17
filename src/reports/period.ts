import { addDays, dayMs } from '../core/clock.js';
import { calendarDayOf } from '../core/calendar-day.js';

/** A half-open run of store calendar days [from, to). */
export type DayRange = { from: string; to: string };

/**
 * A period of the key figures: the instants [start, end), from the first instant of the
 * store day `from`. `to` is the day after the last day it touches (exclusive, as in a
 * DayRange). `end` is the first instant of `to` when the period is whole days, else a
 * time inside the day before `to` (today so far, or the same time of day N days earlier).
 */
export type Period = DayRange & { start: Date; end: Date };

/**
 * How the current period is held against the previous one: `same-time` when it ends
 * with today so far and the previous one ends at the same time of day N days earlier;
 * `whole-days` when both are whole store calendar days.
 */
export type Comparison = 'same-time' | 'whole-days';

export type ComparedPeriods = { comparison: Comparison; current: Period; previous: Period };

/**
 * The period of `days` days that ends with the as-of day, and the one before it,
 * in store calendar days — what "this month vs the previous month" compares.
 */
export function periodsEndingAt(asOf: Date, days: number, timeZone: string): { current: DayRange; previous: DayRange } {
  const to = addDays(calendarDayOf(asOf, timeZone), 1);
  const from = addDays(to, -days);
  return { current: { from, to }, previous: { from: addDays(from, -days), to: from } };
}

/**
 * The periods the key figures compare, on the days of `periodsEndingAt`. With
 * `whole-days` both run to the end of their last day. With `same-time` (a live store,
 * as of now) the current one ends at `asOf`, inside today, and the previous one at the
 * same wall-clock time in the store's zone `days` days earlier (Shopify's "previous
 * period up to the same time"), so each holds `days` − 1 whole days and the same part
 * of a day, even when a clock change lies between them.
 */
export function comparedPeriods(asOf: Date, days: number, timeZone: string, comparison: Comparison): ComparedPeriods {
  const { current, previous } = periodsEndingAt(asOf, days, timeZone);
  const period = (range: DayRange, end: Date): Period => ({ ...range, start: startOfDay(range.from, timeZone), end });
  if (comparison === 'whole-days') {
    return { comparison, current: period(current, startOfDay(current.to, timeZone)), previous: period(previous, startOfDay(previous.to, timeZone)) };
  }
  const today = addDays(current.to, -1);
  const timeOfDay = wallClockOf(asOf, timeZone) - Date.parse(`${today}T00:00:00Z`);
  const sameTime = instantAtWallClock(addDays(today, -days), timeOfDay, timeZone);
  // a time the clock skipped late in the evening would land on the next day
  const previousEnd = new Date(Math.min(sameTime.getTime(), startOfDay(previous.to, timeZone).getTime()));
  return { comparison, current: period(current, asOf), previous: period(previous, previousEnd) };
}

/** A period as whole days [from, wholeTo), which the day aggregates hold, then the part [partStart, end) of the day wholeTo, which only orders hold. */
export type PeriodParts = { from: string; wholeTo: string; partStart: Date; end: Date };

export function partsOf(period: Period, timeZone: string): PeriodParts {
  const endOfLastDay = startOfDay(period.to, timeZone);
  if (period.end.getTime() === endOfLastDay.getTime()) return { from: period.from, wholeTo: period.to, partStart: endOfLastDay, end: period.end };
  const lastDay = addDays(period.to, -1);
  const partStart = startOfDay(lastDay, timeZone);
  if (period.end < partStart || period.end > endOfLastDay || lastDay < period.from) {
    throw new Error(`A period must end inside its last day: ${period.from} – ${period.to} (exclusive) ends at ${period.end.toISOString()}.`);
  }
  return { from: period.from, wholeTo: lastDay, partStart, end: period.end };
}

/**
 * The first instant of a store calendar day: the one whose day in the zone is `day`,
 * which is midnight unless the clock skips it (then the first time it shows that day).
 */
export function startOfDay(day: string, timeZone: string): Date {
  return instantAtWallClock(day, 0, timeZone);
}

/**
 * The instant the store's clock shows `timeOfDay` (ms after midnight) on `day`. A time
 * the clock shows twice (when it goes back) is its first showing; one it skips (when it
 * goes forward) is read with the offset before the change, so it lands that far after the
 * change, as PostgreSQL reads such a local time.
 */
export function instantAtWallClock(day: string, timeOfDay: number, timeZone: string): Date {
  const wall = Date.parse(`${day}T00:00:00Z`) + timeOfDay;
  // the zone's offsets a day either side cover any clock change near this time
  const offsetBefore = offsetOf(wall - dayMs, timeZone);
  const offsets = [offsetBefore, offsetOf(wall + dayMs, timeZone)];
  const shown = offsets.map((offset) => wall - offset).filter((instant) => wallClockOf(new Date(instant), timeZone) === wall);
  return new Date(shown.length > 0 ? Math.min(...shown) : wall - offsetBefore);
}

/** The store's clock reading at an instant, as milliseconds since 1970-01-01 00:00 read as if UTC. */
export function wallClockOf(instant: Date, timeZone: string): number {
  return instant.getTime() + offsetOf(instant.getTime(), timeZone);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetOf(instant: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormatters.set(timeZone, formatter);
  }
  const field = Object.fromEntries(formatter.formatToParts(new Date(instant)).map((part) => [part.type, Number(part.value)]));
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  const shownAsUtc = new Date(0).setUTCFullYear(field.year, field.month - 1, field.day) + ((field.hour * 60 + field.minute) * 60 + field.second) * 1000;
  return shownAsUtc - wholeSeconds;
}

export function changeRatio(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}
