import * as echarts from 'echarts';
import { describe, expect, it } from 'vitest';
import type { Segment } from '../../api/analytics-types.js';
import { categoricalPalette } from '../../components/charts/palette.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { savedSegmentsOption, savedSegmentsTable } from './saved-segments-option.js';

const format = createFormatters('en-GB', 'IDR', 'UTC');
const segment = (segmentId: number, name: string, members: number): Segment => ({ segment_id: segmentId, name, description: null, member_count: members, refreshed_at: null, problems: [] });
// as in the review: two segments whose names start alike, which the axis once cut to the same "Big spenders Jakarta e…"
const segments = [segment(1, 'Big spenders Jakarta east side', 42), segment(2, 'Big spenders Jakarta evening shoppers', 17), segment(3, 'VIP', 9)];

/** The category labels ECharts draws (server-side SVG), top to bottom. */
function drawnAxisLabels(shown: readonly Segment[]): string[] {
  const chart = echarts.init(null as unknown as HTMLElement, undefined, { renderer: 'svg', ssr: true, width: 520, height: 240 });
  chart.setOption({ color: [...categoricalPalette], animation: false, ...savedSegmentsOption(shown, format) });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const names = new Set(shown.map((row) => row.name.slice(0, 3)));
  return [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((match) => match[1]).filter((text) => names.has(text.slice(0, 3)));
}

describe('the saved-segments chart', () => {
  it('draws two long names that start alike as two different labels, each showing its end', () => {
    const labels = drawnAxisLabels(segments);
    expect(labels).toEqual(['Big spenders…ast side', 'Big spenders…shoppers', 'VIP']);
  });

  it('keeps the whole name in the tooltip, as text', () => {
    const named = [...segments, segment(4, 'Autumn <b>re-engagement</b>', 3)];
    const tooltip = savedSegmentsOption(named, format).tooltip.formatter;
    expect(tooltip([{ dataIndex: 1 }])).toBe('Big spenders Jakarta evening shoppers: 17');
    expect(tooltip([{ dataIndex: 3 }])).toBe('Autumn &lt;b&gt;re-engagement&lt;/b&gt;: 3');
  });
});

describe("the saved segments' table", () => {
  const english = (key: string) => lookupMessage(messagesByLocale.en, key);
  it('has no revenue column while the API sends no revenue, rather than one empty on every row', () => {
    expect(savedSegmentsTable(segments, english)).toMatchObject({ header: ['Segment', 'Customers'], rows: [['Big spenders Jakarta east side', 42], ['Big spenders Jakarta evening shoppers', 17], ['VIP', 9]] });
  });

  it('has one, in money, once it does', () => {
    const table = savedSegmentsTable([{ ...segments[0], revenue_minor: 1_930_000 }, segments[2]], english);
    expect(table).toMatchObject({ header: ['Segment', 'Customers', 'Revenue'], kinds: ['text', 'count', 'money'], rows: [['Big spenders Jakarta east side', 42, 1_930_000], ['VIP', 9, null]] });
  });
});
