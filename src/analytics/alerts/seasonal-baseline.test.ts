import { describe, expect, it } from 'vitest';
import { judgeDrop, seasonalBaseline } from './seasonal-baseline.js';

const thresholds = { zThreshold: 3.5, minDropPercent: 15, minExpected: 5 };

describe('seasonalBaseline', () => {
  it('expects the level of a flat history', () => {
    expect(seasonalBaseline([100, 102, 98, 100, 101, 99, 100, 100]).expected).toBeCloseTo(100, 0);
  });

  it('follows a steady trend one step ahead', () => {
    const baseline = seasonalBaseline([100, 110, 120, 130, 140, 150, 160, 170]);
    expect(baseline.slope).toBeCloseTo(10);
    expect(baseline.expected).toBeCloseTo(180);
  });

  it('ignores one outlier week in the history', () => {
    const baseline = seasonalBaseline([100, 101, 99, 20, 100, 102, 98, 100]);
    expect(baseline.expected).toBeGreaterThan(95);
    expect(baseline.scale).toBeLessThan(5);
  });
});

describe('judgeDrop', () => {
  const history = [1000, 1010, 990, 1005, 995, 1000, 1008, 992];
  it('raises a 40% drop', () => {
    expect(judgeDrop(600, seasonalBaseline(history), thresholds)).toMatchObject({ isDrop: true });
  });
  it('does not raise a 5% dip', () => {
    expect(judgeDrop(950, seasonalBaseline(history), thresholds).isDrop).toBe(false);
  });
  it('does not raise a 20% dip on a history that swings that much anyway', () => {
    expect(judgeDrop(800, seasonalBaseline([1000, 700, 1300, 800, 1200, 750, 1250, 1000]), thresholds).isDrop).toBe(false);
  });
  it('does not judge series too small to mean anything', () => {
    expect(judgeDrop(0, seasonalBaseline([2, 3, 2, 3, 2, 3, 2, 3]), thresholds).isDrop).toBe(false);
  });
});
