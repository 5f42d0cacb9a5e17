import { afterEach, expect, it } from 'vitest';
import { asOfDay, keyValues, showTimesIn, table } from './format.js';

afterEach(() => showTimesIn('UTC'));

it("shows times in the store's time zone, where reports count days", () => {
  // 00:30 on 2 November in Jakarta is still 1 November in UTC
  const justAfterMidnight = new Date('2026-11-01T17:30:00Z');
  showTimesIn('Asia/Jakarta');
  expect(table([{ id: 1, last_purchase: justAfterMidnight }])).toContain('2026-11-02 00:30');
  expect(keyValues({ first_purchase: justAfterMidnight })).toBe('first_purchase  2026-11-02 00:30 (Asia/Jakarta)');
  // New York left summer time at 02:00 that day: UTC−5
  showTimesIn('America/New_York');
  expect(table([{ id: 1, last_purchase: justAfterMidnight }])).toContain('2026-11-01 12:30');
});

it('names the store-local day an analysis as-of instant closes, on either side of UTC', () => {
  // CDNOW is analysed as of 1998-06-30 in New York: the run's instant is 1998-07-01 00:00 there
  showTimesIn('America/New_York');
  expect(asOfDay('1998-07-01T04:00:00.000Z')).toBe('1998-06-30');
  showTimesIn('Asia/Jakarta');
  expect(asOfDay('2026-11-07T17:00:00.000Z')).toBe('2026-11-07');
  // a row judged mid-day by an import batch names its own day
  expect(asOfDay(new Date('2026-11-08T05:00:00Z'))).toBe('2026-11-08');
});
