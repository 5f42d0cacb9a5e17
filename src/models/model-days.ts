import { requireAsOfNotInFuture } from '../analytics/index.js';
import { addDays, daysBetween } from '../core/clock.js';
import { storeNowOf, type StoreSettings } from '../settings/index.js';
import { modelError } from './models.errors.js';
import type { CustomerSummaries } from './summaries.js';

/** The request fields that name a day the models are fitted or judged at. */
export type ModelDayField = 'calibrationEnd' | 'holdoutEnd' | 'asOf';

const subjects: Record<ModelDayField, string> = { calibrationEnd: 'The calibration end', holdoutEnd: 'The holdout end', asOf: 'The as-of day' };

/**
 * A holdout shorter than a week judges the models by noise: most buyers buy less often than
 * weekly, so nearly every customer's actual count is 0, and the tracking curve (weekly) has
 * no period after the calibration to compare.
 */
export const minimumHoldoutDays = 7;

/**
 * Refuses a day the store has not observed: after its today, and in a data set's store after the
 * data set's end (storeNowOf), though the clock has long passed it. No purchase after that end is
 * known, so the days past it would count as every customer's silence: fitted or predicted as of
 * such a day, everyone reads as dropped out (P(alive) near 0, all lapsed). `remedy` says what to
 * do in the store's own case ("…on that day or earlier").
 */
export function requireObservedDay(settings: Pick<StoreSettings, 'dataAsOf' | 'timeZone'>, now: Date, day: string, field: ModelDayField, remedy: { live: string; dataSet: string }): void {
  requireAsOfNotInFuture(day, storeNowOf(settings, now), settings.timeZone, settings.dataAsOf
    ? { field, subject: subjects[field], bound: "the data set's end", remedy: `No purchase after it is known: ${remedy.dataSet}` }
    : { field, subject: subjects[field], remedy: remedy.live });
}

/**
 * Refuses a validation period the store has not observed in full. The holdout compares
 * predictions with purchases that happened: its days must be observed (requireObservedDay).
 */
export function requireValidationPeriod(settings: Pick<StoreSettings, 'dataAsOf' | 'timeZone'>, now: Date, period: { calibrationEnd: string; holdoutEnd: string }): void {
  const { calibrationEnd, holdoutEnd } = period;
  if (holdoutEnd <= calibrationEnd) {
    throw modelError('MODEL_INVALID_PERIOD', `The holdout end ${holdoutEnd} is not after the calibration end ${calibrationEnd}: the holdout is the period after the calibration whose purchases the predictions are compared with. End the holdout after ${calibrationEnd}.`, { field: 'holdoutEnd' });
  }
  requireObservedDay(settings, now, calibrationEnd, 'calibrationEnd', {
    live: 'The holdout after it must have happened too: end the calibration, and its holdout, on that day or earlier.',
    dataSet: 'end the calibration, and its holdout, on that day or earlier.',
  });
  requireObservedDay(settings, now, holdoutEnd, 'holdoutEnd', {
    live: 'The holdout compares the predictions with purchases that happened: end it on that day or earlier.',
    dataSet: 'end it on that day or earlier.',
  });
  const days = daysBetween(calibrationEnd, holdoutEnd);
  if (days < minimumHoldoutDays) {
    throw modelError('MODEL_INVALID_PERIOD',
      `The holdout from ${addDays(calibrationEnd, 1)} to ${holdoutEnd} is ${days} day${days === 1 ? '' : 's'}, too short to judge the predictions by: at least ${minimumHoldoutDays} are needed. `
      + `End the holdout on ${addDays(calibrationEnd, minimumHoldoutDays)} or later, or the calibration on ${addDays(holdoutEnd, -minimumHoldoutDays)} or earlier.`,
      { field: 'holdoutEnd', minimumDays: minimumHoldoutDays });
  }
}

/**
 * Refuses summaries the models cannot learn from: no customer by the day, or only customers who
 * first bought on it. Watched for no time, every customer's likelihood is 1 whatever the
 * parameters, and the search stops at once on arbitrary ones it calls converged.
 */
export function requireCustomersToLearnFrom(summaries: CustomerSummaries, day: string, field: Exclude<ModelDayField, 'holdoutEnd'>, firstPurchaseDay: string | null): void {
  const later = field === 'asOf' ? 'Predict as of a later day.' : 'End the calibration on a later day.';
  if (summaries.count === 0) {
    throw modelError('MODEL_NO_PURCHASES', firstPurchaseDay === null
      ? `No purchases on or before ${day}: the store has no purchases yet. Import orders first.`
      : `No purchases on or before ${day} (${subjects[field].toLowerCase()}): the store's first purchase day is ${firstPurchaseDay}. ${later}`,
    { field, firstPurchaseDay });
  }
  if (summaries.age.every((age) => age === 0)) {
    throw modelError('MODEL_INVALID_PERIOD', `${subjects[field]} ${day} is the store's first purchase day: every customer first bought that day, so the models have no time to learn how often anyone buys or stops. ${later}`,
      { field, firstPurchaseDay: day });
  }
}

/** Refuses a holdout in which no calibration customer bought: there is nothing to judge the predictions by (their correlation with it is 0/0). */
export function requireHoldoutPurchases(actual: Float64Array, period: { calibrationEnd: string; holdoutEnd: string }): void {
  if (actual.some((count) => count > 0)) return;
  throw modelError('MODEL_NO_PURCHASES',
    `None of the calibration's ${actual.length.toLocaleString('en')} customers bought from ${addDays(period.calibrationEnd, 1)} to ${period.holdoutEnd}: the holdout has nothing to judge the predictions by. End the holdout later or the calibration earlier.`,
    { field: 'holdoutEnd' });
}
