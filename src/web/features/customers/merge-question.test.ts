import { describe, expect, it } from 'vitest';
import type { Locale } from '../../api/types.js';
import { createFormatters } from '../../i18n/format.js';
import { intlTagByLocale, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { mergeQuestion } from './merge-question.js';

const i18nFor = (locale: Locale) => ({
  locale,
  t: (key: string, values?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, values),
  format: createFormatters(intlTagByLocale[locale], 'IDR', 'Asia/Jakarta'),
});

describe('the merge question', () => {
  const other = { customer_id: 1499, name: 'Ana', email: null, phone: null };

  it('numbers the customer as their page does (No. 1499)', () => {
    for (const locale of ['en', 'id', 'lv'] as const) {
      const i18n = i18nFor(locale);
      expect(mergeQuestion(other, 1, i18n)).toContain(`(${i18n.t('customer.number', { id: 1499 })}, `);
    }
  });

  it('says 1 order, and 2 orders', () => {
    expect(mergeQuestion(other, 1, i18nFor('en'))).toMatch(/^Merge Ana \(No\. 1499, 1 order\) into this customer\?/);
    expect(mergeQuestion(other, 2, i18nFor('en'))).toMatch(/^Merge Ana \(No\. 1499, 2 orders\) into this customer\?/);
    expect(mergeQuestion(other, 1, i18nFor('lv'))).toMatch(/\(Nr\. 1499, 1 pasūtījums\)/);
    expect(mergeQuestion(other, 0, i18nFor('lv'))).toMatch(/\(Nr\. 1499, 0 pasūtījumi\)/);
    expect(mergeQuestion(other, 1, i18nFor('id'))).toMatch(/\(No\. 1499, 1 pesanan\)/);
  });
});
