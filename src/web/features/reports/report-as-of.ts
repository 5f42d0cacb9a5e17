import { exactCalendarDayOf } from '../../../core/calendar-day.js';
import { addDays } from '../../../core/clock.js';

/**
 * Every report stands on one day (docs/customer-types.md, "The day the reports stand on"): the latest
 * analysis's, which the types report gives. The lifecycle funnel and the cohorts default to it on the
 * server; the revenue trend and the key figures are asked for it here, so a look back with
 * `analyze --as-of` moves them too.
 */

/** The revenue trend up to the analysis's day (`to` is exclusive); the server's default range before any analysis. */
export function trendQuery(granularity: string, analysisDay: string | null | undefined): Record<string, string> {
  return analysisDay ? { granularity, to: addDays(analysisDay, 1) } : { granularity };
}

/** The key figures' period ending with the analysis's day; the server's default (today, or a data set's end) before any analysis. */
export function summaryQuery(query: Record<string, string>, analysisDay: string | null | undefined): Record<string, string> {
  return analysisDay ? { ...query, asOf: analysisDay } : query;
}

/**
 * The data set's last day when a report stands on it, else null: the month it falls in is cut by the
 * data's end, not "not over" (its days are over, the data simply ends), and says so.
 */
export function dataEndDayOf(reportDay: string, settings: { dataAsOf: string | null; timeZone: string } | null): string | null {
  if (!settings?.dataAsOf) return null;
  const dataEnd = exactCalendarDayOf(new Date(settings.dataAsOf), settings.timeZone);
  return dataEnd === reportDay ? dataEnd : null;
}

/** The revenue trend's last day: `to` is exclusive. */
export function trendLastDay(trend: { to: string }): string {
  return addDays(trend.to, -1);
}

/** The store day a report of the analysis (types, RFM) stands on, when the server gives it. */
export function analysedDayOf(report: { asOf: string | null; asOfDay?: string | null }): string | null {
  return report.asOfDay ?? null;
}
