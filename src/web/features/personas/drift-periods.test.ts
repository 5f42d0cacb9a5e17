import { describe, expect, it } from 'vitest';
import { attributeKey, defaultDriftPeriods, driftToday, invalidPeriod } from './drift-periods.js';

describe('defaultDriftPeriods', () => {
  it('compares the last 90 days, today included, with the 90 days before', () => {
    expect(defaultDriftPeriods('2026-11-30')).toEqual({
      before: { from: '2026-06-04', to: '2026-09-02' },
      after: { from: '2026-09-02', to: '2026-12-01' },
    });
  });
});

describe('invalidPeriod', () => {
  it('names the period that does not start before it ends', () => {
    const periods = defaultDriftPeriods('2026-11-30');
    expect(invalidPeriod(periods)).toBeNull();
    expect(invalidPeriod({ ...periods, after: { from: '2026-12-01', to: '2026-12-01' } })).toBe('after');
    expect(invalidPeriod({ ...periods, before: { from: '', to: '2026-01-01' } })).toBe('before');
    expect(invalidPeriod({ ...periods, before: { from: '2026-01-01', to: '2026-13-45' } })).toBe('before');
    expect(invalidPeriod({ ...periods, after: { from: '2026-02-30', to: '2026-03-10' } })).toBe('after');
    expect(invalidPeriod({ ...periods, after: { from: '2024-02-29', to: '2024-03-01' } })).toBeNull();
  });
});

describe('attributeKey', () => {
  it('knows the attributes the API reports and admits it does not know others', () => {
    expect(attributeKey('spend (log)')).toBe('spendLog');
    expect(attributeKey('shoe size')).toBeNull();
  });
});

describe('driftToday', () => {
  it("is today in the store's zone, not the UTC date of now", () => {
    // 06:30 in Jakarta on 1 December is still 30 November in UTC; 21:00 in New York on 30 November is already 1 December in UTC
    expect(driftToday({ dataAsOf: null, timeZone: 'Asia/Jakarta' }, new Date('2026-11-30T23:30:00Z'))).toBe('2026-12-01');
    expect(driftToday({ dataAsOf: null, timeZone: 'America/New_York' }, new Date('2026-12-01T02:00:00Z'))).toBe('2026-11-30');
  });

  it("is a data set's last day, in the store's zone", () => {
    expect(driftToday({ dataAsOf: '1998-06-30T23:59:59.999-04:00', timeZone: 'America/New_York' }, new Date('2026-12-01T02:00:00Z'))).toBe('1998-06-30');
    expect(driftToday({ dataAsOf: '1998-07-01T03:59:59.999Z', timeZone: 'America/New_York' }, new Date())).toBe('1998-06-30');
  });
});
