import type { Alert, RevenueTrend } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import { alertColour, categoricalPalette } from '../../components/charts/palette.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useAlertText } from '../home/alert-list.js';
import { isLastPeriodIncomplete } from './revenue-periods.js';
import { useStoreSettings } from '../settings/store-settings-context.js';

type Marker = { period: string; index: number; alerts: Alert[] };

/** Each metric-drop alert pinned to the period its window ends in, several alerts of one period sharing a marker. */
export function alertMarkers(periods: readonly string[], alerts: readonly Alert[]): Marker[] {
  const byIndex = new Map<number, Alert[]>();
  for (const alert of alerts) {
    if (alert.kind !== 'metric_drop') continue;
    let index = -1;
    for (let candidate = 0; candidate < periods.length; candidate += 1) if (periods[candidate] <= alert.windowEnd) index = candidate;
    if (index < 0) continue;
    byIndex.set(index, [...(byIndex.get(index) ?? []), alert]);
  }
  return [...byIndex].sort((a, b) => a[0] - b[0]).map(([index, grouped]) => ({ period: periods[index], index, alerts: grouped }));
}

/** Revenue over time with alert markers, so a dip and its alert are read together. */
export function RevenueTrendChart({ trend, alerts }: { trend: RevenueTrend; alerts: Alert[] }) {
  const { t, format } = useI18n();
  const alertText = useAlertText();
  // a live store's range ends with today (dataAsOf null); a static data set's with its last, whole day
  const endsToday = useStoreSettings()?.dataAsOf === null;
  const periods = trend.points.map((point) => point.period);
  const label = (period: string) => (trend.granularity === 'month' ? format.month(period) : format.date(period));
  const labels = periods.map(label);
  const markers = alertMarkers(periods, alerts);
  const periodName = (text: string) => t(trend.granularity === 'day' ? 'reports.revenue.tooltipDay' : trend.granularity === 'week' ? 'reports.revenue.tooltipWeek' : 'reports.revenue.tooltipMonth', { period: text });
  // The period still running is drawn dashed from the one before, and named "so far", so its smaller total reads as unfinished.
  const isIncomplete = isLastPeriodIncomplete(trend, endsToday);
  const last = trend.points.length - 1;
  const revenue = trend.points.map((point) => point.revenueMinor);
  if (isIncomplete) labels[last] = t('reports.revenue.soFar', { period: labels[last] });
  const option = {
    tooltip: {
      trigger: 'axis',
      formatter: (items: Array<{ dataIndex: number }>) => {
        const point = trend.points[items[0]?.dataIndex ?? 0];
        if (!point) return '';
        const lines = [
          periodName(labels[items[0].dataIndex]),
          `${t('reports.common.revenue')}: ${format.money(point.revenueMinor)}`,
          `${t('reports.revenue.orders')}: ${format.number(point.orders)}`,
          `${t('reports.revenue.customers')}: ${format.number(point.customers)}`,
          ...(isIncomplete && items[0].dataIndex === last ? [t('reports.revenue.incomplete')] : []),
        ];
        return lines.map(escapeHtml).join('<br>');
      },
    },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    // the first and last dates kept inside the chart: centred under their points they were cut off
    xAxis: { type: 'category', data: labels, axisLabel: { hideOverlap: true, alignMinLabel: 'left', alignMaxLabel: 'right' } },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.moneyCompact(value) } },
    series: [{
      name: t('reports.common.revenue'), type: 'line', data: isIncomplete ? revenue.map((value, index) => (index === last ? null : value)) : revenue, showSymbol: trend.points.length <= 60,
      markPoint: {
        symbol: 'pin', symbolSize: 34, itemStyle: { color: alertColour },
        data: markers.map((marker) => ({ name: String(marker.index), coord: [marker.index, trend.points[marker.index].revenueMinor], value: String(marker.alerts.length) })),
        label: { show: true, color: '#ffffff', fontSize: 11 },
        tooltip: { trigger: 'item', formatter: (parameters: { name: string }) => (markers.find((marker) => String(marker.index) === parameters.name)?.alerts ?? []).map((alert) => escapeHtml(alertText(alert))).join('<br>') },
      },
    }, ...(isIncomplete ? [{
      name: t('reports.revenue.incomplete'), type: 'line', data: revenue.map((value, index) => (index >= last - 1 ? value : null)),
      lineStyle: { type: 'dashed' }, itemStyle: { color: categoricalPalette[0] }, symbol: 'emptyCircle', showSymbol: true,
    }] : [])],
  };
  const recent = markers.flatMap((marker) => marker.alerts).sort((a, b) => b.windowEnd.localeCompare(a.windowEnd)).slice(0, 5);
  return (
    <>
      <Chart title={t('reports.revenue.title')} fileName="revenue-trend" option={option}
        table={{ header: [t('reports.revenue.period'), t('reports.common.revenueMinor'), t('reports.revenue.orders'), t('reports.revenue.customers')], rows: trend.points.map((point) => [point.period, point.revenueMinor, point.orders, point.customers]) }} />
      {isIncomplete ? <p className="small muted">{t('reports.revenue.incompleteNote', { period: periodName(label(periods[last])) })}</p> : null}
      {recent.length > 0 ? (
        <div className="chart-notes">
          <p className="small muted">{t('reports.revenue.markers', { count: markers.reduce((sum, marker) => sum + marker.alerts.length, 0) })}</p>
          <ul className="alert-list small">{recent.map((alert) => <li key={alert.alertId} className="alert-item"><span className="alert-marker" aria-hidden="true">▼</span> {alertText(alert)}</li>)}</ul>
        </div>
      ) : <p className="small muted">{t('reports.revenue.noMarkers')}</p>}
    </>
  );
}
