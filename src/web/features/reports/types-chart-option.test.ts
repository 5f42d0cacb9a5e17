import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { TypesReport } from '../../api/analytics-types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { typeColour } from './type-colours.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { readableTable } from '../../components/charts/chart-table.js';
import { clickedType, holdsSeveralTypes, typeListPath, typesChartOption, typesTable, typeTooltipLines } from './types-chart-option.js';

const report = (counts: Array<[string, number]>, hasPrices = true): TypesReport => ({
  currency: 'IDR', hasPrices, asOf: '2026-11-01T00:00:00Z', customers: 100, combinations: [],
  revenueLast365DaysFrom: '2025-11-01', revenueLast365DaysMinor: 100_000, revenueLifetimeMinor: 200_000,
  types: counts.map(([type, customers]) => ({
    type, customers, primaryCustomers: customers, share: customers / 100,
    revenueLast365DaysMinor: customers * 1000, revenueLast365DaysShare: customers / 100, revenueLifetimeMinor: customers * 2000, revenueLifetimeShare: customers / 100,
  })),
});

/** A fill as ECharts wrote it (hex, or rgb() for a colour it picked itself) in the hex of type-colours.ts. */
const hexOf = (fill: string) => (fill.startsWith('#') ? fill.toUpperCase() : `#${fill.match(/\d+/g)!.map((channel) => Number(channel).toString(16).padStart(2, '0')).join('').toUpperCase()}`);

/** Draws the option as <Chart> does (the app's palette first) with ECharts itself, and reads each bar's fill by data index. */
function drawnBarFills(types: TypesReport): string[] {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 480, height: 400 });
  chart.setOption({ color: [...categoricalPalette], animation: false, ...typesChartOption(types, (key) => key, { number: String, money: String, percent: String, compact: String }) });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const fills: string[] = [];
  for (const match of svg.matchAll(/<path [^>]*fill="(#[0-9A-Fa-f]{6}|rgb\([^)]*\))"[^>]*ecmeta_data_index="(\d+)"/g)) fills[Number(match[2])] = hexOf(match[1]);
  return fills;
}

describe('the customers-by-type bar chart', () => {
  it('draws each bar in its type\'s own colour', () => {
    const all = report([['at_risk', 5], ['lapsed', 9], ['vip', 3], ['new', 2], ['regular', 8], ['loyal', 7], ['occasional', 12], ['one_time', 6], ['lead', 20], ['consumer', 4]]);
    expect(drawnBarFills(all)).toEqual(all.types.map((row) => typeColour(row.type)));
  });

  it('keeps a type\'s colour wherever its bar falls, whichever types are present', () => {
    const many = drawnBarFills(report([['at_risk', 5], ['lapsed', 9], ['vip', 3], ['lead', 20]]));
    // no customer is at risk or lapsed: VIP's bar moves up to the top, its colour stays
    const few = drawnBarFills(report([['at_risk', 0], ['lapsed', 0], ['vip', 3], ['lead', 20]]));
    expect(many[2]).toBe(typeColour('vip'));
    expect(few).toEqual([typeColour('vip'), typeColour('lead')]);
  });

  it('draws a type it does not know in the neutral grey', () => {
    expect(drawnBarFills(report([['vip', 3], ['dormant', 2]]))).toEqual([typeColour('vip'), typeColour('dormant')]);
  });
});

// The demo store's types report (GET /api/reports/types): 1,090 customers, the bars add up to 1,556
const demoRow = (type: string, customers: number, primaryCustomers: number, share: number) => ({
  type, customers, primaryCustomers, share, revenueLast365DaysMinor: 0, revenueLast365DaysShare: 0, revenueLifetimeMinor: 0, revenueLifetimeShare: 0,
});
const demo: TypesReport = {
  currency: 'IDR', hasPrices: true, asOf: '2026-12-03T17:00:00.000Z', asOfDay: '2026-12-03', customers: 1090, combinations: [],
  revenueLast365DaysFrom: '2025-12-04', revenueLast365DaysMinor: 0, revenueLifetimeMinor: 0,
  types: [
    demoRow('at_risk', 123, 123, 0.1128), demoRow('lapsed', 312, 312, 0.2862), demoRow('vip', 40, 27, 0.0367), demoRow('new', 27, 27, 0.0248),
    demoRow('regular', 19, 17, 0.0174), demoRow('loyal', 160, 96, 0.1468), demoRow('occasional', 404, 169, 0.3706), demoRow('one_time', 26, 26, 0.0239),
    demoRow('lead', 293, 293, 0.2688), demoRow('consumer', 152, 0, 0.1394),
  ],
};
const english = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale.en, key, variables);

describe('what the customers-by-type chart tells and where it leads', () => {
  it('says a customer can hold several types when the bars add up past the customers', () => {
    expect(demo.types.reduce((sum, row) => sum + row.customers, 0)).toBe(1556);
    expect(holdsSeveralTypes(demo)).toBe(true);
    expect(holdsSeveralTypes(report([['vip', 30], ['lead', 70]]))).toBe(false);
  });

  it('counts each customer once, by their main type, in the tooltip beside the customers holding the type', () => {
    const loyal = demo.types.find((row) => row.type === 'loyal')!;
    expect(typeTooltipLines(loyal, english, createFormatters('en-GB', 'IDR', 'UTC'), false)).toEqual([
      'Loyal', 'Customers with this type: 160', 'With it as their main type: 96', 'Click to list these customers',
    ]);
  });

  it('gives a type\'s revenue over the last 365 days with its share of all customers\', and all time, in the tooltip', () => {
    const keys = (key: string, variables?: Record<string, string | number>) => (variables ? `${key} ${JSON.stringify(variables)}` : key);
    const vip = { ...demo.types[2], revenueLast365DaysMinor: 85_000_000, revenueLast365DaysShare: 0.9341, revenueLifetimeMinor: 192_000_000 };
    expect(typeTooltipLines(vip, keys, createFormatters('en-GB', 'IDR', 'UTC')).slice(3)).toEqual([
      'reports.types.tooltipRevenue {"revenue":"IDR\u00a085,000,000","share":"93.4%"}',
      'reports.types.tooltipRevenueLifetime {"revenue":"IDR\u00a0192,000,000"}',
      'reports.types.tooltipOpen',
    ]);
    expect(typeTooltipLines({ ...vip, revenueLast365DaysShare: null }, keys, createFormatters('en-GB', 'IDR', 'UTC'))[3]).toBe('reports.types.tooltipRevenue {"revenue":"IDR\u00a085,000,000","share":"–"}');
  });

  it('opens the customer list of the type clicked, by its bar or its name', () => {
    expect(clickedType(demo, { componentType: 'series', dataIndex: 5 }, english)).toBe('loyal');
    expect(clickedType(demo, { componentType: 'yAxis', value: 'Consumer' }, english)).toBe('consumer');
    expect(clickedType(demo, { componentType: 'xAxis', value: 'Customers' }, english)).toBeNull();
    expect(typeListPath('at_risk')).toBe('/customers?type=at_risk');
    expect(typesChartOption(demo, english, createFormatters('en-GB', 'IDR', 'UTC')).yAxis.triggerEvent).toBe(true);
  });

  it('puts the main-type count, the share, and with prices each type\'s revenue over 365 days, its share and all time in its table', () => {
    const keys = (key: string) => key;
    const table = typesTable(report([['vip', 3]]), keys);
    expect(table.header).toEqual(['reports.types.type', 'reports.common.customers', 'reports.types.primaryCustomers', 'reports.common.share',
      'reports.types.revenueLast365Days', 'reports.types.revenueShare', 'reports.types.revenueLifetime']);
    expect(readableTable(table, createFormatters('id-ID', 'IDR', 'UTC')).rows[0]).toEqual(['customerTypes.vip', '3', '3', '3%', 'Rp\u00a03.000', '3%', 'Rp\u00a06.000']);
    const unpriced = typesTable(report([['vip', 3]], false), english);
    expect(unpriced.header).toEqual(['Type', 'Customers', 'Customers (main type)', 'Share']);
    expect(readableTable(unpriced, createFormatters('id-ID', 'IDR', 'UTC')).rows[0]).toEqual(['VIP', '3', '3', '3%']);
  });
});
