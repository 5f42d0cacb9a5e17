import type { Command } from 'commander';
import { dayOrInstantOption } from './date-options.js';
import type { CliRuntime } from '../runtime.js';
import { idOf, wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';
import { registerStoreReportCommands } from './store-reports.js';

/** The commands' work, loaded when one of them runs: it needs the store and the analytics domain. */
const run = () => import('./analytics-run.js');

export type ReportAlertsOptions = { all?: boolean; acknowledged?: boolean; limit: number; cursor?: string };

const analyzeAsOfHelp = 'YYYY-MM-DD or an ISO 8601 time, today at the latest (default: the data set end or now)';
const asOfHelp = 'YYYY-MM-DD or an ISO 8601 time, today at the latest (default: the latest analysis\'s day; before any, the data set end or now)';

export function registerAnalyticsCommands(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('analyze')
    .description('recompute customer types, RFM and change alerts for everyone')
    .option('--as-of <date>', `${analyzeAsOfHelp}; a past day replaces the current types, RFM segments and saved segments' members with that day's until the next analysis, and a day before the latest analysed raises no alerts`, dayOrInstantOption('--as-of')), [
    ['clientele analyze', "as of today (a data set's store: as of its last day)"],
    ['clientele analyze --as-of 2026-06-30', "reproduce a past day: the customer list, segments and exports then show that day's types until the next analysis"],
    ['clientele report types && clientele customers list --type vip'],
  ])
    .action(async (options: { asOf?: string }) => (await run()).runAnalyze(runtime, options));

  const report = program.command('report').description('reports: summary | revenue | type-migration | types | rfm | lifecycle | cohorts | alerts');
  registerStoreReportCommands(report, runtime);
  withExamples(report.command('types').description('customers per type as of the latest analysis, with the most common combinations'), [
    ['clientele report types', 'how many VIPs, at-risk, lapsed… customers, and which types go together'],
    ['clientele report types --json'],
    ['clientele customers list --type at_risk', 'then: the customers of one type'],
  ]).action(async () => (await run()).runReportTypes(runtime));
  withExamples(report.command('rfm').description('RFM segments and the recency × frequency grid as of the latest analysis'), [
    ['clientele report rfm', 'customers per RFM segment (Champions, At Risk…) and the grid'],
    ['clientele customers list --segment champions', 'then: the customers of one segment'],
  ]).action(async () => (await run()).runReportRfm(runtime));
  withExamples(report.command('lifecycle').description('the lifecycle funnel (acquisition → activation → retention → advocacy) by channel and cohort').option('--as-of <date>', asOfHelp, dayOrInstantOption('--as-of'))
    .option('--horizon <days>', 'go on to the next stage within this many days of reaching one, comparable across channels and cohorts (default 90)', wholeNumberIn(1, 3660, '--horizon 180')), [
    ['clientele report lifecycle'],
    ['clientele report lifecycle --as-of 2026-06-30 --json'],
    ['clientele report lifecycle --horizon 30', 'activation within 30 days of the first sign of interest, a second purchase within 30 days of the first'],
  ]).action(async (options: { asOf?: string; horizon?: number }) => (await run()).runReportLifecycle(runtime, options));
  withExamples(report.command('cohorts').description('monthly acquisition cohorts: retention, revenue per customer, repeat rate, time to second purchase').option('--as-of <date>', asOfHelp, dayOrInstantOption('--as-of'))
    .option('--horizon <days>', 'repeat within this many days of the first purchase, comparable across cohorts (default 90)', wholeNumberIn(1, 3660, '--horizon 180')), [
    ['clientele report cohorts', 'retention and revenue per customer by month of first purchase'],
    ['clientele report cohorts --as-of 2026-06-30'],
    ['clientele report cohorts --horizon 180', 'repeat within 180 days of the first purchase'],
  ]).action(async (options: { asOf?: string; horizon?: number }) => (await run()).runReportCohorts(runtime, options));
  withExamples(report.command('alerts').description('open change alerts, newest first, each with what happened (--all: acknowledged ones too; --acknowledged: those only), and how many there are in all')
    .option('--all', 'include acknowledged alerts')
    .option('--acknowledged', 'only acknowledged alerts (not with --all)')
    .option('--limit <n>', 'alerts per page (1 to 500)', wholeNumberIn(1, 500, '--limit 50'), 100)
    .option('--cursor <cursor>', 'continue after a previous page (printed under it)'), [
    ['clientele report alerts'],
    ['clientele alerts ack 12', 'then: it stays listed with --all'],
    ['clientele alerts reopen 12', 'undo an acknowledgement: it is listed as open again'],
    ['clientele report alerts --all --limit 20', 'twenty at a time; the line under them says how many there are and the --cursor of the next twenty'],
    ['clientele report alerts --all --json', '`total` counts every alert listed, on whichever page'],
    ['clientele report alerts --acknowledged', 'the acknowledged alerts only, e.g. to find one to reopen'],
  ]).action(async (options: ReportAlertsOptions) => (await run()).runReportAlerts(runtime, options));

  const alerts = program.command('alerts').description('acknowledge change alerts, or undo an acknowledgement');
  withExamples(alerts.command('ack').description('acknowledge an alert (it stays listed with `report alerts --all`; `alerts reopen` undoes it)')
    .argument('<alertId>', 'alert id, as `report alerts` lists it', idOf('an alert id')), [
    ['clientele report alerts', 'the open alerts, with their ids'],
    ['clientele alerts ack 12', 'alert #12 is no longer listed as open'],
  ]).action(async (id: number) => (await run()).runAlertsAck(runtime, id));
  withExamples(alerts.command('reopen').description('undo an acknowledgement: the alert is listed as open again')
    .argument('<alertId>', 'alert id, as `report alerts --all` lists it', idOf('an alert id')), [
    ['clientele report alerts --all', 'acknowledged alerts too, with their ids'],
    ['clientele alerts reopen 12', 'alert #12 is listed as open again'],
  ]).action(async (id: number) => (await run()).runAlertsReopen(runtime, id));

  const policy = program.command('policy').description('the customer-type policy (thresholds)');
  withExamples(policy.command('show').description('the thresholds that decide customer types'), [
    ['clientele policy show', 'e.g. how recent "new" is and what makes a VIP'],
    ['clientele policy show --json'],
    ['clientele policy set \'{"newWithinDays": 45}\'', 'then: change one threshold, reclassifying everyone'],
  ]).action(async () => (await run()).runPolicyShow(runtime));
  withExamples(policy.command('set')
    .description('change thresholds (JSON, e.g. \'{"newWithinDays": 45}\' or @file.json); everyone is reclassified as of the latest analysis\'s day')
    .argument('<json>')
    .option('--as-of <date>', 'reclassify as of this day instead (YYYY-MM-DD or an ISO 8601 time)', dayOrInstantOption('--as-of')), [
    ['clientele policy set \'{"newWithinDays": 45}\''],
    ['clientele policy set \'{"vip": {"topPercent": 3, "basis": "frequency"}}\'', 'VIPs by purchase days'],
    ['clientele policy set @policy.json --as-of 2026-06-30'],
  ])
    .action(async (text: string, options: { asOf?: string }) => (await run()).runPolicySet(runtime, text, options));
}
