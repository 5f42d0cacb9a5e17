import { useMemo } from 'react';
import type { Alert, RevenueTrend } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Link } from '../../routes/router.js';
import { useSession } from '../auth/session-context.js';
import { useAlertText } from '../home/alert-list.js';
import { useStoreSettings } from '../settings/store-settings-context.js';
import { rangeEndOf } from './revenue-periods.js';
import { revenueTrendOption, revenueTrendTable, revenueTrendView } from './revenue-trend-option.js';
import { revenueCreditNotes } from './revenue-credit-notes.js';

export { alertMarkers } from './revenue-trend-option.js';

/**
 * Revenue over time with alert markers, so a dip and its alert are read together. Only drop alerts are
 * marked (alertMarkers): the note names them, and says where the overdue-customer alerts Home counts are,
 * so "none in this range" beside Home's open overdue alerts does not read as a contradiction.
 */
export function RevenueTrendChart({ trend, alerts }: { trend: RevenueTrend; alerts: Alert[] }) {
  const { t, format, locale } = useI18n();
  const alertText = useAlertText();
  // a live store's range ends with today (dataAsOf null); a static data set's with its last, whole day
  const rangeEnd = rangeEndOf(useStoreSettings());
  const view = useMemo(() => revenueTrendView(trend, alerts, rangeEnd, t, format), [trend, alerts, rangeEnd, t, format]);
  const { markers, partial } = view;
  const recent = markers.flatMap((marker) => marker.alerts).sort((a, b) => b.windowEnd.localeCompare(a.windowEnd)).slice(0, 5);
  return (
    <>
      <Chart title={t('reports.revenue.title')} fileName={t('files.charts.revenueTrend')} option={revenueTrendOption(trend, view, t, format, alertText)} table={revenueTrendTable(trend, view, t)} />
      {partial.first ? <p className="small muted">{partial.first.note}</p> : null}
      {partial.last ? <p className="small muted">{partial.last.note}</p> : null}
      {revenueCreditNotes(trend, t, format, locale).map((note) => <p key={note} className="small muted">{note}</p>)}
      {recent.length > 0 ? (
        <div className="chart-notes">
          <p className="small muted alert-markers-note">{t('reports.revenue.markers', { count: markers.reduce((sum, marker) => sum + marker.alerts.length, 0) })} {t('reports.revenue.overdueElsewhere')}</p>
          <ul className="alert-list small">{recent.map((alert) => <li key={alert.alertId} className="alert-item"><span className="alert-marker" aria-hidden="true">▼</span> {alertText(alert)}</li>)}</ul>
        </div>
      ) : <p className="small muted alert-markers-note">{t('reports.revenue.noMarkers')} {t('reports.revenue.overdueElsewhere')}</p>}
    </>
  );
}

/**
 * No order in the trend's range (hasNoOrders): says so, and how orders come in, as Home's Getting started
 * does: the import for whoever may import, whom to ask for anyone else. Not a flat line of 0s.
 */
export function NoOrdersInTrend() {
  const { t } = useI18n();
  const { can } = useSession();
  return can('ingest:write')
    ? <>{t('reports.revenue.noOrders')} <Link to="/import">{t('home.gettingStarted.import')}</Link></>
    : <>{t('reports.revenue.noOrders')} {t('home.gettingStarted.askForImport')}</>;
}
