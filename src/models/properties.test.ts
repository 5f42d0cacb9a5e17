import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerLifetimeValue } from './clv.js';
import { expectedPurchases, probabilityAlive, type TransactionModel } from './transaction-model.js';

const models: TransactionModel[] = [
  { model: 'bgnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } },
  { model: 'bgnbd', params: { r: 2, alpha: 0.5, a: 3, b: 0.7 } },
  { model: 'paretonbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } },
  { model: 'paretonbd', params: { r: 1.5, alpha: 0.8, s: 2, beta: 30 } },
];

// (x, t_x, T) with 0 ≤ t_x ≤ T, t_x = 0 when x = 0
const customer = fc
  .record({ x: fc.integer({ min: 0, max: 500 }), age: fc.double({ min: 1e-6, max: 1e5, noNaN: true }), share: fc.double({ min: 0, max: 1, noNaN: true }) })
  .map(({ x, age, share }) => ({ x, age, recency: x === 0 ? 0 : age * share }));

describe.each(models)('$model with $params', (model) => {
  it('keeps P(alive) in [0, 1] and non-decreasing in recency', () => {
    fc.assert(
      fc.property(customer, fc.double({ min: 0, max: 1, noNaN: true }), ({ x, age, recency }, other) => {
        const alive = probabilityAlive(model, x, recency, age);
        expect(alive).toBeGreaterThanOrEqual(0);
        expect(alive).toBeLessThanOrEqual(1);
        if (x === 0) return;
        const later = Math.max(recency, age * other);
        expect(probabilityAlive(model, x, later, age)).toBeGreaterThanOrEqual(alive - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('gives finite, non-negative expected purchases, non-decreasing in t', () => {
    fc.assert(
      fc.property(customer, fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), ({ x, age, recency }, t1, t2) => {
        const shorter = expectedPurchases(model, Math.min(t1, t2), x, recency, age);
        const longer = expectedPurchases(model, Math.max(t1, t2), x, recency, age);
        expect(Number.isFinite(shorter) && Number.isFinite(longer)).toBe(true);
        expect(shorter).toBeGreaterThanOrEqual(0);
        expect(longer).toBeGreaterThanOrEqual(shorter * (1 - 1e-9) - 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [0, 0, 1e-6],
    [0, 0, 1e5],
    [500, 1e5, 1e5],
    [500, 20, 20],
    [500, 1e-6, 1e5],
    [1, 1e-6, 1e-6],
  ])('stays finite at the extreme x=%s, t_x=%s, T=%s', (x, recency, age) => {
    const alive = probabilityAlive(model, x, recency, age);
    expect(Number.isFinite(alive)).toBe(true);
    const value = customerLifetimeValue(model, 10, x, recency, age, { horizon: 52, periodLength: 30 / 7, discountRate: 0.01 });
    expect(Number.isFinite(value) && value >= 0).toBe(true);
  });
});
