import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../api/analytics-types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { cohortHeatmapOption, placeRowNames, rowNameType } from './cohort-heatmap-option.js';

const cohort = (month: string, customers: number, buyers: number[]): Cohort => ({
  cohort: month, customers, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 30,
  months: buyers.map((activeCustomers, monthIndex) => ({ monthIndex, activeCustomers, retentionRate: activeCustomers / customers, revenuePerCustomerMinor: 100, isPartial: false })),
});

const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
const format = createFormatters('en-GB', null, 'UTC');
// a year of cohorts, the oldest with 12 months after its first: on a phone the chart is drawn wider than the screen
const cohorts = Array.from({ length: 12 }, (_, row) => cohort(`2025-${String(row + 1).padStart(2, '0')}`, 400, [400, ...Array.from({ length: 11 - row }, (_, month) => 160 - month * 10)]));
const chartWidth = 1100;
const phoneBoxWidth = 340;

type Drawn = { text: string; x: number; y: number };
/** An option as the app sets it, or with a part left to ECharts' defaults. */
type Option = Omit<ReturnType<typeof cohortHeatmapOption>, 'yAxis'> & { yAxis: object };

/** Draws an option with ECharts itself (server-side SVG) at the width a phone's scrolling box gives it; `inspect` reads the drawn chart. */
function draw<Result>(option: Option, inspect: (chart: echarts.ECharts, svg: string) => Result): Result {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: chartWidth, height: cohorts.length * 18 + 100 });
  chart.setOption({ animation: false, ...option });
  try {
    return inspect(chart, chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** Each text drawn, where its anchor is: its translation plus its own offset. */
function drawnTexts(svg: string): Drawn[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map(([, attributes, text]) => {
    const [translateX, translateY] = (attributes.match(/translate\(([-\d.]+) ([-\d.]+)\)/)?.slice(1) ?? ['0', '0']).map(Number);
    const offset = (name: string) => Number(attributes.match(new RegExp(` ${name}="([-\\d.]+)"`))?.[1] ?? 0);
    return { text, x: translateX + offset('x'), y: translateY + offset('y') };
  });
}

/** The colour scale's two end labels ("0%" and its top), left to right. */
const scaleEnds = (svg: string) => drawnTexts(svg).filter((drawn) => /^\d+%$/.test(drawn.text)).sort((one, other) => one.x - other.x);

describe('the cohort heat map scrolling sideways on a phone', () => {
  it('draws the colour scale where the box starts, in the part of the chart a phone shows before any scrolling', () => {
    const ends = draw(cohortHeatmapOption(cohorts, t, format, 'en', null, false, true), (_, svg) => scaleEnds(svg));
    expect(ends.map((end) => end.text)).toEqual(['0%', '40%']);
    // "0%" ends left of the gradient, "40%" (some 25 px of 12 px type) starts right of it: the whole scale in the box
    expect(ends[0].x).toBeGreaterThan(24);
    expect(ends[1].x + 30).toBeLessThan(phoneBoxWidth);
  });

  it('keeps the colour scale in the middle of a chart that fits its box', () => {
    const ends = draw(cohortHeatmapOption(cohorts, t, format, 'en'), (_, svg) => scaleEnds(svg));
    expect(Math.abs((ends[0].x + ends[1].x) / 2 - chartWidth / 2)).toBeLessThan(40);
  });

  it('finds where each row and its name are drawn, for the names kept in sight over the scrolling cells', () => {
    const option = cohortHeatmapOption(cohorts, t, format, 'en', null, false, true);
    const { places, texts } = draw(option, (chart, svg) => ({ places: placeRowNames(chart, cohorts.length, 12), texts: drawnTexts(svg) }));
    const names = option.yAxis.data.map((name) => texts.find((drawn) => drawn.text === name)!);
    expect(places).not.toBeNull();
    // each name is drawn at its row's middle, ending the axis label's margin before the plot
    expect(places!.rowMiddles.map((middle) => middle.toFixed(1))).toEqual(names.map((name) => name.y.toFixed(1)));
    expect(names.map((name) => (name.x + rowNameType.margin).toFixed(1))).toEqual(names.map(() => places!.plotLeft.toFixed(1)));
    // the column reaches under the months' numbers, to hide those of the months scrolled under it, but not to the months' name
    const numbers = texts.filter((drawn) => /^\d+$/.test(drawn.text));
    const axisName = texts.find((drawn) => drawn.text === t('reports.cohorts.monthsSince'))!;
    expect(Math.max(...numbers.map((number) => number.y)) + 6).toBeLessThanOrEqual(places!.bottom);
    expect(places!.bottom).toBeLessThanOrEqual(axisName.y - 6);
  });

  it('tells no places where there are no rows, or too few months to scroll', () => {
    const option = cohortHeatmapOption(cohorts, t, format, 'en');
    expect(draw(option, (chart) => [placeRowNames(chart, 0, 12), placeRowNames(chart, cohorts.length, 1)])).toEqual([null, null]);
  });

  it('writes the row names in ECharts\' own type for an axis label: the chart looks as it did before they were written out', () => {
    const option = cohortHeatmapOption(cohorts, t, format, 'en');
    const { axisLabel, ...yAxisWithDefaults } = option.yAxis;
    expect(axisLabel).toBe(rowNameType);
    const withDefaults = { ...option, yAxis: yAxisWithDefaults };
    // the names of classes, clips and gradients count the charts and styles made so far (zr4-cls-60, zr5-g0): the rest is the drawing
    const drawing = (svg: string) => svg.replace(/zr\d+-/g, 'zr-').replace(/cls-\d+/g, 'cls');
    expect(draw(option, (_, svg) => drawing(svg))).toBe(draw(withDefaults, (_, svg) => drawing(svg)));
  });
});
