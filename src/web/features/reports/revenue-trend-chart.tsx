import type { Alert, RevenueTrend } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { alertColour } from '../../components/charts/palette.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Revenue over time with each metric-drop alert pinned to the period it ends in, so a dip and its alert are read together. */
export function RevenueTrendChart({ trend, alerts }: { trend: RevenueTrend; alerts: Alert[] }) {
  const { t, format } = useI18n();
  const periods = trend.points.map((point) => point.period);
  const markers = alerts
    .filter((alert) => alert.kind === 'metric_drop')
    .map((alert) => ({ alert, period: [...periods].reverse().find((period) => period <= alert.windowEnd) }))
    .filter((marker): marker is { alert: Alert; period: string } => marker.period !== undefined);
  const option = {
    tooltip: { trigger: 'axis', valueFormatter: (value: number) => format.money(value) },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: periods.map((period) => format.date(period)) },
    yAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.moneyCompact(value) } },
    series: [{
      name: t('reports.common.revenue'), type: 'line', data: trend.points.map((point) => point.revenueMinor), showSymbol: false,
      markPoint: {
        symbol: 'triangle', symbolSize: 14, itemStyle: { color: alertColour },
        data: markers.map(({ alert, period }) => ({ name: t(`alerts.metrics.${alert.metric}`), coord: [format.date(period), trend.points[periods.indexOf(period)].revenueMinor], value: format.percent(alert.changePct / 100) })),
        label: { show: false },
      },
    }],
  };
  return (
    <Chart title={t('reports.revenue.title')} fileName="revenue-trend" option={option}
      table={{ header: [t('reports.revenue.period'), t('reports.common.revenueMinor'), t('reports.revenue.orders')], rows: trend.points.map((point) => [point.period, point.revenueMinor, point.orders]) }} />
  );
}
