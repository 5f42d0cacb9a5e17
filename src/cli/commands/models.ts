import { Option, type Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { ModelChoice } from '../../models/index.js';
import { largestPenalty } from '../../models/penalty-limit.js';
import type { CliRuntime } from '../runtime.js';
import { dayOption } from './date-options.js';
import { numberIn, wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';

/** The commands' work, loaded when one of them runs: it needs the store and the models' mathematics. */
const run = () => import('./models-run.js');

const unitOf = (value: string) => {
  if (value !== 'day' && value !== 'week') throw new AppError('CLI_ARGUMENT_INVALID', '--unit must be day or week.', { field: '--unit' });
  return value;
};
const modelOf = (value: string) => {
  if (!['bgnbd', 'paretonbd', 'gammagamma', 'all'].includes(value)) throw new AppError('CLI_ARGUMENT_INVALID', '--model must be bgnbd, paretonbd, gammagamma or all.', { field: '--model' });
  return value as ModelChoice;
};

export type FitOptions = { unit: 'day' | 'week'; model: ModelChoice; penalty: number; calibrationEnd?: string };
export type ValidateOptions = { unit: 'day' | 'week'; model: ModelChoice; penalty: number; calibrationEnd: string; holdoutEnd: string };
export type PredictOptions = { asOf?: string; horizonDays: number; discountRate: number; unit: 'day' | 'week'; model: 'bgnbd' | 'paretonbd'; penalty: number };
type PredictFlags = Omit<PredictOptions, 'horizonDays'> & { horizon?: number; horizonDays?: number };

const defaultHorizonDays = 365;
const horizonOf = wholeNumberIn(1, 3650, '--horizon 365');

/** --horizon-days is --horizon's former name, still read so scripts written for it keep working. */
function predictOptionsOf({ horizon, horizonDays, ...options }: PredictFlags): PredictOptions {
  if (horizon !== undefined && horizonDays !== undefined && horizon !== horizonDays) {
    throw new AppError('CLI_ARGUMENT_INVALID', `--horizon ${horizon} and --horizon-days ${horizonDays} differ: give --horizon only (--horizon-days is its former name).`, { field: '--horizon' });
  }
  return { ...options, horizonDays: horizon ?? horizonDays ?? defaultHorizonDays };
}

export function registerModelsCommand(program: Command, runtime: CliRuntime): void {
  const models = program.command('models').description('predicted customer value: BG/NBD, Pareto/NBD and Gamma-Gamma');
  const common = (command: Command) => command
    .option('--unit <unit>', 'day | week', unitOf, 'week')
    .option('--model <model>', 'bgnbd | paretonbd | gammagamma | all', modelOf, 'all')
    .option('--penalty <l2>', `L2 penalty on the parameters (0 to ${largestPenalty})`, numberIn(0, largestPenalty, '--penalty 0.1'), 0);

  withExamples(common(models.command('fit').description('fit the models on purchases up to the calibration end and record the fits'))
    .option('--calibration-end <date>', 'YYYY-MM-DD, no later than today (a data set\'s store: its end), the default', dayOption('--calibration-end')), [
    ['clientele models fit', 'BG/NBD, Pareto/NBD and Gamma-Gamma on purchases up to today'],
    ['clientele models fit --model bgnbd --calibration-end 2026-06-30'],
  ])
    .action(async (options: FitOptions) => (await run()).runModelsFit(runtime, options));

  withExamples(common(models.command('validate').description('fit on a calibration period and compare predictions with the holdout period'))
    .requiredOption('--calibration-end <date>', 'YYYY-MM-DD: the last day the models learn from', dayOption('--calibration-end'))
    .requiredOption('--holdout-end <date>', 'YYYY-MM-DD: 7 days or more after the calibration end, and no later than today (a data set\'s store: its end)', dayOption('--holdout-end')), [
    ['clientele models validate --calibration-end 1997-09-30 --holdout-end 1998-06-30', 'CDNOW\'s classic split'],
  ])
    .action(async (options: ValidateOptions) => (await run()).runModelsValidate(runtime, options));

  withExamples(models.command('predict').description('predict every customer (P(alive), expected purchases, spend, CLV) and store the predictions')
    .option('--as-of <date>', 'YYYY-MM-DD, no later than today (a data set\'s store: its end), the default', dayOption('--as-of'))
    .option('--horizon <days>', `CLV horizon in days, 1 to 3,650 (default: ${defaultHorizonDays})`, horizonOf)
    .addOption(new Option('--horizon-days <days>', 'deprecated: the former name of --horizon').argParser(horizonOf).hideHelp())
    .option('--discount-rate <rate>', 'discount rate per 30-day period (0 to 1)', numberIn(0, 1, '--discount-rate 0.01'), 0.01)
    .option('--unit <unit>', 'day | week', unitOf, 'week')
    .option('--model <model>', 'bgnbd | paretonbd', (v) => modelOf(v) as 'bgnbd' | 'paretonbd', 'bgnbd')
    .option('--penalty <l2>', `L2 penalty on the parameters (0 to ${largestPenalty})`, numberIn(0, largestPenalty, '--penalty 0.1'), 0), [
    ['clientele models predict', 'P(alive), expected purchases and 1-year CLV for everyone'],
    ['clientele models predict --horizon 90 --model paretonbd'],
    ['clientele customers show 1042', "then: a customer's P(alive), expected purchases and CLV"],
  ])
    .action(async (options: PredictFlags) => (await run()).runModelsPredict(runtime, predictOptionsOf(options)));
}
