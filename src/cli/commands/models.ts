import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { fitModels, predictCustomers, validateModels, type ModelChoice } from '../../models/index.js';
import type { CliRuntime, StoreContext } from '../runtime.js';
import { money, table } from '../format.js';
import { dayOption } from './date-options.js';
import { defaultAsOfDay } from '../../settings/index.js';
import { numberIn, wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';

const unitOf = (value: string) => {
  if (value !== 'day' && value !== 'week') throw new AppError('CLI_ARGUMENT_INVALID', '--unit must be day or week.', { field: '--unit' });
  return value;
};
const modelOf = (value: string) => {
  if (!['bgnbd', 'paretonbd', 'gammagamma', 'all'].includes(value)) throw new AppError('CLI_ARGUMENT_INVALID', '--model must be bgnbd, paretonbd, gammagamma or all.', { field: '--model' });
  return value as ModelChoice;
};

/** The as-of date for a store: its data set's last day for a static data set, else today, in the store's time zone. */
export function defaultAsOf(context: StoreContext): string {
  return defaultAsOfDay(context.runtime.settings, context.clock.now());
}

type FitLike = { model: string; params: Record<string, number>; logLikelihood: number; converged: boolean; iterations: number; gradientNorm: number; bic?: number };
const fitRow = (fit: FitLike) => ({
  model: fit.model,
  params: Object.entries(fit.params).map(([key, value]) => `${key}=${Number(value).toPrecision(5)}`).join(' '),
  'log-likelihood': fit.logLikelihood.toFixed(2),
  converged: fit.converged,
  iterations: fit.iterations,
  gradient: fit.gradientNorm.toExponential(1),
});

export function registerModelsCommand(program: Command, runtime: CliRuntime): void {
  const models = program.command('models').description('predicted customer value: BG/NBD, Pareto/NBD and Gamma-Gamma');
  const common = (command: Command) => command
    .option('--unit <unit>', 'day | week', unitOf, 'week')
    .option('--model <model>', 'bgnbd | paretonbd | gammagamma | all', modelOf, 'all')
    .option('--penalty <l2>', 'L2 penalty on the parameters (0 to 100)', numberIn(0, 100, '--penalty 0.1'), 0);

  withExamples(common(models.command('fit').description('fit the models on purchases up to the calibration end and record the fits'))
    .option('--calibration-end <date>', 'YYYY-MM-DD (default: the data set end or today)', dayOption('--calibration-end')), [
    ['clientele models fit', 'BG/NBD, Pareto/NBD and Gamma-Gamma on purchases up to today'],
    ['clientele models fit --model bgnbd --calibration-end 2026-06-30'],
  ])
    .action(async (options: { unit: 'day' | 'week'; model: ModelChoice; penalty: number; calibrationEnd?: string }) => {
      const result = await runtime.withStore((context) => fitModels(context.db, { calibrationEnd: options.calibrationEnd ?? defaultAsOf(context), unit: options.unit, model: options.model, penalty: options.penalty }), { bulk: true });
      runtime.print(result, (r) => `${r.customers.toLocaleString('en')} customers\n${table(r.fits.map(fitRow))}`);
    });

  withExamples(common(models.command('validate').description('fit on a calibration period and compare predictions with the holdout period'))
    .requiredOption('--calibration-end <date>', 'YYYY-MM-DD', dayOption('--calibration-end'))
    .requiredOption('--holdout-end <date>', 'YYYY-MM-DD', dayOption('--holdout-end')), [
    ['clientele models validate --calibration-end 1997-09-30 --holdout-end 1998-06-30', 'CDNOW\'s classic split'],
  ])
    .action(async (options: { unit: 'day' | 'week'; model: ModelChoice; penalty: number; calibrationEnd: string; holdoutEnd: string }) => {
      const result = await runtime.withStore(({ db }) => validateModels(db, options), { bulk: true });
      runtime.print(result, (r) => [
        ...r.models.map((m: { fit: FitLike; holdout: { customers: number; totalActual: number; totalPredicted: number; metrics: Record<string, number>; conditionalExpectations: Array<Record<string, unknown>> } }) => [
          table([fitRow(m.fit)]),
          `holdout repeat purchases: predicted ${m.holdout.totalPredicted.toFixed(0)}, actual ${m.holdout.totalActual} (${m.holdout.customers} customers)`,
          `per customer: ${Object.entries(m.holdout.metrics).map(([key, value]) => `${key} ${Number(value).toFixed(3)}`).join(', ')}`,
          'mean holdout purchases by calibration frequency:',
          table(m.holdout.conditionalExpectations),
        ].join('\n')),
        'model comparison:',
        table(r.ranking),
      ].join('\n\n'));
    });

  withExamples(models.command('predict').description('predict every customer (P(alive), expected purchases, spend, CLV) and store the predictions')
    .option('--as-of <date>', 'YYYY-MM-DD (default: the data set end or today)', dayOption('--as-of'))
    .option('--horizon-days <n>', 'CLV horizon in days (1 to 3,650)', wholeNumberIn(1, 3650, '--horizon-days 365'), 365)
    .option('--discount-rate <rate>', 'discount rate per 30-day period (0 to 1)', numberIn(0, 1, '--discount-rate 0.01'), 0.01)
    .option('--unit <unit>', 'day | week', unitOf, 'week')
    .option('--model <model>', 'bgnbd | paretonbd', (v) => modelOf(v) as 'bgnbd' | 'paretonbd', 'bgnbd')
    .option('--penalty <l2>', 'L2 penalty on the parameters (0 to 100)', numberIn(0, 100, '--penalty 0.1'), 0), [
    ['clientele models predict', 'P(alive), expected purchases and 1-year CLV for everyone'],
    ['clientele models predict --horizon-days 90 --model paretonbd'],
    ['clientele customers show 1042', "then: a customer's P(alive), expected purchases and CLV"],
  ])
    .action(async (options: { asOf?: string; horizonDays: number; discountRate: number; unit: 'day' | 'week'; model: 'bgnbd' | 'paretonbd'; penalty: number }) => {
      const result = await runtime.withStore((context) => predictCustomers(context.db, { ...options, asOf: options.asOf ?? defaultAsOf(context) }), { bulk: true });
      runtime.print(result, (r) => [
        `${r.customers.toLocaleString('en')} customers predicted (fit #${r.modelFitId}); total CLV over ${options.horizonDays.toLocaleString('en')} days ${money(r.totalClvMinor)}`,
        '', 'churn risk:',
        table([...r.churnRisk].sort((a, b) => riskOrder.indexOf(a.churnRisk) - riskOrder.indexOf(b.churnRisk))
          .map((row) => ({ risk: row.churnRisk ?? 'not estimated (one purchase only)', customers: row.customers.toLocaleString('en') }))),
        ...r.notes.map((note: string) => `\n${note}`),
      ].join('\n'));
    });
}

const riskOrder = ['low', 'medium', 'high', null];
