import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../api/analytics-types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { readableTable, csvTable } from '../../components/charts/chart-table.js';
import { cohortCellTooltip, cohortCells, cohortHeatmapOption, cohortTable, type CohortCell } from './cohort-heatmap-option.js';
import { retentionScaleMaximum, roundUpRetention } from './cohort-scale.js';

/** A cohort as the API sends it: rates are buyers in the month over the cohort's customers. */
const cohort = (month: string, customers: number, buyers: number[], partialFrom = Number.POSITIVE_INFINITY): Cohort => ({
  cohort: month, customers, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 30,
  months: buyers.map((activeCustomers, monthIndex) => ({ monthIndex, activeCustomers, retentionRate: Math.round((activeCustomers / customers) * 1e6) / 1e6, revenuePerCustomerMinor: 100, isPartial: monthIndex >= partialFrom })),
});

const cohorts = [cohort('2026-01', 10, [10, 6, 1]), cohort('2026-02', 10, [10, 3], 1)];
// Month 0 at 100% everywhere, the rest under 40%, and a cohort of 7 whose month 1 (over) is 7 of 7
const withSmall = [cohort('2026-01', 412, [412, 152, 74]), cohort('2026-02', 300, [300, 75]), cohort('2026-03', 7, [7, 7])];

const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);
const format = createFormatters('en-GB', null, 'UTC');

/** Draws the option with ECharts itself (server-side SVG), as a reader would see it. */
function draw(shown: readonly Cohort[]): string {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 480, height: 320 });
  chart.setOption({ animation: false, ...cohortHeatmapOption(shown, t, format, 'en') });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The cells of the month over, by data index: fill and outline (series 0, on the colour scale). */
function drawnCells(svg: string): Array<{ fill: string; path: string }> {
  const cells: Array<{ fill: string; path: string }> = [];
  for (const match of svg.matchAll(/<path d="([^"]*)" [^>]*fill="(rgb\([^)]*\))"[^>]*ecmeta_series_index="0" ecmeta_data_index="(\d+)"/g)) cells[Number(match[3])] = { fill: match[2], path: match[1] };
  return cells;
}

/** The cells of the month under way (series 1), as drawn: fill, and the dashes of their outline. */
function drawnMonthsUnderWay(svg: string): Array<{ fill: string; dashes: string | null }> {
  return [...svg.matchAll(/<path d="[^"]*" ([^>]*)ecmeta_series_index="1" ecmeta_data_index="\d+"/g)]
    .map((match) => ({ fill: match[1].match(/fill="([^"]*)"/)?.[1] ?? '', dashes: match[1].match(/stroke-dasharray="([^"]*)"/)?.[1] ?? null }));
}

/** Outlines drawn with a pattern fill: the hatching laid over a cell. */
const hatchedPaths = (svg: string) => [...svg.matchAll(/<path d="([^"]*)" fill="url\(#[^)]*\)"/g)].map((match) => match[1]);
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
const lightness = (rgb: string) => rgb.match(/\d+/g)!.map(Number).reduce((sum, channel) => sum + channel, 0);

describe('the cohort retention heatmap', () => {
  it('leaves month 0 out and keeps the month-not-over flag beside each rate', () => {
    expect(cohortCells(cohorts)).toEqual([[1, 0, 0.6, 0], [2, 0, 0.1, 0], [1, 1, 0.3, 1]]);
  });

  it('colours each finished month by its retention rate: the higher the rate, the darker', () => {
    const fills = drawnCells(draw(cohorts)).map((cell) => cell.fill);
    expect(fills).toHaveLength(2);
    const [high, low] = fills.map(lightness);
    expect(high).toBeLessThan(low);
  });

  it('draws the month under way outlined with dashes on white, off the colour scale: its rate so far is no drop', () => {
    // February's month 1 is under way: 30% so far, and 0% in a month's first days drew as the scale's lowest, unmarked
    const underWay = [cohort('2026-01', 100, [100, 40, 30]), cohort('2026-02', 100, [100, 0], 1)];
    const svg = draw(underWay);
    expect(drawnCells(svg)).toHaveLength(2);
    expect(drawnMonthsUnderWay(svg)).toEqual([{ fill: '#ffffff', dashes: expect.stringMatching(/^\d/) }]);
    // nor does it set the top of the scale: 90% so far in the first days of a small month would
    const early = [cohort('2026-01', 100, [100, 40]), cohort('2026-02', 100, [100, 90], 1)];
    expect(cohortHeatmapOption(early, t, format, 'en').visualMap[0].max).toBe(0.4);
  });

  it('labels the ends of the colour scale in percent, its top the highest rate after month 0 rounded up', () => {
    const legend = cohortHeatmapOption(withSmall, t, format, 'en').visualMap[0];
    // 152 of 412 is 36.9%: the top is 40%, not month 0's 100% nor the small cohort's 7 of 7
    expect([legend.min, legend.max]).toEqual([0, 0.4]);
    const drawn = texts(draw(withSmall));
    expect(drawn).toEqual(expect.arrayContaining(['0%', '40%']));
    expect(drawn).not.toContain('100%');
  });

  it('spends the palette on the rates seen: a small cohort above the top takes the darkest colour rather than stretching the scale', () => {
    const cells = drawnCells(draw(withSmall));
    const darkest = Math.min(...cells.map((cell) => lightness(cell.fill)));
    // cells in order: Jan month 1 and 2, Feb month 1, Mar (7 of 7) month 1
    expect(lightness(cells[3].fill)).toBe(darkest);
    // 36.9% is near the top of a 0–40% scale, so darker than the ramp's middle (on a 0–100% scale it was paler)
    expect(lightness(cells[0].fill)).toBeLessThan(lightness('rgb(107,174,214)'));
    expect(lightness(cells[0].fill)).toBeLessThan(lightness(cells[2].fill));
  });

  it.each([
    [0.368932, 0.4], [0.4, 0.4], [0.41, 0.45], [0.101, 0.15], [0.1, 0.1], [0.032, 0.04], [0, 0.01], [1, 1],
  ])('rounds a highest rate of %s up to a scale top of %s', (rate, top) => {
    expect(roundUpRetention(rate)).toBe(top);
  });

  it('sets the top from small cohorts only when every cohort is small', () => {
    expect(retentionScaleMaximum([cohort('2026-01', 7, [7, 2]), cohort('2026-02', 5, [5, 1])])).toBe(0.3);
  });

  it('names each row with its month and the customers it started with, and marks a small cohort', () => {
    const drawn = texts(draw(withSmall));
    expect(drawn).toEqual(expect.arrayContaining(['Jan 2026 · 412', 'Feb 2026 · 300', 'Mar 2026 · 7 (small)']));
  });

  it('hatches the cells of small cohorts, and only those', () => {
    const svg = draw(withSmall);
    const cells = drawnCells(svg);
    expect(hatchedPaths(svg)).toEqual([cells[3].path]);
  });

  it('tells in the tooltip how many customers a rate stands for, and warns on a small cohort', () => {
    const tooltip = (cell: CohortCell) => cohortCellTooltip(withSmall, cell, t, format, 'en');
    expect(tooltip([1, 0, 0.368932, 0])).toEqual(['Month 1 of the Jan 2026 cohort: 36.9% bought that month (152 of 412 customers)']);
    expect(tooltip([1, 2, 1, 1])).toEqual([
      'Month 1 of the Mar 2026 cohort, so far (the month is not over): 100% bought (7 of 7 customers)',
      'Small cohort (n = 7): one customer more or fewer moves each percentage by 14 points',
    ]);
    // the chart's own tooltip: the same lines, escaped, one per row
    expect(cohortHeatmapOption(withSmall, t, format, 'en').tooltip.formatter({ value: [1, 2, 1, 1] })).toBe(tooltip([1, 2, 1, 1]).join('<br>'));
  });

  it('counts the cohort\'s customers in the plural form of the reader\'s language', () => {
    const tiny = [cohort('2026-04', 1, [1, 1]), cohort('2026-05', 21, [21, 5], 1), cohort('2026-06', 10, [10, 4])];
    const lv = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.lv, key, variables);
    const lvFormat = createFormatters('lv-LV', null, 'UTC');
    expect(cohortCellTooltip(tiny, [1, 0, 1, 0], t, format, 'en')[0]).toBe('Month 1 of the Apr 2026 cohort: 100% bought that month (1 of 1 customer)');
    expect(cohortCellTooltip(tiny, [1, 1, 0.238095, 1], lv, lvFormat, 'lv')[0]).toMatch(/\(5 no 21 klienta\)$/);
    expect(cohortCellTooltip(tiny, [1, 2, 0.4, 0], lv, lvFormat, 'lv')[0]).toMatch(/\(4 no 10 klientiem\)$/);
  });

  it('marks the month under way in its table as in the chart: "(so far)" for a screen reader, its number in a column of its own in the CSV', () => {
    const table = cohortTable([cohort('2026-10', 20, [20, 6, 1], 2), cohort('2026-11', 10, [10, 0], 1)], t);
    // Latvian formats, English words (t is English here)
    expect(readableTable(table, createFormatters('lv-LV', null, 'UTC')).rows[1]).toEqual(['2026. g. nov.', '10', '50%', 'too early to tell', '1', '100%', '0% (so far)', '']);
    expect(csvTable(table, { currency: null, minorPerMajor: 1 })).toEqual([
      ['First purchase', 'Customers', 'Repeat-purchase rate so far (%)', 'Repeat purchase within 90 days (%)', 'Month under way', 'Month 0 (%)', 'Month 1 (%)', 'Month 2 (%)'],
      ['2026-10', 20, 50, null, 2, 100, 30, 5],
      ['2026-11', 10, 50, null, 1, 100, 0, null],
    ]);
  });

  it('compares cohorts at the same age: the repeat rate within the horizon, and "too early to tell" for a cohort too young, beside the rate so far', () => {
    const old = { ...cohort('2026-01', 20, [20, 6, 3]), repeatPurchaseRate: 0.65, repeatRateWithinHorizon: 0.35 };
    const young = { ...cohort('2026-05', 10, [10, 2]), repeatPurchaseRate: 0.2, repeatRateWithinHorizon: null };
    const table = cohortTable([old, young], t, 60);
    expect(table.header[3]).toBe('Repeat purchase within 60 days');
    expect(readableTable(table, format).rows.map((row) => row.slice(0, 4))).toEqual([['Jan 2026', '20', '65%', '35%'], ['May 2026', '10', '20%', 'too early to tell']]);
    expect(csvTable(table, { currency: null, minorPerMajor: 1 }).slice(1).map((row) => row.slice(2, 4))).toEqual([[65, 35], [20, null]]);
  });
});
