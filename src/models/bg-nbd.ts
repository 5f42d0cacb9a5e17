import { coarseBins, coarseFitRows, coarsenSummaries, type CompressedSummaries } from './compress.js';
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
 * analytic gradient in the same pass. Per row i with x > 0:
 * ln Lᵢ = −(r+x) ln(α+T) + softplus(D), D = ln a − ln(b+x−1) + (r+x)[ln(α+T) − ln(α+t_x)],
 * so with logarithms taken once per distinct t_x and T, and log-gammas and
 * digammas once per distinct x, a row costs one exp and one log1p. Rows are
 * visited grouped by x, so everything that depends on x alone is hoisted.
 */
export function createBgNbdLogLikelihood(data: CompressedSummaries): LogLikelihood {
  const { frequencyLevels, recencyLevels, ageLevels } = data;
  const groups = groupRowsByFrequency(data);
  const frequencyCount = frequencyLevels.values.length;
  const ageValues = ageLevels.values;
  const recencyValues = recencyLevels.values;
  const logAge = new Float64Array(ageValues.length);
  const inverseAge = new Float64Array(ageValues.length);
  const logRecency = new Float64Array(recencyValues.length);
  const inverseRecency = new Float64Array(recencyValues.length);
  const { start, weight, ageLevel, recencyLevel, weightByFrequency } = groups;
  return (params, gradient) => {
    const [r, alpha, a, b] = params;
    for (let j = 0; j < ageValues.length; j++) {
      logAge[j] = Math.log(alpha + ageValues[j]);
      inverseAge[j] = 1 / (alpha + ageValues[j]);
    }
    for (let j = 0; j < recencyValues.length; j++) {
      logRecency[j] = Math.log(alpha + recencyValues[j]);
      inverseRecency[j] = 1 / (alpha + recencyValues[j]);
    }
    const digammaAB = digamma(a + b);
    let total = data.totalWeight * (r * Math.log(alpha) + logGamma(a + b) - logGamma(b) - logGamma(r));
    let dr = data.totalWeight * (Math.log(alpha) - digamma(r));
    let dAlpha = (data.totalWeight * r) / alpha;
    let da = data.totalWeight * digammaAB;
    let db = data.totalWeight * (digammaAB - digamma(b));
    const logA = Math.log(a);
    for (let k = 0; k < frequencyCount; k++) {
      const x = frequencyLevels.values[k];
      const levelWeight = weightByFrequency[k];
      if (levelWeight === 0) continue;
      const digammaABX = digamma(a + b + x);
      total += levelWeight * (logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x));
      dr += levelWeight * digamma(r + x);
      da -= levelWeight * digammaABX;
      db += levelWeight * (digamma(b + x) - digammaABX);
      const rx = r + x;
      // Σ w ln(α+T), Σ w/(α+T): the "still alive" term every row has
      let sumLogAge = 0;
      let sumInverseAge = 0;
      // Σ w softplus(D), and the "dropped out after the last purchase" share s = σ(D) in the gradient sums
      let sumSoftplus = 0;
      let sumShare = 0;
      let sumShareLog = 0;
      let sumShareInverse = 0;
      const end = start[k + 1];
      if (x === 0) {
        for (let row = start[k]; row < end; row++) {
          sumLogAge += weight[row] * logAge[ageLevel[row]];
          sumInverseAge += weight[row] * inverseAge[ageLevel[row]];
        }
      } else {
        const dropoutOffset = logA - Math.log(b + x - 1);
        for (let row = start[k]; row < end; row++) {
          const w = weight[row];
          const age = ageLevel[row];
          const recency = recencyLevel[row];
          const logGap = logAge[age] - logRecency[recency];
          const d = dropoutOffset + rx * logGap;
          const isPositive = d > 0;
          const e = Math.exp(isPositive ? -d : d);
          const share = (isPositive ? 1 : e) / (1 + e);
          sumLogAge += w * logAge[age];
          sumInverseAge += w * inverseAge[age];
          sumSoftplus += w * ((isPositive ? d : 0) + Math.log1p(e));
          const weightedShare = w * share;
          sumShare += weightedShare;
          sumShareLog += weightedShare * logGap;
          sumShareInverse += weightedShare * (inverseRecency[recency] - inverseAge[age]);
        }
      }
      total += sumSoftplus - rx * sumLogAge;
      dr += sumShareLog - sumLogAge;
      dAlpha -= rx * (sumInverseAge + sumShareInverse);
      if (x > 0) {
        da += sumShare / a;
        db -= sumShare / (b + x - 1);
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

/**
 * The rows' weights and t_x, T levels with each x one contiguous run
 * [start[k], start[k+1]): the compressed rows already are (then no copy), other layouts are reordered.
 */
function groupRowsByFrequency(data: CompressedSummaries) {
  const frequencyIndex = data.frequencyLevels.index;
  const levels = data.frequencyLevels.values.length;
  const start = new Int32Array(levels + 1);
  const weightByFrequency = new Float64Array(levels);
  let isGrouped = true;
  for (let row = 0; row < data.rows; row++) {
    start[frequencyIndex[row] + 1]++;
    weightByFrequency[frequencyIndex[row]] += data.weight[row];
    if (row > 0 && frequencyIndex[row] < frequencyIndex[row - 1]) isGrouped = false;
  }
  for (let k = 0; k < levels; k++) start[k + 1] += start[k];
  if (isGrouped) return { start, weight: data.weight, ageLevel: data.ageLevels.index, recencyLevel: data.recencyLevels.index, weightByFrequency };
  const next = start.slice(0, levels);
  const weight = new Float64Array(data.rows);
  const ageLevel = new Int32Array(data.rows);
  const recencyLevel = new Int32Array(data.rows);
  for (let row = 0; row < data.rows; row++) {
    const position = next[frequencyIndex[row]]++;
    weight[position] = data.weight[row];
    ageLevel[position] = data.ageLevels.index[row];
    recencyLevel[position] = data.recencyLevels.index[row];
  }
  return { start, weight, ageLevel, recencyLevel, weightByFrequency };
}

/**
 * Fits the BG/NBD by maximum likelihood on compressed summaries. Large data
 * is first fitted on a coarsened copy (t_x and T on a grid), and the full
 * fit starts from that estimate and its curvature (see fitByMaximumLikelihood).
 */
export function fitBgNbd(data: CompressedSummaries, options: { penalty?: number; start?: BgNbdParams; hasCoarseStart?: boolean } = {}): FitResult<BgNbdParams> {
  const start = options.start ?? defaultStart(data);
  return fitByMaximumLikelihood({
    model: 'bgnbd',
    names,
    start: [start.r, start.alpha, start.a, start.b],
    penalty: options.penalty ?? 0,
    customers: data.totalWeight,
    logLikelihood: createBgNbdLogLikelihood(data),
    coarseLogLikelihood: (options.hasCoarseStart ?? data.rows > coarseFitRows) ? createBgNbdLogLikelihood(coarsenSummaries(data, coarseBins)) : undefined,
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
