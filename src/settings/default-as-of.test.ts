import { describe, expect, it } from 'vitest';
import { defaultAsOfDay } from './index.js';

describe('the day reports default to', () => {
  it("is a static data set's last day, read in the store's time zone", () => {
    expect(defaultAsOfDay({ dataAsOf: '1998-06-30T23:59:59.999-04:00', timeZone: 'America/New_York' }, new Date('2026-12-02T00:00:00Z'))).toBe('1998-06-30');
  });

  it("is today in the store's time zone, not in UTC, for a live store", () => {
    // 20:00 UTC on 1 December is already 2 December in Jakarta
    expect(defaultAsOfDay({ dataAsOf: null, timeZone: 'Asia/Jakarta' }, new Date('2026-12-01T20:00:00Z'))).toBe('2026-12-02');
    expect(defaultAsOfDay({ dataAsOf: null, timeZone: 'America/New_York' }, new Date('2026-12-02T03:00:00Z'))).toBe('2026-12-01');
  });
});
