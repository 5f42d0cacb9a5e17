import type { Segment } from '../../api/analytics-types.js';
import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import type { ChartTable } from '../../components/charts/chart-table.js';
import { escapeHtml } from '../../components/charts/escape-html.js';
import type { Formatters } from '../../i18n/format.js';
import { shortLabels } from './short-labels.js';
import { countAxis } from '../../components/charts/count-axis.js';

/**
 * Characters of a name on the axis: about 140 px of the chart's 12 px labels. Uncut, a long name
 * took the chart's whole width and left no bars.
 */
export const savedSegmentLabelBudget = 22;

/** Staff-defined segments (from /api/segments) by size, with the whole name and the revenue (when the API gives it) in the tooltip. */
export function savedSegmentsOption(segments: readonly Segment[], format: Pick<Formatters, 'number' | 'compact' | 'money'>) {
  return {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const segment = segments[items[0].dataIndex];
        const revenue = typeof segment.revenue_minor === 'number' ? ` · ${format.money(segment.revenue_minor)}` : '';
        // a segment's name is typed by staff: text, never markup, in the tooltip's HTML
        return escapeHtml(`${segment.name}: ${format.number(segment.member_count)}${revenue}`);
      },
    },
    grid: gridAroundLabels({ left: 8, right: 24, top: 8, bottom: 8 }),
    xAxis: countAxis(format),
    // cut by shortLabels so two names never read as one; ECharts' own cut only catches unusually wide letters
    yAxis: { type: 'category', data: shortLabels(segments.map((segment) => segment.name), savedSegmentLabelBudget), inverse: true, axisLabel: { width: 170, overflow: 'truncate' } },
    series: [{ type: 'bar', data: segments.map((segment) => segment.member_count) }],
  };
}

/** Each segment's whole name and size; revenue only once the API sends it (it does not yet), rather than an empty column. */
export function savedSegmentsTable(segments: readonly Segment[], t: (key: string) => string): ChartTable {
  const hasRevenue = segments.some((segment) => typeof segment.revenue_minor === 'number');
  return {
    header: [t('reports.segments.segment'), t('reports.common.customers'), ...(hasRevenue ? [t('reports.common.revenue')] : [])],
    kinds: ['text', 'count', 'money'],
    rows: segments.map((segment) => [segment.name, segment.member_count, ...(hasRevenue ? [segment.revenue_minor ?? null] : [])]),
  };
}
