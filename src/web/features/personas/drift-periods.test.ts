import { describe, expect, it } from 'vitest';
import { attributeKey, defaultDriftPeriods, invalidPeriod } from './drift-periods.js';

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
