import type { Alert } from '../../api/analytics-types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { translatedOr } from '../../i18n/translated-or.js';
import { alertScopeText } from '../reports/alert-scope.js';
import { signedPercent } from './key-figure-groups.js';

export type AlertFigures = Pick<Alert, 'kind' | 'metric' | 'scope' | 'customerId' | 'customerName' | 'windowStart' | 'windowEnd' | 'expected' | 'actual' | 'changePct'>;

/**
 * One alert in the reader's language, made from its figures (the server's
 * English summary is not shown). A change leads with its scope — "Pastries
 * category revenue, …", "Store-wide revenue, …" — so a category's drop is not
 * read as the business collapsing. The change is signed as the key figures
 * sign theirs ("−51.2%", a minus sign), so the two never disagree in form.
 */
export function alertText(alert: AlertFigures, t: I18n['t'], format: I18n['format']): string {
  if (alert.kind === 'customer_overdue' && alert.customerId !== null) {
    return alert.customerName ? t('alerts.overdueNamed', { name: alert.customerName, id: alert.customerId }) : t('alerts.overdue', { id: alert.customerId });
  }
  const value = (amount: number) => (alert.metric === 'revenue' ? format.money(Math.round(amount)) : format.number(amount));
  const period = alert.windowStart === alert.windowEnd ? format.date(alert.windowEnd) : `${format.date(alert.windowStart)} – ${format.date(alert.windowEnd)}`;
  const text = t('alerts.scopedDrop', {
    scope: alertScopeText(alert.scope, t), metric: translatedOr(t, 'alerts.metricsInSentence', alert.metric), period,
    actual: value(alert.actual), expected: value(alert.expected), change: signedPercent(alert.changePct / 100, format),
  });
  // English puts a category's own name first ("pastries category revenue"); the sentence still starts with a capital
  return text.charAt(0).toUpperCase() + text.slice(1);
}
