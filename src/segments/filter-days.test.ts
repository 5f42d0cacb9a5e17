import { describe, expect, it } from 'vitest';
import { endOfDay, isDateRangeReversed, resolveDate, startOfStoreDay, storeCalendarOf } from './filter-days.js';
import type { DateValue } from './filter-types.js';

// 10:00 on 1 December in Jakarta (UTC+7)
const jakarta = storeCalendarOf(new Date('2026-12-01T03:00:00Z'), 'Asia/Jakarta');

describe("a filter's dates on the store's calendar", () => {
  it('takes the as-of day in the store zone, not in UTC', () => {
    expect(storeCalendarOf(new Date('2026-11-30T20:00:00Z'), 'Asia/Jakarta').asOfDay).toBe('2026-12-01');
    expect(storeCalendarOf(new Date('2026-12-01T03:00:00Z'), 'America/New_York').asOfDay).toBe('2026-11-30');
  });

  it('reads a day as a day, days ago from the as-of day, and an instant exactly', () => {
    expect(resolveDate('2026-11-01', jakarta)).toEqual({ kind: 'day', day: '2026-11-01' });
    expect(resolveDate({ days_ago: 30 }, jakarta)).toEqual({ kind: 'day', day: '2026-11-01' });
    expect(resolveDate('2026-11-01T06:30:00+07:00', jakarta)).toEqual({ kind: 'instant', at: new Date('2026-10-31T23:30:00Z') });
    // without an offset: on the store's clock, as a time in an imported file is
    expect(resolveDate('2026-11-01T06:30', jakarta)).toEqual({ kind: 'instant', at: new Date('2026-10-31T23:30:00Z') });
  });

  it("bounds a day by the store's midnights, daylight saving time included", () => {
    expect(startOfStoreDay('2026-11-01', 'Asia/Jakarta')).toEqual(new Date('2026-10-31T17:00:00Z'));
    expect(endOfDay('2026-11-30', 'Asia/Jakarta')).toEqual(new Date('2026-11-30T17:00:00Z'));
    // New York's 8 March 2026 has 23 hours
    expect(startOfStoreDay('2026-03-08', 'America/New_York')).toEqual(new Date('2026-03-08T05:00:00Z'));
    expect(endOfDay('2026-03-08', 'America/New_York')).toEqual(new Date('2026-03-09T04:00:00Z'));
  });
});

describe('isDateRangeReversed', () => {
  it.each<[string, DateValue, DateValue, boolean]>([
    ['a later day first', '2026-12-01', '2026-11-01', true],
    ['the next day first', '2026-11-02', '2026-11-01', true],
    ['one day', '2026-11-01', '2026-11-01', false],
    ['days in order', '2026-11-01', '2026-12-01', false],
    ['fewer days ago first', { days_ago: 10 }, { days_ago: 30 }, true],
    ['more days ago first', { days_ago: 30 }, { days_ago: 10 }, false],
    ['the same day ago', { days_ago: 7 }, { days_ago: 7 }, false],
    // which comes first changes as time passes: judged when the filter runs, not here
    ['a relative date against a fixed one', { days_ago: 0 }, '2020-01-01', false],
    ['a later instant first', '2026-11-01T10:00:00Z', '2026-11-01T09:00:00+00:00', true],
    ['instants in order across offsets', '2026-11-01T10:00:00+07:00', '2026-11-01T04:00:00Z', false],
    ['a later wall-clock time first', '2026-11-01T10:00', '2026-11-01T09:59', true],
    ['a day and a wall-clock time on it', '2026-11-01', '2026-11-01T00:00', false],
    ['a wall-clock time after a day', '2026-11-02T00:00', '2026-11-01', true],
    // a day against an exact instant: only when no time zone could put them in order
    ['an instant days before a day', '2026-11-05', '2026-11-01T23:00:00+07:00', true],
    ['an instant that is on the day in some zone', '2026-11-02', '2026-11-01T23:00:00+07:00', false],
    ['an instant well after a day', '2026-11-05T00:00:00Z', '2026-11-01', true],
  ])('%s', (_name, low, high, expected) => {
    expect(isDateRangeReversed(low, high)).toBe(expected);
  });
});
