import { describe, expect, it } from 'vitest';
import type { Locale, Reject } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeField } from './field-labels.js';
import { describeOtherProblems, describeReject, rejectTextWithOtherProblems } from './reject-text.js';

// as the server sends them, with the file's column of each field (rows/row-problem.ts, withColumnNamed)
type Named = { column?: string };
type NamedReject = Omit<Reject, 'also'> & Named & { also?: Array<NonNullable<Reject['also']>[number] & Named> };

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

// A Tokopedia row without its payment date whose status is no purchase either, as the server sends it (rows/row-parser.ts).
const unpaidRow: NamedReject = {
  file: 'tokopedia.csv', line: 3, field: 'ordered_at', column: 'Tanggal Pembayaran', code: 'FIELD_REQUIRED', params: { field: 'ordered_at' },
  reason: 'Tanggal Pembayaran (ordered_at) is empty; every order needs the time it was placed',
  also: [{
    field: 'status', column: 'Status Terakhir', code: 'STATUS_NOT_PURCHASE', params: { value: 'Menunggu Pembayaran' },
    reason: 'Status Terakhir (status) "Menunggu Pembayaran" is awaiting payment, so the order is not imported',
  }],
};

const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('a rejected row\'s other problem whose message names no field', () => {
  it.each(locales)('%s: names its column once, in its label, not again before its message', (locale) => {
    const t = tIn(locale);
    const [other] = describeOtherProblems(unpaidRow, 'orders', t, locale);
    const label = describeField(t, 'orders', 'status').label;
    expect(other.label).toBe(t('import.rejectAlsoColumn', { field: label, column: 'Status Terakhir' }));
    expect(other.reason.text).toBe(t('rejectReasons.STATUS_NOT_PURCHASE', { value: 'Menunggu Pembayaran' }));
    const whole = rejectTextWithOtherProblems(unpaidRow, 'orders', t, locale);
    expect(occurrences(whole, 'Status Terakhir')).toBe(1);
    expect(whole).not.toContain('Status Terakhir (status)');
  });
});

describe('a Shopee row known only by its masked phone, its username empty', () => {
  const masked: NamedReject = {
    file: 'shopee.csv', line: 5, field: 'customer_phone', column: 'No. Telepon', code: 'PHONE_MASKED',
    params: { field: 'customer_phone', value: '******7890', otherIdentity: 'empty', identity: 'customer_id' },
    reason: 'No. Telepon (customer_phone) "******7890" is masked by the marketplace (some digits hidden), and a masked number cannot tell two buyers apart; this row\'s customer_id is empty, …',
  };

  it.each(locales)('%s: is told its username is empty, not to map a column', (locale) => {
    const t = tIn(locale);
    const { text, lang } = describeReject(masked, t, locale);
    expect(text).toBe(t('import.rejectPhoneMaskedIdentityEmpty', { ...masked.params, field: 'No. Telepon (customer_phone)' }));
    expect(text).toContain('customer_id');
    expect(text).not.toBe(describeReject({ ...masked, params: { field: 'customer_phone', value: '******7890' } }, t, locale).text);
    expect(text).not.toMatch(/[{}]/);
    expect(lang).toBe(locale);
  });
});

describe('an order naming no customer in a file with one column for it', () => {
  const noEmail: NamedReject = {
    file: 'orders.csv', line: 3, field: 'customer_email', column: 'Customer Email', code: 'CUSTOMER_MISSING', params: { field: 'customer_email' },
    reason: 'Customer Email (customer_email) is empty, and the row names no other customer, so there is no one to attribute the order to; fill it in or leave the row out',
  };

  it.each(locales)('%s: names that column as empty', (locale) => {
    const t = tIn(locale);
    const { text } = describeReject(noEmail, t, locale);
    expect(text).toBe(t('import.rejectCustomerFieldEmpty', { field: 'Customer Email (customer_email)' }));
    expect(text).not.toBe(t('rejectReasons.CUSTOMER_MISSING'));
    // a file with several: as before
    expect(describeReject({ ...noEmail, field: 'customer_id', column: undefined, params: {} }, t, locale).text).toBe(t('rejectReasons.CUSTOMER_MISSING'));
  });
});

describe('a returned quantity above its line\'s', () => {
  it.each(locales)('%s: shows the server\'s reason, which names both numbers', (locale) => {
    const tooMany: NamedReject = {
      file: 'shopee.csv', line: 2, field: 'returned_quantity', column: 'Returned quantity', code: 'VALUE_NOT_ALLOWED', params: { field: 'returned_quantity', value: '5', quantity: 2 },
      reason: 'Returned quantity (returned_quantity) "5" is more than the line\'s quantity, 2: a return takes back at most the items bought; check both columns',
    };
    expect(describeReject(tooMany, tIn(locale), locale)).toEqual({ text: tooMany.reason, lang: 'en', original: null });
    expect(describeField(tIn(locale), 'orders', 'returned_quantity').label).not.toContain('returned_quantity');
  });
});
