import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { alertText, type AlertFigures } from './alert-text.js';

function i18nOf(locale: Locale) {
  return { t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables), format: createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta') };
}

const weekly: AlertFigures = {
  kind: 'metric_drop', metric: 'revenue', scope: 'category:pastries', customerId: null, customerName: null,
  windowStart: '2026-12-01', windowEnd: '2026-12-07', expected: 3_100_000, actual: 1_200_000, changePct: -61.8,
};

describe('alertText', () => {
  it.each([
    ['en', 'category:pastries', 'Pastries category revenue, '],
    ['en', 'all', 'Store-wide revenue, '],
    ['en', 'channel:web', 'Web channel revenue, '],
    ['en', 'type:vip', 'VIP customer revenue, '],
    ['en', 'channel:kiosk', 'Kiosk channel revenue, '],
    ['en', 'region:north', 'North (region) revenue, '],
    ['id', 'category:pastries', 'Di kategori pastries, pendapatan '],
    ['id', 'all', 'Di seluruh toko, pendapatan '],
    ['id', 'channel:mobile', 'Di saluran Aplikasi seluler, pendapatan '],
    ['lv', 'category:pastries', 'Kategorijā “pastries” ieņēmumi '],
    ['lv', 'all', 'Visā veikalā ieņēmumi '],
    ['lv', 'type:at_risk', 'Klientiem ar tipu “Riska grupā” ieņēmumi '],
  ] as const)('in %s leads the alert on %s with its scope: "%s…"', (locale, scope, start) => {
    const { t, format } = i18nOf(locale);
    expect(alertText({ ...weekly, scope }, t, format).startsWith(start)).toBe(true);
  });

  it('gives the period, the figures and the change after the scope, each in the reader\'s formats, the change signed with a minus sign as key figures are', () => {
    const { t, format } = i18nOf('en');
    const figures = `${format.money(1_200_000)}, expected ${format.money(3_100_000)} (−61.8%)`;
    expect(alertText(weekly, t, format)).toBe(`Pastries category revenue, 1 Dec 2026 – 7 Dec 2026: ${figures}`);
    const id = i18nOf('id');
    expect(alertText(weekly, id.t, id.format)).toBe(`Di kategori pastries, pendapatan 1 Des 2026 – 7 Des 2026: ${id.format.money(1_200_000)}, perkiraan ${id.format.money(3_100_000)} (−61,8%)`);
  });

  it('names a one-day window once, and counts rather than money for orders', () => {
    const { t, format } = i18nOf('en');
    const daily: AlertFigures = { ...weekly, scope: 'all', metric: 'orders', windowStart: '2026-12-07', expected: 40.4, actual: 21, changePct: -48 };
    expect(alertText(daily, t, format)).toBe(`Store-wide orders, 7 Dec 2026: 21, expected 40 (−48%)`);
  });

  it('says who is overdue for a customer\'s alert, by name when there is one', () => {
    const { t, format } = i18nOf('en');
    const overdue: AlertFigures = { ...weekly, kind: 'customer_overdue', metric: 'days_since_last_purchase', scope: 'customer:7', customerId: 7, customerName: 'Ayu' };
    expect(alertText(overdue, t, format)).toBe('Ayu (No. 7) is overdue for a purchase');
    expect(alertText({ ...overdue, customerName: null }, t, format)).toBe('Customer No. 7 is overdue for a purchase');
  });
});
