import { exactCalendarDayOf } from '../../../core/calendar-day.js';

/**
 * The two periods a drift comparison reads, as calendar days in the date
 * inputs (`to` exclusive, as the API takes them). By default the last 90 days
 * against the 90 days before them.
 */
export type DayRange = { from: string; to: string };
export type DriftPeriods = { before: DayRange; after: DayRange };

const dayMs = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The day the default periods end on, in the store's calendar: a data set's last day, else today in the
 * store's zone. The UTC date of now is yesterday in Jakarta until 07:00 and tomorrow in New York after 20:00.
 */
export function driftToday(settings: { dataAsOf: string | null; timeZone: string } | null, now: Date): string {
  const zone = settings?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return exactCalendarDayOf(settings?.dataAsOf ? new Date(settings.dataAsOf) : now, zone);
}

/** `today` is a calendar day ("2026-11-30"); the later period ends after it, so today's purchases count. */
export function defaultDriftPeriods(today: string, days = 90): DriftPeriods {
  const end = Date.parse(`${today}T00:00:00Z`) + dayMs;
  return {
    before: { from: isoDay(end - 2 * days * dayMs), to: isoDay(end - days * dayMs) },
    after: { from: isoDay(end - days * dayMs), to: isoDay(end) },
  };
}

/** "2026-02-28" yes, "2026-02-30" and "2026-13-45" no: the day must exist, not only look like one. */
function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && isoDay(Date.parse(`${text}T00:00:00Z`)) === text;
}

/** Which period (if any) is not two real days, the first before the second: the form says so before asking the server. */
export function invalidPeriod(periods: DriftPeriods): 'before' | 'after' | null {
  const isValid = (range: DayRange) => isCalendarDay(range.from) && isCalendarDay(range.to) && range.from < range.to;
  if (!isValid(periods.before)) return 'before';
  if (!isValid(periods.after)) return 'after';
  return null;
}

/** The label a drift attribute from the API has in the messages (`drift.attributes.*`); null for one the app does not know yet. */
export function attributeKey(attribute: string): string | null {
  const keys: Record<string, string> = {
    age: 'age', 'spend (log)': 'spendLog', 'orders per customer': 'ordersPerCustomer', 'age band': 'ageBand', 'income band': 'incomeBand',
    city: 'city', kind: 'kind', channel: 'channel', category: 'category',
  };
  return keys[attribute] ?? null;
}
