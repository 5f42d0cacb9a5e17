import { untrackedStages } from '../../../analytics/lifecycle.js';
import type { LifecycleFunnel } from '../../api/analytics-types.js';
import type { Formatters } from '../../i18n/format.js';

type Translate = (key: string, variables?: Record<string, string | number>) => string;
type FunnelFormatters = Pick<Formatters, 'number' | 'percent' | 'compact'>;
type Stage = LifecycleFunnel['stages'][number];

/**
 * A stage no data feeds yet (advocacy, until referrals or promoter scores are recorded:
 * src/analytics/lifecycle.ts) while it is empty: its bar says so rather than reading as
 * "nobody recommends us".
 */
export function isUntracked(stage: Stage): boolean {
  return untrackedStages.has(stage.stage) && stage.customers === 0;
}

/** A bar's label: its customers, and the conversion from the step before where there is one. */
export function funnelBarLabel(stage: Stage, t: Translate, format: FunnelFormatters): string {
  if (isUntracked(stage)) return t('reports.funnel.notTracked');
  const customers = format.number(stage.customers);
  return stage.conversionFromPrevious === null ? customers : `${customers} · ${format.percent(stage.conversionFromPrevious)}`;
}

/** Sentences under the chart for each empty stage that is not tracked yet. */
export function untrackedNotes(funnel: LifecycleFunnel, t: Translate): string[] {
  return funnel.stages.filter(isUntracked).map((stage) => t('reports.funnel.untrackedNote', { stage: t(`lifecycle.${stage.stage}`) }));
}

/** Bars rather than a funnel shape: lengths compare honestly, and each bar carries its count and its step's conversion. */
export function funnelOption(funnel: LifecycleFunnel, t: Translate, format: FunnelFormatters) {
  const names = funnel.stages.map((stage) => t(`lifecycle.${stage.stage}`));
  return {
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' },
      formatter: (items: Array<{ dataIndex: number }>) => {
        const stage = funnel.stages[items[0].dataIndex];
        if (isUntracked(stage)) return `${names[items[0].dataIndex]}: ${t('reports.funnel.notTracked')}`;
        const conversion = stage.conversionFromPrevious === null ? '' : ` · ${t('reports.funnel.conversion', { rate: format.percent(stage.conversionFromPrevious) })}`;
        return `${names[items[0].dataIndex]}: ${format.number(stage.customers)}${conversion}`;
      },
    },
    // room on the right for "1,200 · 72.9%" beside a bar as long as the one before it
    grid: { left: 8, right: 104, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => format.compact(value) } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{
      type: 'bar', data: funnel.stages.map((stage) => stage.customers),
      label: { show: true, position: 'right', formatter: (parameters: { dataIndex: number }) => funnelBarLabel(funnel.stages[parameters.dataIndex], t, format) },
    }],
  };
}
