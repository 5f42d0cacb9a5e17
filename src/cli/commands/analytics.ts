import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { AppError } from '../../core/errors.js';
import { acknowledgeAlert, analyze, getTypePolicy, listAlerts, reportCohorts, reportLifecycle, reportRfm, reportTypes, setTypePolicy } from '../../analytics/index.js';
import type { CliRuntime, StoreContext } from '../runtime.js';
import { keyValues, table } from '../format.js';

const asOfOf = (context: StoreContext, value?: string) => value ?? context.runtime.settings.dataAsOf ?? context.clock.now().toISOString();
const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export function registerAnalyticsCommands(program: Command, runtime: CliRuntime): void {
  program.command('analyze')
    .description('recompute customer types, RFM and change alerts for everyone')
    .option('--as-of <date>', 'YYYY-MM-DD (default: the data set end or now)')
    .action(async (options: { asOf?: string }) => {
      const result = await runtime.withStore((context) => analyze(context.db, { asOf: asOfOf(context, options.asOf), clock: context.clock }));
      runtime.print(result, (r) => pretty(r));
    });

  const report = program.command('report').description('reports: rfm | types | lifecycle | cohorts | alerts');
  report.command('types').action(async () => runtime.print(await runtime.withStore(({ db }) => reportTypes(db)), pretty));
  report.command('rfm').action(async () => runtime.print(await runtime.withStore(({ db }) => reportRfm(db)), pretty));
  report.command('lifecycle').option('--as-of <date>').action(async (options: { asOf?: string }) =>
    runtime.print(await runtime.withStore((context) => reportLifecycle(context.db, { asOf: asOfOf(context, options.asOf) })), pretty));
  report.command('cohorts').option('--as-of <date>').action(async (options: { asOf?: string }) =>
    runtime.print(await runtime.withStore((context) => reportCohorts(context.db, { asOf: asOfOf(context, options.asOf) })), pretty));
  report.command('alerts').option('--all', 'include acknowledged alerts').action(async (options: { all?: boolean }) => {
    const result = await runtime.withStore(({ db }) => listAlerts(db, { status: options.all ? 'all' : 'open' }));
    runtime.print(result, (r) => table(r.alerts.map((a: Record<string, unknown>) => ({ id: a.alert_id, kind: a.kind, metric: a.metric, scope: a.scope, window: `${String(a.window_start).slice(0, 10)}..${String(a.window_end).slice(0, 10)}`, change: `${Number(a.change_pct).toFixed(1)}%`, acknowledged: a.acknowledged_at ? 'yes' : '' }))));
  });

  const alerts = program.command('alerts').description('acknowledge change alerts');
  alerts.command('ack').argument('<alertId>').action(async (id: string) => {
    const result = await runtime.withStore(({ db, actor }) => acknowledgeAlert(db, Number(id), actor));
    runtime.print(result, () => `Alert #${id} acknowledged.`);
  });

  const policy = program.command('policy').description('the customer-type policy (thresholds)');
  policy.command('show').action(async () => runtime.print(await runtime.withStore(({ db }) => getTypePolicy(db)), (p) => keyValues(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, JSON.stringify(v)])))));
  policy.command('set')
    .description('change thresholds (JSON, e.g. \'{"newWithinDays": 45}\' or @file.json); everyone is reclassified')
    .argument('<json>')
    .action(async (text: string) => {
      let change: unknown;
      try {
        change = JSON.parse(text.startsWith('@') ? readFileSync(text.slice(1), 'utf8') : text);
      } catch (error) {
        throw new AppError('CLI_ARGUMENT_INVALID', `The policy change is not valid JSON: ${(error as Error).message}`);
      }
      const result = await runtime.withStore((context) => setTypePolicy(context.db, change, { asOf: asOfOf(context) }));
      runtime.print(result, (r) => `Policy updated; ${r.reclassified} customers reclassified.`);
    });
}
