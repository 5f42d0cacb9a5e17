import { DateTime } from 'luxon';
import { readIsoTimestamp } from './iso-timestamp.js';
import { fail } from './row-problem.js';
import { wallTimeToMillis } from './zone-offsets.js';

export type DateOptions = {
  /** Luxon tokens: yyyy, MM, dd, HH, mm, ss, ZZZ… e.g. `dd-MM-yyyy` or `MM/dd/yyyy HH:mm`. */
  dateFormat: string | null;
  /** IANA zone for times written without an offset: the store's local time. */
  timeZone: string;
  now: Date;
};

// Clocks drift and exports from a till a few hours ahead are common; more than a day ahead is a wrong year or format.
const futureToleranceMs = 24 * 60 * 60 * 1000;
const earliest = Date.UTC(1970, 0, 1);

// Tried in order when no --date-format is given; only unambiguous year-first shapes, because
// 01/02/2024 means January in one country and February in another.
const fallbackFormats = ['yyyy-MM-dd HH:mm:ss ZZZ', 'yyyy-MM-dd HH:mm:ss ZZ', 'yyyy-MM-dd HH:mm ZZZ', 'yyyy/MM/dd HH:mm:ss', 'yyyy/MM/dd HH:mm', 'yyyy/MM/dd', 'yyyyMMdd'];

// Luxon spends most of a parse compiling the format; a million-row import parses a million
// dates, so formats are compiled once.
const parsers = new Map<string, ReturnType<typeof DateTime.buildFormatParser>>();

function parseFormat(value: string, format: string): DateTime {
  let parser = parsers.get(format);
  if (!parser) parsers.set(format, (parser = DateTime.buildFormatParser(format, { locale: 'en-US' })));
  return DateTime.fromFormatParser(value, parser, { zone: 'utc', setZone: true, locale: 'en-US' });
}

// An offset only counts after a time of day: the "-01" ending "2024-03-01" is the day.
const hasOffset = (value: string): boolean => /\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/.test(value);

/** Parses without a zone: wall-clock time as UTC, and whether the text named its own offset. */
function parseWithoutFormat(value: string): DateTime | null {
  if (/^\d{9,10}$/.test(value)) return DateTime.fromSeconds(Number(value), { zone: 'utc' });
  if (/^\d{12,13}$/.test(value)) return DateTime.fromMillis(Number(value), { zone: 'utc' });
  const iso = DateTime.fromISO(value, { zone: 'utc', setZone: true });
  if (iso.isValid) return iso;
  const sql = DateTime.fromSQL(value, { zone: 'utc', setZone: true });
  if (sql.isValid) return sql;
  for (const format of fallbackFormats) {
    const parsed = parseFormat(value, format);
    if (parsed.isValid) return parsed;
  }
  return null;
}

/**
 * Reads a point in time: ISO 8601 with or without offset (without = store time zone), date only
 * (midnight in the store's zone), epoch seconds or milliseconds, or the file's `--date-format`.
 */
export function parseDateTime(field: string, raw: string, options: DateOptions): Date {
  // Nearly every export writes plain ISO 8601, which Date.UTC arithmetic reads far faster than luxon.
  const millis = options.dateFormat ? null : readIsoTimestamp(raw, options.timeZone);
  return millis === null ? parseDateTimeWithLuxon(field, raw, options) : checkedDate(field, raw, millis, options.now);
}

function checkedDate(field: string, raw: string, millis: number, now: Date): Date {
  if (millis < earliest) fail(field, `${field} "${raw}" is before 1970; check the date format (day and month swapped, or a two-digit year?)`);
  if (millis > now.getTime() + futureToleranceMs) {
    fail(field, `${field} "${raw}" is in the future; check the date format (day and month swapped?) or the file's time zone`);
  }
  return new Date(millis);
}

/** parseDateTime for every shape, through luxon: the reference the ISO fast path must agree with. */
export function parseDateTimeWithLuxon(field: string, raw: string, options: DateOptions): Date {
  const value = raw.trim();
  let parsed: DateTime | null;
  if (options.dateFormat) {
    const formatted = parseFormat(value, options.dateFormat);
    parsed = formatted.isValid ? formatted : null;
    if (!parsed) fail(field, `${field} "${raw}" does not match the date format ${options.dateFormat}; fix the value or pass the right --date-format`);
  } else {
    parsed = parseWithoutFormat(value);
    if (!parsed) {
      fail(field, `${field} "${raw}" is not a date we can read; use ISO 8601 (2024-03-01 or 2024-03-01T10:15:00+07:00) or pass --date-format, e.g. --date-format dd-MM-yyyy`);
    }
  }
  const isEpoch = /^\d{9,10}$|^\d{12,13}$/.test(value) && !options.dateFormat;
  const isOffsetGiven = isEpoch || (options.dateFormat ? /Z/.test(options.dateFormat) : hasOffset(value));
  return checkedDate(field, raw, isOffsetGiven ? parsed.toMillis() : wallTimeToMillis(parsed.toMillis(), options.timeZone), options.now);
}
