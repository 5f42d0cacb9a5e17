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
 * The revenue axis, along the top. Its ticks share a plot with the customers' below, often 200 px wide on a
 * phone, and "IDR 200bn" or "200 mljrd. IDR" three times did not fit: ECharts hid all but one or two. Two
 * steps (0, half, a round end), and the amounts as compact numbers ("100B", "100 M") with the currency named once, at the axis's start.
 */
function revenueAxis(largest: number, format: Pick<Formatters, 'compact' | 'minorPerMajor' | 'currencySymbol'>, currency: string | null) {
  const max = twoStepMaximum(largest);
  // named as every other amount writes the currency in this language ("Rp", "€"), not by its ISO code
  const name = currency ? format.currencySymbol ?? currency : null;
  return {
    type: 'value', position: 'top', min: 0, max, interval: max / 2, splitLine: { show: false },
    axisLabel: compactAxisLabel((minor: number) => format.compact(minor / format.minorPerMajor)),
    ...(name ? { name, nameLocation: 'start', nameGap: 8 } : {}),
  } as const;
}

/** The smallest round number at or above `largest` whose half is round too (3 → 0, 1.5, 3): the axis's end. */
export function twoStepMaximum(largest: number): number {
  if (!(largest > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(largest));
  const step = [1, 2, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * power >= largest) ?? 10;
  return step * power;
}

/**
 * Size and value of each RFM segment side by side: a small segment can hold much of the revenue. Without prices
 * (every amount 0) the revenue bars are left out rather than drawn as zeros; the note under the chart says why.
 * `currency`: the store's, named at the start of the revenue axis by its symbol in the reader's language (none while the settings are not read).
 */
export function segmentChartOption(segments: RfmReport['segments'], t: Translate, format: Pick<Formatters, 'number' | 'compact' | 'money' | 'minorPerMajor' | 'currencySymbol'>,
  hasPrices = true, currency: string | null = null) {
  const customers = { name: t('reports.common.customers'), type: 'bar', data: segments.map((segment) => segment.customers), tooltip: { valueFormatter: (value: number) => format.number(value) } };
  const revenue = { name: t('reports.common.revenue'), type: 'bar', xAxisIndex: 1, data: segments.map((segment) => segment.revenueMinor), tooltip: { valueFormatter: (value: number) => format.money(value) } };
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    // the legend below: above, it collided with the revenue axis, which ECharts puts at the top
    legend: { bottom: 0 },
    grid: gridAroundLabels({ left: 8, right: 24, top: 28, bottom: 32 }),
    xAxis: [
      { ...countAxis(format), position: 'bottom' },
      ...(hasPrices ? [revenueAxis(Math.max(0, ...segments.map((segment) => segment.revenueMinor)), format, currency)] : []),
    ],
    yAxis: { type: 'category', data: segmentNames(segments, t), inverse: true },
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
