import { DateTime } from 'luxon';
import { readIsoTimestamp } from './iso-timestamp.js';
import { fail, RowProblem } from './row-problem.js';
import { wallTimeToMillis } from './zone-offsets.js';

export type DateOptions = {
  /** Luxon tokens: yyyy, MM, dd, HH, mm, ss, z (zone name), ZZ (offset)… e.g. `dd-MM-yyyy` or `MM/dd/yyyy HH:mm z`. */
  dateFormat: string | null;
  /** IANA zone for times written without an offset: the store's local time. */
  timeZone: string;
  now: Date;
};

// A time after now has not happened yet: an analysis, judging by its day, would leave it out while
// the customer's profile counted it. A few minutes are allowed for a till whose clock runs ahead; a
// till writing another zone's local time needs the file's time zone, which the message points to.
// Not a day: tomorrow's date, read as its midnight in the store's zone, would pass for most of today.
const clockSkewToleranceMs = 10 * 60 * 1000;
const earliest = Date.UTC(1970, 0, 1);

// Tried in order when no --date-format is given; only unambiguous year-first shapes, because
// 01/02/2024 means January in one country and February in another.
const fallbackFormats = ['yyyy-MM-dd HH:mm:ss ZZZ', 'yyyy-MM-dd HH:mm:ss ZZ', 'yyyy-MM-dd HH:mm ZZZ', 'yyyy/MM/dd HH:mm:ss', 'yyyy/MM/dd HH:mm', 'yyyy/MM/dd', 'yyyyMMdd'];

// Luxon spends most of a parse compiling the format; a million-row import parses a million
// dates, so formats are compiled once.
const parsers = new Map<string, ReturnType<typeof DateTime.buildFormatParser>>();

/** `hasTime`: the format reads a time of day (or an epoch time), not only a day. */
type FormatZone = { format: string; isZoneGiven: boolean; unsupported: string | null; hasTime: boolean };

// luxon's tokens for hours, minutes, seconds, fractions, AM/PM, epoch times and localised times
const timeTokenLetters = /[HhmsSuaXxtTfF]/;
const formatZones = new Map<string, FormatZone>();

/**
 * What a `--date-format` says about zones, read once per format. Luxon parses `z` (an IANA name
 * such as America/New_York, or UTC) and `Z`/`ZZ`/`ZZZ` (offsets); `zz`, `zzz` and `VV`, which
 * other libraries use for zone names, are read as `z`. `ZZZZ` (EST, WIB) cannot be read: the
 * same abbreviation names different zones, so rows are refused rather than guessed.
 */
function formatZone(dateFormat: string): FormatZone {
  let known = formatZones.get(dateFormat);
  if (known) return known;
  let isZoneGiven = false;
  let unsupported: string | null = null;
  let hasTime = false;
  // Odd-numbered parts are quoted literals ('T'), where letters are text, not tokens.
  const format = dateFormat.split(/('[^']*')/).map((part, index) => {
    if (index % 2 === 1) return part;
    if (timeTokenLetters.test(part)) hasTime = true;
    return part.replace(/V+|z+|Z+/g, (token) => {
      isZoneGiven = true;
      if (token === 'VV' || token === 'zz' || token === 'zzz') return 'z';
      if (token.length > 3 || token.startsWith('V')) unsupported ??= token;
      return token;
    });
  }).join('');
  known = { format, isZoneGiven, unsupported, hasTime };
  formatZones.set(dateFormat, known);
  return known;
}

function parseFormat(value: string, format: string, zone = 'utc'): DateTime {
  let parser = parsers.get(format);
  if (!parser) parsers.set(format, (parser = DateTime.buildFormatParser(format, { locale: 'en-US' })));
  return DateTime.fromFormatParser(value, parser, { zone, setZone: true, locale: 'en-US' });
}

// Day, month and year with dots, with an optional time: no locale writes the month first with
// dots (German, Latvian, Russian, Polish, Czech… all write 03.11.2026 for 3 November), so unlike
// 03/11/2026 it needs no format.
const dottedDayFirst = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * A dotted day-first date (03.11.2026, 3.11.2026 14:05), possibly invalid (31.02.2026), or null
 * for another shape. A two-digit year is this century's: 03.11.98 reads as 2098 and is refused as
 * in the future, pointing to the format, rather than guessed to be 1998.
 */
function readDottedDayFirst(value: string, zone: string): DateTime | null {
  const shape = dottedDayFirst.exec(value);
  if (!shape) return null;
  const [, day, month, year, hour = '0', minute = '0', second = '0'] = shape;
  return DateTime.fromObject(
    { year: Number(year) + (year.length === 2 ? 2000 : 0), month: Number(month), day: Number(day), hour: Number(hour), minute: Number(minute), second: Number(second) },
    { zone },
  );
}

/** Parses without a format, reading text without a zone as if in `zone`. */
function parseWithoutFormat(value: string, zone: string): DateTime | null {
  if (/^\d{9,10}$/.test(value)) return DateTime.fromSeconds(Number(value), { zone: 'utc' });
  if (/^\d{12,13}$/.test(value)) return DateTime.fromMillis(Number(value), { zone: 'utc' });
  const iso = DateTime.fromISO(value, { zone, setZone: true });
  if (iso.isValid) return iso;
  const sql = DateTime.fromSQL(value, { zone, setZone: true });
  if (sql.isValid) return sql;
  const dotted = readDottedDayFirst(value, zone);
  if (dotted?.isValid) return dotted;
  for (const format of fallbackFormats) {
    const parsed = parseFormat(value, format, zone);
    if (parsed.isValid) return parsed;
  }
  return null;
}

/**
 * Whether parseDateTime reads the text without a date format (ISO 8601, SQL, epoch, dotted
 * day-first, year-first): such values say nothing about a file's day and month order.
 */
export function isReadableWithoutFormat(raw: string): boolean {
  const value = raw.trim();
  return readIsoTimestamp(value, 'UTC') !== null || parseWithoutFormat(value, 'utc') !== null;
}

/** The zone name luxon refused (`2024-03-01 10:00 Mars/Olympus`), if that is why the text did not parse. */
function unknownZoneIn(value: string, dateFormat: string | null): string | null {
  const attempts = dateFormat ? [parseFormat(value, formatZone(dateFormat).format)] : [DateTime.fromISO(value, { zone: 'utc', setZone: true }), DateTime.fromSQL(value, { zone: 'utc', setZone: true })];
  for (const attempt of attempts) {
    const zone = /the zone "(.+)" is not supported/.exec(attempt.invalidExplanation ?? '')?.[1];
    if (zone) return zone;
  }
  return null;
}

/**
 * The part of the text that names no real day or time ("day 30" in 2024-02-30), if that is why
 * it did not parse: such a value is written right, so the advice is to correct it, not its format.
 */
function impossiblePartIn(value: string, dateFormat: string | null): string | null {
  const attempts = dateFormat ? [parseFormat(value, formatZone(dateFormat).format)]
    : [DateTime.fromISO(value, { zone: 'utc' }), DateTime.fromSQL(value, { zone: 'utc' }), readDottedDayFirst(value, 'utc') ?? DateTime.invalid('not dotted')];
  for (const attempt of attempts) {
    if (attempt.invalidReason !== 'unit out of range') continue;
    const part = /specified (-?\d+) \(of type number\) as an? (\w+)/.exec(attempt.invalidExplanation ?? '');
    return part ? `${part[2]} ${part[1]}` : 'a day or time';
  }
  return null;
}

/** What names no day: "February 2026 has no day 31" when the written month is known, else the part ("month 13"). */
function describeImpossible(value: string, dateFormat: string | null, part: string): string {
  const written = writtenDayMonthYear(value, dateFormat);
  if (!part.startsWith('day ') || !written || written.month < 1 || written.month > 12) return `${part} does not exist there`;
  const month = DateTime.fromObject({ year: written.year, month: written.month, day: 1 }, { zone: 'utc' }).toFormat('LLLL yyyy', { locale: 'en-US' });
  return `${month} has no day ${written.day}`;
}

function failImpossible(field: string, raw: string, part: string, options: DateOptions, isHinting: boolean): never {
  const swapped = isHinting ? swappedReading(raw, options) : null;
  fail(field, 'DATE_NOT_ON_CALENDAR', `${field} "${raw}" is not a real date or time (${describeImpossible(raw.trim(), options.dateFormat, part)}); correct the value${swapped ? ' (day and month swapped?)' : ''}`, withSwapped({ field, value: raw }, swapped));
}

/** The year, month and day as written (possibly out of range), or null for a shape without all three. */
function writtenDayMonthYear(value: string, dateFormat: string | null): { year: number; month: number; day: number } | null {
  if (dateFormat) {
    const { result } = DateTime.fromFormatExplain(value, formatZone(dateFormat).format, { locale: 'en-US' }) as { result?: Record<string, unknown> };
    const { year, month, day } = result ?? {};
    return typeof year === 'number' && typeof month === 'number' && typeof day === 'number' ? { year, month, day } : null;
  }
  const yearFirst = yearFirstDate.exec(value);
  if (yearFirst) return { year: Number(yearFirst[1]), month: Number(yearFirst[3]), day: Number(yearFirst[4]) };
  const dotted = dottedDayFirst.exec(value);
  return dotted ? { year: Number(dotted[3]) + (dotted[3].length === 2 ? 2000 : 0), month: Number(dotted[2]), day: Number(dotted[1]) } : null;
}

// 2026-02-31, 2026/02/31, 20260231, with or without a time after them
const yearFirstDate = /^(\d{4})([-/]?)(\d{2})\2(\d{2})(?!\d)/;

/**
 * The value, and the format to read it with, as if its writer had put the month where the day is
 * and the day where the month is; null when it has no numeric day and month to exchange.
 */
function withDayAndMonthSwapped(value: string, dateFormat: string | null): { value: string; dateFormat: string | null } | null {
  if (dateFormat) {
    let hasDay = false;
    let hasMonth = false;
    // quoted literals (odd-numbered parts) are text; MMM (a month's name) has no day to trade places with
    const swapped = dateFormat.split(/('[^']*')/).map((part, index) => index % 2 === 1 ? part : part.replace(/(?<!d)d{1,2}(?!d)|(?<!M)M{1,2}(?!M)/g, (token) => {
      if (token.startsWith('d')) {
        hasDay = true;
        return token.replaceAll('d', 'M');
      }
      hasMonth = true;
      return token.replaceAll('M', 'd');
    })).join('');
    return hasDay && hasMonth ? { value, dateFormat: swapped } : null;
  }
  const yearFirst = yearFirstDate.exec(value);
  if (yearFirst) {
    const [whole, year, separator, month, day] = yearFirst;
    return { value: `${year}${separator}${day}${separator}${month}${value.slice(whole.length)}`, dateFormat: null };
  }
  const dotted = /^(\d{1,2})\.(\d{1,2})\./.exec(value);
  return dotted ? { value: `${dotted[2]}.${dotted[1]}.${value.slice(dotted[0].length)}`, dateFormat: null } : null;
}

/**
 * The day (yyyy-MM-dd, in the store's zone) the value names read with day and month swapped,
 * when that is a date this import would accept (on the calendar, from 1970, not in the future):
 * only then is "day and month swapped?" a useful hint. Null otherwise.
 */
function swappedReading(raw: string, options: DateOptions): string | null {
  const swapped = withDayAndMonthSwapped(raw.trim(), options.dateFormat);
  if (!swapped || swapped.value === raw.trim() && swapped.dateFormat === options.dateFormat) return null;
  try {
    const read = readDate('swapped', swapped.value, { ...options, dateFormat: swapped.dateFormat }, false);
    return DateTime.fromJSDate(read, { zone: options.timeZone }).toISODate();
  } catch (error) {
    if (error instanceof RowProblem) return null;
    throw error;
  }
}

// the swapped reading travels as a param, so a translation can add the hint the English gives
const withSwapped = (params: { field: string; value: string }, swapped: string | null) => (swapped ? { ...params, swappedReading: swapped } : params);

/** Whether the value read with day and month swapped is a real date, if a later one than allowed. */
function isSwappedInFuture(raw: string, options: DateOptions): boolean {
  const swapped = withDayAndMonthSwapped(raw.trim(), options.dateFormat);
  if (!swapped) return false;
  try {
    readDate('swapped', swapped.value, { ...options, dateFormat: swapped.dateFormat }, false);
    return false;
  } catch (error) {
    if (error instanceof RowProblem) return error.code === 'DATE_IN_FUTURE';
    throw error;
  }
}

function failUnknownZone(field: string, raw: string, zone: string): never {
  fail(field, 'DATE_ZONE_UNKNOWN', `${field} "${raw}" names the time zone "${zone}", which is not a known IANA zone; write UTC, an offset (+07:00) or a zone such as Asia/Jakarta or America/New_York`, { field, value: raw, zone });
}

/**
 * Reads a point in time: ISO 8601 with or without offset (without = store time zone), date only
 * (midnight in the store's zone), epoch seconds or milliseconds, or the file's `--date-format`.
 */
export function parseDateTime(field: string, raw: string, options: DateOptions): Date {
  return readDate(field, raw, options, true);
}

/** `isHinting`: a refusal says what is wrong beyond the value (day and month swapped?); off when reading the swapped value itself. */
function readDate(field: string, raw: string, options: DateOptions, isHinting: boolean): Date {
  // Nearly every export writes plain ISO 8601, which Date.UTC arithmetic reads far faster than luxon.
  const millis = options.dateFormat ? null : readIsoTimestamp(raw, options.timeZone);
  // the fast path reads a day alone only as YYYY-MM-DD
  return millis === null ? readDateWithLuxon(field, raw, options, isHinting) : checkedDate(field, raw, millis, options, raw.length === 10, isHinting);
}

/**
 * `isDayOnly`: the value names a day, read as its first moment in the store's zone: it is in the
 * future when that moment is after now, i.e. when the day is after the store's today, whatever
 * the zone. A day has no clock to run ahead, so no tolerance: tomorrow is refused at 23:55 too.
 */
function checkedDate(field: string, raw: string, millis: number, options: DateOptions, isDayOnly: boolean, isHinting: boolean): Date {
  if (millis < earliest) {
    const swapped = isHinting ? swappedReading(raw, options) : null;
    fail(field, 'DATE_BEFORE_1970', `${field} "${raw}" is before 1970; check the date format (${swapped ? 'day and month swapped, or a two-digit year?' : 'a two-digit year?'})`, withSwapped({ field, value: raw }, swapped));
  }
  if (millis > options.now.getTime() + (isDayOnly ? 0 : clockSkewToleranceMs)) {
    const swapped = isHinting ? swappedReading(raw, options) : null;
    fail(field, 'DATE_IN_FUTURE', `${field} "${raw}" is in the future; ${isHinting ? futureHint(raw, options, swapped) : 'check it'}`, withSwapped({ field, value: raw }, swapped));
  }
  return new Date(millis);
}

// a swapped reading that is also in the future rules the format out: the year or the zone is wrong
function futureHint(raw: string, options: DateOptions, swapped: string | null): string {
  if (swapped) return 'check the date format (day and month swapped?) or the file\'s time zone';
  if (isSwappedInFuture(raw, options)) return 'with day and month swapped it is in the future too, so check the year (written with two digits?) and the file\'s time zone';
  return 'check the year, the date format and the file\'s time zone';
}

/** parseDateTime for every shape, through luxon: the reference the ISO fast path must agree with. */
export function parseDateTimeWithLuxon(field: string, raw: string, options: DateOptions): Date {
  return readDateWithLuxon(field, raw, options, true);
}

function readDateWithLuxon(field: string, raw: string, options: DateOptions, isHinting: boolean): Date {
  const value = raw.trim();
  let parsed: DateTime | null;
  let isZoneGiven: boolean;
  let isDayOnly: boolean;
  if (options.dateFormat) {
    const zone = formatZone(options.dateFormat);
    if (zone.unsupported) {
      fail(field, 'DATE_FORMAT_ZONE_ABBREVIATION', `--date-format ${options.dateFormat} uses ${zone.unsupported}, a zone abbreviation, which cannot be read reliably (the same letters name different zones); use z for names such as America/New_York or UTC, or ZZ for offsets such as +07:00`, { format: options.dateFormat, token: zone.unsupported });
    }
    const formatted = parseFormat(value, zone.format);
    parsed = formatted.isValid ? formatted : null;
    isZoneGiven = zone.isZoneGiven;
    isDayOnly = !zone.hasTime;
    if (!parsed) {
      const unknownZone = unknownZoneIn(value, options.dateFormat);
      if (unknownZone) failUnknownZone(field, raw, unknownZone);
      const impossible = impossiblePartIn(value, options.dateFormat);
      if (impossible) failImpossible(field, raw, impossible, options, isHinting);
      fail(field, 'DATE_FORMAT_MISMATCH', `${field} "${raw}" does not match the date format ${options.dateFormat}; fix the value or give the right date format (--date-format, or dateFormat in an API batch)`, { field, value: raw, format: options.dateFormat });
    }
  } else {
    parsed = parseWithoutFormat(value, 'utc');
    if (!parsed) {
      const unknownZone = unknownZoneIn(value, null);
      if (unknownZone) failUnknownZone(field, raw, unknownZone);
      const impossible = impossiblePartIn(value, null);
      if (impossible) failImpossible(field, raw, impossible, options, isHinting);
      fail(field, 'DATE_UNREADABLE', `${field} "${raw}" is not a date we can read; use ISO 8601 (2024-03-01 or 2024-03-01T10:15:00+07:00) or give the file's date format (--date-format, or dateFormat in an API batch), e.g. ${suggestedDateFormat(value)}`, { field, value: raw });
    }
    // Whether the text named its zone (Z, +07:00, UTC, GMT, America/New_York, [Asia/Jakarta]) is
    // whatever luxon read: text that did reads the same instant whatever zone is assumed.
    isZoneGiven = parseWithoutFormat(value, 'UTC+1')?.toMillis() === parsed.toMillis();
    isDayOnly = !writesTimeOfDay(value);
  }
  return checkedDate(field, raw, isZoneGiven ? parsed.toMillis() : wallTimeToMillis(parsed.toMillis(), options.timeZone), options, isDayOnly, isHinting);
}

/** Whether a value read without a format names a time: epoch seconds or milliseconds, or a time after T or with colons (ISO 8601, SQL). */
function writesTimeOfDay(value: string): boolean {
  return /^\d{9,10}$|^\d{12,13}$/.test(value) || /:|\d[Tt]\d/.test(value);
}

/**
 * Why a date format cannot read dates, or null when it can: checked once
 * before an import rather than rejecting every row. A format must name the
 * year, the month and the day; it is tried on a known time, written with it
 * and read back.
 */
export function dateFormatProblem(dateFormat: string): string | null {
  const zone = formatZone(dateFormat);
  if (zone.unsupported) return `the date format ${dateFormat} uses ${zone.unsupported}, a zone abbreviation, which cannot be read reliably; use z for zone names such as America/New_York or ZZ for offsets such as +07:00`;
  const token = unreadableTokenIn(zone.format);
  if (token?.isLocaleMacro) {
    return `the date format "${dateFormat}" uses ${token.text}, a locale shorthand that reads dates in US order (the month first) and is not written the same everywhere; write the parts out instead, with tokens such as ${writeOutExamples}, and put a letter meant as text in single quotes ('T')`;
  }
  if (token) {
    return `the date format "${dateFormat}" uses ${token.text}, which is not a date or time token; write the date with tokens such as ${writeOutExamples}, and put any other letters in single quotes ('T')`;
  }
  const known = DateTime.fromObject({ year: 2024, month: 3, day: 5, hour: 14, minute: 7, second: 9 }, { zone: 'utc' });
  let written: string;
  try {
    written = known.toFormat(zone.format, { locale: 'en-US' });
  } catch {
    written = '';
  }
  const read = written === '' ? null : parseFormat(written, zone.format);
  if (!read?.isValid || read.year !== 2024 || read.month !== 3 || read.day !== 5) {
    return `the date format "${dateFormat}" does not read a year, month and day back; write it with tokens such as dd/MM/yyyy, MM/dd/yyyy HH:mm or yyyyMMdd (yyyy year, MM month, dd day, HH hour, mm minute)`;
  }
  return null;
}

const writeOutExamples = 'dd/MM/yyyy, MM/dd/yyyy HH:mm or yyyyMMdd (yyyy year, MM month, dd day, HH hour, mm minute)';

/**
 * Luxon's tokens a date format may use, by letter, with the lengths Luxon reads: the parts of a
 * date and a time (era, year, week year, week, quarter, month, day, day of the year, weekday, AM/PM,
 * hours, minutes, seconds, fractions), zones (z, Z; abbreviations are refused by formatZone) and
 * epoch times (X, x). Any other unquoted letter is not a token: Luxon would take it for text to
 * match, or, for D, f, F, t and T, for a locale shorthand that it writes and reads in US order.
 */
const formatTokenLengths: Record<string, readonly number[]> = {
  G: [1, 2], y: [1, 2, 4, 5, 6], k: [2, 4], W: [1, 2], q: [1, 2], M: [1, 2, 3, 4], L: [1, 2, 3, 4], d: [1, 2], o: [1, 3],
  E: [1, 3, 4], c: [1, 3, 4], a: [1], h: [1, 2], H: [1, 2], m: [1, 2], s: [1, 2], S: [1, 3], u: [1, 2, 3],
  z: [1], Z: [1, 2, 3], X: [1], x: [1],
};
const localeMacroLetters = /^[DfFtT]$/;

/** The first unquoted run of one letter (Luxon reads a format so: yyyy, MM, dd) that is no token a date format may use, or null. */
function unreadableTokenIn(format: string): { text: string; isLocaleMacro: boolean } | null {
  // odd-numbered parts are quoted literals ('T'), where letters are text
  const parts = format.split(/('[^']*')/);
  for (let index = 0; index < parts.length; index += 2) {
    for (const [text, letter] of parts[index]!.matchAll(/([A-Za-z])\1*/g)) {
      if (formatTokenLengths[letter!]?.includes(text.length)) continue;
      return { text, isLocaleMacro: localeMacroLetters.test(letter!) };
    }
  }
  return null;
}

/**
 * A format's token for a day, month or hour: `dd` when every value writes the part with two
 * digits (08), else `d`, which luxon reads as one or two (3 and 03), while `dd` refuses 3.
 */
export const dateToken = (letter: string, parts: readonly string[]) => (parts.every((part) => part.length === 2) ? letter.repeat(2) : letter);

// day and month (either order) with /, . or -, a year, and an optional time after a space or a T
const dayMonthYear = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:([ T])(\d{1,2}):(\d{2})(:\d{2})?)?$/;

type DayMonthYear = { first: string; second: string; separator: string; year: string; beforeTime: string | undefined; hour: string | undefined; seconds: string | undefined; writing: string };

function dayMonthYearOf(value: string): DayMonthYear | null {
  const shape = dayMonthYear.exec(value.trim());
  if (!shape) return null;
  const [, first, separator, second, year, beforeTime, hour, , seconds] = shape;
  return { first, second, separator, year, beforeTime, hour, seconds, writing: `${separator}${year.length}${beforeTime ?? ''}${seconds === undefined ? '' : 's'}` };
}

/**
 * The date formats that may read an unreadable value, written with the separator the value uses
 * ("03/12/2025": dd/MM/yyyy), with the time the value carries: day first unless only month first
 * can be true, and month first as well when either can be ("03/12/2025", not "25/12/2025"). A
 * part is written with one digit (d, M, H) when the value, or a value in `alike` written the same
 * way, writes it with one (3/4/2026 9:05: d/M/yyyy H:mm), as the CLI's guess (date-format-guess.ts):
 * dd/MM/yyyy refuses 3/4/2026. Empty for a shape no format of day, month and year reads.
 */
export function dateFormatsFor(value: string, alike: readonly string[] = []): string[] {
  const shape = dayMonthYearOf(value);
  if (!shape) return [];
  const shapes = [shape, ...alike.map(dayMonthYearOf).filter((other): other is DayMonthYear => other?.writing === shape.writing)];
  const { first, second, separator, year, beforeTime, hour, seconds } = shape;
  const firsts = shapes.map((each) => each.first);
  const secondParts = shapes.map((each) => each.second);
  // luxon reads a letter in a format as a token unless quoted
  const time = hour === undefined ? '' : `${beforeTime === 'T' ? "'T'" : ' '}${dateToken('H', shapes.map((each) => each.hour!))}:mm${seconds === undefined ? '' : ':ss'}`;
  const written = (order: string[]) => `${[...order, year.length === 2 ? 'yy' : 'yyyy'].join(separator)}${time}`;
  const dayFirst = written([dateToken('d', firsts), dateToken('M', secondParts)]);
  const monthFirst = written([dateToken('M', firsts), dateToken('d', secondParts)]);
  if (Number(first) <= 12 && Number(second) > 12) return [monthFirst];
  // no one writes the month first with dots (see dottedDayFirst); 3/03/2026 is the same day either way
  const isEither = separator !== '.' && Number(first) <= 12 && Number(second) <= 12 && Number(first) !== Number(second);
  return isEither ? [dayFirst, monthFirst] : [dayFirst];
}

/** dateFormatsFor as the reject's hint says it. The CLI and the API share the reject, so its hint names both of their options. */
export function suggestedDateFormat(value: string): string {
  const [dayFirst, monthFirst] = dateFormatsFor(value);
  if (dayFirst === undefined) return 'dd-MM-yyyy or MM/dd/yyyy HH:mm';
  return monthFirst === undefined ? dayFirst : `${dayFirst} (or ${monthFirst} if the month comes first)`;
}
