import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { segmentChartHeight, segmentChartOption } from './segment-chart-option.js';

const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.lv, key, variables);
const format = createFormatters('lv-LV', 'EUR', 'UTC');
const segment = (name: string, customers: number, revenueMinor: number) => ({ segment: name, customers, share: customers / 100, medianRecencyDays: 30, averageFrequency: 2, revenueMinor });
const segments = [segment('Champions', 60, 9_000_000), segment('Loyal', 30, 2_000_000), segment('Lost', 10, 100_000)];

describe('the RFM segments chart\'s panels', () => {
  it('draws customers and revenue in two panels, each bar against gridlines of its own axis', () => {
    const option = segmentChartOption(segments, t, format, true, 'EUR');
    expect(option.grid).toHaveLength(2);
    expect(option.series.map((series) => [series.name, 'xAxisIndex' in series ? series.xAxisIndex : 0, 'yAxisIndex' in series ? series.yAxisIndex : 0])).toEqual([['Klienti', 0, 0], ['Ieņēmumi', 1, 1]]);
    expect(option.xAxis.map((axis) => ('gridIndex' in axis ? axis.gridIndex : 0))).toEqual([0, 1]);
    expect(option.xAxis[1]).toMatchObject({ name: 'Ieņēmumi (€)' });
    expect(option.xAxis[1]).not.toHaveProperty('splitLine');
  });

  it('lays the panels one above the other, apart, each with the room for its axis under it', () => {
    const height = segmentChartHeight(segments.length);
    const [upper, lower] = segmentChartOption(segments, t, format, true, 'EUR').grid;
    // the upper panel ends where the lower one's band starts: no gridline of one runs through the other's bars
    expect(height - upper.bottom).toBeLessThanOrEqual(lower.top);
    expect(upper.top).toBeLessThan(height - upper.bottom);
    expect(lower.top).toBeLessThan(height - lower.bottom);
  });
});
