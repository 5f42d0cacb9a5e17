import { calendarDayIn } from '../core/clock.js';
import { AppError } from '../core/errors.js';

/**
 * Refuses an as-of day after the store's today: the days after it have not
 * happened, so an analysis would store types and alerts for days no one has
 * lived (everyone overdue) and shadow the runs dated by real days, and a report
 * would show months to come as 0% retention and judge cohorts that have had no
 * time yet. `now` is the caller's bound: for analyses and reports the clock's
 * now, for a data set's store too (its end is only the day it is reported as of
 * when none is asked for, and a later day that has passed is allowed); the
 * models pass a data set's end (storeNowOf) and name it in `bound` ("the data
 * set's end"), since purchases they have not seen would read as silence.
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
