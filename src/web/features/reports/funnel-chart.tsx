import { useMemo } from 'react';
import type { LifecycleFunnel } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { funnelOption, untrackedNotes } from './funnel-option.js';

/** The lifecycle stages as bars, each with its count and conversion; a stage not tracked yet says so under the chart. */
export function FunnelChart({ funnel }: { funnel: LifecycleFunnel }) {
  const { t, format } = useI18n();
  const option = useMemo(() => funnelOption(funnel, t, format), [funnel, t, format]);
  const names = funnel.stages.map((stage) => t(`lifecycle.${stage.stage}`));
  return (
    <>
      <Chart title={t('reports.funnel.title')} fileName="lifecycle-funnel" option={option} height={240}
        table={{ header: [t('reports.funnel.stage'), t('reports.common.customers'), t('reports.funnel.conversionHeader')], kinds: ['text', 'count', 'percent'], rows: funnel.stages.map((stage, index) => [names[index], stage.customers, stage.conversionFromPrevious]) }} />
      {untrackedNotes(funnel, t).map((note) => <p key={note} className="small muted">{note}</p>)}
    </>
  );
}
