import { describe, expect, it } from 'vitest';
import { detectDrops, type MetricPoint } from './detect-drops.js';
import { dropCauseOf, listedSegmentsAtMost, roundHalfAwayFromZero, wholeChangePercent } from './drop-cause.js';

describe('roundHalfAwayFromZero', () => {
  it.each([[-45.5, -46], [-45.54, -46], [-45.4, -45], [45.5, 46], [-0.4, 0], [0, 0]])('rounds %d to %d', (value, rounded) => {
    expect(roundHalfAwayFromZero(value)).toBe(rounded);
  });
});

describe('wholeChangePercent', () => {
  it('takes the change from the exact figures, not the stored change rounded to a tenth', () => {
    expect(wholeChangePercent({ expected: 59_538.75, actual: 32_422, changePct: -45.5 })).toBe(-46);
    expect(wholeChangePercent({ expected: 0, actual: 0, changePct: 0 })).toBe(0);
  });
});

describe('dropCauseOf', () => {
  it('names the first segment that may explain a drop, with how far it fell below its own expectation', () => {
    expect(dropCauseOf([{ dimension: 'type', segment: 'lapsed', share: 0.9 }, { dimension: 'channel', segment: 'web', share: 0.7, expected: 300, actual: 90 }]))
      .toEqual({ dimension: 'channel', segment: 'web', share: 0.7, shortfall: 210, othersRose: false });
    expect(dropCauseOf([{ dimension: 'type', segment: 'at_risk', share: 0.9 }])).toBeNull();
  });

  it('says others rose only above 100%, with a complete list naming no other segment of the same kind', () => {
    const web = { dimension: 'channel', segment: 'web', share: 1.06 };
    expect(dropCauseOf([web])?.othersRose).toBe(true);
    expect(dropCauseOf([web, { dimension: 'channel', segment: 'store', share: 0.02 }])?.othersRose).toBe(false);
    expect(dropCauseOf([{ ...web, share: 0.9 }])?.othersRose).toBe(false);
  });

  it('knows how many segments a drop lists at most, so a full list is not read as complete', () => {
    // seven categories all falling: the store's drop lists only the first few
    const points: MetricPoint[] = [];
    for (let bucket = 0; bucket <= 8; bucket += 1) {
      const wobble = [0, 5, -5, 3, -3, 2, -2, 4, -4][bucket];
      const factor = bucket === 0 ? 0.5 : 1;
      const categories = Array.from({ length: 7 }, (_, index) => (100 + index * 10 + wobble) * factor);
      const total = categories.reduce((sum, revenue) => sum + revenue, 0);
      points.push({ bucket, dimension: 'all', segment: 'all', revenue: total, orders: total / 10, customers: total / 20 });
      categories.forEach((revenue, index) => points.push({ bucket, dimension: 'category', segment: `c${index}`, revenue, orders: revenue / 10, customers: revenue / 20 }));
    }
    const whole = detectDrops(points, { granularity: 'week', weeksOfHistory: 8, thresholds: { zThreshold: 3.5, minDropPercent: 15, minExpected: 5 } })
      .find((alert) => alert.metric === 'revenue' && alert.scope === 'all')!;
    expect(whole.explainedBy).toHaveLength(listedSegmentsAtMost);
  });
});
