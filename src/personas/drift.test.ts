import { describe, expect, it } from 'vitest';
import { cohensD, compareCategorical, cramersV, flagShifts, magnitudeOfD, totalVariationDistance } from './drift.js';

describe('drift effect sizes', () => {
  it('computes Cohen d with the pooled deviation', () => {
    // two groups of values 1..5 and 3..7: means 3 and 5, variances 2.5 each
    expect(cohensD({ n: 5, mean: 3, variance: 2.5 }, { n: 5, mean: 5, variance: 2.5 })).toBeCloseTo(2 / Math.sqrt(2.5), 10);
    expect(cohensD({ n: 1, mean: 3, variance: 0 }, { n: 5, mean: 5, variance: 2.5 })).toBeNull();
    expect(magnitudeOfD(-0.85)).toBe('large');
    expect(magnitudeOfD(0.3)).toBe('small');
  });

  it('computes Cramér V: 0 for identical distributions, 1 for disjoint ones', () => {
    expect(cramersV([[10, 20, 30], [20, 40, 60]])).toBeCloseTo(0, 10);
    expect(cramersV([[10, 0], [0, 10]])).toBeCloseTo(1, 10);
    // for a 2×2 table V is the phi coefficient: (30·30 − 10·10) / √(40·40·40·40) = 0.5
    expect(cramersV([[30, 10], [10, 30]])).toBeCloseTo(0.5, 10);
  });

  it('computes total variation distance as the share of mass that moved', () => {
    expect(totalVariationDistance([0.5, 0.5, 0], [0.25, 0.5, 0.25])).toBeCloseTo(0.25, 10);
  });

  it('turns counts into a chart-ready series over the union of labels', () => {
    const shift = compareCategorical(new Map([['store', 80], ['web', 20]]), new Map([['store', 40], ['mobile', 60]]));
    expect(shift.series).toEqual([
      { label: 'store', before: 0.8, after: 0.4 },
      { label: 'mobile', before: 0, after: 0.6 },
      { label: 'web', before: 0.2, after: 0 },
    ]);
    expect(shift.totalVariation).toBeCloseTo(0.6, 10);
    expect(shift.magnitude).toBe('large');
  });

  it('flags groups whose share moved notably', () => {
    const shifts = flagShifts([{ label: 'a', before: 50, after: 80 }, { label: 'b', before: 50, after: 20 }, { label: 'c', before: 900, after: 900 }]);
    expect(shifts.map((shift) => shift.change)).toEqual(['grew', 'shrank', 'steady']);
  });
});
