import type { Cohort } from '../../api/analytics-types.js';
import { sequentialPalette } from '../../components/charts/palette.js';
import type { Formatters } from '../../i18n/format.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** A heatmap cell: [months since first purchase, cohort row, retention rate, 1 when the month is not over]. */
export type CohortCell = [number, number, number, 0 | 1];

/** The value a cell's colour is read from: its retention rate, never the "month not over" flag beside it. */
export const retentionDimension = 2;

export function cohortCells(cohorts: readonly Cohort[]): CohortCell[] {
  return cohorts.flatMap((cohort, row) => cohort.months
    // month 0 is 100% by definition: left out so it does not flatten the scale
    .filter((month) => month.monthIndex > 0)
    .map((month): CohortCell => [month.monthIndex, row, month.retentionRate, month.isPartial ? 1 : 0]));
}

/** The retention triangle: rows are first-purchase months, columns months since; colour is retention. */
export function cohortHeatmapOption(cohorts: readonly Cohort[], t: Translate, format: Pick<Formatters, 'month' | 'percent'>) {
  const longest = Math.max(0, ...cohorts.map((cohort) => cohort.months.length));
  const cells = cohortCells(cohorts);
  const maximum = Math.max(0.01, ...cells.map((cell) => cell[retentionDimension]));
  return {
    tooltip: { formatter: (parameters: { value: CohortCell }) => t(parameters.value[3] ? 'reports.cohorts.tooltipPartial' : 'reports.cohorts.tooltip', { cohort: format.month(cohorts[parameters.value[1]].cohort), month: parameters.value[0], rate: format.percent(parameters.value[2]) }) },
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: Array.from({ length: longest }, (_, index) => String(index)), name: t('reports.cohorts.monthsSince'), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: cohorts.map((cohort) => format.month(cohort.cohort)), inverse: true },
    // Without `dimension` ECharts colours by a cell's last value, the 0/1 flag: every finished month drew as "lowest".
    visualMap: { dimension: retentionDimension, min: 0, max: maximum, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [...sequentialPalette] }, formatter: (value: number) => format.percent(value, 0) },
    series: [{ type: 'heatmap', data: cells }],
  };
}
