import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { RfmReport } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { rfmCellTooltip, rfmEmptyScoresNote, rfmGridOption } from './rfm-grid-option.js';
import { readableTable } from '../../components/charts/chart-table.js';
import { segmentChartOption, segmentTable } from './segment-chart-option.js';

const i18n = (locale: Locale) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'IDR', 'UTC'),
});

const segment = (name: string, customers: number) => ({ segment: name, customers, share: customers / 100, medianRecencyDays: 30, averageFrequency: 2, revenueMinor: customers * 1000 });

/** The texts ECharts draws for an option (server-side SVG), as a reader would see them. */
function drawnTexts(option: object): string[] {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 560, height: 520 });
  chart.setOption({ color: [...categoricalPalette], animation: false, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1].replace(/&#39;/g, '\''));
}

describe('the RFM segments chart', () => {
  it('names each segment as RFM, so it does not read as the customer type of the same name', () => {
    const { t, format } = i18n('en');
    const texts = drawnTexts(segmentChartOption([segment('Loyal', 211), segment('At risk', 194), segment('New customers', 30)], t, format));
    expect(texts).toEqual(expect.arrayContaining(['RFM: Loyal', 'RFM: At risk', 'RFM: New customers']));
    expect(texts).not.toContain('Loyal');
  });

  it('does so in the reader\'s language', () => {
    const { t, format } = i18n('lv');
    expect(drawnTexts(segmentChartOption([segment('Loyal', 211), segment('At risk', 194)], t, format))).toEqual(expect.arrayContaining(['RFM: Lojālie', 'RFM: Riska grupā']));
  });

  it('draws no revenue bars for a store whose orders carry no prices, and says so in the table instead of 0', () => {
    const { t, format } = i18n('en');
    const unpriced = [segment('Loyal', 70), segment('Lost', 30)].map((row) => ({ ...row, revenueMinor: 0 }));
    const option = segmentChartOption(unpriced, t, format, false);
    expect(option.series.map((series) => series.name)).toEqual(['Customers']);
    expect(option.xAxis).toHaveLength(1);
    expect(drawnTexts(option)).not.toContain('Revenue');
    expect(readableTable(segmentTable(unpriced, t, false), format).rows).toEqual([['RFM: Loyal', '70', '70%', 'No prices recorded'], ['RFM: Lost', '30', '30%', 'No prices recorded']]);
    // with prices: both bars, and the money in the table
    expect(segmentChartOption(unpriced, t, format).series.map((series) => series.name)).toEqual(['Customers', 'Revenue']);
    expect(readableTable(segmentTable([segment('Loyal', 70)], t), format).rows[0][3]).toBe('IDR\u00a070,000');
  });

  it.each([
    ['en', 'IDR', 'IDR'],
    ['id', 'IDR', 'Rp'],
    ['lv', 'IDR', 'IDR'],
    ['en', 'EUR', '€'],
    ['id', 'EUR', '€'],
    ['lv', 'EUR', '€'],
    ['en', 'USD', 'US$'],
  ] as const)('names the revenue axis in %s %s "%s", as every amount in that language writes the currency', (locale, currency, name) => {
    const { t } = i18n(locale);
    const format = createFormatters(intlTagByLocale[locale], currency, 'UTC');
    const revenueAxis = segmentChartOption([segment('Loyal', 211)], t, format, true, currency).xAxis[1];
    // the unit in the axis's name ("Revenue (€)"), not on its own at a corner of the chart
    const axisName = t('reports.segments.revenueIn', { currency: name });
    expect(revenueAxis).toMatchObject({ name: axisName });
    expect(format.money(250_000 * format.minorPerMajor)).toContain(name);
    const texts = drawnTexts(segmentChartOption([segment('Loyal', 211)], t, format, true, currency));
    expect(texts).toContain(axisName);
    expect(texts).not.toContain(name);
  });
});

describe('the RFM grid', () => {
  const report: RfmReport = { currency: 'IDR', hasPrices: true, asOf: '2026-12-03', customers: 92, segments: [], grid: [{ r: 4, f: 5, customers: 70 }, { r: 1, f: 1, customers: 1 }, { r: 2, f: 3, customers: 21 }] };

  it('says in the tooltip which RFM segment a cell makes, and counts its customers in the plural form', () => {
    const en = i18n('en');
    const tooltip = rfmGridOption(report, en.t, en.format, 'en').tooltip.formatter;
    expect(tooltip({ value: [4, 3, 70] })).toBe('R 4 · F 5 (RFM: Loyal): 70 customers');
    expect(tooltip({ value: [0, 0, 1] })).toBe('R 1 · F 1 (RFM: Lost): 1 customer');
  });

  it.each([
    ['en', '4,470'],
    ['id', '4.470'],
  ] as const)('writes the colour legend\'s numbers in the reader\'s format (%s: "%s")', (locale, written) => {
    const { t, format } = i18n(locale);
    const large: RfmReport = { ...report, customers: 5000, grid: [{ r: 1, f: 1, customers: 4470 }, { r: 5, f: 5, customers: 530 }] };
    const texts = drawnTexts(rfmGridOption(large, t, format, locale));
    expect(texts).toContain(written);
    expect(texts).not.toContain('4470');
    // a dragged handle stands between whole customers
    expect(rfmGridOption(large, t, format, locale).visualMap.formatter(1234.6)).toBe(locale === 'en' ? '1,235' : '1.235');
  });

  it.each([
    [0, 'R 2 · F 3 (RFM: Riska grupā): 0 klienti'],
    [1, 'R 2 · F 3 (RFM: Riska grupā): 1 klients'],
    [21, 'R 2 · F 3 (RFM: Riska grupā): 21 klients'],
    [22, 'R 2 · F 3 (RFM: Riska grupā): 22 klienti'],
    [15, 'R 2 · F 3 (RFM: Riska grupā): 15 klienti'],
  ])('words %i customers in Latvian as "%s"', (customers, text) => {
    const lv = i18n('lv');
    expect(rfmCellTooltip([2, 1, customers], lv.t, lv.format, 'lv')).toBe(text);
  });
});

describe('the note under the RFM grid', () => {
  // CDNOW's shape: the one-time buyers (F1) fill more than two fifths, so no one scores F2
  const grid = [1, 2, 3, 4, 5].flatMap((r) => [1, 3, 4, 5].map((f) => ({ r, f, customers: 10 })));
  it('names the empty score and explains the ties in every language', () => {
    expect(rfmEmptyScoresNote({ customers: 200, grid }, i18n('en').t)).toMatch(/^No customer scores F2: customers with the same value share one score, that of the fifth their group begins in/);
    expect(rfmEmptyScoresNote({ customers: 200, grid }, i18n('id').t)).toMatch(/^Tidak ada pelanggan dengan skor F2: /);
    expect(rfmEmptyScoresNote({ customers: 200, grid }, i18n('lv').t)).toMatch(/^Nevienam klientam nav F2: /);
  });
  it('says nothing when every score has customers, or before any scoring', () => {
    const full = [1, 2, 3, 4, 5].flatMap((r) => [1, 2, 3, 4, 5].map((f) => ({ r, f, customers: 1 })));
    expect(rfmEmptyScoresNote({ customers: 25, grid: full }, i18n('en').t)).toBeNull();
    expect(rfmEmptyScoresNote({ customers: 0, grid: [] }, i18n('en').t)).toBeNull();
  });
});
