import type { RfmReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Size and value of each RFM segment side by side: a small segment can hold much of the revenue. */
export function SegmentChart({ segments }: { segments: RfmReport['segments'] }) {
  const { t, format } = useI18n();
  const names = segments.map((segment) => t(`rfmSegments.${segment.segment}`));
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // the legend below: above, it collided with the revenue axis, which ECharts puts at the top
    legend: { bottom: 0 },
    grid: { left: 8, right: 24, top: 28, bottom: 32, containLabel: true },
    xAxis: [
      { type: 'value', position: 'bottom', axisLabel: { hideOverlap: true, formatter: (value: number) => format.compact(value) } },
      { type: 'value', position: 'top', splitLine: { show: false }, axisLabel: { hideOverlap: true, formatter: (value: number) => format.moneyCompact(value) } },
    ],
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      { name: t('reports.common.customers'), type: 'bar', data: segments.map((segment) => segment.customers), tooltip: { valueFormatter: (value: number) => format.number(value) } },
      { name: t('reports.common.revenue'), type: 'bar', xAxisIndex: 1, data: segments.map((segment) => segment.revenueMinor), tooltip: { valueFormatter: (value: number) => format.money(value) } },
    ],
  };
  return (
    <Chart title={t('reports.segments.title')} fileName="segments" option={option} height={Math.max(260, segments.length * 44)}
      table={{ header: [t('reports.segments.segment'), t('reports.common.customers'), t('reports.common.share'), t('reports.common.revenueMinor')], rows: segments.map((segment, index) => [names[index], segment.customers, segment.share, segment.revenueMinor]) }} />
  );
}
