import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { AppError } from '../../core/errors.js';
import {
  acknowledgeAlert, analyze, getTypePolicy, listAlerts, reopenAlert, reportCohorts, reportLifecycle, reportRfm, reportTypes, setTypePolicy, untrackedStages, type AnalyzeResult, type LifecycleFunnel, type RfmReport,
} from '../../analytics/index.js';
import type { CliRuntime, StoreContext } from '../runtime.js';
import { keyValues } from '../format.js';
import { analyzeText, cohortsText, rfmText, typesText } from './analytics-output.js';
import { dayOrInstantOption } from './date-options.js';
import { idOf } from '../option-values.js';
import { withExamples } from '../examples.js';

const asOfOf = (context: StoreContext, value?: string) => value ?? context.runtime.settings.dataAsOf ?? context.clock.now().toISOString();
const asOfHelp = 'YYYY-MM-DD or an ISO 8601 time (default: the data set end or now)';

/** "acquisition 3 → activation 3 (100%, median 13 days) → retention 2 (66.7%) → advocacy 0 (not tracked yet)" */
function funnelLine(funnel: LifecycleFunnel): string {
  const medians: Partial<Record<string, number | null>> = { activation: funnel.medianDaysToActivation, retention: funnel.medianDaysToRetention };
  const stages = funnel.stages.map((stage) => {
    const median = medians[stage.stage];
    const details = untrackedStages.has(stage.stage) ? ['not tracked yet']
      : [...(stage.conversionFromPrevious === null ? [] : [`${Number((stage.conversionFromPrevious * 100).toFixed(1))}%`]), ...(median == null ? [] : [`median ${median} days`])];
    return `${stage.stage} ${stage.customers.toLocaleString('en')}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
  });
  return `${funnel.dimension === 'all' ? 'all customers' : `${funnel.dimension} ${funnel.segment}`}: ${stages.join(' → ')}`;
}

export function registerAnalyticsCommands(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('analyze')
    .description('recompute customer types, RFM and change alerts for everyone')
    .option('--as-of <date>', asOfHelp, dayOrInstantOption('--as-of')), [
    ['clientele analyze', "as of today (a data set's store: as of its last day)"],
    ['clientele analyze --as-of 2026-06-30', 'reproduce any past day'],
    ['clientele report types && clientele customers list --type vip'],
  ])
    .action(async (options: { asOf?: string }) => {
      const { result } = await runtime.withStore(async (context) => ({
        result: await analyze(context.db, { asOf: asOfOf(context, options.asOf), clock: context.clock }),
      }), { bulk: true });
      runtime.print(result, (r: AnalyzeResult) => analyzeText(r));
    });

  const report = program.command('report').description('reports: rfm | types | lifecycle | cohorts | alerts');
  report.command('types').description('customers per type as of the latest analysis, with the most common combinations').action(async () => runtime.print(await runtime.withStore(({ db }) => reportTypes(db)), typesText));
  report.command('rfm').description('RFM segments and the recency × frequency grid as of the latest analysis').action(async () => {
    const result = await runtime.withStore(async (context) => reportRfm(context.db));
    runtime.print(result, (r: RfmReport) => rfmText(r));
  });
  withExamples(report.command('lifecycle').description('the lifecycle funnel (acquisition → activation → retention → advocacy) by channel and cohort').option('--as-of <date>', asOfHelp, dayOrInstantOption('--as-of')), [
    ['clientele report lifecycle'],
    ['clientele report lifecycle --as-of 2026-06-30 --json'],
  ]).action(async (options: { asOf?: string }) =>
    runtime.print(await runtime.withStore((context) => reportLifecycle(context.db, { asOf: asOfOf(context, options.asOf) })), (r: Awaited<ReturnType<typeof reportLifecycle>>) =>
      [`as of ${r.asOf}`, ...[r.overall, ...r.byChannel, ...r.byCohort].filter((funnel) => funnel !== null).map(funnelLine)].join('\n')));
  withExamples(report.command('cohorts').description('monthly acquisition cohorts: retention, revenue per customer, repeat rate, time to second purchase').option('--as-of <date>', asOfHelp, dayOrInstantOption('--as-of')), [
    ['clientele report cohorts', 'retention and revenue per customer by month of first purchase'],
    ['clientele report cohorts --as-of 2026-06-30'],
  ]).action(async (options: { asOf?: string }) => {
    const { result } = await runtime.withStore(async (context) => ({
      result: await reportCohorts(context.db, { asOf: asOfOf(context, options.asOf) }),
    }));
    runtime.print(result, (r: typeof result) => cohortsText(r));
  });
  withExamples(report.command('alerts').description('open change alerts, newest first, each with what happened (--all: acknowledged ones too)')
    .option('--all', 'include acknowledged alerts'), [
    ['clientele report alerts'],
    ['clientele alerts ack 12', 'then: it stays listed with --all'],
    ['clientele alerts reopen 12', 'undo an acknowledgement: it is listed as open again'],
    ['clientele report alerts --all --json'],
  ]).action(async (options: { all?: boolean }) => {
      const result = await runtime.withStore(({ db }) => listAlerts(db, { status: options.all ? 'all' : 'open' }));
      runtime.print(result, (r: typeof result) => (r.alerts.length === 0 ? 'No open alerts.' : r.alerts.map(alertLine).join('\n')));
    });

  const alerts = program.command('alerts').description('acknowledge change alerts, or undo an acknowledgement');
  alerts.command('ack').description('acknowledge an alert (it stays listed with `report alerts --all`; `alerts reopen` undoes it)')
    .argument('<alertId>', 'alert id, as `report alerts` lists it', idOf('an alert id')).action(async (id: number) => {
    const result = await runtime.withStore(({ db, actor }) => acknowledgeAlert(db, id, actor));
    runtime.print(result, () => `Alert #${id} acknowledged.`);
  });
  alerts.command('reopen').description('undo an acknowledgement: the alert is listed as open again')
    .argument('<alertId>', 'alert id, as `report alerts --all` lists it', idOf('an alert id')).action(async (id: number) => {
    const result = await runtime.withStore(({ db }) => reopenAlert(db, id));
    runtime.print(result, () => `Alert #${id} is open again.`);
  });

  const policy = program.command('policy').description('the customer-type policy (thresholds)');
  policy.command('show').description('the thresholds that decide customer types').action(async () => runtime.print(await runtime.withStore(({ db }) => getTypePolicy(db)), (p) => keyValues(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, JSON.stringify(v)])))));
  withExamples(policy.command('set')
    .description('change thresholds (JSON, e.g. \'{"newWithinDays": 45}\' or @file.json); everyone is reclassified as of the latest analysis\'s day')
    .argument('<json>')
    .option('--as-of <date>', 'reclassify as of this day instead (YYYY-MM-DD or an ISO 8601 time)', dayOrInstantOption('--as-of')), [
    ['clientele policy set \'{"newWithinDays": 45}\''],
    ['clientele policy set \'{"vip": {"topPercent": 3, "basis": "frequency"}}\'', 'VIPs by purchase days'],
    ['clientele policy set @policy.json --as-of 2026-06-30'],
  ])
    .action(async (text: string, options: { asOf?: string }) => {
      let source = text;
      if (text.startsWith('@')) {
        try {
          source = readFileSync(text.slice(1), 'utf8');
        } catch (error) {
          throw new AppError('CLI_ARGUMENT_INVALID', `The policy file ${text.slice(1)} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path after @.`);
        }
      }
      let change: unknown;
      try {
        change = JSON.parse(source);
      } catch (error) {
        throw new AppError('CLI_ARGUMENT_INVALID', `The policy change is not valid JSON: ${(error as Error).message}`);
      }
      const result = await runtime.withStore((context) => setTypePolicy(context.db, change, { asOf: options.asOf, defaultAsOf: asOfOf(context) }), { bulk: true });
      runtime.print(result, (r) => `Policy updated; ${r.reclassified.toLocaleString('en')} customers reclassified as of ${r.asOf}.`);
    });
}

/**
 * "#12  metric_drop  2026-11-30..2026-12-06  channel:web  Channel web: revenue in the week … was …", with the
 * sentence the alert is read with (a drop's leads with its scope, so a segment's drop never reads as the store's).
 */
function alertLine(alert: Awaited<ReturnType<typeof listAlerts>>['alerts'][number]): string {
  const window = alert.windowStart === alert.windowEnd ? String(alert.windowEnd) : `${alert.windowStart}..${alert.windowEnd}`;
  const explanation = (alert.explanation ?? {}) as { summary?: unknown; reason?: unknown };
  const sentence = typeof explanation.summary === 'string' ? explanation.summary
    : typeof explanation.reason === 'string' ? explanation.reason : `${alert.metric} ${alert.changePct.toFixed(1)}%`;
  const who = alert.customerName ? ` (${alert.customerName})` : '';
  return `#${alert.alertId}  ${alert.kind}  ${window}  ${alert.scope}${who}  ${sentence}${alert.acknowledgedAt ? '  (acknowledged)' : ''}`;
}
