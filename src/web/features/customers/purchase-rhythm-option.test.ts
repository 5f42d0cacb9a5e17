import * as echarts from 'echarts';
import { getWidth } from 'zrender/lib/contain/text.js';
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { purchaseRhythmOption } from './purchase-rhythm-option.js';

const i18n = (locale: Locale) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta'),
  locale,
});

/** Where ECharts draws the median's label and the bars (server-side SVG), at a phone's card width and a desktop's. */
function drawn(option: object, width: number) {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width, height: 240 });
  chart.setOption({ animation: false, ...option });
  const svg = chart.renderToSVGString();
  chart.dispose();
  // a bar: its corner, then relative moves across, up and back ("M39 212l29.1 0l0 -13.7l-29.1 0Z")
  const bars = [...svg.matchAll(/<path d="M([\d.]+) [\d.]+l([\d.]+) 0l0 -[\d.]+l-[\d.]+ 0Z"[^>]*ecmeta_series_index/g)]
    .map((match) => ({ left: Number(match[1]), right: Number(match[1]) + Number(match[2]) }));
  const labels = [...svg.matchAll(/<text [^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>([^<]*)<\/text>/g)]
    .map((match) => ({ x: Number(match[1]), text: match[3], anchor: /text-anchor="(\w+)"/.exec(match[0])?.[1] ?? 'start' }));
  return { bars, labels };
}

describe("the purchase rhythm's median line", () => {
  it.each([['en', 330], ['lv', 330], ['id', 700]] as const)('has its label beside the plot, clear of the last bar, however tall (%s, %i px)', (locale, width) => {
    const { t, format } = i18n(locale);
    const points = [3, 5, 4, 6, 40].map((gapDays, index) => ({ day: `2026-0${index + 1}-10`, gapDays, amountMinor: 1000 }));
    const option = purchaseRhythmOption(points, 4.5, true, i18n(locale));
    const { bars, labels } = drawn(option, width);
    const medianText = t('customer.rhythm.medianLabel', { days: format.number(4.5, 1) });
    const label = labels.find((candidate) => candidate.text === medianText);
    expect(label).toBeDefined();
    const textWidth = getWidth(medianText, '12px sans-serif');
    const labelLeft = label!.anchor === 'middle' ? label!.x - textWidth / 2 : label!.anchor === 'end' ? label!.x - textWidth : label!.x;
    expect(bars.length).toBeGreaterThanOrEqual(points.length);
    expect(labelLeft).toBeGreaterThan(Math.max(...bars.map((bar) => bar.right)));
    expect(labelLeft + textWidth).toBeLessThanOrEqual(width);
  });
});
