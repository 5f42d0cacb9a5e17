/**
 * Seeded pseudo-random numbers for the simulators. Rules never call
 * Math.random: a `Random` (uniform on [0, 1)) is passed in, so every
 * simulation is reproducible from its seed.
 */
export type Random = () => number;

/**
 * xoshiro128** (Blackman & Vigna 2018): small, fast, and good enough for
 * Monte Carlo checks; seeded through splitmix32 so nearby seeds diverge.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const splitmix = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  return () => {
    const result = Math.imul(rotateLeft(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotateLeft(d, 11);
    // 2^-32: uniform on [0, 1), never 1
    return result * 2.3283064365386963e-10;
  };
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}

/** Exponential variate with the given rate (mean 1/rate). */
export function sampleExponential(random: Random, rate: number): number {
  return -Math.log(1 - random()) / rate;
}

function sampleStandardNormal(random: Random): number {
  // Box–Muller; 1 − u keeps the logarithm finite
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Gamma variate with shape k and rate θ (mean k/θ), by Marsaglia & Tsang (2000),
 * "A simple method for generating gamma variables"; shapes below 1 use the
 * boost U^(1/k) from the same paper.
 */
export function sampleGamma(random: Random, shape: number, rate: number): number {
  if (shape < 1) {
    const boost = Math.pow(1 - random(), 1 / shape);
    return sampleGamma(random, shape + 1, rate) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleStandardNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return (d * v) / rate;
  }
}

/** Beta(a, b) variate as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function sampleBeta(random: Random, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  const y = sampleGamma(random, b, 1);
  return x / (x + y);
}
