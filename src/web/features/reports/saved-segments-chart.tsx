import type { Segment } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Staff-defined segments (from /api/segments) by size, with their revenue in the tooltip when the API gives it. */
export function SavedSegmentsChart({ segments }: { segments: Segment[] }) {
  const { t, format } = useI18n();
  const option = {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const segment = segments[items[0].dataIndex];
        const revenue = typeof segment.revenue_minor === 'number' ? ` · ${format.money(segment.revenue_minor)}` : '';
        // a segment's name is typed by staff: text, never markup, in the tooltip's HTML
        return escapeHtml(`${segment.name}: ${format.number(segment.member_count)}${revenue}`);
      },
    },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.compact(value) } },
    // a long name is cut, whole in the tooltip: uncut, it took the chart's whole width and left no bars
    yAxis: { type: 'category', data: segments.map((segment) => segment.name), inverse: true, axisLabel: { width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', data: segments.map((segment) => segment.member_count) }],
  };
  return (
    <Chart title={t('reports.savedSegments.title')} fileName="segments-saved" option={option} height={Math.max(200, segments.length * 36)}
      table={{ header: [t('reports.segments.segment'), t('reports.common.customers'), t('reports.common.revenueMinor')], rows: segments.map((segment) => [segment.name, segment.member_count, segment.revenue_minor ?? null]) }} />
  );
}
