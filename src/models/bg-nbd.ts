import type { CompressedSummaries } from './compress.js';
import { fitByMaximumLikelihood, type FitResult, type LogLikelihood } from './maximum-likelihood.js';
import { digamma, hyp2f1, logAddExp, logGamma, logistic } from './special.js';

/**
 * BG/NBD: Fader, Hardie & Lee (2005), "Counting your customers the easy way:
 * an alternative to the Pareto/NBD model", Marketing Science 24(2).
 * While alive a customer buys at Poisson rate λ ~ Gamma(r, α); after each
 * repeat purchase she drops out with probability p ~ Beta(a, b).
 */
export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

const names = ['r', 'alpha', 'a', 'b'] as const;

/**
 * ln L of one customer, FHL (2005) equation (6), straight from the formula.
 * Slow (four log-gammas); the reference the fast fit is checked against.
 */
export function bgNbdCustomerLogLikelihood(params: BgNbdParams, x: number, recency: number, age: number): number {
  const { r, alpha, a, b } = params;
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logGamma(a + b) + logGamma(b + x) - logGamma(b) - logGamma(a + b + x);
  const stillAlive = -(r + x) * Math.log(alpha + age);
  if (x === 0) return common + stillAlive;
  return common + logAddExp(stillAlive, Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency));
}

/**
 * Total weighted ln L over compressed rows, FHL (2005) eq. (6), with its
 * analytic gradient. Logarithms and digammas are taken once per distinct
 * x, t_x and T, so a row costs one exp and one log1p.
 */
export function createBgNbdLogLikelihood(data: CompressedSummaries): LogLikelihood {
  const { frequencyLevels, recencyLevels, ageLevels, weight, rows } = data;
  const frequencyCount = frequencyLevels.values.length;
  const weightByFrequency = new Float64Array(frequencyCount);
  for (let row = 0; row < rows; row++) weightByFrequency[frequencyLevels.index[row]] += weight[row];
  const logAge = new Float64Array(ageLevels.values.length);
  const inverseAge = new Float64Array(ageLevels.values.length);
  const logRecency = new Float64Array(recencyLevels.values.length);
  const inverseRecency = new Float64Array(recencyLevels.values.length);
  const logB = new Float64Array(frequencyCount);
  const inverseB = new Float64Array(frequencyCount);
  return (params, gradient) => {
    const [r, alpha, a, b] = params;
    for (let j = 0; j < ageLevels.values.length; j++) {
      logAge[j] = Math.log(alpha + ageLevels.values[j]);
      inverseAge[j] = 1 / (alpha + ageLevels.values[j]);
    }
    for (let j = 0; j < recencyLevels.values.length; j++) {
      logRecency[j] = Math.log(alpha + recencyLevels.values[j]);
      inverseRecency[j] = 1 / (alpha + recencyLevels.values[j]);
    }
    let total = data.totalWeight * (r * Math.log(alpha) + logGamma(a + b) - logGamma(b) - logGamma(r));
    let dr = data.totalWeight * (Math.log(alpha) - digamma(r));
    let dAlpha = (data.totalWeight * r) / alpha;
    let da = data.totalWeight * digamma(a + b);
    let db = data.totalWeight * (digamma(a + b) - digamma(b));
    for (let k = 0; k < frequencyCount; k++) {
      const x = frequencyLevels.values[k];
      const w = weightByFrequency[k];
      total += w * (logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
      if (gradient) {
        const digammaABX = digamma(a + b + x);
        dr += w * digamma(r + x);
        da -= w * digammaABX;
        db += w * (digamma(b + x) - digammaABX);
      }
      logB[k] = x > 0 ? Math.log(b + x - 1) : 0;
      inverseB[k] = x > 0 ? 1 / (b + x - 1) : 0;
    }
    const logA = Math.log(a);
    const { frequency } = data;
    const ageIndex = ageLevels.index;
    const recencyIndex = recencyLevels.index;
    const frequencyIndex = frequencyLevels.index;
    for (let row = 0; row < rows; row++) {
      const x = frequency[row];
      const w = weight[row];
      const ageLevel = ageIndex[row];
      const stillAlive = -(r + x) * logAge[ageLevel];
      if (x === 0) {
        total += w * stillAlive;
        if (gradient) {
          dr -= w * logAge[ageLevel];
          dAlpha -= w * (r + x) * inverseAge[ageLevel];
        }
        continue;
      }
      const recencyLevel = recencyIndex[row];
      const frequencyLevel = frequencyIndex[row];
      const droppedOut = logA - logB[frequencyLevel] - (r + x) * logRecency[recencyLevel];
      const difference = droppedOut - stillAlive;
      const e = Math.exp(-Math.abs(difference));
      total += w * (Math.max(stillAlive, droppedOut) + Math.log1p(e));
      if (gradient) {
        // share of the likelihood from "dropped out after the last purchase"
        const share = difference > 0 ? 1 / (1 + e) : e / (1 + e);
        const rest = 1 - share;
        dr -= w * (rest * logAge[ageLevel] + share * logRecency[recencyLevel]);
        dAlpha -= w * (r + x) * (rest * inverseAge[ageLevel] + share * inverseRecency[recencyLevel]);
        da += (w * share) / a;
        db -= w * share * inverseB[frequencyLevel];
      }
    }
    if (gradient) {
      gradient[0] = dr;
      gradient[1] = dAlpha;
      gradient[2] = da;
      gradient[3] = db;
    }
    return total;
  };
}

/** Fits the BG/NBD by maximum likelihood on compressed summaries. */
export function fitBgNbd(data: CompressedSummaries, options: { penalty?: number; start?: BgNbdParams } = {}): FitResult<BgNbdParams> {
  const start = options.start ?? defaultStart(data);
  return fitByMaximumLikelihood({
    model: 'bgnbd',
    names,
    start: [start.r, start.alpha, start.a, start.b],
    penalty: options.penalty ?? 0,
    customers: data.totalWeight,
    logLikelihood: createBgNbdLogLikelihood(data),
    hasGradient: true,
  });
}

/** Start at unit shapes and a rate scale equal to the mean age, so day and week units start alike. */
function defaultStart(data: CompressedSummaries): BgNbdParams {
  let totalAge = 0;
  for (let row = 0; row < data.rows; row++) totalAge += data.weight[row] * data.age[row];
  const meanAge = data.totalWeight > 0 ? totalAge / data.totalWeight : 1;
  return { r: 1, alpha: Math.max(meanAge, 1e-3), a: 1, b: 1 };
}

/**
 * P(alive | x, t_x, T), FHL (2005) equation (13). Always 1 when x = 0: in the
 * BG/NBD dropout can happen only right after a repeat purchase.
 */
export function probabilityAliveBgNbd(params: BgNbdParams, x: number, recency: number, age: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
  return logistic(-logOdds);
}

/**
 * E[Y(t) | x, t_x, T]: expected purchases in the next t periods, FHL (2005)
 * equation (10). The ₂F₁ is rewritten with Euler's transformation (A&S 15.3.3):
 * ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) = (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z),
 * which stays finite for heavy buyers where the original ₂F₁ overflows.
 */
export function expectedPurchasesBgNbd(params: BgNbdParams, t: number, x: number, recency: number, age: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  const z = t / (alpha + age + t);
  const oneMinusZ = (alpha + age) / (alpha + age + t);
  const transformed = Math.pow(oneMinusZ, a - 1) * hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - transformed);
  if (x === 0) return numerator;
  const logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + age) - Math.log(alpha + recency));
  // dividing by 1 + odds equals multiplying by P(alive)
  return numerator * logistic(-logOdds);
}

/**
 * E[X(t)] for a customer just acquired, FHL (2005) equation (9). It equals
 * equation (10) at x = t_x = T = 0, which already carries the Euler-transformed ₂F₁.
 */
export function expectedPopulationPurchasesBgNbd(params: BgNbdParams, t: number): number {
  return expectedPurchasesBgNbd(params, t, 0, 0, 0);
}
