import type { RfmReport } from '../../api/analytics-types.js';
import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import type { ChartTable } from '../../components/charts/chart-table.js';
import type { Formatters } from '../../i18n/format.js';
import { rfmSegmentLabel } from './rfm-segment-label.js';
import { compactAxisLabel, countAxis } from '../../components/charts/count-axis.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** Each segment's name as the chart, its table and its CSV show it: marked RFM, since the types chart beside it has a "Loyal" and an "At risk" too. */
export function segmentNames(segments: RfmReport['segments'], t: Translate): string[] {
  return segments.map((segment) => rfmSegmentLabel(t, segment.segment));
}

/**
 * The revenue axis, under the revenue panel. The panel is often 200 px wide on a phone, and "IDR 200bn" or "200 mljrd. IDR"
 * three times did not fit: ECharts hid all but one or two. Two steps (0, half, a round end), the amounts as compact
 * numbers ("100B", "100 M"), and the currency named once, in the axis's name.
 */
function revenueAxis(largest: number, t: Translate, format: Pick<Formatters, 'compact' | 'minorPerMajor' | 'currencySymbol'>, currency: string | null) {
  const max = twoStepMaximum(largest);
  // named as every other amount writes the currency in this language ("Rp", "€"), not by its ISO code
  const unit = currency ? format.currencySymbol ?? currency : null;
  return {
    type: 'value', gridIndex: 1, min: 0, max, interval: max / 2,
    axisLabel: compactAxisLabel((minor: number) => format.compact(minor / format.minorPerMajor)),
    name: unit ? t('reports.segments.revenueIn', { currency: unit }) : t('reports.common.revenue'), ...panelName,
  } as const;
}

/** Each panel's axis named under it, in the middle: the name says what its bars count, so no legend is needed. */
const panelName = { nameLocation: 'middle', nameGap: 26 } as const;

/** A bar's row and the band under a panel for its axis's labels and name, in pixels. */
const rowHeight = 26;
const axisBand = 48;
const panelTop = 8;

/** The chart's height: a row per segment in each panel, and each panel's axis under it. */
export function segmentChartHeight(segmentCount: number, hasPrices = true): number {
  return (hasPrices ? 2 : 1) * (panelTop + Math.max(3, segmentCount) * rowHeight + axisBand);
}

/**
 * Customers above, revenue below: two panels, each with its own axis, gridlines and name under it. On one plot with
 * two axes the revenue bars were read against the customers' gridlines and the currency floated at a corner. Stacked,
 * each panel keeps the chart's whole width, which a phone needs for "150 mljrd." three times.
 */
function panelGrids(segmentCount: number, hasPrices: boolean) {
  const panel = panelTop + Math.max(3, segmentCount) * rowHeight + axisBand;
  const grid = (index: number) => {
    const margins = { left: 8, right: 24, top: index * panel + panelTop, bottom: (hasPrices ? 1 - index : 0) * panel + axisBand };
    return gridAroundLabels(margins);
  };
  return hasPrices ? [grid(0), grid(1)] : [grid(0)];
}

/** The smallest round number at or above `largest` whose half is round too (3 → 0, 1.5, 3): the axis's end. */
export function twoStepMaximum(largest: number): number {
  if (!(largest > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  const step = [1, 2, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * power >= largest) ?? 10;
  return step * power;
}

/**
 * Size and value of each RFM segment, one panel above the other: a small segment can hold much of the revenue. Without prices
 * (every amount 0) the revenue bars are left out rather than drawn as zeros; the note under the chart says why.
 * `currency`: the store's, named in the revenue axis's name by its symbol in the reader's language (none while the settings are not read).
 */
export function segmentChartOption(segments: RfmReport['segments'], t: Translate, format: Pick<Formatters, 'number' | 'compact' | 'money' | 'minorPerMajor' | 'currencySymbol'>,
  hasPrices = true, currency: string | null = null) {
  const customers = { name: t('reports.common.customers'), type: 'bar', data: segments.map((segment) => segment.customers), tooltip: { valueFormatter: (value: number) => format.number(value) } };
  const revenue = { name: t('reports.common.revenue'), type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: segments.map((segment) => segment.revenueMinor), tooltip: { valueFormatter: (value: number) => format.money(value) } };
  const names = segmentNames(segments, t);
  const category = (gridIndex: number) => ({ type: 'category', gridIndex, data: names, inverse: true }) as const;
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // a segment pointed at in one panel is pointed at in the other
    axisPointer: { link: [{ yAxisIndex: 'all' }] },
    grid: panelGrids(segments.length, hasPrices),
    xAxis: [
      { ...countAxis(format), name: t('reports.common.customers'), ...panelName },
      ...(hasPrices ? [revenueAxis(Math.max(0, ...segments.map((segment) => segment.revenueMinor)), t, format, currency)] : []),
    ],
    yAxis: hasPrices ? [category(0), category(1)] : [category(0)],
    series: hasPrices ? [customers, revenue] : [customers],
  };
}

/** The chart's numbers; a store without prices says so in the revenue column rather than write 0 for every segment. */
export function segmentTable(segments: RfmReport['segments'], t: Translate, hasPrices = true): ChartTable {
  const names = segmentNames(segments, t);
  return {
    header: [t('reports.segments.segment'), t('reports.common.customers'), t('reports.common.share'), t('reports.common.revenue')],
    kinds: ['text', 'count', 'percent', 'money'],
    rows: segments.map((segment, index) => [names[index], segment.customers, segment.share, hasPrices ? segment.revenueMinor : t('reports.common.noPrices')]),
  };
}
