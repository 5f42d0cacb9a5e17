import { describe, expect, it } from 'vitest';
import { daysCounted, isCutAtEnd, isCutAtStart, rangeEndOf } from './revenue-periods.js';

const point = (period: string, from: string, to: string, isPartial: boolean) => ({ period, revenueMinor: 1, orders: 1, customers: 1, from, to, isPartial });

describe('a revenue period cut short, as the server marks it', () => {
  it('is cut at its start when the range starts inside it, and at its end when marked partial otherwise', () => {
    const startsLate = point('2025-12-01', '2025-12-04', '2025-12-08', true);
    expect([isCutAtStart(startsLate), isCutAtEnd(startsLate, { to: '2026-12-04' })]).toEqual([true, false]);
    const soFar = point('2026-11-30', '2026-11-30', '2026-12-04', true);
    expect([isCutAtStart(soFar), isCutAtEnd(soFar, { to: '2026-12-04' })]).toEqual([false, true]);
    const whole = point('2026-11-23', '2026-11-23', '2026-11-30', false);
    expect([isCutAtStart(whole), isCutAtEnd(whole, { to: '2026-11-30' })]).toEqual([false, false]);
  });

  it('is cut at both ends when the range lies inside it', () => {
    const inside = point('2026-12-01', '2026-12-04', '2026-12-20', true);
    expect([isCutAtStart(inside), isCutAtEnd(inside, { to: '2026-12-20' })]).toEqual([true, true]);
  });

  it('holds the days the server counted, the last one before its exclusive end', () => {
    expect(daysCounted(point('2025-12-01', '2025-12-04', '2025-12-08', true))).toEqual({ firstDay: '2025-12-04', lastDay: '2025-12-07' });
  });

  it('ends with today on a live store, with the data on a data set, and with the range when the settings are not known', () => {
    expect([rangeEndOf({ dataAsOf: null }), rangeEndOf({ dataAsOf: '1998-06-30' }), rangeEndOf(null)]).toEqual(['today', 'data', 'range']);
  });
});
