import type { TimelineEntry } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { chanceText } from './chance-text.js';
import { channelInSentence } from './event-channels.js';
import { isValueNothingExpected } from './prediction-figures.js';
import { identityRemovalText, profileChangeText } from './profile-change-text.js';
import { customerCreationText, identityAdditionText } from './timeline-audit-text.js';

/**
 * When an entry happened, as shown. A type change is dated by its analysis and a
 * prediction by the day it describes, both the exclusive end of their store day
 * (midnight after it): shown as that instant it would read as the next day, 00:00,
 * so it names the day a millisecond earlier, as the type card does. An order known
 * only by its date (the server's isDateOnly: midnight in the store's zone, as a date
 * without a time is stored) shows the date alone, not an invented 00:00. Other
 * entries keep their time of day.
 */
export function timelineEntryTime(entry: TimelineEntry, format: Pick<I18n['format'], 'date' | 'dateTime'>): string {
  if (entry.kind === 'type_change' || entry.kind === 'prediction') return analysisDay(entry.at, format);
  return entry.kind === 'order' && entry.detail.isDateOnly === true ? format.date(entry.at) : format.dateTime(entry.at);
}

/** The store day an analysis instant (the exclusive end of that day) belongs to. */
export function analysisDay(iso: string, format: Pick<I18n['format'], 'date'>): string {
  return format.date(new Date(Date.parse(iso) - 1));
}

/**
 * The server's `title` is English; the entry is rebuilt from its detail in the user's language.
 * `readerUserId`, the signed-in user's, words their own edits as made by them.
 */
export function timelineEntryText(entry: TimelineEntry, { t, format }: Pick<I18n, 't' | 'format'>, readerUserId?: number | null): string {
  const detail = entry.detail;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (entry.kind) {
    case 'order':
      if (detail.asRecipient === true) return t('timeline.giftReceived', { order: text(detail.externalId) });
    {
      const refundedMinor = Number(detail.refundedMinor ?? 0);
      const values = {
        status: t(`orderStatuses.${text(detail.status)}`), order: text(detail.externalId), amount: format.money(Number(detail.amountMinor ?? 0)),
        channel: channelInSentence(t, text(detail.channel)),
      };
      // what a refund took back: the amount alone reads as what was kept or as what was paid
      return refundedMinor > 0 ? t('timeline.orderRefunded', { ...values, refunded: format.money(refundedMinor) }) : t('timeline.order', values);
    }
    case 'interest':
      return t('timeline.interest', { kind: t(`interestKinds.${text(detail.kind)}`), channel: channelInSentence(t, text(detail.channel)) });
    case 'merge':
      return t(detail.undoneAt ? 'timeline.mergeUndone' : 'timeline.merge', { kept: String(detail.keptCustomerId), merged: String(detail.mergedCustomerId) });
    case 'type_change':
      // a type taken or lost (detail.change); entries from before the server said which were all taken.
      // One held when the type history began was not taken that day: what came before is not known
      if (detail.change !== 'left' && detail.sinceHistoryStart === true) return t('timeline.typeAtHistoryStart', { type: t(`customerTypes.${text(detail.type)}`) });
      return t(detail.change === 'left' ? 'timeline.typeLeft' : 'timeline.typeChange', { type: t(`customerTypes.${text(detail.type)}`) });
    case 'prediction':
      return predictionText(entry, { t, format });
    case 'profile_change':
      return profileChangeText(entry, t, readerUserId, format);
    case 'identity_removal':
      return identityRemovalText(entry, t, readerUserId);
    case 'identity_addition':
      return identityAdditionText(entry, t, readerUserId);
    case 'customer_creation':
      return customerCreationText(entry, t, readerUserId);
    default:
      return entry.title;
  }
}

/**
 * A prediction's figures as the prediction card reads them (a chance never "0%", a value worth
 * almost no purchase as none expected, a one-time buyer's chance not estimated), and, when the
 * model was fitted on a later day than the one it describes (a data set's store, predicted today
 * from data up to 1998), when it was fitted.
 */
function predictionText(entry: TimelineEntry, { t, format }: Pick<I18n, 't' | 'format'>): string {
  const detail = entry.detail;
  const number = (value: unknown) => (typeof value === 'number' ? value : null);
  const pAlive = number(detail.pAlive);
  const clvMinor = number(detail.clvMinor);
  const clv = clvMinor === null ? null : format.money(Math.round(clvMinor));
  const isNothing = clvMinor !== null && isValueNothingExpected({ clvMinor, expectedSpendMinor: number(detail.expectedSpendMinor) });
  const text = pAlive !== null && isNothing ? t('timeline.predictionNothingExpected', { pAlive: chanceText(pAlive, format) })
    : pAlive !== null && clv !== null ? t('timeline.prediction', { pAlive: chanceText(pAlive, format), clv })
      : pAlive === null && clv !== null && !isNothing ? t('timeline.predictionOneTime', { clv })
        : t('timeline.predictionUpdated');
  const predictedAt = typeof detail.predictedAt === 'string' ? detail.predictedAt : null;
  const fittedOn = predictedAt ? format.date(predictedAt) : null;
  return fittedOn && fittedOn !== analysisDay(entry.at, format) ? t('timeline.predictionFittedLater', { prediction: text, date: fittedOn }) : text;
}
