import { addDays } from '../../../core/clock.js';
import { isCalendarDay } from '../home/period-text.js';
import type { MigrationDays } from './report-settings.js';

/**
 * The type-migration query: the last `days` days up to the day of the last analysis
 * (the types report's `asOfDay`), not "now": an analysis is dated the end of its
 * store day, which can be later than the server clock. The day is the server's, in
 * the store's calendar; the UTC date of `asOf` (the instant that day ends) is the
 * next day west of Greenwich: New York's 30 June ends at 04:00 UTC on 1 July.
 */
export function migrationQuery(asOfDay: string | null | undefined, days: MigrationDays): { from: string; to: string } | null {
  if (!asOfDay || !isCalendarDay(asOfDay)) return null;
  return { from: addDays(asOfDay, -days), to: asOfDay };
}
