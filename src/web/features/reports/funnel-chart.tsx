import type { LifecycleFunnel } from '../../api/analytics-types.js';
import { Chart } from '../../components/charts/chart.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** Bars rather than a funnel shape: lengths compare honestly, and each bar carries its step's conversion. */
export function FunnelChart({ funnel }: { funnel: LifecycleFunnel }) {
  const { t, format } = useI18n();
  const names = funnel.stages.map((stage) => t(`lifecycle.${stage.stage}`));
  const option = {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const stage = funnel.stages[items[0].dataIndex];
        const conversion = stage.conversionFromPrevious === null ? '' : ` · ${t('reports.funnel.conversion', { rate: format.percent(stage.conversionFromPrevious) })}`;
        return `${names[items[0].dataIndex]}: ${format.number(stage.customers)}${conversion}`;
      },
    },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.compact(value) } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{ type: 'bar', data: funnel.stages.map((stage) => stage.customers), label: { show: true, position: 'right', formatter: (parameters: { dataIndex: number }) => { const rate = funnel.stages[parameters.dataIndex].conversionFromPrevious; return rate === null ? '' : format.percent(rate); } } }],
  };
  return (
    <Chart title={t('reports.funnel.title')} fileName="lifecycle-funnel" option={option} height={240}
      table={{ header: [t('reports.funnel.stage'), t('reports.common.customers'), t('reports.funnel.conversionHeader')], rows: funnel.stages.map((stage, index) => [names[index], stage.customers, stage.conversionFromPrevious]) }} />
  );
}
