import { dropCauseOf, explainingEntriesOf } from '../../../analytics/alerts/drop-cause.js';
import type { Alert } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';
import { alertScopeText } from '../reports/alert-scope.js';
import { signedPercent } from './key-figure-groups.js';

export type AlertFigures = Pick<Alert, 'kind' | 'metric' | 'scope' | 'customerId' | 'customerName' | 'windowStart' | 'windowEnd' | 'expected' | 'actual' | 'changePct'>
  & Partial<Pick<Alert, 'explanation'>>;

/**
 * One alert in the reader's language, made from its figures (the server's
 * English summary is not shown). A change leads with its scope — "Pastries
 * category revenue, …", "Store-wide revenue, …" — so a category's drop is not
 * read as the business collapsing. The change is signed as the key figures
 * sign theirs ("−51.2%", a minus sign), so the two never disagree in form.
 * A store-wide drop then names the segment that explains most of it, as the
 * CLI's sentence does (drop-cause.ts decides what the figures allow saying).
 */
export function alertText(alert: AlertFigures, t: I18n['t'], format: I18n['format']): string {
  if (alert.kind === 'customer_overdue' && alert.customerId !== null) {
    return alert.customerName ? t('alerts.overdueNamed', { name: alert.customerName, id: alert.customerId }) : t('alerts.overdue', { id: alert.customerId });
  }
  const value = (amount: number) => (alert.metric === 'revenue' ? format.money(Math.round(amount)) : format.number(amount));
  // Latvian puts the period in the case the sentence asks: "15. maijā", "no 1. maija līdz 7. maijam"
  const period = alert.windowStart === alert.windowEnd
    ? t('alerts.period.day', { date: format.date(alert.windowEnd) })
    : t('alerts.period.range', { from: format.date(alert.windowStart), to: format.date(alert.windowEnd) });
  const text = t('alerts.scopedDrop', {
    scope: alertScopeText(alert.scope, t), metric: translatedOr(t, 'alerts.metricsInSentence', alert.metric), period,
    actual: value(alert.actual), expected: value(alert.expected), change: signedPercent(alert.changePct / 100, format),
  });
  const cause = alert.scope === 'all' ? causeText(alert, t, format, value) : null;
  const sentence = cause ? t('alerts.cause.joined', { alert: text, cause }) : text;
  // English puts a category's own name first ("pastries category revenue"); the sentence still starts with a capital
  return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/** "mostly the Web channel (83% of the shortfall)", in the reader's language; null when no listed segment explains the drop. */
function causeText(alert: AlertFigures, t: I18n['t'], format: I18n['format'], value: (amount: number) => string): string | null {
  const cause = dropCauseOf(explainingEntriesOf(alert.explanation));
  if (!cause) return null;
  const segment = causeSegmentText(cause.dimension, cause.segment, t);
  const share = format.percent(cause.share, 0);
  if (cause.share <= 1) return t(cause.share >= 0.5 ? 'alerts.cause.mostly' : 'alerts.cause.mostOfAll', { segment, share });
  const fell = cause.shortfall === null ? t('alerts.cause.beyondShare', { segment, share }) : t('alerts.cause.beyond', { segment, share, amount: value(cause.shortfall) });
  return cause.othersRose ? t('alerts.cause.othersAbove', { cause: fell }) : fell;
}

function causeSegmentText(dimension: string, segment: string, t: I18n['t']): string {
  if (dimension === 'type') return t('alerts.causeSegments.type', { segment: translatedOr(t, 'customerTypes', segment) });
  if (dimension === 'channel') return t('alerts.causeSegments.channel', { segment: translatedOr(t, 'channels', segment) });
  if (dimension === 'category' || dimension === 'city') return t(`alerts.causeSegments.${dimension}`, { segment });
  return t('alerts.causeSegments.other', { dimension, segment });
}
