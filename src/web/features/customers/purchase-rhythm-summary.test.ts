import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { purchaseRhythmSummary } from './purchase-rhythm-summary.js';

const i18n = (locale: Locale) => ({
  t: (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables),
  format: createFormatters(intlTagByLocale[locale], 'EUR', 'UTC'),
  locale,
});

describe('the purchase rhythm\'s summary', () => {
  it.each([
    ['lv', 8, 'Parasti 8 dienas starp pirkumiem; pirkumu dienas: 5.'],
    ['lv', 1, 'Parasti 1 diena starp pirkumiem; pirkumu dienas: 5.'],
    ['lv', 21, 'Parasti 21 diena starp pirkumiem; pirkumu dienas: 5.'],
    ['lv', 12, 'Parasti 12 dienas starp pirkumiem; pirkumu dienas: 5.'],
    ['lv', 8.5, 'Parasti 8,5 dienas starp pirkumiem; pirkumu dienas: 5.'],
    ['id', 8, 'Biasanya 8 hari antarpembelian, berdasarkan 5 hari pembelian.'],
    ['en', 1, 'Typically 1 day between purchases, over 5 purchase days.'],
    ['en', 1.5, 'Typically 1.5 days between purchases, over 5 purchase days.'],
    ['en', 14, 'Typically 14 days between purchases, over 5 purchase days.'],
  ] as const)('reads in %s for a median of %s days without a needless ",0", its noun agreeing with the number', (locale, median, text) => {
    expect(purchaseRhythmSummary(median, 5, i18n(locale))).toBe(text);
  });
});
