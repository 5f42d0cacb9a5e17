import type { RfmReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { sequentialPalette } from '../../components/charts/palette.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Recency (rows) × frequency (columns) scores, 5 = best; the colour is the number of customers. */
export function RfmGridChart({ report }: { report: RfmReport }) {
  const { t, format } = useI18n();
  const scores = ['1', '2', '3', '4', '5'];
  const maximum = Math.max(1, ...report.grid.map((cell) => cell.customers));
  const option = {
    tooltip: { formatter: (parameters: { value: [number, number, number] }) => t('reports.rfm.tooltip', { r: parameters.value[1] + 1, f: parameters.value[0] + 1, customers: format.number(parameters.value[2]) }) },
    grid: { left: 64, right: 16, top: 16, bottom: 96 },
    xAxis: { type: 'category', data: scores, name: t('reports.rfm.frequency'), nameLocation: 'middle', nameGap: 28, splitArea: { show: true } },
    yAxis: { type: 'category', data: scores, name: t('reports.rfm.recency'), nameLocation: 'middle', nameGap: 36, splitArea: { show: true } },
    visualMap: { min: 0, max: maximum, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...sequentialPalette] } },
    series: [{ type: 'heatmap', data: report.grid.map((cell) => [cell.f - 1, cell.r - 1, cell.customers]), label: { show: true, formatter: (parameters: { value: [number, number, number] }) => format.compact(parameters.value[2]) } }],
  };
  return (
    <Chart title={t('reports.rfm.title')} fileName="rfm-grid" option={option} height={360}
      table={{ header: [t('reports.rfm.recency'), t('reports.rfm.frequency'), t('reports.common.customers')], rows: report.grid.map((cell) => [cell.r, cell.f, cell.customers]) }} />
  );
}
