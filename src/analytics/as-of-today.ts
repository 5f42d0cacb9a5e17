import { calendarDayIn } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { storeNowOf, type StoreSettings } from '../settings/index.js';

/**
 * Refuses an as-of day after the store's today: the days after it have not
 * happened, so an analysis would store types and alerts for days no one has
 * lived (everyone overdue) and shadow the runs dated by real days, and a report
 * would show months to come as 0% retention and judge cohorts that have had no
 * time yet. `now` is the caller's bound: the clock's now on a live store; in a
 * data set's store analyses, reports (requireObservedReportDay) and the models
 * pass the data set's end (storeNowOf) and name it in `bound` ("the data set's
 * end"), since purchases they have not seen would read as silence.
 * `remedy` says what to do, in the caller's words ("Analyse as of today…");
 * `subject` names the day when it is not an as-of ("The range's last day").
 */
export function requireAsOfNotInFuture(asOfDay: string, now: Date, timeZone: string, options: { remedy: string; field?: string; subject?: string; bound?: string }): void {
  const today = calendarDayIn(now, timeZone);
  if (asOfDay > today) {
    const bound = options.bound === undefined ? `today (${today} in the store's time zone)` : `${options.bound} (${today})`;
    throw new AppError('ANALYTICS_AS_OF_IN_FUTURE', `${options.subject ?? 'The as-of day'} ${asOfDay} is after ${bound}. ${options.remedy}`, { field: options.field ?? 'asOf' });
  }
}

export const reportRemedy = 'Report as of today or an earlier day: the days after today have not happened yet.';

/**
 * Refuses a report's as-of day the store has not observed, as analyze refuses it: after today,
 * and in a data set's store after the data set's end (while that end is before now). No purchase
 * after that end is known, so the months past it would read as 0% retention and the funnel's
 * customers as having stopped (CDNOW as of 1998-09-30: months 18 to 20 empty).
 */
export function requireObservedReportDay(asOfDay: string, settings: Pick<StoreSettings, 'dataAsOf' | 'timeZone'>, now: Date): void {
  const dataSetEnd = storeNowOf(settings, now);
  const isBoundByDataSet = dataSetEnd < now;
  requireAsOfNotInFuture(asOfDay, isBoundByDataSet ? dataSetEnd : now, settings.timeZone, isBoundByDataSet
    ? { bound: "the data set's end", remedy: 'No purchase after it is known: report as of that day or an earlier one.' }
    : { remedy: reportRemedy });
}
