import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from '../../test/fixtures/models/load-cdnow.js';
import { compressSpend } from './compress.js';
import { createGammaGammaLogLikelihood, expectedSpendGammaGamma, fitGammaGamma, gammaGammaCustomerLogLikelihood } from './gamma-gamma.js';

const cdnow = loadCdnowSummary();
const published = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma', () => {
  it('fits the CDNOW sample to the published parameters within 1%', () => {
    const data = compressSpend(cdnow);
    expect(data.totalWeight).toBe(946);
    const fit = fitGammaGamma(data);
    expect(fit.converged).toBe(true);
    for (const name of ['p', 'q', 'gamma'] as const) expect(Math.abs(fit.params[name] / published[name] - 1)).toBeLessThan(0.01);
  });

  it('matches the per-customer formula and its numeric gradient', () => {
    const values = [4, 3, 12];
    const logLikelihood = createGammaGammaLogLikelihood(compressSpend(cdnow));
    const gradient = new Float64Array(3);
    const total = logLikelihood(Float64Array.from(values), gradient);
    let slow = 0;
    for (let i = 0; i < cdnow.frequency.length; i++) {
      if (cdnow.frequency[i] > 0) slow += gammaGammaCustomerLogLikelihood({ p: 4, q: 3, gamma: 12 }, cdnow.frequency[i], cdnow.monetaryValue[i]);
    }
    expect(total).toBeCloseTo(slow, 7);
    values.forEach((value, i) => {
      const up = values.slice();
      const down = values.slice();
      up[i] = value + 1e-6;
      down[i] = value - 1e-6;
      const numeric = (logLikelihood(Float64Array.from(up), null) - logLikelihood(Float64Array.from(down), null)) / 2e-6;
      expect(gradient[i]).toBeCloseTo(numeric, 3);
    });
  });

  it('shrinks a customer’s mean toward the population mean, less so with more purchases', () => {
    const populationMean = (published.p * published.gamma) / (published.q - 1);
    expect(expectedSpendGammaGamma(published, 0, 0)).toBeCloseTo(populationMean, 10);
    const fewPurchases = expectedSpendGammaGamma(published, 1, 100);
    const manyPurchases = expectedSpendGammaGamma(published, 20, 100);
    expect(fewPurchases).toBeGreaterThan(populationMean);
    expect(manyPurchases).toBeGreaterThan(fewPurchases);
    expect(manyPurchases).toBeLessThan(100);
  });
});
