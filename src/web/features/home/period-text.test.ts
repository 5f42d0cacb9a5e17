import { describe, expect, it } from 'vitest';
import { daysBetween, describePeriod, lastDayOf } from './period-text.js';

// As GET /api/reports/summary?days=7 answered on a live store at 21:55 in Jakarta (14:55 UTC) on 2 December 2026.
const liveSummary = {
  asOf: '2026-12-02T14:55:47.981Z', from: '2026-11-26', to: '2026-12-03', previousFrom: '2026-11-19', previousTo: '2026-11-26', comparison: 'same-time' as const,
  currentPeriod: { from: '2026-11-25T17:00:00.000Z', to: '2026-12-02T14:55:47.981Z' }, previousPeriod: { from: '2026-11-18T17:00:00.000Z', to: '2026-11-25T14:55:47.981Z' },
};

describe('describePeriod', () => {
  it('says a live store\'s period runs up to now, against the same span a period earlier up to the same time', () => {
    expect(describePeriod(liveSummary)).toEqual({
      end: 'same-time', days: 7, from: '2026-11-26', lastDay: '2026-12-02', previousFrom: '2026-11-19', previousLastDay: '2026-11-25',
      asOf: '2026-12-02T14:55:47.981Z', previousEnd: '2026-11-25T14:55:47.981Z',
    });
  });

  it('says a static data set\'s period is whole days, ending with its last day', () => {
    const summary = {
      asOf: '1998-06-30T23:59:59.999-04:00', from: '1998-06-01', to: '1998-07-01', previousFrom: '1998-05-02', previousTo: '1998-06-01', comparison: 'whole-days' as const,
      currentPeriod: { from: '1998-06-01T04:00:00.000Z', to: '1998-07-01T04:00:00.000Z' }, previousPeriod: { from: '1998-05-02T04:00:00.000Z', to: '1998-06-01T04:00:00.000Z' },
    };
    expect(describePeriod(summary)).toMatchObject({ end: 'whole-days', days: 30, lastDay: '1998-06-30', previousLastDay: '1998-05-31' });
  });

  it('claims neither when the server does not say what it compared', () => {
    const { asOf, from, to, previousFrom, previousTo } = liveSummary;
    expect(describePeriod({ asOf, from, to, previousFrom, previousTo })).toMatchObject({ end: 'unknown', asOf: '2026-12-02T14:55:47.981Z', previousEnd: null });
  });
});

describe('lastDayOf and daysBetween', () => {
  it.each([
    ['2026-12-03', '2026-12-02'],
    ['2026-03-01', '2026-02-28'],
    ['2024-03-01', '2024-02-29'],
    ['2027-01-01', '2026-12-31'],
  ])('reads the exclusive end %s as the last day %s', (end, last) => {
    expect(lastDayOf(end)).toBe(last);
  });

  it('counts the days of a half-open range across a month and a leap day', () => {
    expect(daysBetween('2026-11-26', '2026-12-03')).toBe(7);
    expect(daysBetween('2024-02-01', '2024-03-02')).toBe(30);
    expect(daysBetween('2025-12-03', '2026-12-03')).toBe(365);
  });

  it('leaves a value that is not a calendar day as it is', () => {
    expect(lastDayOf('2026-12-03T00:00:00Z')).toBe('2026-12-03T00:00:00Z');
    expect(daysBetween('x', '2026-12-03')).toBe(0);
  });
});
