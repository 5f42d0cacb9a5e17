import type { Alert } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { alertScopeText } from '../reports/alert-scope.js';

/** One alert in the user's language, from its figures; the server's English summary is not shown. */
export function useAlertText(): (alert: Alert) => string {
  const { t, format } = useI18n();
  const value = (alert: Alert, amount: number) => (alert.metric === 'revenue' ? format.money(Math.round(amount)) : format.number(amount));
  return (alert) => {
    const scope = alertScopeText(alert.scope, t);
    const text = t('alerts.drop', {
      metric: t(`alerts.metrics.${alert.metric}`), from: format.date(alert.windowStart), to: format.date(alert.windowEnd),
      actual: value(alert, alert.actual), expected: value(alert, alert.expected), change: format.percent(alert.changePct / 100, 0),
    });
    return scope ? `${text} · ${scope}` : text;
  };
}

export function AlertList({ alerts }: { alerts: Alert[] }) {
  const { t } = useI18n();
  const alertText = useAlertText();
  return (
    <ul className="alert-list">
      {alerts.map((alert) => (
        <li key={alert.alertId} className="alert-item">
          {alert.kind === 'customer_overdue' && alert.customerId !== null ? (
            <Link to={`/customers/${alert.customerId}`}>{t('alerts.overdue', { id: alert.customerId })}</Link>
          ) : (
            <span>{alertText(alert)}</span>
          )}
        </li>
      ))}
    </ul>
  );
}
