import type { Cohort } from '../../api/analytics-types.js';
import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import type { ChartTable } from '../../components/charts/chart-table.js';
import type { Locale } from '../../api/types.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import { sequentialPalette } from '../../components/charts/palette.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { isSmallCohort, pointsPerCustomer, retentionScaleMaximum } from './cohort-scale.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** A heatmap cell: [months since first purchase, cohort row, retention rate, 1 when the month is not over]. */
export type CohortCell = [number, number, number, 0 | 1];

/** The value a cell's colour is read from: its retention rate, never the "month not over" flag beside it. */
export const retentionDimension = 2;

/**
 * Hatching over a small cohort's cells: a mark that is not lightness, which here carries
 * retention (a paler cell would read as "fewer came back"). Mid-grey shows on both ends of the ramp.
 */
export const smallCohortDecal = { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: 'rgba(110, 110, 110, 0.7)' };

/**
 * The month under way, outlined with dashes on white and kept off the colour scale: its rate counts only
 * the days so far, and coloured it read as a drop (0% in the first days drew as the scale's lowest, with
 * nothing to tell it apart). Dashed, as the revenue trend draws its period under way.
 */
export const partialMonthStyle = { color: '#ffffff', borderColor: 'rgba(80, 80, 80, 0.9)', borderWidth: 1, borderType: 'dashed' };

/** Label colours on a cell: dark on the pale half of the ramp, white on the dark end (WCAG contrast above 4:1 either side of the switch). */
export const darkLabelColour = '#1a1a1a';
export const lightLabelColour = '#ffffff';
const lightLabelFrom = 0.68;

/** The colour of a cell's label, from where its rate sits on the scale (a rate above the top takes the darkest colour). */
export function cellLabelColour(rate: number, maximum: number): string {
  return maximum > 0 && rate / maximum >= lightLabelFrom ? lightLabelColour : darkLabelColour;
}

/**
 * The narrowest cell that holds its rate ("12,9%", "100 %") in the label's 10 px type, with a little room either side;
 * rows are 18 px high (cohort-heatmap.tsx), enough for one line.
 */
export const narrowestLabelledCell = 34;

/** Space between the chart's edges and the plot, before the row names and the months' numbers make room for themselves (chart-grid.ts). */
export const heatmapMargins = { left: 8, right: 16, top: 8, bottom: 64 };

/**
 * The row names' type and gap to the plot: ECharts' own for an axis label, written out so the names kept in
 * sight over a scrolling heat map (cohort-heatmap.tsx) are drawn as the chart draws them.
 */
export const rowNameType = { fontSize: 12, color: '#54555a', margin: 8 };

/** The months' numbers under the plot: their gap to it and their 12 px type, with a pixel to spare either side. */
const monthNumbersHeight = 22;

/** Space the row names ("2026. g. janv. · 412") and margins take from the chart's width, about. */
const rowNameWidth = 150;

/** Whether a chart this wide (px) has cells wide enough to show their rates; narrower, the rates stay in the tooltip and the hidden table. */
export function cellLabelsFit(chartWidth: number, columns: number): boolean {
  return columns > 0 && (chartWidth - rowNameWidth) / columns >= narrowestLabelledCell;
}

export function cohortCells(cohorts: readonly Cohort[]): CohortCell[] {
  return cohorts.flatMap((cohort, row) => cohort.months
    // month 0 is 100% by definition: left out so it does not flatten the scale
    .filter((month) => month.monthIndex > 0)
    .map((month): CohortCell => [month.monthIndex, row, month.retentionRate, month.isPartial ? 1 : 0]));
}

type CohortFormatters = Pick<Formatters, 'month' | 'percent' | 'number' | 'date'>;

/** The row's name: its first-purchase month and how many customers it started with; small cohorts say so. */
export function cohortLabel(cohort: Cohort, t: Translate, format: CohortFormatters): string {
  const variables = { cohort: format.month(cohort.cohort), customers: format.number(cohort.customers) };
  return t(isSmallCohort(cohort) ? 'reports.cohorts.rowLabelSmall' : 'reports.cohorts.rowLabel', variables);
}

/**
 * Tooltip lines of one cell: the rate with the counts it comes from ("152 of 412 customers", "1 of 1 customer"), and a warning on a small cohort.
 * `dataEndDay`: the data set's last day when the report stands on it; the month it falls in is not "not over", the data ends in it.
 */
export function cohortCellTooltip(cohorts: readonly Cohort[], cell: CohortCell, t: Translate, format: CohortFormatters, locale: Locale, dataEndDay: string | null = null): string[] {
  const [monthIndex, row, rate, isPartial] = cell;
  const cohort = cohorts[row];
  const month = cohort.months.find((candidate) => candidate.monthIndex === monthIndex);
  const key = !isPartial ? 'reports.cohorts.tooltip' : dataEndDay ? 'reports.cohorts.tooltipDataEnds' : 'reports.cohorts.tooltipPartial';
  const lines = [t(pluralKey(locale, key, cohort.customers), {
    cohort: format.month(cohort.cohort), month: format.number(monthIndex), rate: format.percent(rate),
    active: format.number(month?.activeCustomers ?? 0), customers: format.number(cohort.customers), ...(dataEndDay ? { day: format.date(dataEndDay) } : {}),
  })];
  if (isSmallCohort(cohort)) lines.push(t('reports.cohorts.tooltipSmall', { customers: format.number(cohort.customers), points: format.number(pointsPerCustomer(cohort.customers)) }));
  return lines;
}

/**
 * The retention triangle: rows are first-purchase months, columns months since; colour is retention.
 * `showLabels`: each cell writes its rate, in a colour that stands out from the cell's (cellLabelsFit decides by the chart's width).
 * `isScrolling`: the chart is wider than its box and scrolls sideways (a phone): the colour scale goes to the left, where the
 * box starts, rather than the middle of the whole chart, out of sight until the reader scrolls to it.
 */
export function cohortHeatmapOption(cohorts: readonly Cohort[], t: Translate, format: CohortFormatters, locale: Locale, dataEndDay: string | null = null, showLabels = false, isScrolling = false) {
  const longest = Math.max(0, ...cohorts.map((cohort) => cohort.months.length));
  const maximum = retentionScaleMaximum(cohorts);
  const cells = cohortCells(cohorts);
  const hatched = (cell: CohortCell) => isSmallCohort(cohorts[cell[1]]);
  const finished = cells.filter((cell) => cell[3] === 0)
    .map((cell) => ({ value: cell, label: { color: cellLabelColour(cell[2], maximum) }, ...(hatched(cell) ? { itemStyle: { decal: smallCohortDecal } } : {}) }));
  // the month under way is drawn white: dark labels
  const underWay = cells.filter((cell) => cell[3] === 1)
    .map((cell) => ({ value: cell, label: { color: darkLabelColour }, itemStyle: hatched(cell) ? { ...partialMonthStyle, decal: smallCohortDecal } : partialMonthStyle }));
  const label = { show: showLabels, fontSize: 10, formatter: (parameters: { value: CohortCell }) => format.percent(parameters.value[retentionDimension]) };
  return {
    tooltip: { formatter: (parameters: { value: CohortCell }) => cohortCellTooltip(cohorts, parameters.value, t, format, locale, dataEndDay).map(escapeHtml).join('<br>') },
    grid: gridAroundLabels(heatmapMargins),
    xAxis: { type: 'category', data: Array.from({ length: longest }, (_, index) => String(index)), name: t('reports.cohorts.monthsSince'), nameLocation: 'middle', nameGap: 24 },
    yAxis: { type: 'category', data: cohorts.map((cohort) => cohortLabel(cohort, t, format)), inverse: true, axisLabel: rowNameType },
    // Without `dimension` ECharts colours by a cell's last value, the 0/1 flag: every finished month drew as "lowest".
    // A continuous legend shows no numbers of its own: `text` puts the ends of the scale beside it, high first.
    // The scale colours series 0 only; the months under way (series 1) get a hidden one of their own, all white
    // (ECharts wants one for every heatmap), so they stay off the scale.
    visualMap: [{
      seriesIndex: 0, dimension: retentionDimension, min: 0, max: maximum, text: [format.percent(maximum, 0), format.percent(0, 0)],
      orient: 'horizontal', left: isScrolling ? heatmapMargins.left : 'center', bottom: 0, inRange: { color: [...sequentialPalette] }, formatter: (value: number) => format.percent(value, 0),
    }, { seriesIndex: 1, show: false, dimension: retentionDimension, min: 0, max: 1, inRange: { color: [partialMonthStyle.color, partialMonthStyle.color] } }],
    series: [{ type: 'heatmap', data: finished, label }, ...(underWay.length > 0 ? [{ type: 'heatmap', data: underWay, label }] : [])],
  };
}

/** Where the heat map draws its rows, in the chart's pixels: each row's middle, the plot's left edge, and the bottom of the months' numbers. */
export type RowNamePlaces = { rowMiddles: number[]; plotLeft: number; bottom: number };

/** The part of an ECharts instance that turns a row or a column into pixels. */
type PixelConverter = { convertToPixel: (finder: { xAxisIndex: number } | { yAxisIndex: number }, value: number) => number | number[] };

/**
 * Where the chart drew the rows, asked of the chart itself: the row names' width is its own to decide (they push the
 * plot right), and a column of names laid over the chart must meet each row exactly. Null with too few columns to
 * tell a cell's width from (such a chart never scrolls) or no rows.
 */
export function placeRowNames(chart: PixelConverter, rows: number, columns: number): RowNamePlaces | null {
  if (rows === 0 || columns < 2) return null;
  const pixel = (finder: { xAxisIndex: number } | { yAxisIndex: number }, value: number) => Number(chart.convertToPixel(finder, value));
  const rowMiddles = Array.from({ length: rows }, (_, row) => pixel({ yAxisIndex: 0 }, row));
  const [first, second] = [pixel({ xAxisIndex: 0 }, 0), pixel({ xAxisIndex: 0 }, 1)];
  const plotLeft = first - (second - first) / 2;
  // a single row fills the plot from its top margin down
  const rowHeight = rows > 1 ? rowMiddles[1] - rowMiddles[0] : (rowMiddles[0] - heatmapMargins.top) * 2;
  return { rowMiddles, plotLeft, bottom: rowMiddles[rows - 1] + rowHeight / 2 + monthNumbersHeight };
}

/**
 * The triangle as a table: per cohort its size, repeat-purchase rate so far and within `horizonDays` of the
 * first purchase ("not yet" for a cohort too young: compared at the same age, young cohorts do not read as
 * worse), and each month's retention, month 0 included. The month under way is marked as the chart marks it: "(so far)" after its rate for a screen
 * reader, and its number in a column of its own for the CSV, whose cells are numbers only.
 */
export function cohortTable(cohorts: readonly Cohort[], t: Translate, horizonDays = 90): ChartTable {
  const longest = Math.max(0, ...cohorts.map((cohort) => cohort.months.length));
  const monthIndexes = Array.from({ length: longest }, (_, index) => index);
  const soFar = t('reports.cohorts.soFar');
  const notYet = t('reports.cohorts.notYet');
  return {
    header: [t('reports.cohorts.cohort'), t('reports.common.customers'), t('reports.cohorts.repeatRate'), t('reports.cohorts.repeatWithin', { days: horizonDays }), t('reports.cohorts.monthUnderWay'), ...monthIndexes.map((month) => t('reports.cohorts.monthN', { month }))],
    kinds: ['month', 'count', 'percent', 'percent', 'count', ...monthIndexes.map(() => 'percent' as const)],
    rows: cohorts.map((cohort) => {
      const underWay = cohort.months.find((month) => month.isPartial)?.monthIndex ?? null;
      const rate = (index: number) => {
        const month = cohort.months.find((candidate) => candidate.monthIndex === index);
        if (!month) return null;
        return month.isPartial ? { value: month.retentionRate, note: soFar } : month.retentionRate;
      };
      const withinHorizon = cohort.repeatRateWithinHorizon ?? null;
      const repeatWithin = withinHorizon === null ? { value: null, note: notYet } : withinHorizon;
      return [cohort.cohort, cohort.customers, cohort.repeatPurchaseRate, repeatWithin, underWay, ...monthIndexes.map(rate)];
    }),
  };
}
