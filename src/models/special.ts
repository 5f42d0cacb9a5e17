import stdlibDigamma from '@stdlib/math-base-special-digamma';
import stdlibGammaln from '@stdlib/math-base-special-gammaln';
import stdlibHyp2f1 from '@stdlib/math-base-special-hyp2f1';

/**
 * Special functions used by the models, from the maintained `@stdlib` packages
 * (checked against mpmath in special.test.ts), plus the log-space helpers the
 * likelihoods need to stay finite for extreme customers.
 */

/** ln Γ(x) for x > 0. */
export const logGamma: (x: number) => number = stdlibGammaln;

/** ψ(x) = d/dx ln Γ(x). */
export const digamma: (x: number) => number = stdlibDigamma;

/**
 * Gauss hypergeometric function ₂F₁(a, b; c; z) (Abramowitz & Stegun 15.1.1).
 * `@stdlib` first; it returns NaN for some large c near z = 1 (e.g.
 * ₂F₁(0.7, 2; 600.7; 0.99), mpmath: 1.0023170464), which heavy buyers reach,
 * so a non-finite answer for |z| < 1 falls back to summing the series itself.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const value = stdlibHyp2f1(a, b, c, z);
  if (Number.isFinite(value) || !(Math.abs(z) < 1)) return value;
  return sumHypergeometricSeries(a, b, c, z);
}

function sumHypergeometricSeries(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let total = 1;
  for (let n = 0; n < 10_000_000; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    total += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(total)) return total;
  }
  return Number.NaN;
}

/** ln(e^a + e^b) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** ln(e^a − e^b) for a ≥ b; −∞ when they are equal. */
export function logSubExp(a: number, b: number): number {
  if (b === -Infinity) return a;
  if (b >= a) return -Infinity;
  return a + Math.log(-Math.expm1(b - a));
}

/**
 * ln ₂F₁(a, b; a + 1; z) for 0 ≤ z < 1, through Euler's transformation
 * ₂F₁(a, b; c; z) = (1 − z)^(c−a−b) ₂F₁(c − a, c − b; c; z) (A&S 15.3.3).
 * Why: in the Pareto/NBD likelihood b can be r + x ≈ 500 for heavy buyers, and
 * then ₂F₁ itself overflows a double; the transformed series ₂F₁(1, a+1−b; a+1; z)
 * lies in [1, 1/(1−z)] so its logarithm is always finite.
 */
export function logHyp2f1ShiftedC(a: number, b: number, z: number): number {
  if (z === 0) return 0;
  return (1 - b) * Math.log1p(-z) + Math.log(hyp2f1FirstUnit(a + 1 - b, a + 1, z));
}

/**
 * ₂F₁(1, b; c; z) for 0 ≤ z < 1. With b, c > 0 every term of the series is
 * positive (no cancellation), so for z ≤ 0.8 summing it directly is exact to
 * rounding and much cheaper than the general routine, which takes the rest.
 */
function hyp2f1FirstUnit(b: number, c: number, z: number): number {
  if (!(b > 0 && c > 0 && z >= 0 && z <= 0.8)) return hyp2f1(1, b, c, z);
  let term = 1;
  let total = 1;
  for (let n = 0; n < 500; n++) {
    term *= ((b + n) / (c + n)) * z;
    total += term;
    if (term <= 1e-17 * total) return total;
  }
  return hyp2f1(1, b, c, z);
}

/** Logistic function 1 / (1 + e^−u), stable for large |u|. */
export function logistic(u: number): number {
  if (u >= 0) return 1 / (1 + Math.exp(-u));
  const e = Math.exp(u);
  return e / (1 + e);
}
