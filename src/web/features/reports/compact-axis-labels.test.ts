import * as echarts from 'echarts';
import { getWidth } from 'zrender/lib/contain/text.js';
import { describe, expect, it } from 'vitest';
import type { LifecycleFunnel, RfmReport, Segment } from '../../api/analytics-types.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { funnelOption } from './funnel-option.js';
import { savedSegmentsOption } from './saved-segments-option.js';
import { segmentChartOption } from './segment-chart-option.js';

const i18n = (locale: Locale) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'EUR', 'UTC'),
});

type Label = { text: string; x: number; y: number };

/** The labels of the horizontal axes ECharts draws (server-side SVG) at a phone's chart width. */
function horizontalAxisLabels(option: object, width = 330): Label[] {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width, height: 260 });
  chart.setOption({ animation: false, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return [...svg.matchAll(/<text [^>]*text-anchor="middle"[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>([^<]*)<\/text>/g)]
    .map((match) => ({ x: Number(match[1]), y: Number(match[2]), text: match[3] }));
}

/** Two labels on one axis line whose drawn boxes touch or overlap ("0 5001 rb1,5 rb"). */
function touching(labels: Label[]): string[] {
  const rows = new Map<number, Label[]>();
  for (const label of labels) rows.set(label.y, [...(rows.get(label.y) ?? []), label]);
  return [...rows.values()].flatMap((row) => row.sort((a, b) => a.x - b.x).slice(1).flatMap((label, index) => {
    const before = row[index];
    const gap = label.x - before.x - (getWidth(label.text, '12px sans-serif') + getWidth(before.text, '12px sans-serif')) / 2;
    return gap < 4 ? [`${before.text}|${label.text}`] : [];
  }));
}

const funnel: LifecycleFunnel = {
  dimension: 'all', segment: 'all', medianDaysToActivation: 3, medianDaysToRetention: 40,
  stages: [
    { stage: 'acquisition', customers: 3296, conversionFromPrevious: null },
    { stage: 'activation', customers: 2388, conversionFromPrevious: 0.725 },
    { stage: 'retention', customers: 2079, conversionFromPrevious: 0.871 },
    { stage: 'advocacy', customers: 0, conversionFromPrevious: null },
  ],
};
const rfmSegment = (name: string, customers: number, revenueMinor: number): RfmReport['segments'][number] =>
  ({ segment: name, customers, share: customers / 4, medianRecencyDays: 30, averageFrequency: 2, revenueMinor });
const savedSegment = (segmentId: number, members: number): Segment => ({ segment_id: segmentId, name: `S${segmentId}`, description: null, member_count: members, refreshed_at: null, problems: [] });

describe('compact axis labels', () => {
  it.each(['lv', 'id'] as const)('never run together on a phone (%s): funnel, RFM segments and saved segments', (locale) => {
    const { t, format } = i18n(locale);
    const options = [
      funnelOption(funnel, t, format),
      segmentChartOption([rfmSegment('champions', 1700, 2_450_000_00), rfmSegment('at_risk', 1200, 1_300_000_00)], t, format),
      savedSegmentsOption([savedSegment(1, 14_500), savedSegment(2, 9_000)], format),
    ];
    for (const option of options) {
      const labels = horizontalAxisLabels(option);
      expect(labels.length).toBeGreaterThan(1);
      expect(touching(labels)).toEqual([]);
    }
  });

  it.each(['en', 'id', 'lv'] as const)('keep the RFM revenue axis readable on a phone in rupiah (%s): 0, a half and a round end, the currency named once, in the axis\'s name', (locale) => {
    const { t } = i18n(locale);
    const format = createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta');
    const option = segmentChartOption([rfmSegment('champions', 700, 2_150_000_000_00), rfmSegment('loyal', 500, 1_300_000_000_00), rfmSegment('at_risk', 300, 400_000_000_00)], t, format, true, 'IDR');
    const labels = horizontalAxisLabels(option);
    // the revenue panel is the lower one, its axis under it
    const ticks = labels.filter((label) => !label.text.includes('('));
    const bottom = Math.max(...ticks.map((label) => label.y));
    const revenue = ticks.filter((label) => label.y === bottom).map((label) => label.text);
    expect(revenue).toEqual(['0', format.compact(150_000_000_000), format.compact(300_000_000_000)]);
    expect(revenue.join(' ')).not.toMatch(/IDR|Rp/);
    expect(touching(labels)).toEqual([]);
  });

  it('count customers in whole numbers on a small store', () => {
    const { t, format } = i18n('lv');
    const small = segmentChartOption(['about_to_sleep', 'cannot_lose', 'hibernating', 'new'].map((name) => rfmSegment(name, 1, 50_00)), t, format, false);
    const smallFunnel: LifecycleFunnel = { ...funnel, stages: funnel.stages.map((stage) => ({ ...stage, customers: Math.min(stage.customers, 1) })) };
    for (const option of [small, funnelOption(smallFunnel, t, format), savedSegmentsOption([savedSegment(1, 1)], format)]) {
      const texts = horizontalAxisLabels(option, 520).map((label) => label.text);
      expect(texts).toContain('1');
      expect(texts.filter((text) => /[,.]/.test(text))).toEqual([]);
    }
  });
});
