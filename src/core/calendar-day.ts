/**
 * Calendar days of instants in a time zone, fast enough for millions of rows.
 * Every UTC offset in use is a multiple of 15 minutes, so all instants in the
 * same quarter hour share a calendar day: one Intl call per quarter hour seen.
 */
const quarterHourMs = 900_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const caches = new Map<string, Map<number, string>>();
const maxCachedQuarterHours = 200_000;

export function calendarDayOf(instant: Date, timeZone: string): string {
  let cache = caches.get(timeZone);
  if (!cache) {
    cache = new Map();
    caches.set(timeZone, cache);
  }
  const bucket = Math.floor(instant.getTime() / quarterHourMs);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const day = exactCalendarDayOf(new Date(bucket * quarterHourMs), timeZone);
  if (cache.size >= maxCachedQuarterHours) cache.clear();
  cache.set(bucket, day);
  return day;
}

/**
 * The calendar day of one instant, exactly, whatever the zone's offset then
 * (before 1972 some were not whole quarter hours): one Intl call, through a
 * formatter made once per zone.
 */
export function exactCalendarDayOf(instant: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats dates as YYYY-MM-DD
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/**
 * "2026-11-30 10:12": an instant on the clock of a time zone, to the minute, in the form people
 * and spreadsheets both read as a date and time (the CLI's tables, the spreadsheet export).
 */
export function wallClockMinuteOf(instant: Date, timeZone: string): string {
  let formatter = wallClocks.get(timeZone);
  if (!formatter) {
    // sv-SE writes 2026-11-30 10:12; h23, not hour12: false, which some engines answer with "24" for midnight
    formatter = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    wallClocks.set(timeZone, formatter);
  }
  return formatter.format(instant);
}
