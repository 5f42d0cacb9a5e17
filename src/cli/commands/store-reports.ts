import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { CliRuntime } from '../runtime.js';
import { wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';
import { dayOption } from './date-options.js';
import { granularities, type Granularity } from '../../reports/period-coverage.js';
import { channelNamed, unknownChannelMessage } from '../../reports/report-channel.js';
import type { OrderChannel } from '../../db/schema.js';

/** `report summary | revenue | type-migration`: GET /api/reports/{summary,revenue,type-migration}, their query parameters as options. */
const run = () => import('./store-reports-run.js');


function granularityOf(value: string): Granularity {
  const granularity = granularities.find((choice) => choice === value);
  if (!granularity) throw new AppError('CLI_ARGUMENT_INVALID', '--granularity must be day, week or month.', { field: '--granularity' });
  return granularity;
}

function channelOf(value: string): OrderChannel {
  const channel = channelNamed(value);
  if (!channel) throw new AppError('CLI_ARGUMENT_INVALID', `--channel: ${unknownChannelMessage(value.slice(0, 60))}.`, { field: '--channel' });
  return channel;
}

export function registerStoreReportCommands(report: Command, runtime: CliRuntime): void {
  withExamples(report.command('summary').description('key figures of the last N days against the N days before: customers, leads, new and active customers, repeat rate, revenue, orders')
    .option('--days <days>', 'the length of each period', wholeNumberIn(1, 3660, '--days 7'), 30)
    .option('--as-of <day>', 'YYYY-MM-DD, today at the latest: the day the current period ends with, a past day counted to its end (default: the latest analysis\'s day; before any, today so far, or the data set end)', dayOption('--as-of')), [
    ['clientele report summary'],
    ['clientele report summary --days 7 --json'],
    ['clientele report summary --days 31 --as-of 2026-08-31', 'August 2026 against July 2026, whole months of 31 days each'],
  ]).action(async (options: { days: number; asOf?: string }) => (await run()).runReportSummary(runtime, options));
  withExamples(report.command('revenue').description('revenue, orders and buying customers per day, week or month; a period the range cuts short is marked')
    .option('--granularity <granularity>', 'day | week | month', granularityOf, 'week')
    .option('--from <day>', 'the first day, YYYY-MM-DD (default: 365 days before --to)', dayOption('--from'))
    .option('--to <day>', 'the day after the last, YYYY-MM-DD, exclusive (default: the day after the data set end or today)', dayOption('--to'))
    .option('--channel <channel>', 'only the orders of one channel: store | web | mobile | marketplace | phone | other', channelOf), [
    ['clientele report revenue'],
    ['clientele report revenue --granularity month --from 1997-01-01 --to 1998-07-01'],
    ['clientele report revenue --granularity day --from 2026-11-23 --to 2026-12-07 --channel web'],
  ]).action(async (options: { granularity: Granularity; from?: string; to?: string; channel?: OrderChannel }) => (await run()).runReportRevenue(runtime, options));
  withExamples(report.command('type-migration').description('customers moving between types from the end of one day to the end of another')
    .option('--from <day>', 'the day whose end the moves start from, YYYY-MM-DD (default: 90 days before --to)', dayOption('--from'))
    .option('--to <day>', 'the day whose end the moves reach, YYYY-MM-DD (default: the day of the latest analysis)', dayOption('--to')), [
    ['clientele report type-migration'],
    ['clientele report type-migration --from 1998-03-31 --to 1998-06-30 --json'],
  ]).action(async (options: { from?: string; to?: string }) => (await run()).runReportTypeMigration(runtime, options));
}
