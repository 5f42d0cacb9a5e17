import { untrackedStages } from '../../../analytics/lifecycle.js';
import type { LifecycleFunnel } from '../../api/analytics-types.js';
import { gridAroundLabels } from '../../components/charts/chart-grid.js';
import type { ChartTable } from '../../components/charts/chart-table.js';
import type { Formatters } from '../../i18n/format.js';
import { countAxis } from '../../components/charts/count-axis.js';

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

/**
 * One sentence per step with a conversion within the horizon, the rate that compares channels, months and
 * stores of different ages: of those who reached the step before at least `horizonDays` ago, who took this
 * one within as many days; those who reached it since are counted apart, not as failures.
 */
export function horizonLines(funnel: LifecycleFunnel, horizonDays: number, t: Translate, format: FunnelFormatters): string[] {
  return funnel.stages.flatMap((stage) => {
    const within = stage.withinHorizon;
    if (!within || isUntracked(stage) || within.observedCustomers + within.tooYoungCustomers === 0) return [];
    const variables = {
      stage: t(`lifecycle.${stage.stage}`), days: format.number(horizonDays), converted: format.number(within.customers),
      observed: format.number(within.observedCustomers), tooYoung: format.number(within.tooYoungCustomers),
    };
    if (within.conversion === null) return [t('reports.funnel.withinNotYet', variables)];
    const key = within.tooYoungCustomers > 0 ? 'reports.funnel.withinLineTooYoung' : 'reports.funnel.withinLine';
    return [t(key, { ...variables, rate: format.percent(within.conversion) })];
  });
}

/** The chart's table: each stage so far, and its conversion within the horizon with the counts it comes from. */
export function funnelTable(funnel: LifecycleFunnel, t: Translate, horizonDays = 90): ChartTable {
  const notYet = t('reports.funnel.notYet');
  return {
    header: [
      t('reports.funnel.stage'), t('reports.common.customers'), t('reports.funnel.conversionHeader'),
      t('reports.funnel.withinHeader', { days: horizonDays }), t('reports.funnel.observedHeader', { days: horizonDays }), t('reports.funnel.tooYoungHeader'),
    ],
    kinds: ['text', 'count', 'percent', 'percent', 'count', 'count'],
    rows: funnel.stages.map((stage) => {
      const within = isUntracked(stage) ? null : stage.withinHorizon ?? null;
      const conversion = within === null ? null : within.conversion === null ? { value: null, note: notYet } : within.conversion;
      return [t(`lifecycle.${stage.stage}`), stage.customers, stage.conversionFromPrevious, conversion, within?.observedCustomers ?? null, within?.tooYoungCustomers ?? null];
    }),
  };
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
    // room on the right for "1,200 · 72.9%" beside a bar as long as the one before it; the axis's last label may reach
    // into it, below the bars, and two steps leave a phone's narrow plot room for "0", "2 tūkst." and "4 tūkst." side by side
    grid: gridAroundLabels({ left: 8, right: 104, top: 8, bottom: 8 }, { left: 8, right: 8, top: 8, bottom: 8 }),
    xAxis: { ...countAxis(format), splitNumber: 2 },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [{
      type: 'bar', data: funnel.stages.map((stage) => stage.customers),
      label: { show: true, position: 'right', formatter: (parameters: { dataIndex: number }) => funnelBarLabel(funnel.stages[parameters.dataIndex], t, format) },
    }],
  };
}
