import { minimiseBfgs } from './optimise.js';

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
 */
export function fitByMaximumLikelihood<Names extends string>(options: {
  model: ModelName;
  names: readonly Names[];
  start: readonly number[];
  penalty: number;
  customers: number;
  logLikelihood: LogLikelihood;
  /** Analytic gradients when true; otherwise central differences on ln θ. */
  hasGradient: boolean;
  gradientTolerance?: number;
}): FitResult<Record<Names, number>> {
  const { names, penalty, customers, logLikelihood } = options;
  const n = names.length;
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
  const objective = options.hasGradient
    ? valueAt
    : (logParams: Float64Array, gradient: Float64Array): number => {
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
  const result = minimiseBfgs(objective, options.start.map(Math.log), { gradientTolerance: options.gradientTolerance ?? (options.hasGradient ? 1e-9 : 1e-7) });
  const estimate = {} as Record<Names, number>;
  const finalParams = new Float64Array(n);
  names.forEach((name, i) => {
    finalParams[i] = Math.exp(result.point[i]);
    estimate[name] = finalParams[i];
  });
  const total = logLikelihood(finalParams, null);
  return {
    model: options.model,
    params: estimate,
    logLikelihood: total,
    converged: result.converged,
    iterations: result.iterations,
    gradientNorm: result.gradientNorm,
    message: result.message,
    customers,
    bic: bayesianInformationCriterion(total, n, customers),
    penalty,
  };
}

/** BIC = k ln n − 2 ln L (Schwarz 1978). */
export function bayesianInformationCriterion(logLikelihood: number, parameterCount: number, observations: number): number {
  return parameterCount * Math.log(observations) - 2 * logLikelihood;
}
