import { coarseBins, coarseFitRows, coarsenSummaries, type CompressedSummaries } from './compress.js';
import { fitByMaximumLikelihood, type FitResult, type LogLikelihood } from './maximum-likelihood.js';
import { logAddExp, logGamma, logHyp2f1ShiftedC, logistic, logSubExp } from './special.js';

/**
 * Pareto/NBD: Schmittlein, Morrison & Colombo (1987), "Counting your
 * customers: who are they and what will they do next?", Management Science
 * 33(1). While alive a customer buys at Poisson rate λ ~ Gamma(r, α); her
 * lifetime is exponential with rate μ ~ Gamma(s, β).
 * Likelihood and conditional expressions follow Fader & Hardie (2005),
 * "A note on deriving the Pareto/NBD model and related expressions", in the
 * log-sum-exp form the `lifetimes` library uses.
 */
export type ParetoNbdParams = { r: number; alpha: number; s: number; beta: number };

const names = ['r', 'alpha', 's', 'beta'] as const;

/**
 * ln of one endpoint term of A₀ (Fader & Hardie 2005, eq. 22):
 * ln[₂F₁(r+s+x, b′; r+s+x+1; |α−β|/(max(α,β)+t)) / (max(α,β)+t)^(r+s+x)], with
 * b′ = s+1 when α ≥ β and b′ = r+x when α < β (the branch that keeps z in [0, 1)).
 */
function logA0Term(params: ParetoNbdParams, x: number, t: number): number {
  const { r, alpha, s, beta } = params;
  const rsx = r + s + x;
  const isAlphaLarger = alpha >= beta;
  const larger = isAlphaLarger ? alpha : beta;
  const secondParameter = isAlphaLarger ? s + 1 : r + x;
  const z = Math.abs(alpha - beta) / (larger + t);
  return logHyp2f1ShiftedC(rsx, secondParameter, z) - rsx * Math.log(larger + t);
}

/** ln A₀ (Fader & Hardie 2005, eq. 22); −∞ when t_x = T. */
export function logA0(params: ParetoNbdParams, x: number, recency: number, age: number): number {
  return logSubExp(logA0Term(params, x, recency), logA0Term(params, x, age));
}

/**
 * ln L of one customer (Fader & Hardie 2005, eq. 21):
 * ln L = ln Γ(r+x) − ln Γ(r) + r ln α + s ln β
 *      + ln[ (α+T)^−(r+x) (β+T)^−s + s/(r+s+x) A₀ ].
 */
export function paretoNbdCustomerLogLikelihood(params: ParetoNbdParams, x: number, recency: number, age: number): number {
  const { r, alpha, s, beta } = params;
  const head = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const aliveAtEnd = -(r + x) * Math.log(alpha + age) - s * Math.log(beta + age);
  return head + logAddExp(aliveAtEnd, Math.log(s) - Math.log(r + s + x) + logA0(params, x, recency, age));
}

/**
 * Total weighted ln L over compressed rows. The hypergeometric terms depend
 * on (x, t_x) and (x, T) only, so they are computed once per distinct pair;
 * ln(α+T), ln(β+T) once per distinct T and ln(r+s+x) once per distinct x, so
 * a row costs one expm1, one exp and two logarithms.
 * No analytic gradient (derivatives of ₂F₁ in its parameters have no closed
 * form); the fit uses central differences.
 */
export function createParetoNbdLogLikelihood(data: CompressedSummaries): LogLikelihood {
  const recencyPairs = indexPairs(data.frequencyLevels.index, data.recencyLevels.index, data.recencyLevels.values.length);
  const agePairs = indexPairs(data.frequencyLevels.index, data.ageLevels.index, data.ageLevels.values.length);
  const recencyTerms = new Float64Array(recencyPairs.count);
  const ageTerms = new Float64Array(agePairs.count);
  const frequencyValues = data.frequencyLevels.values;
  const recencyValues = data.recencyLevels.values;
  const ageValues = data.ageLevels.values;
  const weightByFrequency = new Float64Array(frequencyValues.length);
  for (let row = 0; row < data.rows; row++) weightByFrequency[data.frequencyLevels.index[row]] += data.weight[row];
  const logAlphaAge = new Float64Array(ageValues.length);
  const logBetaAge = new Float64Array(ageValues.length);
  const logShareByFrequency = new Float64Array(frequencyValues.length);
  const { weight, frequency } = data;
  const ageIndex = data.ageLevels.index;
  const frequencyIndex = data.frequencyLevels.index;
  const recencyPairIndex = recencyPairs.index;
  const agePairIndex = agePairs.index;
  return (values) => {
    const params = { r: values[0], alpha: values[1], s: values[2], beta: values[3] };
    const { r, alpha, s, beta } = params;
    for (let k = 0; k < recencyPairs.count; k++) recencyTerms[k] = logA0Term(params, frequencyValues[recencyPairs.first[k]], recencyValues[recencyPairs.second[k]]);
    for (let k = 0; k < agePairs.count; k++) ageTerms[k] = logA0Term(params, frequencyValues[agePairs.first[k]], ageValues[agePairs.second[k]]);
    for (let j = 0; j < ageValues.length; j++) {
      logAlphaAge[j] = Math.log(alpha + ageValues[j]);
      logBetaAge[j] = Math.log(beta + ageValues[j]);
    }
    const logS = Math.log(s);
    let total = data.totalWeight * (-logGamma(r) + r * Math.log(alpha) + s * Math.log(beta));
    for (let k = 0; k < frequencyValues.length; k++) {
      total += weightByFrequency[k] * logGamma(r + frequencyValues[k]);
      logShareByFrequency[k] = logS - Math.log(r + s + frequencyValues[k]);
    }
    for (let row = 0; row < data.rows; row++) {
      const age = ageIndex[row];
      const aliveAtEnd = -(r + frequency[row]) * logAlphaAge[age] - s * logBetaAge[age];
      const logA0Value = logSubExp(recencyTerms[recencyPairIndex[row]], ageTerms[agePairIndex[row]]);
      total += weight[row] * logAddExp(aliveAtEnd, logShareByFrequency[frequencyIndex[row]] + logA0Value);
    }
    return total;
  };
}

/** Numbers the distinct (first, second) level pairs present in the rows. */
function indexPairs(first: Int32Array, second: Int32Array, secondCount: number) {
  const pairNumber = new Map<number, number>();
  const index = new Int32Array(first.length);
  const firstOfPair: number[] = [];
  const secondOfPair: number[] = [];
  for (let row = 0; row < first.length; row++) {
    const key = first[row] * secondCount + second[row];
    let number = pairNumber.get(key);
    if (number === undefined) {
      number = firstOfPair.length;
      pairNumber.set(key, number);
      firstOfPair.push(first[row]);
      secondOfPair.push(second[row]);
    }
    index[row] = number;
  }
  return { count: firstOfPair.length, index, first: Int32Array.from(firstOfPair), second: Int32Array.from(secondOfPair) };
}

/** Fits the Pareto/NBD by maximum likelihood on compressed summaries. */
export function fitParetoNbd(data: CompressedSummaries, options: { penalty?: number; start?: ParetoNbdParams; hasCoarseStart?: boolean } = {}): FitResult<ParetoNbdParams> {
  let totalAge = 0;
  for (let row = 0; row < data.rows; row++) totalAge += data.weight[row] * data.age[row];
  // unit shapes and rate scales at the mean age, so day and week units start alike
  const scale = Math.max(data.totalWeight > 0 ? totalAge / data.totalWeight : 1, 1e-3);
  const start = options.start ?? { r: 1, alpha: scale, s: 1, beta: scale };
  return fitByMaximumLikelihood({
    model: 'paretonbd',
    names,
    start: [start.r, start.alpha, start.s, start.beta],
    penalty: options.penalty ?? 0,
    customers: data.totalWeight,
    logLikelihood: createParetoNbdLogLikelihood(data),
    coarseLogLikelihood: (options.hasCoarseStart ?? data.rows > coarseFitRows) ? createParetoNbdLogLikelihood(coarsenSummaries(data, coarseBins)) : undefined,
    hasGradient: false,
    // a shape or scale past 1e5 is a limit the purchases cannot pin down (no spread in buying rates
    // or lifetimes), and ₂F₁'s series there costs in proportion: a 40-customer store took minutes
    parameterCeiling: 1e5,
  });
}

/** P(alive | x, t_x, T), Fader & Hardie (2005) eq. (18) in log-odds form. */
export function probabilityAliveParetoNbd(params: ParetoNbdParams, x: number, recency: number, age: number): number {
  const { r, alpha, s, beta } = params;
  const logOdds = Math.log(s) - Math.log(r + s + x) + (r + x) * Math.log(alpha + age) + s * Math.log(beta + age) + logA0(params, x, recency, age);
  return logistic(-logOdds);
}

/**
 * E[Y(t) | x, t_x, T] (Schmittlein et al. 1987; Fader & Hardie 2005 eq. 19):
 * P(alive) · (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)],
 * with the s → 1 limit (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)).
 */
export function expectedPurchasesParetoNbd(params: ParetoNbdParams, t: number, x: number, recency: number, age: number): number {
  if (t <= 0) return 0;
  const { r, alpha, s, beta } = params;
  const logRatio = Math.log1p(t / (beta + age));
  // (1 − e^{−(s−1)L})/(s−1) → L as s → 1; expm1 keeps it accurate near 1
  const horizonFactor = Math.abs(s - 1) < 1e-10 ? logRatio : -Math.expm1(-(s - 1) * logRatio) / (s - 1);
  return (probabilityAliveParetoNbd(params, x, recency, age) * (r + x) * (beta + age) * horizonFactor) / (alpha + age);
}

/** E[X(t)] for a customer just acquired: r β / (α (s−1)) · [1 − (β/(β+t))^(s−1)] (Schmittlein et al. 1987). */
export function expectedPopulationPurchasesParetoNbd(params: ParetoNbdParams, t: number): number {
  return expectedPurchasesParetoNbd(params, t, 0, 0, 0);
}
