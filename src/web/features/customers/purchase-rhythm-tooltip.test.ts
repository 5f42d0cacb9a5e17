import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { rhythmTooltipText } from './purchase-rhythm-tooltip.js';

const i18nIn = (locale: Locale) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'EUR', 'UTC'),
  locale,
});
const tooltip = (locale: Locale, gapDays: number, hasPrices: boolean | null = true) =>
  rhythmTooltipText({ day: '2026-06-16', gapDays, amountMinor: 1_250 }, hasPrices, i18nIn(locale)).replace(/\u00a0/g, ' ');

describe("a purchase rhythm bar's tooltip", () => {
  it('counts the days in the singular for one day in English, the plural otherwise', () => {
    expect(tooltip('en', 1)).toBe('16 Jun 2026: 1 day after the previous purchase · €12.50');
    expect(tooltip('en', 14)).toBe('16 Jun 2026: 14 days after the previous purchase · €12.50');
  });

  it('takes the Latvian forms: singular for 1 and 21, plural for 11 as for 2', () => {
    expect(tooltip('lv', 1)).toMatch(/: 1 dienu pēc iepriekšējā pirkuma · 12,50 €$/);
    expect(tooltip('lv', 21)).toMatch(/: 21 dienu pēc /);
    expect(tooltip('lv', 11)).toMatch(/: 11 dienas pēc /);
    expect(tooltip('lv', 2)).toMatch(/: 2 dienas pēc /);
  });

  it('says it in Indonesian, which has one form, and says no prices are recorded when the store has none', () => {
    expect(tooltip('id', 1)).toMatch(/: 1 hari setelah pembelian sebelumnya · /);
    expect(tooltip('en', 3, false)).toBe('16 Jun 2026: 3 days after the previous purchase · No prices recorded');
  });
});
