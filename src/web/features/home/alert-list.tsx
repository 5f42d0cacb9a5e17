import { useState } from 'react';
import type { Alert } from '../../api/analytics-types.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import { api } from '../../api/client.js';
import { fillPath } from '../../api/endpoints.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useSession } from '../auth/session-context.js';
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

const acknowledgePaths = ['/api/alerts/{alertId}/acknowledge'] as const;

/** Open alerts; who may (analytics:write) acknowledges one here, and it leaves the list at once. */
export function AlertList({ alerts, onAcknowledged }: { alerts: Alert[]; onAcknowledged?: () => void }) {
  const { t } = useI18n();
  const { can } = useSession();
  const catalog = useApiCatalog();
  const alertText = useAlertText();
  const acknowledgePath = can('analytics:write') ? catalog.firstOf('POST', acknowledgePaths) : null;
  const [acknowledged, setAcknowledged] = useState<ReadonlySet<number>>(new Set());
  const [pending, setPending] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);

  const acknowledge = async (alertId: number) => {
    if (!acknowledgePath) return;
    setPending(alertId);
    setError(null);
    try {
      await api.post(fillPath(acknowledgePath, { alertId }));
      setAcknowledged((current) => new Set([...current, alertId]));
      onAcknowledged?.();
    } catch (caught) {
      setError(caught as Error);
    } finally {
      setPending(null);
    }
  };

  const shown = alerts.filter((alert) => !acknowledged.has(alert.alertId));
  return (
    <>
      {shown.length === 0 ? <p className="muted">{t('home.noAlerts')}</p> : null}
      <ul className="alert-list">
        {shown.map((alert) => {
          const text = alert.kind === 'customer_overdue' && alert.customerId !== null
            ? (alert.customerName ? t('alerts.overdueNamed', { name: alert.customerName, id: alert.customerId }) : t('alerts.overdue', { id: alert.customerId }))
            : alertText(alert);
          return (
            <li key={alert.alertId} className="alert-item">
              {alert.kind === 'customer_overdue' && alert.customerId !== null ? <Link to={`/customers/${alert.customerId}`}>{text}</Link> : <span>{text}</span>}
              {acknowledgePath ? (
                <button type="button" className="button-quiet alert-acknowledge" disabled={pending === alert.alertId}
                  aria-label={t('alerts.acknowledgeOne', { alert: text })} onClick={() => void acknowledge(alert.alertId)}>
                  {pending === alert.alertId ? t('alerts.acknowledging') : t('alerts.acknowledge')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {error ? <ErrorMessage error={error} /> : null}
    </>
  );
}
