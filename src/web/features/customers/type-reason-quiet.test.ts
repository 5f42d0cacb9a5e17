import { describe, expect, it } from 'vitest';
import { typeReason } from '../../../analytics/type-reasons.js';
import { moneyFormatOf } from '../../../analytics/money-format.js';
import { createFormatters, type Formatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { typeReasonMessage } from './type-reason.js';
import type { Locale } from '../../api/types.js';

// a lapsed reason by P(alive) names the silence P(alive) waited for (lapsed.pAliveMinQuietDays)
const lapsed = { pAlive: 0.03, pAliveAsOf: '1997-09-30', lastPurchaseDay: '1997-03-30', purchaseDays: 6, pAliveBelow: 0.3 };
const reason = (locale: Locale, numbers: Record<string, unknown>) => {
  const message = typeReasonMessage('lapsed', numbers, createFormatters({ en: 'en-GB', id: 'id-ID', lv: 'lv-LV' }[locale], 'USD', 'UTC'), locale)!;
  return lookupMessage(messagesByLocale[locale], message.key, message.values);
};

describe('a lapsed reason after a minimum silence', () => {
  it('says the wait in every language, Latvian in the accusative ("vairāk nekā 21 dienu")', () => {
    expect(reason('en', { ...lapsed, pAliveMinQuietDays: 180 })).toMatch(/after 6 purchase days, no purchase for more than 180 days$/);
    expect(reason('id', { ...lapsed, pAliveMinQuietDays: 180 })).toMatch(/, tidak membeli selama lebih dari 180 hari$/);
    expect(reason('lv', { ...lapsed, pAliveMinQuietDays: 180 })).toMatch(/, nav pircis vairāk nekā 180 dienas$/);
    expect(reason('lv', { ...lapsed, pAliveMinQuietDays: 21 })).toMatch(/, nav pircis vairāk nekā 21 dienu$/);
    expect(reason('en', { ...lapsed, pAliveMinQuietDays: 1 })).toMatch(/no purchase for more than 1 day$/);
  });

  it('reads as the server writes it, and says nothing of a wait of 0 or of rows from before the rule', () => {
    // ISO days and whole percents, as the analysis writes them
    const asTheServerWrites: Formatters = { ...createFormatters('en-GB', 'USD', 'UTC'), percent: (ratio) => `${Math.round(ratio * 100)}%`, date: (iso) => String(iso) };
    const english = (numbers: Record<string, unknown>) => {
      const message = typeReasonMessage('lapsed', numbers, asTheServerWrites)!;
      expect(lookupMessage(messagesByLocale.en, message.key, message.values)).toBe(typeReason('lapsed', numbers, moneyFormatOf('USD', 'en')));
    };
    english({ ...lapsed, pAliveMinQuietDays: 180 });
    english({ ...lapsed, pAliveMinQuietDays: 0 });
    english(lapsed);
    expect(reason('en', { ...lapsed, pAliveMinQuietDays: 0 })).not.toContain('no purchase for more than');
  });
});
