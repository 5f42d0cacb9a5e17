import { useMemo } from 'react';
import type { RfmReport } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { rfmEmptyScoresNote, rfmGridOption } from './rfm-grid-option.js';

/** Recency (rows) × frequency (columns) scores, 5 = best; the colour is the number of customers. */
export function RfmGridChart({ report }: { report: RfmReport }) {
  const { t, format, locale } = useI18n();
  const option = useMemo(() => rfmGridOption(report, t, format, locale), [report, t, format, locale]);
  const emptyNote = rfmEmptyScoresNote(report, t);
  return (
    <>
      <Chart title={t('reports.rfm.title')} fileName={t('files.charts.rfmGrid')} option={option} height={360}
        table={{ header: [t('reports.rfm.recency'), t('reports.rfm.frequency'), t('reports.common.customers')], kinds: ['count', 'count', 'count'], rows: report.grid.map((cell) => [cell.r, cell.f, cell.customers]) }} />
      {emptyNote ? <p className="small muted">{emptyNote}</p> : null}
    </>
  );
}
