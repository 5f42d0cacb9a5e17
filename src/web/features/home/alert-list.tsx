import type { Alert } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';

/** Written from the alert's figures in the user's language; the server's English summary is only a fallback title. */
export function AlertList({ alerts }: { alerts: Alert[] }) {
  const { t, format } = useI18n();
  const value = (alert: Alert, amount: number) => (alert.metric === 'revenue' ? format.money(Math.round(amount)) : format.number(amount));
  return (
    <ul className="alert-list">
      {alerts.map((alert) => (
        <li key={alert.alertId} className="alert-item">
          {alert.kind === 'customer_overdue' && alert.customerId !== null ? (
            <Link to={`/customers/${alert.customerId}`}>{t('alerts.overdue', { id: alert.customerId })}</Link>
          ) : (
            <span>
              {t('alerts.drop', {
                metric: t(`alerts.metrics.${alert.metric}`), from: format.date(alert.windowStart), to: format.date(alert.windowEnd),
                actual: value(alert, alert.actual), expected: value(alert, alert.expected), change: format.percent(alert.changePct / 100, 0),
              })}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
