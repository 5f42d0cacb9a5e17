import { DateTime } from 'luxon';
import { addDays, calendarDayIn, dayMs } from '../core/clock.js';
import type { DateValue, RelativeDate } from './filter-types.js';

/**
 * Dates in a filter are the store's calendar days: "2026-11-30" is the whole of 30 November on the
 * store's clock (Asia/Jakarta: from 29 Nov 17:00 UTC), `{"days_ago": 30}` is the day 30 days before
 * the as-of day, `{"days_ahead": 7}` the day 7 days after it (for predicted days), and "the last
 * 30 days" are the as-of day and the 29 before it. Relative dates move with the as-of day, so a saved
 * segment's refresh moves its members on. An ISO time with an offset (or Z) is that instant exactly;
 * one without an offset is a time on the store's clock.
 */
export type StoreCalendar = {
  asOf: Date;
  timeZone: string;
  /** The as-of time's day in the store's time zone (YYYY-MM-DD). */
  asOfDay: string;
};

export function storeCalendarOf(asOf: Date, timeZone: string): StoreCalendar {
  return { asOf, timeZone, asOfDay: calendarDayIn(asOf, timeZone) };
}

/** A date value made concrete: a whole calendar day of the store, or an exact instant. */
export type ResolvedDate = { kind: 'day'; day: string } | { kind: 'instant'; at: Date };

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
// Z, +07, +0700 or +07:00 after the time: the text names its own offset
const offsetPattern = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?)$/;

const hasOffset = (text: string) => offsetPattern.test(text.slice(text.indexOf('T') + 1));

/** An ISO time as an instant; without an offset, read on the clock of `timeZone` (as imported files are). */
function instantOf(text: string, timeZone: string): Date {
  const parsed = DateTime.fromISO(text, { zone: timeZone });
  // the schema let through only what Date.parse reads, which may be a shape luxon does not
  return parsed.isValid ? parsed.toJSDate() : new Date(text);
}

/** Days from the as-of day to a relative date: negative before it, positive after it. */
export function daysFromAsOf(value: RelativeDate): number {
  return 'days_ago' in value ? -value.days_ago : value.days_ahead;
}

export function resolveDate(value: DateValue, calendar: StoreCalendar): ResolvedDate {
  if (typeof value !== 'string') return { kind: 'day', day: addDays(calendar.asOfDay, daysFromAsOf(value)) };
  return dayPattern.test(value) ? { kind: 'day', day: value } : { kind: 'instant', at: instantOf(value, calendar.timeZone) };
}

/**
 * The first instant of a store day: midnight, or the first time the clock shows when it skips
 * midnight; where midnight shows twice, the later one, as PostgreSQL reads `day::timestamp at time
 * zone`, so these bounds and the SQL's days (days since a purchase) agree.
 */
export function startOfStoreDay(day: string, timeZone: string): Date {
  return DateTime.fromISO(day, { zone: timeZone }).startOf('day').toJSDate();
}

/** Where a date value begins: a day at its first instant, an instant at itself. */
export function startOf(date: ResolvedDate, timeZone: string): Date {
  return date.kind === 'day' ? startOfStoreDay(date.day, timeZone) : date.at;
}

/** The first instant after a day (its end, exclusive); only days have one. */
export function endOfDay(day: string, timeZone: string): Date {
  return startOfStoreDay(addDays(day, 1), timeZone);
}

/** The store day a date value falls on, for columns that hold days (a predicted purchase day). */
export function dayOf(date: ResolvedDate, timeZone: string): string {
  return date.kind === 'day' ? date.day : calendarDayIn(date.at, timeZone);
}

/**
 * A date as the span it names, in milliseconds: a day from its midnight to the next (end
 * exclusive), an instant as a single millisecond. `isWallClock` spans are read on the store's
 * clock (days, times without an offset), the others are exact.
 */
type Span = { first: number; end: number; isWallClock: boolean };

function spanOf(text: string): Span {
  if (dayPattern.test(text)) {
    const first = Date.parse(`${text}T00:00:00Z`);
    return { first, end: first + dayMs, isWallClock: true };
  }
  // a wall-clock time read as if in UTC is its position on any clock; with an offset, its instant
  const at = DateTime.fromISO(text, { zone: 'utc' });
  const ms = at.isValid ? at.toMillis() : Date.parse(text);
  return { first: ms, end: ms + 1, isWallClock: !hasOffset(text) };
}

// UTC offsets in use run from −12:00 to +14:00: a time on an unknown clock is at most this far from UTC
const aheadOfUtcMs = 14 * 3_600_000;
const behindUtcMs = 12 * 3_600_000;

/**
 * Whether `low` comes after `high` in a range, whatever the store's time zone (which the filter's
 * checks do not know): two days, two times on the store's clock or two exact instants are compared
 * as written; a day or wall-clock time against an exact instant only when no zone could put them in
 * order. A relative date against a fixed one is not judged: which comes first changes with time.
 */
export function isDateRangeReversed(low: DateValue, high: DateValue): boolean {
  return beginsAtOrPast(low, high, 'end');
}

/**
 * Whether a window [from, to) holds no time whatever the store's time zone: `to` is where the window
 * stops, a day at its first instant, so from a day to the same day, or from a time to its own day, is
 * empty. Judged as isDateRangeReversed judges, on the starts of the two dates rather than on `to`'s end.
 */
export function isWindowEmpty(from: DateValue, to: DateValue): boolean {
  return beginsAtOrPast(from, to, 'first');
}

/**
 * Whether `start` begins at or after `limit`'s first instant (`first`) or its end (`end`), whatever
 * the store's time zone: see isDateRangeReversed for what is compared and what is not judged.
 */
function beginsAtOrPast(start: DateValue, limit: DateValue, bound: 'first' | 'end'): boolean {
  if (typeof start !== 'string' || typeof limit !== 'string') {
    if (typeof start === 'string' || typeof limit === 'string') return false;
    const [from, to] = [daysFromAsOf(start), daysFromAsOf(limit)];
    return bound === 'first' ? from >= to : from > to;
  }
  const from = spanOf(start);
  const to = spanOf(limit);
  const limitAt = bound === 'first' ? to.first : to.end;
  if (from.isWallClock === to.isWallClock) return from.first >= limitAt;
  const earliestFrom = from.isWallClock ? from.first - aheadOfUtcMs : from.first;
  const latestLimit = to.isWallClock ? limitAt + behindUtcMs : limitAt;
  return earliestFrom >= latestLimit;
}
