import { DateTime } from 'luxon';
import { addDays } from '../core/clock.js';
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
  // calendar arithmetic keeps the clock time across a clock change (Luxon, as PostgreSQL's interval days)
  const sameTime = DateTime.fromJSDate(asOf, { zone: timeZone }).minus({ days }).toJSDate();
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
 * The first instant of a store calendar day: midnight, or the first time the clock shows
 * when it skips midnight. Where midnight shows twice, the later one, as PostgreSQL reads
 * `day::timestamp at time zone`, so these instants and the SQL's day boundaries agree.
 */
export function startOfDay(day: string, timeZone: string): Date {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toJSDate();
}

export function changeRatio(current: number, previous: number): number | null {
  if (previous === 0) return current === 0 ? 0 : null;
  return (current - previous) / previous;
}
