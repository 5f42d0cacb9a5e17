import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { customerCountText } from './customer-count-text.js';

const i18nFor = (locale: Locale) => ({
  locale,
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta'),
});

describe('customer counts in the form their number takes', () => {
  it('says one customer, not "1 customers", and many customers', () => {
    expect(customerCountText({ shown: 1, total: null, hasMore: false }, i18nFor('en'))).toBe('1 customer');
    expect(customerCountText({ shown: 0, total: null, hasMore: false }, i18nFor('en'))).toBe('0 customers');
    expect(customerCountText({ shown: 50, total: 1_201, hasMore: true }, i18nFor('en'))).toBe('Showing 50 of 1,201 customers — scroll for more');
    expect(customerCountText({ shown: 1, total: null, hasMore: true }, i18nFor('en'))).toBe('1 customer shown so far — scroll for more');
  });

  it('takes the Latvian forms of 1, 21, 10 and 2, and the one Indonesian form', () => {
    expect(customerCountText({ shown: 1, total: null, hasMore: false }, i18nFor('lv'))).toBe('1 klients');
    expect(customerCountText({ shown: 21, total: null, hasMore: false }, i18nFor('lv'))).toBe('21 klients');
    expect(customerCountText({ shown: 10, total: null, hasMore: false }, i18nFor('lv'))).toBe('10 klienti');
    expect(customerCountText({ shown: 2, total: null, hasMore: false }, i18nFor('lv'))).toBe('2 klienti');
    expect(customerCountText({ shown: 1, total: null, hasMore: false }, i18nFor('id'))).toBe('1 pelanggan');
  });
});
