import { describe, expect, it } from 'vitest';
import { loadCdnowSummary } from '../../test/fixtures/models/load-cdnow.js';
import { fitBgNbd } from './bg-nbd.js';
import { compressSummaries } from './compress.js';
import { degenerateFitReason, expectedDropoutShare } from './fit-soundness.js';
import { fitParetoNbd } from './pareto-nbd.js';

/** 1 − E[(1 + p t/α)^−r] over p ~ Beta(a, b), by the midpoint rule (a, b ≥ 1: no endpoint singularity). */
function bgNbdDropoutByQuadrature(r: number, alpha: number, a: number, b: number, t: number): number {
  const steps = 100_000;
  let weighted = 0;
  let total = 0;
  for (let i = 0; i < steps; i++) {
    const p = (i + 0.5) / steps;
    const density = Math.pow(p, a - 1) * Math.pow(1 - p, b - 1);
    weighted += density * Math.pow(1 + (p * t) / alpha, -r);
    total += density;
  }
  return 1 - weighted / total;
}

/** CDNOW summary rows `from`..`to` (0-based, inclusive). */
function cdnowRows(from: number, to: number) {
  const cdnow = loadCdnowSummary();
  const rows = { frequency: cdnow.frequency.slice(from, to + 1), recency: cdnow.recency.slice(from, to + 1), age: cdnow.age.slice(from, to + 1) };
  return { rows, span: Math.max(...rows.age) };
}

describe('fit soundness', () => {
  it('gives the BG/NBD dropout share of its closed form, as integrating over the Beta does', () => {
    for (const [r, alpha, a, b, t] of [[2, 5, 1.5, 3, 20], [0.5, 1, 2, 2, 100], [0.24, 4.4, 1, 2.4, 39]]) {
      expect(expectedDropoutShare({ model: 'bgnbd', params: { r, alpha, a, b } }, t)).toBeCloseTo(bgNbdDropoutByQuadrature(r, alpha, a, b, t), 6);
    }
    // Pareto/NBD: 1 − (β/(β+t))^s
    expect(expectedDropoutShare({ model: 'paretonbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } }, 39)).toBeCloseTo(1 - Math.pow(11.669 / 50.669, 0.606), 12);
  });

  it('reads a BG/NBD Beta with huge a and b as the point mass it is, where the ₂F₁ overflows', () => {
    // UCI Online Retail's five days (277 customers): p = 0.716 for everyone, so many drop out, not none
    const params = { r: 0.0602, alpha: 0.319, a: 3.79e6, b: 1.51e6 };
    const share = expectedDropoutShare({ model: 'bgnbd', params }, 0.571);
    expect(share).toBeCloseTo(1 - Math.pow(0.319 / (0.319 + (3.79 / 5.3) * 0.571), 0.0602), 4);
    expect(degenerateFitReason({ model: 'bgnbd', params }, 0.571, 'week')).toBeNull();
  });

  it('finds both CDNOW fits sound', () => {
    const { rows, span } = cdnowRows(0, 2356);
    const data = compressSummaries(rows);
    for (const fit of [fitBgNbd(data), fitParetoNbd(data)]) {
      expect(degenerateFitReason({ model: fit.model, params: fit.params } as never, span, 'week')).toBeNull();
    }
  });

  it('finds converged fits of ten customers on the no-dropout edge degenerate, and says why in numbers', () => {
    const { rows, span } = cdnowRows(500, 509);
    const data = compressSummaries(rows);
    const pareto = fitParetoNbd(data);
    const bgNbd = fitBgNbd(data);
    // BG/NBD reports convergence: the likelihood is flat along ln a running to −∞
    expect(bgNbd.converged).toBe(true);
    expect(degenerateFitReason({ model: 'bgnbd', params: bgNbd.params }, span, 'week')).toMatch(/^it expects .*% of customers to drop out/);
    // Pareto/NBD runs along the same ridge (s → 0 as β → ∞) and is stopped at the edge, not converged
    expect(pareto.converged).toBe(false);
    expect(pareto.message).toMatch(/edge of the parameter space/);
    // where it stopped it is on its way there: fewer than 1% expected to drop out in the 36 weeks
    expect(degenerateFitReason({ model: 'paretonbd', params: pareto.params }, span, 'week')).toMatch(/^it expects .*% of customers to drop out within 36 weeks \(the longest history here\), under 1%/);
  });

  it('finds a BG/NBD Beta collapsed onto {0, 1} degenerate though customers do drop out', () => {
    // a, b → 0: every customer either never leaves or leaves at their first repeat purchase
    const reason = degenerateFitReason({ model: 'bgnbd', params: { r: 0.139, alpha: 3.18, a: 1.1e-8, b: 2.93e-8 } }, 36, 'week');
    expect(reason).toMatch(/^a=1\.10e-8, b=2\.93e-8 lie on the edge of the model/);
  });
});
