import { describe, expect, it } from 'vitest';
import { createRandom, drawBeta, drawGamma, pickIndex, toCumulative } from './random.js';

function draws(count: number, seed: number, ...keys: number[]): number[] {
  const random = createRandom(seed, ...keys);
  return Array.from({ length: count }, () => random());
}

describe('createRandom', () => {
  it('repeats the same stream for the same seed and keys', () => {
    expect(draws(100, 42, 7, 1)).toEqual(draws(100, 42, 7, 1));
  });

  it('gives unrelated streams for neighbouring seeds and keys', () => {
    expect(draws(5, 42, 7, 1)).not.toEqual(draws(5, 43, 7, 1));
    expect(draws(5, 42, 7, 1)).not.toEqual(draws(5, 42, 8, 1));
    expect(draws(5, 42, 7, 1)).not.toEqual(draws(5, 42, 7, 2));
  });

  it('stays in [0, 1) with a mean near one half', () => {
    const values = draws(50_000, 1);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 2);
  });
});

describe('distributions', () => {
  it.each([[0.5, 2], [2.5, 1], [4, 0.25]])('draws Gamma(%s, %s) with mean shape × scale', (shape, scale) => {
    const random = createRandom(9);
    let sum = 0;
    for (let i = 0; i < 40_000; i++) sum += drawGamma(random, shape, scale);
    expect(sum / 40_000).toBeCloseTo(shape * scale, 1);
  });

  it('draws Beta(a, b) with mean a / (a + b)', () => {
    const random = createRandom(10);
    let sum = 0;
    for (let i = 0; i < 40_000; i++) sum += drawBeta(random, 2, 10);
    expect(sum / 40_000).toBeCloseTo(2 / 12, 2);
  });

  it('picks indices in proportion to their weights', () => {
    const random = createRandom(11);
    const counts = [0, 0, 0];
    const cumulative = toCumulative([1, 0, 3]);
    for (let i = 0; i < 40_000; i++) counts[pickIndex(random, cumulative)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeCloseTo(3, 0);
  });
});
