import type { Cohort } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { sequentialPalette } from '../../components/charts/palette.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** The retention triangle: rows are first-purchase months, columns months since; month 0 is 100% by definition and left out of the colour scale. */
export function CohortHeatmap({ cohorts }: { cohorts: Cohort[] }) {
  const { t, format } = useI18n();
  const longest = Math.max(0, ...cohorts.map((cohort) => cohort.months.length));
  const monthIndexes = Array.from({ length: longest }, (_, index) => String(index));
  const cells = cohorts.flatMap((cohort, row) => cohort.months.filter((month) => month.monthIndex > 0).map((month) => [month.monthIndex, row, month.retentionRate, month.isPartial ? 1 : 0]));
  const maximum = Math.max(0.01, ...cells.map((cell) => cell[2]));
  const option = {
    tooltip: { formatter: (parameters: { value: [number, number, number, number] }) => t(parameters.value[3] ? 'reports.cohorts.tooltipPartial' : 'reports.cohorts.tooltip', { cohort: format.month(cohorts[parameters.value[1]].cohort), month: parameters.value[0], rate: format.percent(parameters.value[2]) }) },
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: monthIndexes, name: t('reports.cohorts.monthsSince'), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: cohorts.map((cohort) => format.month(cohort.cohort)), inverse: true },
    visualMap: { min: 0, max: maximum, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...sequentialPalette] }, formatter: (value: number) => format.percent(value, 0) },
    series: [{ type: 'heatmap', data: cells }],
  };
  const table = {
    header: [t('reports.cohorts.cohort'), t('reports.common.customers'), t('reports.cohorts.repeatRate'), ...monthIndexes.map((month) => t('reports.cohorts.monthN', { month }))],
    rows: cohorts.map((cohort) => [cohort.cohort, cohort.customers, cohort.repeatPurchaseRate, ...monthIndexes.map((_, index) => cohort.months[index]?.retentionRate ?? null)]),
  };
  return <Chart title={t('reports.cohorts.title')} fileName="cohorts" option={option} table={table} height={Math.max(280, cohorts.length * 18 + 100)} />;
}
