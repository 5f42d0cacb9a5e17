import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { Locale } from '../../api/types.js';
import { dayForMessage, fullDay } from './message-day.js';

const sayWithDay = (locale: Locale, key: string, day: string) => {
  const format = createFormatters(intlTagByLocale[locale], 'EUR', 'UTC');
  return lookupMessage(messagesByLocale[locale], key, { day: dayForMessage(day, { key, name: 'day' }, locale, format) });
};

describe('dayForMessage', () => {
  it('writes the month in full where a Latvian sentence puts the day in a case, so the case can be put on it', () => {
    expect(sayWithDay('lv', 'reports.analysis.foundNoneOn', '2026-12-05')).toBe('Analīze veikta uz 2026. gada 5. decembri, un klienti netika atrasti.');
  });

  it('keeps the medium form where the sentence does not inflect the day', () => {
    expect(sayWithDay('en', 'reports.analysis.foundNoneOn', '2026-12-05')).toContain('5 Dec 2026');
  });

  it('refuses what is not a calendar day, rather than shifting an instant by a time zone', () => {
    expect(fullDay('2026-01-31', 'lv')).toBe('2026. gada 31. janvāris');
    expect(() => fullDay('2026-12-05T17:00:00Z', 'lv')).toThrow('A report\'s day is written as YYYY-MM-DD, not "2026-12-05T17:00:00Z"');
  });
});
