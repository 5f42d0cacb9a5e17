/**
 * A small seeded random generator and the distributions the generator draws
 * from. Every stream is derived from (seed, keys…) so that one customer's draws
 * never depend on how many draws another customer made: the calibration pass and
 * the writing pass see exactly the same numbers.
 */

/** Returns a float in [0, 1). */
export type Random = () => number;

/** Mixes 32-bit words (MurmurHash3 finaliser) into a well-spread 32-bit value. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashKeys(seed: number, keys: readonly number[]): number[] {
  let h = mix32(seed ^ 0x9e3779b9);
  // the seed may exceed 32 bits (e.g. a timestamp); fold its high part in too
  h = mix32(h ^ Math.floor(seed / 4294967296));
  for (const key of keys) h = mix32(h ^ mix32(key + 0x7f4a7c15));
  return [h, mix32(h ^ 0x243f6a88), mix32(h ^ 0x85a308d3), mix32(h ^ 0x13198a2e)];
}

/**
 * SFC32 (Chris Doty-Humphrey's "small fast chaotic" generator, PractRand-clean),
 * seeded from a hash of the seed and keys.
 */
export function createRandom(seed: number, ...keys: number[]): Random {
  const [a, b, c, d] = hashKeys(seed, keys);
  const random = sfc32(a, b, c, d);
  // discard the first outputs: SFC needs a few rounds to decorrelate close seeds
  for (let i = 0; i < 12; i++) random();
  return random;
}

function sfc32(a: number, b: number, c: number, d: number): Random {
  // returned unnamed: bundlers that keep function names would otherwise wrap every stream
  return () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** An integer in [min, max], both inclusive. */
export function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pickOne<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function isTrue(random: Random, probability: number): boolean {
  return random() < probability;
}

/** Cumulative weights for `pickIndex`, so repeated picks cost no summing. */
export function toCumulative(weights: readonly number[]): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((weight, index) => {
    total += weight;
    cumulative[index] = total;
  });
  return cumulative;
}

/** An index drawn in proportion to the weights behind `cumulative`. */
export function pickIndex(random: Random, cumulative: Float64Array): number {
  const target = random() * cumulative[cumulative.length - 1];
  const last = cumulative.length - 1;
  for (let index = 0; index < last; index++) if (target < cumulative[index]) return index;
  return last;
}

/** Exponential with rate 1. */
export function drawExponential(random: Random): number {
  return -Math.log(1 - random());
}

/** Standard normal (Box–Muller; one value per call keeps streams simple). */
export function drawNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Gamma(shape, scale) by Marsaglia & Tsang, "A simple method for generating
 * gamma variables", ACM TOMS 26(3), 2000; shape < 1 via the u^(1/shape) boost.
 */
export function drawGamma(random: Random, shape: number, scale = 1): number {
  if (shape < 1) return drawGamma(random, shape + 1, scale) * Math.pow(1 - random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = drawNormal(random);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v * scale;
  }
}

/** Beta(a, b) as a ratio of gammas. */
export function drawBeta(random: Random, a: number, b: number): number {
  const x = drawGamma(random, a);
  const y = drawGamma(random, b);
  return x / (x + y);
}

/** Weights perturbed per individual (a Dirichlet draw centred on the weights). */
export function perturbWeights(random: Random, weights: readonly number[], concentration: number): number[] {
  return weights.map((weight) => (weight > 0 ? drawGamma(random, weight * concentration) + 1e-9 : 0));
}
