import { fitModels, modelLabels, predictCustomers, validateModels } from '../../models/index.js';
import { defaultAsOfDay } from '../../settings/index.js';
import type { CliRuntime, StoreContext } from '../runtime.js';
import { money, table } from '../format.js';
import type { FitOptions, PredictOptions, ValidateOptions } from './models.js';

/** The as-of date for a store: its data set's last day for a static data set, else today, in the store's time zone. */
export function defaultAsOf(context: StoreContext): string {
  return defaultAsOfDay(context.runtime.settings, context.clock.now());
}

type FitLike = { model: string; customers: number; params: Record<string, number>; logLikelihood: number; converged: boolean; iterations: number; gradientNorm: number; bic?: number; degenerate?: string | null };

/** A converged fit on the no-dropout edge (docs/models.md, "Degenerate fits"): `models predict` would not use it. */
const degenerateLines = (fits: FitLike[]) => fits.filter((fit) => fit.degenerate)
  .map((fit) => `${fit.model} is degenerate, and \`models predict\` will not use it: ${fit.degenerate}.`);
/** `customers`: those the fit used (Gamma-Gamma's are the repeat buyers only). */
const fitRow = (fit: FitLike) => ({
  model: fit.model,
  customers: fit.customers.toLocaleString('en'),
  params: Object.entries(fit.params).map(([key, value]) => `${key}=${Number(value).toPrecision(5)}`).join(' '),
  'log-likelihood': fit.logLikelihood.toFixed(2),
  converged: fit.converged,
  iterations: fit.iterations,
  gradient: fit.gradientNorm.toExponential(1),
});

export async function runModelsFit(runtime: CliRuntime, options: FitOptions): Promise<void> {
  const { result, calibrationEnd } = await runtime.withStore(async (context) => {
    const calibrationEnd = options.calibrationEnd ?? defaultAsOf(context);
    return { calibrationEnd, result: await fitModels(context.db, { calibrationEnd, unit: options.unit, model: options.model, penalty: options.penalty, clock: context.clock }) };
  }, { bulk: true });
  runtime.print(result, (r) => [
    `${r.customers.toLocaleString('en')} customers with a purchase by ${calibrationEnd}, in ${options.unit}s; each fit's own in its row`,
    table(r.fits.map(fitRow)), ...degenerateLines(r.fits)].join('\n'));
}

export async function runModelsValidate(runtime: CliRuntime, options: ValidateOptions): Promise<void> {
  const result = await runtime.withStore((context) => validateModels(context.db, { ...options, clock: context.clock }), { bulk: true });
  runtime.print(result, (r) => [
    `${r.customers.toLocaleString('en')} customers with a purchase by ${options.calibrationEnd}; calibration to ${options.calibrationEnd}, holdout to ${options.holdoutEnd} (${r.holdoutLength.toFixed(1)} ${r.unit}s)`,
    ...r.models.map((m: { fit: FitLike; holdout: { customers: number; totalActual: number; totalPredicted: number; metrics: Record<string, number>; conditionalExpectations: Array<Record<string, unknown>> } }) => [
      table([fitRow(m.fit)]),
      ...degenerateLines([m.fit]),
      `holdout repeat purchases: predicted ${m.holdout.totalPredicted.toFixed(0)}, actual ${m.holdout.totalActual} (${m.holdout.customers} customers)`,
      `per customer: ${Object.entries(m.holdout.metrics).map(([key, value]) => `${key} ${Number(value).toFixed(3)}`).join(', ')}`,
      'mean holdout purchases by calibration frequency:',
      table(m.holdout.conditionalExpectations),
    ].join('\n')),
    ...(r.ranking.length > 0 ? ['model comparison:\n' + table(r.ranking)] : []),
    ...(r.spend ? [spendValidationText(r.spend)] : []),
  ].join('\n\n'));
}

type SpendValidationResult = NonNullable<Awaited<ReturnType<typeof validateModels>>['spend']>;

/** The spend model's holdout check: average order value per customer beside two naive predictions, then holdout revenue. */
function spendValidationText(spend: SpendValidationResult): string {
  const lines = ['Gamma-Gamma spend model:'];
  if (spend.fit) lines.push(table([fitRow(spend.fit as FitLike)]));
  if (spend.note) lines.push(spend.note);
  const holdout = spend.holdout;
  if (!holdout) return lines.join('\n');
  const row = (prediction: string, predicted: typeof holdout.model) => ({
    prediction, 'mean predicted': money(predicted.meanPredicted), 'mean actual': money(holdout.meanActual),
    MAE: money(predicted.metrics.meanAbsoluteError), RMSE: money(predicted.metrics.rootMeanSquaredError),
    correlation: predicted.metrics.correlation === null ? '—' : predicted.metrics.correlation.toFixed(3),
  });
  lines.push(
    `holdout average spend per purchase day (orders of one day together, as the model counts them) of the ${holdout.customers.toLocaleString('en')} calibration repeat buyers who bought in the holdout:`,
    table([
      row('Gamma-Gamma E[Z | m, x]', holdout.model),
      row('naive: own calibration mean', holdout.calibrationMean),
      row('naive: population mean', holdout.populationMean),
    ]),
    `holdout revenue of all customers: actual ${money(holdout.revenueGivenPurchases.actual)}; `
      + `actual purchase days × Gamma-Gamma ${money(holdout.revenueGivenPurchases.predicted)}`,
  );
  if (holdout.revenue.length > 0) {
    lines.push(table(holdout.revenue.map((revenue) => ({
      'purchase model': modelLabels[revenue.model] ?? revenue.model,
      '× Gamma-Gamma': revenue.predicted === null ? 'not finite' : money(revenue.predicted),
      '× own calibration mean (naive)': revenue.naivePredicted === null ? 'not finite' : money(revenue.naivePredicted),
      actual: money(revenue.actual),
    }))));
  }
  return lines.join('\n');
}

const riskOrder = ['low', 'medium', 'high', null];

export async function runModelsPredict(runtime: CliRuntime, options: PredictOptions): Promise<void> {
  const result = await runtime.withStore((context) => predictCustomers(context.db, { ...options, asOf: options.asOf ?? defaultAsOf(context), clock: context.clock }), { bulk: true });
  runtime.print(result, (r) => [
    `${r.customers.toLocaleString('en')} customers predicted (${modelLabels[r.fits.transaction.model] ?? r.fits.transaction.model} fit #${r.modelFitId}); `
      // no spend model, no value: "0.00" would claim the customers are worth nothing
      + (r.totalClvMinor === null ? 'CLV not predicted (no spend model: see below)' : `total CLV over ${options.horizonDays.toLocaleString('en')} days ${money(r.totalClvMinor)}`),
    '', 'churn risk:',
    table([...r.churnRisk].sort((a, b) => riskOrder.indexOf(a.churnRisk) - riskOrder.indexOf(b.churnRisk))
      .map((row) => ({ risk: row.churnRisk ?? 'not estimated (one purchase only)', customers: row.customers.toLocaleString('en') }))),
    ...r.notes.map((note: string) => `\n${note}`),
  ].join('\n'));
}
