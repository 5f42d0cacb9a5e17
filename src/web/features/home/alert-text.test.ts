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

  // a store-wide drop as the analysis stores it: web and store both fell against their own expectations
  const storeWide: AlertFigures = {
    ...weekly, scope: 'all', windowStart: '2026-05-15', windowEnd: '2026-05-15', expected: 5_953_875, actual: 3_242_200, changePct: -45.5,
    explanation: { explainedBy: [
      { dimension: 'channel', segment: 'web', share: 1.0633, expected: 3_099_308, actual: 216_100 },
      { dimension: 'type', segment: 'occasional', share: 0.68, expected: 4_461_502, actual: 2_621_100 },
      { dimension: 'channel', segment: 'store', share: 0.0237, expected: 3_090_500, actual: 3_026_100 },
    ] },
  };
  const mostlyOccasional: AlertFigures = { ...storeWide, explanation: { explainedBy: [{ dimension: 'type', segment: 'occasional', share: 0.83 }, { dimension: 'type', segment: 'lapsed', share: 0.9 }] } };

  it.each([
    ['en', '; mostly Occasional customers (83% of the shortfall)'],
    ['id', '; terutama pada pelanggan Sesekali (83% dari kekurangan)'],
    ['lv', '; galvenokārt klientiem ar tipu “Gadījuma pircējs” (83% no iztrūkuma)'],
  ] as const)('in %s names the segment that explains most of a store-wide drop, as the CLI does: "…%s"', (locale, end) => {
    const { t, format } = i18nOf(locale);
    expect(alertText(mostlyOccasional, t, format).endsWith(end)).toBe(true);
    expect(alertText({ ...mostlyOccasional, scope: 'channel:web' }, t, format)).not.toContain(';');
  });

  it.each([
    ['en', (money: string) => `; the Web channel: ${money} below expected (106% of the store's shortfall)`],
    ['id', (money: string) => `; saluran Web: ${money} di bawah perkiraan (106% dari kekurangan seluruh toko)`],
    ['lv', (money: string) => `; kanālā “Tīmeklis” par ${money} mazāk, nekā gaidīts (106% no visa veikala iztrūkuma)`],
  ] as const)('in %s says how far a segment that fell by more than the store fell below its own expectation, and not that others rose when another channel fell too', (locale, end) => {
    const { t, format } = i18nOf(locale);
    expect(alertText(storeWide, t, format).endsWith(end(format.money(2_883_208)))).toBe(true);
  });

  it('says the others were above expected only when the complete list shows no other segment of the kind fell', () => {
    const { t, format } = i18nOf('en');
    const webOnly: AlertFigures = { ...storeWide, explanation: { explainedBy: [{ dimension: 'channel', segment: 'web', share: 1.2 }] } };
    expect(alertText(webOnly, t, format)).toMatch(/; the Web channel fell by 120% of the store's shortfall, while the others were above expected$/);
  });

  it('puts a one-day Latvian period in the locative ("15. maijā") and a week from its first day to its last', () => {
    const { t, format } = i18nOf('lv');
    expect(alertText({ ...storeWide, explanation: {} }, t, format)).toMatch(/^Visā veikalā ieņēmumi 2026\. gada 15\. maijā: /);
    expect(alertText({ ...weekly, scope: 'all', windowStart: '2026-03-02', windowEnd: '2026-03-08' }, t, format))
      .toMatch(/^Visā veikalā ieņēmumi no 2026\. gada 2\. marta līdz 2026\. gada 8\. martam: /);
  });

  it('says who is overdue for a customer\'s alert, by name when there is one', () => {
    const { t, format } = i18nOf('en');
    const overdue: AlertFigures = { ...weekly, kind: 'customer_overdue', metric: 'days_since_last_purchase', scope: 'customer:7', customerId: 7, customerName: 'Ayu' };
    expect(alertText(overdue, t, format)).toBe('Ayu (No. 7) is overdue for a purchase');
    expect(alertText({ ...overdue, customerName: null }, t, format)).toBe('Customer No. 7 is overdue for a purchase');
  });
});
