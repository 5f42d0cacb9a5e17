import { describe, expect, it } from 'vitest';
import { calendarDaySchema, dayOrInstantSchema, isRealDay } from './calendar-date.js';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('calendar days in requests', () => {
  it.each([
    ['2024-02-29', true], ['2026-02-28', true], ['1970-01-01', true], ['2100-12-31', true],
    ['2026-02-29', false], ['2026-02-30', false], ['2026-04-31', false], ['2026-13-45', false], ['2026-00-10', false], ['2026-1-5', false], ['1969-12-31', false], ['2101-01-01', false],
  ])('takes %s as a day: %s', (text, isTaken) => {
    expect(calendarDaySchema.safeParse(text).success).toBe(isTaken);
  });

  it.each([
    ['2026-03-01', true], ['2026-03-01T12:00:00Z', true], ['2026-03-01T12:00:00+07:00', true],
    ['2026-02-30T12:00:00Z', false], ['2026-03-01Tnoon', false], ['2026-03-01 12:00', false], ['tomorrow', false],
  ])('takes %s as a day or a time: %s', (text, isTaken) => {
    expect(dayOrInstantSchema.safeParse(text).success).toBe(isTaken);
  });

  it('knows a day exists whatever its century, which Date alone would roll over', () => {
    expect(isRealDay('0001-01-01')).toBe(true);
    expect(isRealDay('0000-01-01')).toBe(false);
    expect(isRealDay('1900-02-29')).toBe(false);
    expect(isRealDay('2000-02-29')).toBe(true);
  });
});

describe('pagination cursors', () => {
  const crafted = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

  it('reads back what it wrote', () => {
    expect(decodeCursor(encodeCursor('2024-06-01 03:00:00+00', 42, 'last_purchase'))).toEqual({ value: '2024-06-01 03:00:00+00', id: 42, scope: 'last_purchase' });
    expect(decodeCursor(encodeCursor('1717210800000000 order', 7))).toEqual({ value: '1717210800000000 order', id: 7, scope: null });
  });

  it.each([
    ['an id past 2^53', [1, 1e20, 'recent']], ['a fractional id', [1.5, 2.5, 'revenue']], ['an id of zero', [1, 0]], ['text holding NUL', ['a\u0000', 1, 'name']],
    ['an object', { value: 1, id: 1 }], ['too many parts', [1, 1, 'recent', 'more']], ['not JSON', 'nonsense'],
  ])('refuses %s', (_label, value) => {
    expect(() => decodeCursor(typeof value === 'string' ? value : crafted(value))).toThrow(expect.objectContaining({ code: 'PAGINATION_CURSOR_INVALID' }));
  });
});
