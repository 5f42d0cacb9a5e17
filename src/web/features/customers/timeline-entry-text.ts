import type { TimelineEntry } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';

/**
 * When an entry happened, as shown. A type change is dated by its analysis, and
 * analyses are dated the exclusive end of their store day (midnight after it):
 * shown as that instant it would read as the next day, 00:00, so it names the day
 * a millisecond earlier, the analysis day, as the type card does. Other entries
 * keep their time of day.
 */
export function timelineEntryTime(entry: TimelineEntry, format: Pick<I18n['format'], 'date' | 'dateTime'>): string {
  return entry.kind === 'type_change' ? analysisDay(entry.at, format) : format.dateTime(entry.at);
}

/** The store day an analysis instant (the exclusive end of that day) belongs to. */
export function analysisDay(iso: string, format: Pick<I18n['format'], 'date'>): string {
  return format.date(new Date(Date.parse(iso) - 1));
}

/** The server's `title` is English; the entry is rebuilt from its detail in the user's language. */
export function timelineEntryText(entry: TimelineEntry, { t, format }: Pick<I18n, 't' | 'format'>): string {
  const detail = entry.detail;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  switch (entry.kind) {
    case 'order':
      if (detail.asRecipient === true) return t('timeline.giftReceived', { order: text(detail.externalId) });
      return t('timeline.order', {
        status: t(`orderStatuses.${text(detail.status)}`), order: text(detail.externalId), amount: format.money(Number(detail.amountMinor ?? 0)),
        channel: t(`channels.${text(detail.channel)}`),
      });
    case 'interest':
      return t('timeline.interest', { kind: t(`interestKinds.${text(detail.kind)}`), channel: translatedOr(t, 'channels', text(detail.channel)) });
    case 'merge':
      return t(detail.undoneAt ? 'timeline.mergeUndone' : 'timeline.merge', { kept: String(detail.keptCustomerId), merged: String(detail.mergedCustomerId) });
    case 'type_change':
      // a type taken or lost (detail.change); entries from before the server said which were all taken
      return t(detail.change === 'left' ? 'timeline.typeLeft' : 'timeline.typeChange', { type: t(`customerTypes.${text(detail.type)}`) });
    case 'prediction':
      return typeof detail.pAlive === 'number' && typeof detail.clvMinor === 'number'
        ? t('timeline.prediction', { pAlive: format.percent(detail.pAlive, 0), clv: format.money(Math.round(detail.clvMinor)) })
        : t('timeline.predictionUpdated');
    default:
      return entry.title;
  }
}
