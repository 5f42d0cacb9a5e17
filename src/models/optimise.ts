/**
 * Unconstrained minimisers for the maximum-likelihood fits (run on
 * log-parameters so positivity is free).
 *
 * Why hand-written: of the npm candidates, `fmin` (0.0.4, last published
 * 2017) has Nelder-Mead and conjugate gradients but no quasi-Newton method
 * and reports no gradient norm, `ml-levenberg-marquardt` solves least squares
 * (curve fitting), not likelihoods, and `optimization-js` is a little-used
 * collection without typings. BFGS with a strong-Wolfe line search
 * (Nocedal & Wright 2006, Algorithms 6.1, 3.5 and 3.6) is ~100 lines and
 * converges in a few dozen iterations with analytic gradients; Nelder-Mead
 * (Lagarias et al. 1998) serves as the independent, gradient-free check.
 */

/** Returns f(point) and writes ∇f(point) into `gradient`; non-finite f means "outside the domain". */
export type Objective = (point: Float64Array, gradient: Float64Array) => number;

export type MinimiseResult = {
  point: Float64Array;
  value: number;
  gradientNorm: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  message: string;
};

export type BfgsOptions = {
  gradientTolerance?: number;
  maxIterations?: number;
  /** A starting inverse Hessian (row-major), e.g. from a fit of a nearby problem; identity scaled after the first step when absent. */
  inverseHessian?: Float64Array;
  /** Stops, not converged, once an accepted point is past this bound in any coordinate (the optimum ran off to an edge). */
  largestCoordinate?: number;
};

function dot(a: Float64Array, b: Float64Array): number {
  let total = 0;
  for (let i = 0; i < a.length; i++) total += a[i] * b[i];
  return total;
}

function maxAbs(values: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < values.length; i++) largest = Math.max(largest, Math.abs(values[i]));
  return largest;
}

/** BFGS quasi-Newton minimisation (Nocedal & Wright 2006, Algorithm 6.1). */
export function minimiseBfgs(objective: Objective, start: ArrayLike<number>, options: BfgsOptions = {}): MinimiseResult {
  const tolerance = options.gradientTolerance ?? 1e-8;
  const maxIterations = options.maxIterations ?? 1000;
  const n = start.length;
  let point: Float64Array = Float64Array.from(start);
  let gradient: Float64Array = new Float64Array(n);
  let value = objective(point, gradient);
  let evaluations = 1;
  if (!Number.isFinite(value)) return { point, value, gradientNorm: Infinity, iterations: 0, evaluations, converged: false, message: 'objective not finite at the start' };
  // inverse Hessian approximation, row-major
  const isWarmStart = options.inverseHessian !== undefined && options.inverseHessian.length === n * n;
  let inverseHessian = isWarmStart ? Float64Array.from(options.inverseHessian as Float64Array) : identity(n);
  let iterations = 0;
  let message = 'maximum iterations reached';
  let ranOff = false;
  while (iterations < maxIterations) {
    if (maxAbs(gradient) <= tolerance) {
      message = 'gradient below tolerance';
      break;
    }
    const direction = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) direction[i] -= inverseHessian[i * n + j] * gradient[j];
    if (dot(direction, gradient) >= 0) {
      // lost descent (rounding): restart from steepest descent
      inverseHessian = identity(n);
      for (let i = 0; i < n; i++) direction[i] = -gradient[i];
    }
    const search = searchLine(objective, point, value, gradient, direction);
    evaluations += search.evaluations;
    if (!search.isAccepted) {
      message = 'line search could not reduce the objective (at machine precision)';
      break;
    }
    iterations++;
    const step = new Float64Array(n);
    const change = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      step[i] = search.point[i] - point[i];
      change[i] = search.gradient[i] - gradient[i];
    }
    const curvature = dot(step, change);
    if (curvature > 1e-12 * Math.sqrt(dot(step, step) * dot(change, change))) {
      if (iterations === 1 && !isWarmStart) {
        // Nocedal & Wright (6.20): scale the first approximation to the problem
        const scale = curvature / dot(change, change);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) inverseHessian[i * n + j] *= scale;
      }
      inverseHessian = updateInverseHessian(inverseHessian, step, change, curvature);
    }
    point = search.point;
    gradient = search.gradient;
    value = search.value;
    if (options.largestCoordinate !== undefined && Math.max(...point) > options.largestCoordinate) {
      ranOff = true;
      message = 'a parameter ran off towards the edge of the parameter space';
      break;
    }
  }
  const gradientNorm = maxAbs(gradient);
  // a stalled search at a tiny gradient is still a converged fit: f cannot be lowered in floating point
  const converged = !ranOff && (gradientNorm <= tolerance || (message.startsWith('line search') && gradientNorm <= Math.sqrt(tolerance) * 1e-2));
  return { point, value, gradientNorm, iterations, evaluations, converged, message };
}

/**
 * Hessian of the objective at `point` by central differences of its gradient,
 * symmetrised. Cost: 2n objective calls.
 */
export function estimateHessian(objective: Objective, point: Float64Array, step = 1e-4): Float64Array {
  const n = point.length;
  const hessian = new Float64Array(n * n);
  const shifted = Float64Array.from(point);
  const up = new Float64Array(n);
  const down = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    shifted[j] = point[j] + step;
    objective(shifted, up);
    shifted[j] = point[j] - step;
    objective(shifted, down);
    shifted[j] = point[j];
    for (let i = 0; i < n; i++) hessian[i * n + j] = (up[i] - down[i]) / (2 * step);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = 0.5 * (hessian[i * n + j] + hessian[j * n + i]);
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  }
  return hessian;
}

/** Inverse of a symmetric matrix through its Cholesky factor; null unless positive definite (and finite). */
export function invertPositiveDefinite(matrix: Float64Array, n: number): Float64Array | null {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let value = matrix[i * n + j];
      for (let k = 0; k < j; k++) value -= lower[i * n + k] * lower[j * n + k];
      if (i === j) {
        if (!(value > 0)) return null;
        lower[i * n + i] = Math.sqrt(value);
      } else lower[i * n + j] = value / lower[j * n + j];
    }
  }
  const inverse = new Float64Array(n * n);
  const column = new Float64Array(n);
  for (let c = 0; c < n; c++) {
    // solve L Lᵀ v = e_c
    for (let i = 0; i < n; i++) {
      let value = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) value -= lower[i * n + k] * column[k];
      column[i] = value / lower[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let value = column[i];
      for (let k = i + 1; k < n; k++) value -= lower[k * n + i] * column[k];
      column[i] = value / lower[i * n + i];
    }
    for (let i = 0; i < n; i++) inverse[i * n + c] = column[i];
  }
  return inverse.every(Number.isFinite) ? inverse : null;
}

function identity(n: number): Float64Array {
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) matrix[i * n + i] = 1;
  return matrix;
}

/** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ (Nocedal & Wright 6.17). */
function updateInverseHessian(h: Float64Array, s: Float64Array, y: Float64Array, curvature: number): Float64Array {
  const n = s.length;
  const rho = 1 / curvature;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) hy[i] += h[i * n + j] * y[j];
  const yhy = dot(y, hy);
  const updated = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      updated[i * n + j] = h[i * n + j] - rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
    }
  }
  return updated;
}

type LineSearchResult = { isAccepted: boolean; point: Float64Array; value: number; gradient: Float64Array; evaluations: number };

/**
 * Strong-Wolfe line search with zoom (Nocedal & Wright Algorithms 3.5–3.6), c1 = 1e-4, c2 = 0.9.
 * Near the optimum of a sum over a million rows the decrease a step promises
 * falls below the rounding noise of f itself, and a test on values alone
 * stalls with the gradient still above tolerance. There the search also takes
 * Hager & Zhang's (2005) approximate Wolfe conditions: f within its noise of
 * f(0) and 0.9 φ′(0) ≤ φ′(α) ≤ −0.8 φ′(0), which test the slope, not the value.
 */
function searchLine(objective: Objective, point: Float64Array, value: number, gradient: Float64Array, direction: Float64Array): LineSearchResult {
  const c1 = 1e-4;
  const c2 = 0.9;
  const slope0 = dot(gradient, direction);
  let evaluations = 0;
  const evaluate = (alpha: number) => {
    const trial: Float64Array = new Float64Array(point.length);
    for (let i = 0; i < point.length; i++) trial[i] = point[i] + alpha * direction[i];
    const trialGradient: Float64Array = new Float64Array(point.length);
    const trialValue = objective(trial, trialGradient);
    evaluations++;
    return { alpha, point: trial, value: Number.isFinite(trialValue) ? trialValue : Infinity, gradient: trialGradient, slope: dot(trialGradient, direction) };
  };
  type Trial = ReturnType<typeof evaluate>;
  const accept = (trial: Trial): LineSearchResult => ({ isAccepted: true, point: trial.point, value: trial.value, gradient: trial.gradient, evaluations });
  // rounding noise of a mean over many rows: a few hundred ulps of f
  const noise = 1e-13 * (1 + Math.abs(value));
  const isApproximateWolfe = (trial: Trial): boolean =>
    -trial.alpha * slope0 <= 100 * noise && trial.value <= value + noise && trial.slope >= c2 * slope0 && trial.slope <= -0.8 * slope0;
  const zoom = (low: Trial, high: Trial): LineSearchResult => {
    for (let k = 0; k < 40; k++) {
      const alpha = interpolate(low, high);
      const trial = evaluate(alpha);
      if (isApproximateWolfe(trial)) return accept(trial);
      if (trial.value > value + c1 * alpha * slope0 || trial.value >= low.value) high = trial;
      else {
        if (Math.abs(trial.slope) <= -c2 * slope0) return accept(trial);
        if (trial.slope * (high.alpha - low.alpha) >= 0) high = low;
        low = trial;
      }
    }
    // no Wolfe point found, but any decrease is still progress
    return low.value < value ? accept(low) : { isAccepted: false, point, value, gradient, evaluations };
  };
  let previous: Trial = { alpha: 0, point, value, gradient, slope: slope0 };
  let alpha = 1;
  for (let k = 0; k < 60; k++) {
    const trial = evaluate(alpha);
    if (isApproximateWolfe(trial)) return accept(trial);
    if (trial.value > value + c1 * alpha * slope0 || (k > 0 && trial.value >= previous.value)) return zoom(previous, trial);
    if (Math.abs(trial.slope) <= -c2 * slope0) return accept(trial);
    if (trial.slope >= 0) return zoom(trial, previous);
    previous = trial;
    alpha *= 2;
  }
  return { isAccepted: false, point, value, gradient, evaluations };
}

/** Minimiser of the quadratic through both ends' values and the low end's slope, kept inside the bracket. */
function interpolate(low: { alpha: number; value: number; slope: number }, high: { alpha: number; value: number }): number {
  const width = high.alpha - low.alpha;
  const denominator = 2 * (high.value - low.value - low.slope * width);
  let alpha = Number.isFinite(high.value) && denominator > 0 ? low.alpha - (low.slope * width * width) / denominator : low.alpha + 0.5 * width;
  const lower = Math.min(low.alpha, high.alpha);
  const upper = Math.max(low.alpha, high.alpha);
  const margin = 0.1 * (upper - lower);
  if (!(alpha > lower + margin && alpha < upper - margin)) alpha = 0.5 * (low.alpha + high.alpha);
  return alpha;
}
