import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from '../../test/fixtures/models/load-cdnow.js';
import { compressSummaries } from './compress.js';
import { createParetoNbdLogLikelihood, expectedPurchasesParetoNbd, fitParetoNbd, paretoNbdCustomerLogLikelihood, probabilityAliveParetoNbd } from './pareto-nbd.js';

const cdnow = loadCdnowSummary();
const published = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

describe('Pareto/NBD', () => {
  it('fits the CDNOW sample to the published parameters within 1%', () => {
    const fit = fitParetoNbd(compressSummaries(cdnow));
    expect(fit.converged).toBe(true);
    for (const name of ['r', 'alpha', 's', 'beta'] as const) expect(Math.abs(fit.params[name] / published[name] - 1)).toBeLessThan(0.01);
    // Fader & Hardie's note reports ln L = −9595.0
    expect(fit.logLikelihood).toBeCloseTo(-9595.0, 0);
  });

  it('agrees with the per-customer formula on both hypergeometric branches', () => {
    for (const values of [[0.55, 10.6, 0.6, 11.7], [0.55, 14, 0.6, 3]]) {
      const [r, alpha, s, beta] = values;
      const total = createParetoNbdLogLikelihood(compressSummaries(cdnow))(Float64Array.from(values), null);
      let slow = 0;
      for (let i = 0; i < cdnow.frequency.length; i++) slow += paretoNbdCustomerLogLikelihood({ r, alpha, s, beta }, cdnow.frequency[i], cdnow.recency[i], cdnow.age[i]);
      expect(total).toBeCloseTo(slow, 6);
    }
  });

  it('is continuous where α crosses β (the two ₂F₁ branches meet)', () => {
    const below = paretoNbdCustomerLogLikelihood({ r: 0.5, alpha: 10 - 1e-9, s: 0.6, beta: 10 }, 3, 20, 38);
    const above = paretoNbdCustomerLogLikelihood({ r: 0.5, alpha: 10 + 1e-9, s: 0.6, beta: 10 }, 3, 20, 38);
    expect(below).toBeCloseTo(above, 7);
  });
});
