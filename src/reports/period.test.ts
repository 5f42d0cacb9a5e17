import { describe, expect, it } from 'vitest';
import { changeRatio, periodsEndingAt } from './period.js';

describe('periodsEndingAt', () => {
  it('ends the current period with the as-of day in the store time zone and puts the previous one right before it', () => {
    expect(periodsEndingAt(new Date('2024-03-31T10:00:00Z'), 30, 'Asia/Jakarta')).toEqual({
      current: { from: '2024-03-02', to: '2024-04-01' },
      previous: { from: '2024-02-01', to: '2024-03-02' },
    });
  });
});

describe('changeRatio', () => {
  it('is relative to the previous value and undefined from zero', () => {
    expect(changeRatio(120, 100)).toBeCloseTo(0.2);
    expect(changeRatio(0, 0)).toBe(0);
    expect(changeRatio(5, 0)).toBeNull();
  });
});
