import { describe, expect, it } from 'vitest';
import { isLastPeriodIncomplete, periodEnd } from './revenue-periods.js';

const trend = (granularity: 'day' | 'week' | 'month', lastPeriod: string, to: string) => ({ granularity, to, points: [{ period: '2026-01-05' }, { period: lastPeriod }] });

describe('the revenue trend\'s last period', () => {
  it.each([
    ['2026-11-30', 'day', '2026-12-01'],
    ['2026-11-30', 'week', '2026-12-07'],
    ['2026-11-01', 'month', '2026-12-01'],
    ['2026-12-01', 'month', '2027-01-01'],
    ['2024-02-01', 'month', '2024-03-01'],
  ] as const)('ends a period starting %s, per %s, on %s', (period, granularity, end) => {
    expect(periodEnd(period, granularity)).toBe(end);
  });

  it('is incomplete when the range ends before the period does, as a week of which three days have passed', () => {
    expect(isLastPeriodIncomplete(trend('week', '2026-11-30', '2026-12-03'))).toBe(true);
    expect(isLastPeriodIncomplete(trend('month', '2026-12-01', '2026-12-03'))).toBe(true);
  });

  it('is complete when the range ends with it, and there is none without points', () => {
    expect(isLastPeriodIncomplete(trend('week', '2026-11-30', '2026-12-07'))).toBe(false);
    expect(isLastPeriodIncomplete(trend('day', '2026-12-02', '2026-12-03'))).toBe(false);
    expect(isLastPeriodIncomplete({ granularity: 'week', to: '2026-12-03', points: [] })).toBe(false);
  });

  it('is incomplete when the range ends with today, still under way, even for a whole day or week', () => {
    expect(isLastPeriodIncomplete(trend('day', '2026-12-02', '2026-12-03'), true)).toBe(true);
    expect(isLastPeriodIncomplete(trend('week', '2026-11-30', '2026-12-07'), true)).toBe(true);
    expect(isLastPeriodIncomplete(trend('week', '2026-11-30', '2026-12-03'), true)).toBe(true);
  });

  it('is complete, though the range ends with today, when the last point is an earlier period without sales today', () => {
    expect(isLastPeriodIncomplete(trend('day', '2026-11-30', '2026-12-03'), true)).toBe(false);
    expect(isLastPeriodIncomplete(trend('week', '2026-11-23', '2026-12-03'), true)).toBe(false);
  });
});
