import { useMemo } from 'react';
import type { LifecycleFunnel } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { funnelOption, funnelTable, horizonLines, untrackedNotes } from './funnel-option.js';

/**
 * The lifecycle stages as bars, each with its count and conversion so far; under the chart each step's
 * conversion within the horizon (comparable whatever the customers' age), and a stage not tracked yet says so.
 */
export function FunnelChart({ funnel, horizonDays = 90 }: { funnel: LifecycleFunnel; horizonDays?: number }) {
  const { t, format } = useI18n();
  const option = useMemo(() => funnelOption(funnel, t, format), [funnel, t, format]);
  const table = useMemo(() => funnelTable(funnel, t, horizonDays), [funnel, t, horizonDays]);
  const lines = horizonLines(funnel, horizonDays, t, format);
  return (
    <>
      <Chart title={t('reports.funnel.title')} fileName={t('files.charts.lifecycleFunnel')} option={option} height={240} table={table} />
      {lines.map((line) => <p key={line} className="small">{line}</p>)}
      {lines.length > 0 ? <p className="small muted">{t('reports.funnel.withinNote', { days: format.number(horizonDays) })}</p> : null}
      {untrackedNotes(funnel, t).map((note) => <p key={note} className="small muted">{note}</p>)}
    </>
  );
}
