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

  it('says 1 order, and 2 orders', () => {
    expect(mergeQuestion(other, 1, i18nFor('en'))).toMatch(/^Merge Ana \(no\. 1499, 1 order\) into this customer\?/);
    expect(mergeQuestion(other, 2, i18nFor('en'))).toMatch(/^Merge Ana \(no\. 1499, 2 orders\) into this customer\?/);
    expect(mergeQuestion(other, 1, i18nFor('lv'))).toMatch(/\(nr\. 1499, 1 pasūtījums\)/);
    expect(mergeQuestion(other, 0, i18nFor('lv'))).toMatch(/\(nr\. 1499, 0 pasūtījumu\)/);
    expect(mergeQuestion(other, 1, i18nFor('id'))).toMatch(/\(no\. 1499, 1 pesanan\)/);
  });
});
