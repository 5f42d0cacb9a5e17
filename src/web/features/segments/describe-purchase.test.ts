import { describe, expect, it } from 'vitest';
import { filterFields } from '../../../segments/filter-fields.js';
import { checkFilter } from '../../../segments/filter-schema.js';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import type { DescribeContext } from './describe-condition.js';
import { describePurchase } from './describe-purchase.js';

const contextIn = (locale: Locale): DescribeContext => ({
  t: (key, variables) => lookupMessage(messagesByLocale[locale], key, variables),
  locale,
  format: createFormatters(locale === 'en' ? 'en-GB' : locale === 'lv' ? 'lv-LV' : 'id-ID', 'USD', 'UTC'),
  typeOf: (field) => filterFields[field]?.type,
});

describe('describePurchase', () => {
  // a window the server accepts ends on a day ahead as a date condition's value may: said in words, not as JSON
  const window = { purchased: { category: 'Coffee', within: { from: { days_ago: 30 }, to: { days_ahead: 7 } } } };

  it('says a day ahead in a purchase window in words, as days ago, naming the last day the window holds', () => {
    expect(checkFilter(window).problems).toEqual([]);
    expect(describePurchase(window.purchased, contextIn('en'))).toBe('Bought Coffee from 30 days ago to in 6 days inclusive');
    expect(describePurchase(window.purchased, contextIn('id'))).toBe('Membeli Coffee dari 30 hari yang lalu sampai dengan 6 hari lagi');
    expect(describePurchase({ within: { from: { days_ago: 3 }, to: { days_ahead: 0 } } }, contextIn('lv'))).toBe('Pirka jebko no pirms 3 dienām līdz pirms 1 dienas ieskaitot');
    expect(describePurchase({ within: { from: { days_ago: 30 }, to: { days_ago: 7 } } }, contextIn('en'))).toBe('Bought anything from 30 days ago to 8 days ago inclusive');
  });

  // `to` is not included (docs/segments.md): {"from": 12 Dec, "to": 13 Dec} holds only the 12th, which
  // "from 12 Dec until 13 Dec" made a marketer read as two days
  const oneDay = { from: '2025-12-12', to: '2025-12-13' };
  const twoDays = { from: '2025-12-12', to: '2025-12-14' };

  it.each([
    ['en', 'Bought anything on 12 Dec 2025', 'Bought anything from 12 Dec 2025 to 13 Dec 2025 inclusive'],
    ['id', 'Membeli apa saja pada 12 Des 2025', 'Membeli apa saja dari 12 Des 2025 sampai dengan 13 Des 2025'],
    ['lv', 'Pirka jebko 2025. gada 12. dec.', 'Pirka jebko no 2025. gada 12. dec. līdz 2025. gada 13. dec. ieskaitot'],
  ] as const)('names the last day a window of days holds, not its excluded end (%s)', (locale, single, range) => {
    expect(describePurchase({ within: oneDay }, contextIn(locale))).toBe(single);
    expect(describePurchase({ within: twoDays }, contextIn(locale))).toBe(range);
  });

  it('says a window open at its end, across a month, and leaves an end with a time of day to the JSON', () => {
    expect(describePurchase({ within: { from: '2025-12-12' } }, contextIn('en'))).toBe('Bought anything since 12 Dec 2025');
    expect(describePurchase({ within: { from: '2025-11-01' } }, contextIn('id'))).toBe('Membeli apa saja sejak 1 Nov 2025');
    expect(describePurchase({ within: { from: '2025-11-01', to: '2025-12-01' } }, contextIn('en'))).toBe('Bought anything from 1 Nov 2025 to 30 Nov 2025 inclusive');
    expect(describePurchase({ within: { from: '2025-12-12', to: '2025-12-13T06:30:00+07:00' } }, contextIn('en'))).toBeNull();
  });
});
