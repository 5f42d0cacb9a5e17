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
