import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calendarDayOf, exactCalendarDayOf } from './calendar-day.js';
import { calendarDayIn, dayClosedBy } from './clock.js';

const slow = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);

describe('calendarDayOf', () => {
  it('gives the day in the store time zone, not in UTC', () => {
    expect(calendarDayOf(new Date('2024-03-01T18:30:00Z'), 'Asia/Jakarta')).toBe('2024-03-02');
    expect(calendarDayOf(new Date('2024-03-01T03:30:00Z'), 'America/New_York')).toBe('2024-02-29');
    expect(calendarDayOf(new Date('2024-03-31T20:59:59Z'), 'Europe/Riga')).toBe('2024-03-31');
    expect(calendarDayOf(new Date('2024-03-31T21:00:00Z'), 'Europe/Riga')).toBe('2024-04-01');
  });

  it('agrees with a direct Intl conversion for any instant and zone, including half-hour and 45-minute offsets', () => {
    const zones = ['Asia/Jakarta', 'Europe/Riga', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Adelaide', 'UTC'];
    fc.assert(fc.property(fc.integer({ min: 0, max: 4_102_444_800_000 }), fc.constantFrom(...zones), (ms, zone) => {
      const instant = new Date(ms);
      return calendarDayOf(instant, zone) === slow(instant, zone);
    }), { numRuns: 3000 });
  });

  it('is exact, through calendarDayIn, where an old offset was not a whole quarter hour', () => {
    // Monrovia kept UTC-0:44:30 until 1972: 00:44:40 UTC was already 00:00:10 on June 1st
    expect(exactCalendarDayOf(new Date('1971-06-01T00:44:40Z'), 'Africa/Monrovia')).toBe('1971-06-01');
    expect(calendarDayIn(new Date('1971-06-01T00:44:29Z'), 'Africa/Monrovia')).toBe('1971-05-31');
    expect(calendarDayIn(new Date('1971-06-01T00:44:40Z'), 'Africa/Monrovia')).toBe('1971-06-01');
  });
});

describe('dayClosedBy', () => {
  it('names the store-local day an as-of end instant closes, on either side of UTC', () => {
    // CDNOW is analysed as of 1998-06-30 in New York: the run's instant is 1998-07-01 00:00 there
    expect(dayClosedBy('1998-07-01T04:00:00.000Z', 'America/New_York')).toBe('1998-06-30');
    expect(dayClosedBy('2026-11-07T17:00:00.000Z', 'Asia/Jakarta')).toBe('2026-11-07');
    // a row judged mid-day by an import batch names its own day
    expect(dayClosedBy(new Date('2026-11-08T05:00:00Z'), 'Asia/Jakarta')).toBe('2026-11-08');
  });
});
