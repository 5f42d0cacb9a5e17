/**
 * Why a prediction run refuses to predict: neither purchase model converged, or neither gave a sound
 * fit. The errors name the fits, the data they had, and what to try.
 */
import type { AnyFit } from './fit-runs.js';
import { edgeShape } from './fit-soundness.js';
import { modelError } from './models.errors.js';
import type { CustomerSummaries } from './summaries.js';
import { largestPenalty } from './penalty-limit.js';

/** The purchase models' names as people write them. */
export const modelLabels: Record<string, string> = { bgnbd: 'BG/NBD', paretonbd: 'Pareto/NBD' };

export function paramsText(fit: AnyFit): string {
  return Object.entries(fit.params).map(([name, value]) => `${name}=${Number(value).toPrecision(3)}`).join(', ');
}

/** Neither purchase model gave a sound fit: which, why, and what to try. Nothing is stored. */
export function noSoundFit(attempts: Array<[AnyFit, string]>) {
  return modelError('MODEL_FIT_DEGENERATE',
    `No sound purchase model fits these purchases, so P(alive), churn risk and CLV would be arbitrary. `
    + attempts.map(([fit, reason]) => `${modelLabels[fit.model] ?? fit.model} (${paramsText(fit)}): ${reason}.`).join(' ')
    + ' Nothing was stored; earlier predictions stay. Predict again when the store has more customers or a longer history; '
    + 'without predictions, "lapsed" follows the quiet-days rule. The criterion is in docs/models.md ("Degenerate fits").',
    { field: 'model', fits: attempts.map(([fit, reason]) => ({ model: fit.model, params: fit.params, converged: fit.converged, reason })) });
}

/**
 * Below this many repeat buyers a refused fit wants data, not a penalty: dropout and the spread of buying rates show only in
 * repeat purchases, and four parameters cannot be read from a handful of them (5 customers, 4 repeat buyers: every penalty
 * from 0.1 to 100 ran α to ~1e-300). The same floor as the spend model's (10 repeat buyers).
 */
export const fewestRepeatBuyersToFit = 10;

/** What the fit had to learn from: customers, and those with a purchase day after their first. */
export type FitData = { customers: number; repeatBuyers: number };

export function fitDataOf(summaries: CustomerSummaries): FitData {
  let repeatBuyers = 0;
  for (const x of summaries.frequency) if (x > 0) repeatBuyers++;
  return { customers: summaries.count, repeatBuyers };
}


/** Where docs/models.md says what to do when no penalty settles a fit. */
const noPenaltyHelpsSection = 'docs/models.md, "Fits no penalty settles"';

/**
 * What to try after a fit with `penalty` did not converge: more data when there are too few repeat buyers for any penalty to
 * help, else a penalty when none was given and a larger one after that, up to `largestPenalty`. The penalty (penalty · Σθ²)
 * shrinks every parameter towards 0, so once a fit with a penalty still ran one towards 0 (below `edgeShape`, as Groceries'
 * α ≈ 1e-176 with 0.1, 1, 10 or 100), or the penalty is the largest, no larger one helps: the purchases do not support the model.
 */
export function notConvergedAdvice(penalty: number, data?: FitData, fit?: Pick<AnyFit, 'params'>): string {
  if (data && data.repeatBuyers < fewestRepeatBuyersToFit) {
    const customers = data.customers === 1 ? '1 customer' : `${data.customers.toLocaleString('en')} customers`;
    return `These are too few purchases to fit a purchase model, and no penalty makes up for them: ${customers} (${data.repeatBuyers} with a repeat purchase), `
      + `where a fit needs at least ${fewestRepeatBuyersToFit} repeat buyers. Predict again when more customers have bought more than once`;
  }
  if (penalty <= 0) return 'Try an L2 penalty (--penalty 0.1) or a longer history';
  const atEdge = fit ? Object.entries(fit.params).find(([, value]) => Number(value) < edgeShape) : undefined;
  if (penalty >= largestPenalty || atEdge) {
    const why = penalty >= largestPenalty
      ? `Even with the largest L2 penalty (${largestPenalty}) the fit did not settle`
      : `Even with the L2 penalty ${penalty} the fit ran ${atEdge![0]} towards 0 (${atEdge![0]}=${Number(atEdge![1]).toPrecision(3)}), where a larger penalty, which shrinks the parameters towards 0, only pushes it further`;
    return `${why}: these purchases do not support the BG/NBD or Pareto/NBD model (customers buy on without the dropout the models read), `
      + `and no penalty changes that. Do not raise the penalty: predict again when the store has a longer history, in which customers are seen to stop buying (${noPenaltyHelpsSection})`;
  }
  return `Even with the L2 penalty ${penalty} the fit did not settle: try a larger one (--penalty ${Math.min(Number((penalty * 10).toPrecision(3)), largestPenalty)}) or a longer history`;
}

/** The requested model did not converge, and the other one, tried in its place, was no better (`other`: its fit and why). */
export function notConverged(fit: AnyFit, model: string, other: [AnyFit, string], penalty: number, data: FitData) {
  const params = paramsText(fit);
  const [otherFit, otherReason] = other;
  const tryNext = notConvergedAdvice(penalty, data, fit);
  return modelError('MODEL_FIT_NOT_CONVERGED',
    `The ${modelLabels[model] ?? model} fit did not converge (${params} after ${fit.iterations} iterations): these purchases do not pin the model down, `
    + `so its P(alive) and CLV would be arbitrary; ${modelLabels[otherFit.model] ?? otherFit.model}, tried in its place (${paramsText(otherFit)}): ${otherReason}. `
    + `Nothing was stored; earlier predictions stay. ${tryNext}; `
    + 'without predictions, "lapsed" follows the quiet-days rule.',
    { field: 'model', fit: { model: fit.model, params: fit.params, iterations: fit.iterations, gradientNorm: fit.gradientNorm, logLikelihood: fit.logLikelihood }, data });
}
