import { describe, expect, it } from 'vitest';
import { bgNbdCustomerLogLikelihood, expectedPurchasesBgNbd, probabilityAliveBgNbd } from './bg-nbd.js';
import { expectedPurchasesParetoNbd, paretoNbdCustomerLogLikelihood, probabilityAliveParetoNbd } from './pareto-nbd.js';

// Reference values from mpmath at 30 digits (the Pareto/NBD through direct
// quadrature of its defining integral, not through ₂F₁), so they check the
// formulas, the ₂F₁ branches and the log-space rewrites independently.
// Columns: x, t_x, T, t, P(alive), E[Y(t)], ln L.
const fhlBgNbd = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const bgNbdCases = [
  [2, 30.43, 38.86, 39, 0.726578570080673, 1.2260281747671444, -9.45860630706627],
  [0, 0, 38.86, 39, 1, 0.19509805201126262, -0.5547132764381585],
  [500, 38.5, 38.86, 39, 0.9063972771701759, 311.8438919101757, 716.8139218684012],
  [3, 20, 1e5, 39, 1.0759426900411421e-11, 1.3606164400109676e-14, -12.765712756941033],
] as const;

const paretoCases = [
  [{ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 2, 30.43, 38.86, 39, 0.8691675591530112, 1.4551231932576025, -9.554283245150407],
  [{ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 0, 0, 38.86, 39, 0.29528660461689415, 0.10708146821530887, -0.5210462940808904],
  [{ r: 0.5, alpha: 14, s: 0.6, beta: 3 }, 5, 10, 38, 39, 0.04453453574524374, 0.1480015259805145, -15.48434832287317],
  [{ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 500, 38.5, 38.86, 39, 0.9570204546177465, 314.1352905740597, 656.0208353715063],
  [{ r: 0.5, alpha: 1, s: 0.6, beta: 11 }, 500, 38.5, 38.86, 39, 0.9182007372344179, 373.7005127674085, 762.2997403794218],
  [{ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 3, 1e-6, 2e-6, 39, 0.9999999480675287, 7.793486972473261, -6.291269436669268],
  [{ r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }, 3, 20, 1e5, 39, 1.733362648840774e-14, 2.4013308723695254e-17, -12.618208677692033],
] as const;

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected) + 1e-300);
}

describe('model formulas against high-precision references', () => {
  it.each(bgNbdCases)('BG/NBD at x=%s, t_x=%s, T=%s', (x, recency, age, t, alive, expected, logLikelihood) => {
    expectRelative(probabilityAliveBgNbd(fhlBgNbd, x, recency, age), alive, 1e-9);
    expectRelative(expectedPurchasesBgNbd(fhlBgNbd, t, x, recency, age), expected, 1e-8);
    expectRelative(bgNbdCustomerLogLikelihood(fhlBgNbd, x, recency, age), logLikelihood, 1e-10);
  });

  it.each(paretoCases)('Pareto/NBD with %o at x=%s, t_x=%s, T=%s', (params, x, recency, age, t, alive, expected, logLikelihood) => {
    expectRelative(probabilityAliveParetoNbd(params, x, recency, age), alive, 1e-7);
    expectRelative(expectedPurchasesParetoNbd(params, t, x, recency, age), expected, 1e-7);
    expectRelative(paretoNbdCustomerLogLikelihood(params, x, recency, age), logLikelihood, 1e-9);
  });
});
