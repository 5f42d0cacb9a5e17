import { estimateHessian, invertPositiveDefinite, minimiseBfgs, type Objective } from './optimise.js';

export type ModelName = 'bgnbd' | 'paretonbd' | 'gammagamma';

/** The outcome of one maximum-likelihood fit, JSON-able apart from nothing. */
export type FitResult<Params extends Record<string, number>> = {
  model: ModelName;
  params: Params;
  /** Total log-likelihood at the estimate, without the penalty. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Largest |∂f/∂ln θ| of the mean penalised negative log-likelihood at the end. */
  gradientNorm: number;
  message: string;
  /** Customers the fit saw (sum of the compressed weights). */
  customers: number;
  /** Schwarz's criterion k ln n − 2 ln L; lower is better. */
  bic: number;
  penalty: number;
};

/** Total weighted log-likelihood at `params`; when `gradient` is given, also ∂LL/∂params into it. */
export type LogLikelihood = (params: Float64Array, gradient: Float64Array | null) => number;

/**
 * Maximises a log-likelihood over positive parameters by BFGS on their
 * logarithms. The objective is the mean negative log-likelihood plus
 * penalty · Σθ², exactly as `lifetimes` (0.11) applies `penalizer_coef`, so
 * the same penalty means the same shrinkage here and there.
 *
 * With `coarseLogLikelihood` (the same model on a coarsened copy of the data,
 * same customers) the fit runs in two stages: BFGS on the cheap coarse data,
 * then BFGS on the full data from that estimate with the coarse objective's
 * inverse Hessian (central differences of its gradient) as the starting
 * approximation. The two optima and curvatures are close, so the full-data
 * stage takes Newton-like steps and needs a few iterations instead of dozens;
 * the result is still the full data's optimum to the same gradient tolerance.
 */
export function fitByMaximumLikelihood<Names extends string>(options: {
  model: ModelName;
  names: readonly Names[];
  start: readonly number[];
  penalty: number;
  customers: number;
  logLikelihood: LogLikelihood;
  coarseLogLikelihood?: LogLikelihood;
  /** Analytic gradients when true; otherwise central differences on ln θ. */
  hasGradient: boolean;
  gradientTolerance?: number;
  /**
   * A parameter value no sound fit comes near. Past a tenth of it the fit stops, not converged; past
   * it the likelihood is not evaluated (taken as infinitely unlikely). For a likelihood whose cost
   * grows with its parameters (Pareto/NBD's hypergeometric series), this bounds the fit's time.
   */
  parameterCeiling?: number;
}): FitResult<Record<Names, number>> {
  const { names, penalty, customers } = options;
  const n = names.length;
  const ceiling = options.parameterCeiling;
  const belowCeiling = (inner: LogLikelihood): LogLikelihood => (ceiling === undefined ? inner : (params, gradient) => {
    for (let i = 0; i < n; i++) if (params[i] > ceiling) return -Infinity;
    return inner(params, gradient);
  });
  const logLikelihood = belowCeiling(options.logLikelihood);
  const bfgsBound = ceiling === undefined ? {} : { largestCoordinate: Math.log(ceiling / 10) };
  const gradientTolerance = options.gradientTolerance ?? (options.hasGradient ? 1e-9 : 1e-7);
  let start: Float64Array = Float64Array.from(options.start, Math.log);
  let inverseHessian: Float64Array | undefined;
  let coarseIterations = 0;
  if (options.coarseLogLikelihood) {
    const coarseObjective = createObjective(belowCeiling(options.coarseLogLikelihood), n, penalty, customers, options.hasGradient);
    const coarse = minimiseBfgs(coarseObjective, start, { gradientTolerance: gradientTolerance * 100, ...bfgsBound });
    if (Number.isFinite(coarse.value)) {
      start = coarse.point;
      inverseHessian = invertPositiveDefinite(estimateHessian(coarseObjective, coarse.point), n) ?? undefined;
      coarseIterations = coarse.iterations;
    }
  }
  const objective = createObjective(logLikelihood, n, penalty, customers, options.hasGradient);
  const result = minimiseBfgs(objective, start, { gradientTolerance, inverseHessian, ...bfgsBound });
  const estimate = {} as Record<Names, number>;
  let penaltyTerm = 0;
  names.forEach((name, i) => {
    estimate[name] = Math.exp(result.point[i]);
    penaltyTerm += estimate[name] * estimate[name];
  });
  // the objective's value at the estimate already holds ln L: no extra pass over the rows
  const total = customers * (penalty * penaltyTerm - result.value);
  return {
    model: options.model,
    params: estimate,
    logLikelihood: total,
    converged: result.converged,
    iterations: result.iterations,
    gradientNorm: result.gradientNorm,
    message: coarseIterations > 0 ? `${result.message} (started from a coarse-data fit of ${coarseIterations} iterations)` : result.message,
    customers,
    bic: bayesianInformationCriterion(total, n, customers),
    penalty,
  };
}

/** Mean penalised negative log-likelihood on ln θ, with its gradient (analytic, or central differences). */
function createObjective(logLikelihood: LogLikelihood, n: number, penalty: number, customers: number, hasGradient: boolean): Objective {
  const params = new Float64Array(n);
  const parameterGradient = new Float64Array(n);
  const valueAt = (logParams: Float64Array, gradient: Float64Array | null): number => {
    let penaltyTerm = 0;
    for (let i = 0; i < n; i++) {
      params[i] = Math.exp(logParams[i]);
      penaltyTerm += params[i] * params[i];
    }
    const value = logLikelihood(params, gradient ? parameterGradient : null);
    if (!Number.isFinite(value)) return Infinity;
    if (gradient) for (let i = 0; i < n; i++) gradient[i] = (-parameterGradient[i] * params[i]) / customers + 2 * penalty * params[i] * params[i];
    return -value / customers + penalty * penaltyTerm;
  };
  if (hasGradient) return valueAt;
  return (logParams, gradient) => {
    const value = valueAt(logParams, null);
    if (!Number.isFinite(value)) return value;
    const shifted = Float64Array.from(logParams);
    // step ~ cube root of machine epsilon: the optimum for central differences
    const step = 6e-6;
    for (let i = 0; i < n; i++) {
      shifted[i] = logParams[i] + step;
      const up = valueAt(shifted, null);
      shifted[i] = logParams[i] - step;
      const down = valueAt(shifted, null);
      shifted[i] = logParams[i];
      gradient[i] = (up - down) / (2 * step);
    }
    return value;
  };
}

/** BIC = k ln n − 2 ln L (Schwarz 1978). */
export function bayesianInformationCriterion(logLikelihood: number, parameterCount: number, observations: number): number {
  return parameterCount * Math.log(observations) - 2 * logLikelihood;
}
