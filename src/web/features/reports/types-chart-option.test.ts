import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { TypesReport } from '../../api/analytics-types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { typeColour } from './type-colours.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { readableTable } from '../../components/charts/chart-table.js';
import { clickedType, holdsSeveralTypes, typeListPath, typesChartOption, typesTable, typeTooltipLines } from './types-chart-option.js';

const report = (counts: Array<[string, number]>): TypesReport => ({
  asOf: '2026-11-01T00:00:00Z', customers: 100, combinations: [],
  types: counts.map(([type, customers]) => ({ type, customers, primaryCustomers: customers, share: customers / 100, revenueMinor: customers * 1000 })),
});

/** A fill as ECharts wrote it (hex, or rgb() for a colour it picked itself) in the hex of type-colours.ts. */
const hexOf = (fill: string) => (fill.startsWith('#') ? fill.toUpperCase() : `#${fill.match(/\d+/g)!.map((channel) => Number(channel).toString(16).padStart(2, '0')).join('').toUpperCase()}`);

/** Draws the option as <Chart> does (the app's palette first) with ECharts itself, and reads each bar's fill by data index. */
function drawnBarFills(types: TypesReport): string[] {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 480, height: 400 });
  chart.setOption({ color: [...categoricalPalette], animation: false, ...typesChartOption(types, (key) => key, { number: String, money: String, compact: String }) });
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
const demo: TypesReport = {
  asOf: '2026-12-03T17:00:00.000Z', asOfDay: '2026-12-03', customers: 1090, combinations: [],
  types: [
    { type: 'at_risk', customers: 123, primaryCustomers: 123, share: 0.112844 }, { type: 'lapsed', customers: 312, primaryCustomers: 312, share: 0.286239 },
    { type: 'vip', customers: 40, primaryCustomers: 27, share: 0.036697 }, { type: 'new', customers: 27, primaryCustomers: 27, share: 0.024771 },
    { type: 'regular', customers: 19, primaryCustomers: 17, share: 0.017431 }, { type: 'loyal', customers: 160, primaryCustomers: 96, share: 0.146789 },
    { type: 'occasional', customers: 404, primaryCustomers: 169, share: 0.370642 }, { type: 'one_time', customers: 26, primaryCustomers: 26, share: 0.023853 },
    { type: 'lead', customers: 293, primaryCustomers: 293, share: 0.268807 }, { type: 'consumer', customers: 152, primaryCustomers: 0, share: 0.13945 },
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
    expect(typeTooltipLines(loyal, english, createFormatters('en-GB', 'IDR', 'UTC'))).toEqual([
      'Loyal', 'Customers with this type: 160', 'With it as their main type: 96', 'Click to list these customers',
    ]);
  });

  it('opens the customer list of the type clicked, by its bar or its name', () => {
    expect(clickedType(demo, { componentType: 'series', dataIndex: 5 }, english)).toBe('loyal');
    expect(clickedType(demo, { componentType: 'yAxis', value: 'Consumer' }, english)).toBe('consumer');
    expect(clickedType(demo, { componentType: 'xAxis', value: 'Customers' }, english)).toBeNull();
    expect(typeListPath('at_risk')).toBe('/customers?type=at_risk');
    expect(typesChartOption(demo, english, createFormatters('en-GB', 'IDR', 'UTC')).yAxis.triggerEvent).toBe(true);
  });

  it('puts the main-type count and the share in its table, and no revenue column while the report has no revenue', () => {
    const table = typesTable(demo, english);
    expect(table.header).toEqual(['Type', 'Customers', 'Customers (main type)', 'Share']);
    expect(readableTable(table, createFormatters('id-ID', 'IDR', 'UTC')).rows[0]).toEqual(['At risk', '123', '123', '11,3%']);
    const withRevenue = report([['vip', 3]]);
    expect(typesTable(withRevenue, english).header.at(-1)).toBe('Revenue');
  });
});
