import type { ReactNode } from 'react';
import { Card } from '../../components/card.js';
import { ErrorMessage } from '../../components/error-message.js';
import { LoadingState } from '../../components/loading-state.js';
import { NotAvailable } from '../../components/not-available.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useMe } from '../auth/session-context.js';
import { useAlertText } from '../home/alert-list.js';
import { alertFilters, alertHistoryCountText, alertStateText, type AlertFilter } from './alert-history.js';
import type { OpenAlertPages } from '../home/use-open-alert-pages.js';

/**
 * Every alert with its state, open or acknowledged by whom and when (GET /api/alerts, cursor paged), filtered
 * Open / Acknowledged / All: Home lists only the open ones, so an alert acknowledged there could be found nowhere.
 * Acknowledging stays on Home, where its Undo is.
 */
export function AlertHistoryCard({ history, filter, onFilterChange }: { history: OpenAlertPages; filter: AlertFilter; onFilterChange: (filter: AlertFilter) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const describe = useAlertText();
  // the reader's own acknowledgements read "by you"
  const { userId: readerUserId } = useMe();
  const title = t('reports.alerts.title');
  const picker = (
    <label className="field field-inline small">
      <span>{t('reports.alerts.filter')}</span>
      <select value={filter} onChange={(event) => onFilterChange(alertFilters.find((choice) => choice === event.target.value) ?? filter)}>
        {alertFilters.map((choice) => <option key={choice} value={choice}>{t(`reports.alerts.filters.${choice}`)}</option>)}
      </select>
    </label>
  );
  let body: ReactNode;
  if (!history.isCatalogLoaded || history.isLoading) body = <LoadingState />;
  else if (!history.isOffered) body = <NotAvailable what={title} />;
  else if (history.error) body = <ErrorMessage error={history.error} />;
  else if (history.data === null) body = <LoadingState />;
  else {
    // the server lists the filter's alerts (GET /api/alerts?status=…)
    const shown = history.data;
    const { hasMore } = history;
    body = (
      <>
        {shown.length === 0 && !hasMore ? <p className="empty-state">{t(`reports.alerts.none.${filter}`)}</p>
          : <p className="muted small alert-count">{alertHistoryCountText(shown.length, filter, history, i18n)}</p>}
        <ul className="alert-list alert-history">
          {shown.map((alert) => {
            const text = describe(alert);
            return (
              <li key={alert.alertId} className={`alert-item${alert.acknowledgedAt === null ? '' : ' alert-item-acknowledged'}`}>
                <span>
                  {alert.kind === 'customer_overdue' && alert.customerId !== null ? <Link to={`/customers/${alert.customerId}`}>{text}</Link> : text}
                  <br /><span className="muted small">{alertStateText(alert, i18n, readerUserId)}</span>
                </span>
              </li>
            );
          })}
        </ul>
        {hasMore ? (
          <div className="button-row">
            <button type="button" className="button-secondary alert-show-more" aria-disabled={history.isLoadingMore} onClick={() => void history.showMore()}>
              {history.isLoadingMore ? t('common.loading') : t('home.showMoreAlerts')}
            </button>
          </div>
        ) : null}
        {history.pageError ? <ErrorMessage error={history.pageError} /> : null}
        {filter !== 'acknowledged' ? <p className="muted small">{t('reports.alerts.acknowledgeOnHome')}</p> : null}
      </>
    );
  }
  return <Card title={title} actions={picker} className="card-wide">{body}</Card>;
}
