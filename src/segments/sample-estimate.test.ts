import { describe, expect, it } from 'vitest';
import { estimateFromBlocks, samplePercent, type SampledBlock } from './sample-estimate.js';

/** A deterministic generator, so the coverage check below sees the same draws every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('estimateFromBlocks', () => {
  it('is exact, with no margin, when every block is read', () => {
    const blocks = [{ rows: 50, matched: 4 }, { rows: 48, matched: 0 }, { rows: 51, matched: 7 }];
    expect(estimateFromBlocks(blocks, 1)).toEqual({ count: 11, total: 149, share: 11 / 149, low: 11, high: 11, sampledCustomers: 149 });
  });

  it('scales a sample up and widens the interval with the spread between blocks', () => {
    const even = estimateFromBlocks([{ rows: 50, matched: 5 }, { rows: 50, matched: 5 }], 0.1);
    const lumpy = estimateFromBlocks([{ rows: 50, matched: 10 }, { rows: 50, matched: 0 }], 0.1);
    expect(even.count).toBe(100);
    expect(even.total).toBe(1000);
    expect(lumpy.count).toBe(100);
    expect(lumpy.high - lumpy.low).toBeGreaterThan(even.high - even.low);
  });

  it('never puts the low end below the matches it saw', () => {
    expect(estimateFromBlocks([{ rows: 60, matched: 1 }], 0.02).low).toBe(1);
  });

  it('covers the true count about 95% of the time over repeated block samples', () => {
    const next = random(7);
    // 4,000 blocks of 60 customers; matches cluster by block (some blocks are a city's customers)
    const population: SampledBlock[] = Array.from({ length: 4000 }, () => {
      const rate = next() < 0.2 ? 0.3 : 0.03;
      let matched = 0;
      for (let row = 0; row < 60; row++) if (next() < rate) matched += 1;
      return { rows: 60, matched };
    });
    const truth = population.reduce((sum, block) => sum + block.matched, 0);
    const trials = 400;
    let covered = 0;
    for (let trial = 0; trial < trials; trial++) {
      const sample = population.filter(() => next() < 0.05);
      const estimate = estimateFromBlocks(sample, 0.05);
      if (estimate.low <= truth && truth <= estimate.high) covered += 1;
    }
    expect(covered / trials).toBeGreaterThan(0.9);
    expect(covered / trials).toBeLessThan(0.99);
  });
});

describe('samplePercent', () => {
  it('reads everyone in a small store and a fixed number of customers in a large one', () => {
    expect(samplePercent(30_000, 40_000)).toBe(100);
    expect(samplePercent(1_000_000, 40_000)).toBe(4);
  });
});
