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
    ...r.models.map((m: { fit: FitLike; holdout: { customers: number; totalActual: number; totalPredicted: number; metrics: Record<string, number>; conditionalExpectations: Array<Record<string, unknown>> }; tracking: TrackingWeek[] }) => [
      table([fitRow(m.fit)]),
      ...degenerateLines([m.fit]),
      `holdout repeat purchases: predicted ${m.holdout.totalPredicted.toFixed(0)}, actual ${m.holdout.totalActual} (${m.holdout.customers} customers)`,
      `per customer: ${Object.entries(m.holdout.metrics).map(([key, value]) => `${key} ${Number(value).toFixed(3)}`).join(', ')}`,
      'mean holdout purchases by calibration frequency:',
      table(m.holdout.conditionalExpectations),
      ...trackingText(m.tracking, options.calibrationEnd),
    ].join('\n')),
    ...(r.ranking.length > 0 ? ['model comparison:\n' + table(r.ranking)] : []),
    ...(r.spend ? [spendValidationText(r.spend)] : []),
  ].join('\n\n'));
}

type TrackingWeek = { week: number; periodEnd: string; expected: number; actual: number };

/** Rows of the tracking table: enough to see the curves part, few enough to read (the full weekly series is in --json). */
const trackingRows = 13;

/**
 * The tracking curve (cumulative repeat purchase days since the first purchase, actual against the model's) at every few
 * weeks and at the last, marked where the holdout begins: where the model falls behind shows in the holdout rows.
 */
export function trackingText(tracking: TrackingWeek[], calibrationEnd: string): string[] {
  if (tracking.length === 0) return [];
  const step = Math.max(1, Math.ceil(tracking.length / trackingRows));
  const shown = tracking.filter((week, i) => (i + 1) % step === 0 || i === tracking.length - 1);
  return [
    `cumulative repeat purchases, actual vs predicted (every ${step === 1 ? 'week' : `${step} weeks`}; weekly in --json):`,
    table(shown.map((week) => ({
      week: week.week, to: week.periodEnd, period: week.periodEnd <= calibrationEnd ? 'calibration' : 'holdout',
      actual: Math.round(week.actual).toLocaleString('en'), predicted: Math.round(week.expected).toLocaleString('en'),
      difference: differenceText(week.expected, week.actual),
    }))),
  ];
}

/** The predicted total's difference from the actual, in whole percent; a sign only where one rounds to something. */
function differenceText(predicted: number, actual: number): string {
  if (actual <= 0) return '—';
  const percent = Math.round(((predicted - actual) / actual) * 100);
  return `${percent > 0 ? '+' : ''}${percent === 0 ? 0 : percent}%`;
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

/** How the CLV weighs later purchases: a value that leaves it out reads as undiscounted. */
export function discountText({ discountRate, periodDays }: { discountRate: number; periodDays: number }): string {
  const percent = Number((discountRate * 100).toPrecision(3));
  return discountRate === 0 ? 'not discounted' : `discounted ${percent}% per ${periodDays} days`;
}

export async function runModelsPredict(runtime: CliRuntime, options: PredictOptions): Promise<void> {
  const result = await runtime.withStore((context) => predictCustomers(context.db, { ...options, asOf: options.asOf ?? defaultAsOf(context), clock: context.clock }), { bulk: true });
  runtime.print(result, (r) => [
    `${r.customers.toLocaleString('en')} customers predicted as of ${r.asOf} (${modelLabels[r.fits.transaction.model] ?? r.fits.transaction.model} fit #${r.modelFitId}); `
      // no spend model, no value: "0.00" would claim the customers are worth nothing
      + (r.totalClvMinor === null ? 'CLV not predicted (no spend model: see below)' : `total CLV over the next ${r.clv.horizonDays.toLocaleString('en')} days ${money(r.totalClvMinor)}, ${discountText(r.clv)}`),
    '', 'churn risk:',
    table([...r.churnRisk].sort((a, b) => riskOrder.indexOf(a.churnRisk) - riskOrder.indexOf(b.churnRisk))
      .map((row) => ({ risk: row.churnRisk ?? 'not estimated (one purchase only)', customers: row.customers.toLocaleString('en') }))),
    ...r.notes.map((note: string) => `\n${note}`),
  ].join('\n'));
}
