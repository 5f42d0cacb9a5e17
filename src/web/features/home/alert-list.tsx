import { permissionToSettle } from '../../../analytics/alerts/alert-permissions.js';
import { useRef, useState } from 'react';
import type { Alert } from '../../api/analytics-types.js';
import { useApiCatalog } from '../../api/api-catalog.js';
import { ErrorMessage } from '../../components/error-message.js';
import { useSession } from '../auth/session-context.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { alertText } from './alert-text.js';
import { openAlertsCountText, openTotalOf } from './open-alert-pages.js';
import { OverdueAlertsNote } from './overdue-alerts-note.js';
import { useUndoableAcknowledgements } from './use-undoable-acknowledgements.js';

/** alertText in the reader's language and formats. */
export function useAlertText(): (alert: Alert) => string {
  const { t, format } = useI18n();
  return (alert) => alertText(alert, t, format);
}

const acknowledgePaths = ['/api/alerts/{alertId}/acknowledge'] as const;
const reopenPaths = ['/api/alerts/{alertId}/reopen'] as const;

/** The pages after the first (use-open-alert-pages.ts); without them the list is all there is. */
export type AlertListPages = { hasMore: boolean; total: number | null; isLoadingMore: boolean; error: Error | null; showMore: () => Promise<number | null> };

/**
 * Open alerts, and below them how the overdue ones relate to the customers at risk (OverdueAlertsNote);
 * who may (customers:write for an overdue customer, analytics:write for the rest) acknowledges one here. Its row then
 * reads "Acknowledged · <the alert>", with Undo, for a while, and the list reloads once no Undo
 * is left; each step is announced in a status region, and focus moves to the
 * button that undoes it, so the keyboard stays where the reader is. Above the list, how many are
 * open (or how many of how many are shown, while more are); below it, Show more, which moves focus to the first alert it adds.
 */
export function AlertList({ alerts, onAcknowledged, pages }: { alerts: Alert[]; onAcknowledged?: () => void; pages?: AlertListPages }) {
  const { t, locale, format } = useI18n();
  const { can } = useSession();
  const catalog = useApiCatalog();
  const describe = useAlertText();
  // an agent settles overdue customers, a marketer also drops in the figures (alert-permissions.ts)
  const mayWrite = can('analytics:write') || can('customers:write');
  const maySettle = (alert: Alert) => can(permissionToSettle(alert.kind));
  const [announcement, setAnnouncement] = useState('');
  const focusNext = useRef<string | null>(null);
  // a render after Show more has answered, so that the row to focus meets its ref with focusNext set
  const [, setFocusRequests] = useState(0);
  const textOf = (alertId: number) => { const alert = alerts.find((candidate) => candidate.alertId === alertId); return alert ? describe(alert) : ''; };
  const acknowledgePath = mayWrite ? catalog.firstOf('POST', acknowledgePaths) : null;
  const acknowledgements = useUndoableAcknowledgements({ acknowledgePath, reopenPath: mayWrite ? catalog.firstOf('POST', reopenPaths) : null }, {
    onSettled: onAcknowledged,
    onAcknowledged: (alertId, canUndo) => {
      // without an undo (a server with no reopen route) the alert simply leaves, as it always did
      if (!canUndo) return;
      focusNext.current = `undo-${alertId}`;
      setAnnouncement(t('alerts.acknowledgedStatus', { alert: textOf(alertId) }));
    },
    onReopened: (alertId) => {
      focusNext.current = `acknowledge-${alertId}`;
      setAnnouncement(t('alerts.reopenedStatus', { alert: textOf(alertId) }));
    },
  });
  const { undoable, hidden, pending } = acknowledgements;
  // the button that takes over from the one just pressed gets focus as it appears
  const focusWhenAsked = (key: string) => (element: HTMLElement | null) => {
    if (element && focusNext.current === key) {
      focusNext.current = null;
      element.focus();
    }
  };

  const shown = alerts.filter((alert) => !hidden.has(alert.alertId));
  const hasMore = pages?.hasMore ?? false;
  // an acknowledged row waiting for its Undo to lapse is no longer open
  const openCount = shown.filter((alert) => !undoable.has(alert.alertId)).length;
  const openTotal = openTotalOf(pages?.total ?? null, alerts.length, openCount);
  const showMore = async () => {
    if (!pages || pages.isLoadingMore) return;
    const firstAdded = await pages.showMore();
    if (firstAdded === null) return;
    focusNext.current = `alert-${firstAdded}`;
    setFocusRequests((count) => count + 1);
  };
  return (
    <>
      {shown.length === 0 && !hasMore ? <p className="muted">{t('home.noAlerts')}</p> : null}
      {openCount > 0 || hasMore ? <p className="muted small alert-count">{openAlertsCountText({ shownOpen: openCount, total: openTotal, hasMore }, { t, format, locale })}</p> : null}
      <ul className="alert-list">
        {shown.map((alert) => {
          const text = describe(alert);
          if (undoable.has(alert.alertId)) {
            return (
              <li key={alert.alertId} className="alert-item alert-item-acknowledged" tabIndex={-1} ref={focusWhenAsked(`alert-${alert.alertId}`)}>
                {/* the alert's own sentence stays: "Acknowledged ·" alone left the reader guessing which one Undo would reopen;
                    Undo stands where Acknowledge stood, at the row's end, so no dot leads to it */}
                <span className="muted">{t('alerts.acknowledged')} <span aria-hidden="true">·</span> {text}</span>
                <button type="button" className="button-quiet alert-acknowledge" ref={focusWhenAsked(`undo-${alert.alertId}`)}
                  aria-label={t('alerts.undoOne', { alert: text })} aria-disabled={pending === alert.alertId}
                  onFocus={() => acknowledgements.holdWindow(alert.alertId)} onBlur={() => acknowledgements.releaseWindow(alert.alertId)}
                  onClick={() => void acknowledgements.undo(alert.alertId)}>
                  {pending === alert.alertId ? t('alerts.reopening') : t('alerts.undo')}
                </button>
              </li>
            );
          }
          return (
            <li key={alert.alertId} className="alert-item" tabIndex={-1} ref={focusWhenAsked(`alert-${alert.alertId}`)}>
              {alert.kind === 'customer_overdue' && alert.customerId !== null ? <Link to={`/customers/${alert.customerId}`}>{text}</Link> : <span>{text}</span>}
              {acknowledgePath && maySettle(alert) ? (
                <button type="button" className="button-quiet alert-acknowledge" disabled={pending === alert.alertId} ref={focusWhenAsked(`acknowledge-${alert.alertId}`)}
                  aria-label={t('alerts.acknowledgeOne', { alert: text })} onClick={() => void acknowledgements.acknowledge(alert.alertId)}>
                  {pending === alert.alertId ? t('alerts.acknowledging') : t('alerts.acknowledge')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
      {hasMore ? (
        <div className="button-row">
          <button type="button" className="button-secondary alert-show-more" aria-disabled={pages?.isLoadingMore} onClick={() => void showMore()}>
            {pages?.isLoadingMore ? t('common.loading') : t('home.showMoreAlerts')}
          </button>
        </div>
      ) : null}
      {pages?.error ? <ErrorMessage error={pages.error} /> : null}
      <OverdueAlertsNote />
      <p className="visually-hidden" role="status" aria-live="polite">{announcement}</p>
      {acknowledgements.error ? <ErrorMessage error={acknowledgements.error} /> : null}
    </>
  );
}
