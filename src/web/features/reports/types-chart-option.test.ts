import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { TypesReport } from '../../api/analytics-types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { typeColour } from './type-colours.js';
import { typesChartOption } from './types-chart-option.js';

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
