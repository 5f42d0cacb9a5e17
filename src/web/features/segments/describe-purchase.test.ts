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

  it('says a day ahead in a purchase window in words, as days ago', () => {
    expect(checkFilter(window).problems).toEqual([]);
    expect(describePurchase(window.purchased, contextIn('en'))).toBe('Bought Coffee from 30 days ago until in 7 days');
    expect(describePurchase(window.purchased, contextIn('id'))).toBe('Membeli Coffee dari 30 hari yang lalu sampai 7 hari lagi');
    expect(describePurchase({ within: { from: { days_ago: 1 }, to: { days_ahead: 1 } } }, contextIn('lv'))).toBe('Pirka jebko no pirms 1 dienas līdz pēc 1 dienas');
  });
});
