import { wallClockMinuteOf } from '../core/calendar-day.js';
import { formatMoney } from '../core/money.js';
import { dayClosedBy } from '../core/clock.js';
/** Small helpers for human-readable CLI output. */

let timesShownIn: string | null = null;

/**
 * Human output shows times in the store's time zone, the zone every report
 * counts days in (in UTC an order just after midnight in Jakarta showed on the
 * day before); --json keeps ISO instants in UTC. Set once a command has opened
 * its store (cli/runtime.ts).
 */
let moneyShownIn: { currency: string; locale: string } | null = null;

/** Money is written as the store writes it (its currency and locale: Rp 37.381.000, $318.94), as in the type reasons. */
export function showMoneyIn(currency: string, locale: string): void {
  moneyShownIn = { currency, locale };
}

/** An amount in minor units of the store currency, written as the store writes money. */
export function money(minor: number | string | null | undefined): string {
  if (minor === null || minor === undefined) return '';
  const shown = moneyShownIn ?? { currency: 'USD', locale: 'en' };
  return formatMoney(Number(minor), shown.currency, shown.locale);
}

/** A count with its thousands grouped, as every CLI output writes counts: 23,570. */
export const grouped = (count: number | string | null | undefined) => (count === null || count === undefined ? '' : Number(count).toLocaleString('en'));

export function showTimesIn(timeZone: string): void {
  timesShownIn = timeZone;
}

/** Back to no store's formats (USD, UTC): a process that runs many command lines (the tests') starts each from none. */
export function forgetStoreFormats(): void {
  moneyShownIn = null;
  timesShownIn = null;
}

/**
 * The store day an exclusive end instant closes (an analysis is dated the first instant of the
 * next day): the day the customer timeline and the web show, not that instant as 00:00 the day after.
 */
export function dayClosedByInstant(end: Date): string {
  return dayClosedBy(end, timesShownIn ?? 'UTC');
}

/** `YYYY-MM-DD HH:mm` in the store's time zone (UTC until a store is open). */
export function localTime(value: Date): string {
  return wallClockMinuteOf(value, timesShownIn ?? 'UTC');
}

export function table(rows: Array<Record<string, unknown>>, columns?: string[]): string {
  if (rows.length === 0) return '(none)';
  const keys = columns ?? Object.keys(rows[0]);
  const cell = (value: unknown) => (value === null || value === undefined ? '' : value instanceof Date ? localTime(value)
    : typeof value === 'number' && !Number.isInteger(value) ? String(Number(value.toPrecision(6))) : String(value));
  const widths = keys.map((key) => Math.min(60, Math.max(key.length, ...rows.map((row) => cell(row[key]).length))));
  // a cell cut to fit says so; the last column is never cut: nothing to its right lines up with it,
  // and what it holds (an audit entry's details, a reason) is often what the table is read for
  const fit = (value: string, index: number) => (value.length > 60 && index < keys.length - 1 ? `${value.slice(0, 59)}…` : value);
  const line = (values: string[]) => values.map((value, index) => fit(value, index).padEnd(widths[index])).join('  ').trimEnd();
  const lines = [line(keys), line(widths.map((width) => '-'.repeat(width))), ...rows.map((row) => line(keys.map((key) => cell(row[key]))))];
  // a time without its zone reads as the reader's own: say which clock the table's times are on
  if (rows.some((row) => keys.some((key) => row[key] instanceof Date))) lines.push(timesNote());
  return lines.join('\n');
}

/** The line under a table with times: "(times in Asia/Jakarta)". */
export function timesNote(): string {
  return `(times in ${timesShownIn ?? 'UTC'})`;
}

export function keyValues(entries: Record<string, unknown>): string {
  const width = Math.max(...Object.keys(entries).map((key) => key.length));
  return Object.entries(entries).map(([key, value]) => `${key.padEnd(width)}  ${value instanceof Date ? `${localTime(value)} (${timesShownIn ?? 'UTC'})` : value ?? ''}`).join('\n');
}

export { shellQuoted } from '../core/shell-words.js';
