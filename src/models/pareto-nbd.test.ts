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

  it('stops, not converged and within seconds, when the estimate runs off to the edge (a store of 40 customers took minutes)', () => {
    // half the customers buy up to five times in the year's first 60 days, half spread over it (weeks; the year ends at day 365)
    const dayOf = (i: number, j: number) => (i % 3 === 0 ? (i + j * 11) % 60 : (i * 7 + j * 61) % 340);
    const columns = { frequency: [] as number[], recency: [] as number[], age: [] as number[] };
    for (let i = 0; i < 40; i++) {
      const days = [...new Set(Array.from({ length: 1 + (i % 5) }, (_, j) => dayOf(i, j)))].sort((a, b) => a - b);
      columns.frequency.push(days.length - 1);
      columns.recency.push((days[days.length - 1] - days[0]) / 7);
      columns.age.push((365 - days[0]) / 7);
    }
    const started = performance.now();
    const fit = fitParetoNbd(compressSummaries({ frequency: Float64Array.from(columns.frequency), recency: Float64Array.from(columns.recency), age: Float64Array.from(columns.age) }));
    expect(performance.now() - started).toBeLessThan(4000);
    expect(fit.converged).toBe(false);
    expect(fit.message).toMatch(/edge of the parameter space/);
    expect(Math.max(fit.params.r, fit.params.alpha, fit.params.s, fit.params.beta)).toBeLessThanOrEqual(1e5);
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
