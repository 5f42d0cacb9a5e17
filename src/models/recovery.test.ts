import { describe, expect, it } from 'vitest';
import { fitBgNbd } from './bg-nbd.js';
import { compressSpend, compressSummaries } from './compress.js';
import { fitGammaGamma } from './gamma-gamma.js';
import { fitParetoNbd } from './pareto-nbd.js';
import { createRandom } from './random.js';
import { simulateSummaries } from './simulate.js';

// Tolerances are a few standard errors at these sizes: the point is that the
// fit finds the maximum of a correct likelihood, so bias would show as a
// systematic miss, not as noise.
function expectRecovered(fitted: Record<string, number>, truth: Record<string, number>, tolerance: number): void {
  for (const [name, value] of Object.entries(truth)) expect(Math.abs(Math.log(fitted[name] / value)), name).toBeLessThan(tolerance);
}

describe('parameter recovery from simulated customers', { timeout: 180_000 }, () => {
  it.each([
    [{ r: 0.25, alpha: 4, a: 0.8, b: 2.5 }, 20_000, 80, 0.15, 11],
    [{ r: 1.2, alpha: 10, a: 0.5, b: 4 }, 20_000, 80, 0.15, 12],
    // slow buyers: a long observation window so that dropout is identified
    [{ r: 0.5, alpha: 30, a: 1.5, b: 6 }, 200_000, 300, 0.1, 13],
  ])('recovers BG/NBD %o from %i customers observed up to %i periods', (truth, customers, maxAge, tolerance, seed) => {
    const data = simulateSummaries(createRandom(seed), { model: 'bgnbd', params: truth }, { customers, minAge: 20, maxAge });
    const fit = fitBgNbd(compressSummaries(data));
    expect(fit.converged).toBe(true);
    expectRecovered(fit.params, truth, tolerance);
  });

  it.each([
    [{ r: 0.55, alpha: 10, s: 0.6, beta: 12 }, 20_000, 0.25, 23],
    [{ r: 1, alpha: 5, s: 1.5, beta: 40 }, 20_000, 0.25, 22],
  ])('recovers Pareto/NBD %o from %i customers', (truth, customers, tolerance, seed) => {
    const data = simulateSummaries(createRandom(seed), { model: 'paretonbd', params: truth }, { customers, minAge: 20, maxAge: 80 });
    const fit = fitParetoNbd(compressSummaries(data));
    expect(fit.converged).toBe(true);
    expectRecovered(fit.params, truth, tolerance);
  });

  it.each([
    [{ p: 6, q: 3.7, gamma: 15 }, 20_000, 0.15, 31],
    [{ p: 2, q: 8, gamma: 300 }, 50_000, 0.15, 32],
  ])('recovers Gamma-Gamma %o from %i customers', (truth, customers, tolerance, seed) => {
    const data = simulateSummaries(createRandom(seed), { model: 'bgnbd', params: { r: 2, alpha: 10, a: 0.5, b: 3 } }, { customers, minAge: 20, maxAge: 80, spend: truth });
    const fit = fitGammaGamma(compressSpend(data));
    expect(fit.converged).toBe(true);
    expectRecovered(fit.params, truth, tolerance);
  });
});
