import { describe, expect, it } from 'vitest';
import type { Locale } from '../api/types.js';
import { createFormatters } from './format.js';
import { intlTagByLocale } from './messages.js';

// Intl puts no-break spaces inside compact amounts; the expectations are written with plain ones to be readable.
const withPlainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

const formattersFor = (locale: Locale, currency: string | null) => createFormatters(intlTagByLocale[locale], currency, 'UTC');

describe('compact money, as chart axes and labels show it', () => {
  // amounts in major units; EUR arrives in cents, IDR has no minor unit
  it.each([
    ['en', 'EUR', 1_000_000, '€1m'],
    ['en', 'EUR', 1_500_000, '€1.5m'],
    ['en', 'EUR', 12_000, '€12k'],
    ['en', 'EUR', 999, '€999'],
    ['en', 'EUR', 0, '€0'],
    ['id', 'EUR', 1_000_000, '€1 jt'],
    ['id', 'EUR', 2_500, '€2,5 rb'],
    ['lv', 'EUR', 1_000_000, '1 milj. €'],
    ['lv', 'EUR', 1_500_000, '1,5 milj. €'],
    ['lv', 'EUR', 250_000, '250 tūkst. €'],
    ['lv', 'EUR', 0, '0 €'],
    ['en', 'IDR', 1_000_000, 'IDR 1m'],
    ['id', 'IDR', 1_000_000, 'Rp 1 jt'],
    ['id', 'IDR', 1_500_000, 'Rp 1,5 jt'],
    ['id', 'IDR', 12_000, 'Rp 12 rb'],
    ['lv', 'IDR', 1_000_000, '1 milj. IDR'],
  ] as const)('writes %s %s %d as "%s", with no trailing zero after the decimal sign', (locale, currency, major, expected) => {
    const format = formattersFor(locale, currency);
    expect(withPlainSpaces(format.moneyCompact(major * format.minorPerMajor))).toBe(expected);
  });

  it.each(['en', 'id', 'lv'] as const)('writes plain compact numbers without a store currency (%s), also with no trailing zero', (locale) => {
    const format = formattersFor(locale, null);
    expect(withPlainSpaces(format.moneyCompact(1_000_000))).toBe(withPlainSpaces(format.compact(1_000_000)));
    expect(withPlainSpaces(format.moneyCompact(1_000_000))).not.toMatch(/[.,]0\b/);
  });
});

describe('compact counts, as count axes show them', () => {
  it.each([
    ['en', 1_000, '1k'],
    ['en', 1_500, '1.5k'],
    ['id', 1_000, '1 rb'],
    ['id', 2_000_000, '2 jt'],
    ['lv', 1_000, '1 tūkst.'],
    ['lv', 1_500, '1,5 tūkst.'],
    ['lv', 0, '0'],
  ] as const)('writes %s %d as "%s"', (locale, count, expected) => {
    expect(withPlainSpaces(formattersFor(locale, 'EUR').compact(count))).toBe(expected);
  });
});

describe('a date in digits, as a table column of dates shows it', () => {
  it.each([
    ['en', '04/12/2026'],
    ['id', '04/12/2026'],
    ['lv', '04.12.2026'],
  ] as const)('writes %s as "%s", no longer than ten characters', (locale, expected) => {
    expect(formattersFor(locale, 'EUR').numericDate('2026-12-04T10:00:00Z')).toBe(expected);
    expect(formattersFor(locale, 'EUR').numericDate('2026-12-04')).toBe(expected);
  });

  it('takes an instant\'s day in the store\'s time zone, and a bare day as written', () => {
    const jakarta = createFormatters('lv-LV', 'IDR', 'Asia/Jakarta');
    expect(jakarta.numericDate('2026-12-04T20:00:00Z')).toBe('05.12.2026');
    expect(jakarta.numericDate('2026-12-04')).toBe('04.12.2026');
  });
});
