import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from '../../test/fixtures/models/load-cdnow.js';
import { bgNbdCustomerLogLikelihood, createBgNbdLogLikelihood, expectedPopulationPurchasesBgNbd, expectedPurchasesBgNbd, fitBgNbd, probabilityAliveBgNbd } from './bg-nbd.js';
import { compressSummaries } from './compress.js';
import { createRandom } from './random.js';
import { simulateSummaries } from './simulate.js';

const cdnow = loadCdnowSummary();
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD', () => {
  it('fits the CDNOW sample to the published parameters within 1%', () => {
    const fit = fitBgNbd(compressSummaries(cdnow));
    expect(fit.converged).toBe(true);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(fit.params[name] / published[name] - 1)).toBeLessThan(0.01);
    // FHL (2005) report ln L = −9582.4 for the 2,357 customers
    expect(fit.logLikelihood).toBeCloseTo(-9582.4, 0);
    expect(fit.customers).toBe(2357);
  });

  it('computes the same total log-likelihood and gradient as the per-customer formula', () => {
    const params = { r: 0.4, alpha: 6, a: 1.3, b: 3.1 };
    const gradient = new Float64Array(4);
    const fast = createBgNbdLogLikelihood(compressSummaries(cdnow))(Float64Array.of(0.4, 6, 1.3, 3.1), gradient);
    let slow = 0;
    for (let i = 0; i < cdnow.frequency.length; i++) slow += bgNbdCustomerLogLikelihood(params, cdnow.frequency[i], cdnow.recency[i], cdnow.age[i]);
    expect(fast).toBeCloseTo(slow, 8);
    const step = 1e-6;
    const values = [0.4, 6, 1.3, 3.1];
    values.forEach((value, i) => {
      const up = values.slice();
      const down = values.slice();
      up[i] = value + step;
      down[i] = value - step;
      const loglik = createBgNbdLogLikelihood(compressSummaries(cdnow));
      const numeric = (loglik(Float64Array.from(up), null) - loglik(Float64Array.from(down), null)) / (2 * step);
      expect(gradient[i]).toBeCloseTo(numeric, 3);
    });
  });

  it('reaches the same optimum when it starts from a coarse-data fit as when it does not', () => {
    const data = simulateSummaries(createRandom(3), { model: 'bgnbd', params: { r: 0.9, alpha: 40, a: 1, b: 7 } }, { customers: 30_000, minAge: 300, maxAge: 1000 });
    for (const column of [data.recency, data.age]) for (let i = 0; i < column.length; i++) column[i] = Math.ceil(column[i]);
    const compressed = compressSummaries(data);
    const plain = fitBgNbd(compressed, { hasCoarseStart: false });
    const warm = fitBgNbd(compressed, { hasCoarseStart: true });
    expect(plain.converged && warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThan(plain.iterations);
    for (const name of ['r', 'alpha', 'a', 'b'] as const) expect(Math.abs(warm.params[name] / plain.params[name] - 1)).toBeLessThan(1e-6);
  });

  it('reproduces the worked P(alive) and conditional expectation of FHL (2005)', () => {
    // FHL (2005) section 5 / Hardie's note: x = 2, t_x = 30.43, T = 38.86, t = 39 weeks gives 1.226
    expect(expectedPurchasesBgNbd(published, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 2);
    expect(probabilityAliveBgNbd(published, 0, 0, 30)).toBe(1);
    expect(probabilityAliveBgNbd(published, 2, 30.43, 38.86)).toBeGreaterThan(0.5);
    // E[X(t)] at t = 0 is 0 and grows
    expect(expectedPopulationPurchasesBgNbd(published, 0)).toBe(0);
    expect(expectedPopulationPurchasesBgNbd(published, 78)).toBeGreaterThan(expectedPopulationPurchasesBgNbd(published, 39));
  });
});
