import { useMemo } from 'react';
import type { RfmReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { useStoreSettings } from '../settings/store-settings-context.js';
import { segmentChartHeight, segmentChartOption, segmentTable } from './segment-chart-option.js';
import { RfmSegmentLegend } from './rfm-segment-legend.js';

/** Size and value of each RFM segment side by side: a small segment can hold much of the revenue. */
export function SegmentChart({ report }: { report: RfmReport }) {
  const { t, format } = useI18n();
  const { segments, hasPrices } = report;
  const currency = useStoreSettings()?.currency ?? null;
  const option = useMemo(() => segmentChartOption(segments, t, format, hasPrices, currency), [segments, t, format, hasPrices, currency]);
  return (
    <>
      <Chart title={t('reports.segments.title')} fileName={t('files.charts.segments')} option={option} height={segmentChartHeight(segments.length, hasPrices)} table={segmentTable(segments, t, hasPrices)} />
      {hasPrices === false ? <p className="small muted">{t('reports.common.noPricesNote')}</p> : null}
      <RfmSegmentLegend segments={segments.map((segment) => segment.segment)} />
    </>
  );
}
