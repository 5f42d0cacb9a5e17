import { describe, expect, it } from 'vitest';
import { changeRatio, comparedPeriods, partsOf, periodsEndingAt, startOfDay } from './period.js';

describe('periodsEndingAt', () => {
  it('ends the current period with the as-of day in the store time zone and puts the previous one right before it', () => {
    expect(periodsEndingAt(new Date('2024-03-31T10:00:00Z'), 30, 'Asia/Jakarta')).toEqual({
      current: { from: '2024-03-02', to: '2024-04-01' },
      previous: { from: '2024-02-01', to: '2024-03-02' },
    });
  });
});

describe('comparedPeriods', () => {
  // 2 December 2026, 18:40 in Jakarta (UTC+7)
  const now = new Date('2026-12-02T11:40:00Z');

  it('ends a live store\'s period now and the previous one at the same time of day, N days earlier', () => {
    expect(comparedPeriods(now, 7, 'Asia/Jakarta', 'same-time')).toEqual({
      comparison: 'same-time',
      current: { from: '2026-11-26', to: '2026-12-03', start: new Date('2026-11-25T17:00:00Z'), end: now },
      previous: { from: '2026-11-19', to: '2026-11-26', start: new Date('2026-11-18T17:00:00Z'), end: new Date('2026-11-25T11:40:00Z') },
    });
  });

  it('keeps the same days, and whole ones, when the period is whole days', () => {
    expect(comparedPeriods(now, 7, 'Asia/Jakarta', 'whole-days')).toEqual({
      comparison: 'whole-days',
      current: { from: '2026-11-26', to: '2026-12-03', start: new Date('2026-11-25T17:00:00Z'), end: new Date('2026-12-02T17:00:00Z') },
      previous: { from: '2026-11-19', to: '2026-11-26', start: new Date('2026-11-18T17:00:00Z'), end: new Date('2026-11-25T17:00:00Z') },
    });
  });

  it('reads the same time on the store\'s clock across a change to summer time', () => {
    // New York, Wednesday 13 March 2024 09:15 EDT; a week earlier the clock showed 09:15 EST, an hour later in UTC
    const periods = comparedPeriods(new Date('2024-03-13T13:15:00Z'), 7, 'America/New_York', 'same-time');
    expect(periods.previous.end).toEqual(new Date('2024-03-06T14:15:00Z'));
    expect(periods.previous.start).toEqual(new Date('2024-02-29T05:00:00Z'));
  });

  it('keeps today\'s milliseconds and a zone a quarter hour off the hour', () => {
    const periods = comparedPeriods(new Date('2026-12-02T10:20:30.456Z'), 30, 'Asia/Kathmandu', 'same-time');
    expect(periods.previous.end).toEqual(new Date('2026-11-02T10:20:30.456Z'));
    expect(periods.current.start).toEqual(new Date('2026-11-02T18:15:00Z'));
  });

  it('gives a one-day period today so far against yesterday up to the same time', () => {
    const periods = comparedPeriods(now, 1, 'Asia/Jakarta', 'same-time');
    expect(periods.current).toMatchObject({ from: '2026-12-02', to: '2026-12-03', start: new Date('2026-12-01T17:00:00Z'), end: now });
    expect(periods.previous).toMatchObject({ from: '2026-12-01', to: '2026-12-02', start: new Date('2026-11-30T17:00:00Z'), end: new Date('2026-12-01T11:40:00Z') });
  });
});

describe('the same time on the store\'s clock, and the start of a day', () => {
  it('reads a time the clock shows twice as its later showing, and moves one it skips on by the hour it skipped, as PostgreSQL does', () => {
    // New York: 01:30 happens twice on 3 November 2024 (EDT, then EST); 02:30 never on 10 March 2024
    expect(comparedPeriods(new Date('2024-11-10T06:30:00Z'), 7, 'America/New_York', 'same-time').previous.end).toEqual(new Date('2024-11-03T06:30:00Z'));
    expect(comparedPeriods(new Date('2024-03-17T06:30:00Z'), 7, 'America/New_York', 'same-time').previous.end).toEqual(new Date('2024-03-10T07:30:00Z'));
  });

  it('starts a day when the clock first shows it when midnight is skipped, and at the later midnight when it shows twice', () => {
    // Santiago went from 00:00 to 01:00 on 8 September 2024; Havana from 01:00 back to 00:00 on 3 November 2024
    expect(startOfDay('2024-09-08', 'America/Santiago')).toEqual(new Date('2024-09-08T04:00:00Z'));
    expect(startOfDay('2024-11-03', 'America/Havana')).toEqual(new Date('2024-11-03T05:00:00Z'));
    expect(startOfDay('2024-10-27', 'Europe/Riga')).toEqual(new Date('2024-10-26T21:00:00Z'));
  });
});

describe('partsOf', () => {
  it('splits a period into its whole days and the part of its last day', () => {
    const periods = comparedPeriods(new Date('2026-12-02T11:40:00Z'), 7, 'Asia/Jakarta', 'same-time');
    expect(partsOf(periods.previous, 'Asia/Jakarta')).toEqual({
      from: '2026-11-19', wholeTo: '2026-11-25', partStart: new Date('2026-11-24T17:00:00Z'), end: new Date('2026-11-25T11:40:00Z'),
    });
    const whole = comparedPeriods(new Date('2026-12-02T11:40:00Z'), 7, 'Asia/Jakarta', 'whole-days');
    expect(partsOf(whole.current, 'Asia/Jakarta')).toEqual({
      from: '2026-11-26', wholeTo: '2026-12-03', partStart: new Date('2026-12-02T17:00:00Z'), end: new Date('2026-12-02T17:00:00Z'),
    });
  });

  it('refuses a period whose end lies outside its last day', () => {
    const period = { from: '2026-11-26', to: '2026-12-03', start: new Date('2026-11-25T17:00:00Z'), end: new Date('2026-12-01T11:40:00Z') };
    expect(() => partsOf(period, 'Asia/Jakarta')).toThrow(/end inside its last day/);
  });
});

describe('changeRatio', () => {
  it('is relative to the previous value and undefined from zero', () => {
    expect(changeRatio(120, 100)).toBeCloseTo(0.2);
    expect(changeRatio(0, 0)).toBe(0);
    expect(changeRatio(5, 0)).toBeNull();
  });
});
