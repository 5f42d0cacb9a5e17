import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { TypeMigration } from '../../api/analytics-types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { typeColour } from './type-colours.js';
import { sankeyGraph, typeSankeyOption } from './type-sankey-option.js';

const migration = (flows: Array<[string, string, number]>): TypeMigration => ({
  from: '2026-01-01T17:00:00.000Z', to: '2026-07-01T17:00:00.000Z', fromDay: '2026-01-01', toDay: '2026-07-01', flows: flows.map(([fromType, toType, customers]) => ({ fromType, toType, customers })),
});

/** A fill as ECharts wrote it (hex, or rgb() for a colour it picked itself) in the hex of type-colours.ts. */
const hexOf = (fill: string) => (fill.startsWith('#') ? fill.toUpperCase() : `#${fill.match(/\d+/g)!.map((channel) => Number(channel).toString(16).padStart(2, '0')).join('').toUpperCase()}`);

/** Draws the option as <Chart> does (the app's palette first) and reads each node's fill, by node id; flows are filled with gradients. */
function drawnNodeFills(types: TypeMigration): Record<string, string> {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 480, height: 400 });
  chart.setOption({ color: [...categoricalPalette], animation: false, ...typeSankeyOption(types, (key) => key, { number: String }, 'en') });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const nodes = sankeyGraph(types.flows).nodes;
  const fills: Record<string, string> = {};
  for (const match of svg.matchAll(/<path [^>]*fill="(#[0-9A-Fa-f]{6}|rgb\([^)]*\))"[^>]*ecmeta_data_index="(\d+)"/g)) fills[nodes[Number(match[2])].name] = hexOf(match[1]);
  return fills;
}

describe('the type-migration Sankey chart', () => {
  it('draws a type\'s node in its own colour on both sides, wherever the flows put it', () => {
    const vipFirst = drawnNodeFills(migration([['vip', 'vip', 30], ['new', 'regular', 20], ['at_risk', 'lapsed', 10]]));
    const vipLast = drawnNodeFills(migration([['none', 'new', 40], ['regular', 'at_risk', 25], ['lapsed', 'vip', 2], ['vip', 'vip', 1]]));
    for (const fills of [vipFirst, vipLast]) {
      expect(fills['from:vip']).toBe(typeColour('vip'));
      expect(fills['to:vip']).toBe(typeColour('vip'));
    }
    expect(vipFirst).toEqual({
      'from:vip': typeColour('vip'), 'from:new': typeColour('new'), 'from:at_risk': typeColour('at_risk'),
      'to:vip': typeColour('vip'), 'to:regular': typeColour('regular'), 'to:lapsed': typeColour('lapsed'),
    });
    expect(vipLast['from:none']).toBe(typeColour('none'));
    expect(vipLast['to:at_risk']).toBe(typeColour('at_risk'));
  });

  it('draws a type it does not know in the neutral grey', () => {
    expect(drawnNodeFills(migration([['dormant', 'loyal', 3]]))).toEqual({ 'from:dormant': typeColour('dormant'), 'to:loyal': typeColour('loyal') });
  });

  it('counts a flow\'s customers in the plural form of the reader\'s language', () => {
    const flowText = (locale: 'en' | 'lv', customers: number) => {
      const t = (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);
      const option = typeSankeyOption(migration([['new', 'regular', customers]]), t, createFormatters(locale === 'en' ? 'en-GB' : 'lv-LV', null, 'UTC'), locale);
      return option.tooltip.formatter({ dataType: 'edge', name: '', value: customers, data: { source: 'from:new', target: 'to:regular' } });
    };
    expect(flowText('en', 1)).toBe('New → Regular: 1 customer');
    expect(flowText('en', 12)).toBe('New → Regular: 12 customers');
    expect(flowText('lv', 1)).toBe('Jauns → Regulārs: 1 klients');
    expect(flowText('lv', 10)).toBe('Jauns → Regulārs: 10 klienti');
    expect(flowText('lv', 3)).toBe('Jauns → Regulārs: 3 klienti');
  });
});
