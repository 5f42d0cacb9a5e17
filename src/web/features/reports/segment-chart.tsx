import { useMemo } from 'react';
import type { RfmReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { segmentChartOption, segmentNames } from './segment-chart-option.js';

/** Size and value of each RFM segment side by side: a small segment can hold much of the revenue. */
export function SegmentChart({ segments }: { segments: RfmReport['segments'] }) {
  const { t, format } = useI18n();
  const option = useMemo(() => segmentChartOption(segments, t, format), [segments, t, format]);
  const names = segmentNames(segments, t);
  return (
    <Chart title={t('reports.segments.title')} fileName="segments" option={option} height={Math.max(260, segments.length * 44)}
      table={{ header: [t('reports.segments.segment'), t('reports.common.customers'), t('reports.common.share'), t('reports.common.revenue')], kinds: ['text', 'count', 'percent', 'money'], rows: segments.map((segment, index) => [names[index], segment.customers, segment.share, segment.revenueMinor]) }} />
  );
}
