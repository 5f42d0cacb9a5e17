import { describe, expect, it } from 'vitest';
import { buildCalendar, formatLocalTime, lebaranDayOf } from './calendar.js';

describe('buildCalendar', () => {
  const calendar = buildCalendar(new Date('2026-05-01T00:00:00+07:00'), 2);

  it('ends the day before the end date in Jakarta', () => {
    expect(calendar.dayStrings[calendar.dayCount - 1]).toBe('2026-04-30');
    expect(calendar.dayCount).toBe(731);
  });

  it('uses the Jakarta day even when the instant is still the previous day in UTC', () => {
    const late = buildCalendar(new Date('2026-04-30T18:00:00Z'), 1);
    expect(late.dayStrings[late.dayCount - 1]).toBe('2026-04-30');
  });

  it('knows weekdays with Monday as 0', () => {
    const index = calendar.dayStrings.indexOf('2026-04-26');
    expect(calendar.weekdays[index]).toBe(6);
    expect(calendar.weekdays[index + 1]).toBe(0);
  });

  it.each([
    ['2026-03-20', 'lebaran'], ['2026-03-15', 'pre-lebaran'], ['2026-03-01', 'ramadan'], ['2026-03-25', 'post-lebaran'],
    ['2025-12-24', 'christmas'], ['2025-12-05', 'december'], ['2025-10-10', 'normal'],
  ])('marks %s as %s', (day, season) => {
    expect(calendar.seasons[calendar.dayStrings.indexOf(day)]).toBe(season);
  });

  it('formats seconds from the start as ISO 8601 with the +07:00 offset', () => {
    expect(formatLocalTime(calendar, 86_400 + 8 * 3600 + 15 * 60 + 9)).toBe(`${calendar.dayStrings[1]}T08:15:09+07:00`);
    expect(Date.parse(formatLocalTime(calendar, 0))).toBe(calendar.startMs);
  });
});

describe('lebaranDayOf', () => {
  it('uses the official dates and extrapolates beyond them', () => {
    expect(lebaranDayOf(2025)).toBe('2025-03-31');
    expect(lebaranDayOf(2031)).toMatch(/^2031-01-2\d$/);
  });
});
