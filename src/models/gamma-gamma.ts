import { coarseFitRows, coarsenSpend, coarseValueSteps, type CompressedSpend } from './compress.js';
import { fitByMaximumLikelihood, type FitResult, type LogLikelihood } from './maximum-likelihood.js';
import { digamma, logGamma } from './special.js';

/**
 * Gamma-Gamma spend model: Fader, Hardie & Lee (2005), "RFM and CLV: using
 * iso-value curves for customer base analysis", Journal of Marketing Research
 * 42(4), and Fader & Hardie's note "The Gamma-Gamma model of monetary value".
 * A transaction's value is Gamma(p, ν) with ν ~ Gamma(q, γ) across customers,
 * independent of the purchase process; the fit uses customers with x > 0.
 */
export type GammaGammaParams = { p: number; q: number; gamma: number };

const names = ['p', 'q', 'gamma'] as const;

/**
 * ln f(m | x) of one customer's mean repeat value m over x purchases (the note's eq. 5):
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + mx).
 */
export function gammaGammaCustomerLogLikelihood(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = params;
  const px = p * x;
  return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(gamma + m * x);
}

/**
 * Total weighted ln L with analytic gradient in the same pass; gamma functions
 * once per distinct x, ln m once per row at setup, so a row costs one logarithm.
 */
export function createGammaGammaLogLikelihood(data: CompressedSpend): LogLikelihood {
  const levels = data.frequencyLevels;
  const perLevel = new Float64Array(levels.values.length);
  const dpPerLevel = new Float64Array(levels.values.length);
  const dqPerLevel = new Float64Array(levels.values.length);
  const { weight, frequency, monetaryValue, rows } = data;
  const levelIndex = levels.index;
  const logValue = new Float64Array(rows);
  for (let row = 0; row < rows; row++) logValue[row] = Math.log(monetaryValue[row]);
  return (params, gradient) => {
    const [p, q, gamma] = params;
    const logGammaQ = logGamma(q);
    const digammaQ = digamma(q);
    for (let k = 0; k < levels.values.length; k++) {
      const x = levels.values[k];
      const px = p * x;
      perLevel[k] = logGamma(px + q) - logGamma(px) - logGammaQ + px * Math.log(x);
      if (gradient) {
        const digammaSum = digamma(px + q);
        dpPerLevel[k] = x * (digammaSum - digamma(px) + Math.log(x));
        dqPerLevel[k] = digammaSum - digammaQ;
      }
    }
    const logRate = Math.log(gamma);
    let total = 0;
    let dp = 0;
    let dq = 0;
    let dGamma = 0;
    for (let row = 0; row < rows; row++) {
      const x = frequency[row];
      const w = weight[row];
      const level = levelIndex[row];
      const px = p * x;
      const logM = logValue[row];
      const denominator = gamma + monetaryValue[row] * x;
      const logDenominator = Math.log(denominator);
      total += w * (perLevel[level] + q * logRate + (px - 1) * logM - (px + q) * logDenominator);
      dp += w * (dpPerLevel[level] + x * (logM - logDenominator));
      dq += w * (dqPerLevel[level] + logRate - logDenominator);
      dGamma += w * (q / gamma - (px + q) / denominator);
    }
    if (gradient) {
      gradient[0] = dp;
      gradient[1] = dq;
      gradient[2] = dGamma;
    }
    return total;
  };
}

/** Fits the Gamma-Gamma model by maximum likelihood on customers with repeat purchases. */
export function fitGammaGamma(data: CompressedSpend, options: { penalty?: number; start?: GammaGammaParams; hasCoarseStart?: boolean } = {}): FitResult<GammaGammaParams> {
  let totalValue = 0;
  for (let row = 0; row < data.rows; row++) totalValue += data.weight[row] * data.monetaryValue[row];
  const meanValue = data.totalWeight > 0 ? totalValue / data.totalWeight : 1;
  // E[z] = pγ/(q−1): starting at p = 1, q = 2 puts γ at the mean value, so any currency scale starts well
  const start = options.start ?? { p: 1, q: 2, gamma: Math.max(meanValue, 1e-6) };
  return fitByMaximumLikelihood({
    model: 'gammagamma',
    names,
    start: [start.p, start.q, start.gamma],
    penalty: options.penalty ?? 0,
    customers: data.totalWeight,
    logLikelihood: createGammaGammaLogLikelihood(data),
    coarseLogLikelihood: (options.hasCoarseStart ?? data.rows > coarseFitRows) ? createGammaGammaLogLikelihood(coarsenSpend(data, coarseValueSteps)) : undefined,
    hasGradient: true,
  });
}

/**
 * E[Z | m, x]: the customer's expected value per transaction, FHL (2005b) eq. (3):
 * (γ + m x) p / (p x + q − 1), a weighted mean of the population mean pγ/(q−1) and m.
 * With x = 0 it is the population mean (needs q > 1).
 */
export function expectedSpendGammaGamma(params: GammaGammaParams, x: number, m: number): number {
  const { p, q, gamma } = params;
  return (p * (gamma + m * x)) / (p * x + q - 1);
}
