import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { Cohort } from '../../api/analytics-types.js';
import { cohortCells, cohortHeatmapOption } from './cohort-heatmap-option.js';

const cohort = (month: string, rates: number[], partialFrom = Number.POSITIVE_INFINITY): Cohort => ({
  cohort: month, customers: 10, repeatPurchaseRate: 0.5, medianDaysToSecondPurchase: 30,
  months: rates.map((retentionRate, monthIndex) => ({ monthIndex, activeCustomers: Math.round(retentionRate * 10), retentionRate, revenuePerCustomerMinor: 100, isPartial: monthIndex >= partialFrom })),
});

const cohorts = [cohort('2026-01-01', [1, 0.6, 0.1]), cohort('2026-02-01', [1, 0.3], 1)];

/** Draws the option with ECharts itself (server-side SVG) and reads each heatmap cell's fill, by data index. */
function drawnCellFills(): string[] {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 480, height: 320 });
  chart.setOption({ animation: false, ...cohortHeatmapOption(cohorts, (key) => key, { month: (month) => month.slice(0, 7), percent: (ratio) => `${Math.round(ratio * 100)}%` }) });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const fills: string[] = [];
  for (const match of svg.matchAll(/<path [^>]*fill="(rgb\([^)]*\))"[^>]*ecmeta_data_index="(\d+)"/g)) fills[Number(match[2])] = match[1];
  return fills;
}

const lightness = (rgb: string) => rgb.match(/\d+/g)!.map(Number).reduce((sum, channel) => sum + channel, 0);

describe('the cohort retention heatmap', () => {
  it('leaves month 0 out and keeps the month-not-over flag beside each rate', () => {
    expect(cohortCells(cohorts)).toEqual([[1, 0, 0.6, 0], [2, 0, 0.1, 0], [1, 1, 0.3, 1]]);
  });

  it('colours each cell by its retention rate: the higher the rate, the darker, whether or not its month is over', () => {
    const fills = drawnCellFills();
    expect(fills).toHaveLength(3);
    const [high, low, partial] = fills.map(lightness);
    // 0.6 (finished) darker than 0.3 (month not over) darker than 0.1 (finished)
    expect(high).toBeLessThan(partial);
    expect(partial).toBeLessThan(low);
  });
});
