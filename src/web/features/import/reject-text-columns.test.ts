import { describe, expect, it } from 'vitest';
import type { Locale, Reject } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeOtherProblems, describeReject, rejectTextWithOtherProblems } from './reject-text.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

// As the server sends a reject of a field the file holds under another name (rows/row-problem.ts, withColumnNamed).
const emptyPaymentDate: Reject & { column: string } = {
  file: 'tokopedia.csv', line: 3, field: 'ordered_at', column: 'Tanggal Pembayaran', code: 'FIELD_REQUIRED', params: { field: 'ordered_at' },
  reason: 'Tanggal Pembayaran (ordered_at) is empty; every order needs the time it was placed',
};

describe('a reject naming the file\'s column', () => {
  it.each(locales)('%s: names the column with the field beside it where the message names the field', (locale) => {
    const { text } = describeReject(emptyPaymentDate, tIn(locale), locale);
    expect(text).toBe(tIn(locale)('rejectReasons.FIELD_REQUIRED', { field: 'Tanggal Pembayaran (ordered_at)' }));
    expect(text).not.toBe(tIn(locale)('rejectReasons.FIELD_REQUIRED', { field: 'ordered_at' }));
  });

  it.each(locales)('%s: puts the column first in a message that names no field, and leaves a reject without one as it was', (locale) => {
    const status: Reject & { column: string } = {
      file: 'f.csv', line: 2, field: 'status', column: 'Status Terakhir', code: 'STATUS_NOT_PURCHASE', params: { value: 'Menunggu Pembayaran' },
      reason: 'Status Terakhir (status) "Menunggu Pembayaran" is not paid yet',
    };
    const plain = tIn(locale)('rejectReasons.STATUS_NOT_PURCHASE', status.params);
    expect(describeReject(status, tIn(locale), locale).text).toBe(`Status Terakhir (status): ${plain}`);
    const { column: _column, ...withoutColumn } = status;
    expect(describeReject(withoutColumn, tIn(locale), locale).text).toBe(plain);
  });

  it.each(locales)('%s: leaves a message that names the column already as it is', (locale) => {
    const nested: Reject & { column: string } = {
      file: 'request', line: 4, field: 'customer_email', column: 'Email', code: 'FIELD_NOT_SCALAR', params: { line: 4, field: 'Email' },
      reason: '"Email" holds a list (JSON array), but it is read as customer_email, which takes one value; give a single value for Email: text, a number or true/false',
    };
    expect(describeReject(nested, tIn(locale), locale).text).toBe(tIn(locale)('rejectReasons.FIELD_NOT_SCALAR', nested.params));
  });

  it.each(locales)('%s: names the column of the row\'s other problems once, in their reason where it names the field', (locale) => {
    const badRow = {
      ...emptyPaymentDate,
      also: [{ field: 'quantity', column: 'Jumlah Produk Dibeli', code: 'QUANTITY_UNREADABLE', params: { field: 'quantity', value: 'dua' }, reason: 'Jumlah Produk Dibeli (quantity) "dua" is not a number' }],
    };
    const [other] = describeOtherProblems(badRow, 'orders', tIn(locale), locale);
    expect(other.label).not.toContain('Jumlah Produk Dibeli');
    expect(other.label).toBe(describeOtherProblems({ also: [{ ...badRow.also[0], column: undefined }] }, 'orders', tIn(locale), locale)[0].label);
    expect(other.reason.text).toBe(tIn(locale)('rejectReasons.QUANTITY_UNREADABLE', { field: 'Jumlah Produk Dibeli (quantity)', value: 'dua' }));
    expect(rejectTextWithOtherProblems(badRow, 'orders', tIn(locale), locale)).toBe(`${describeReject(badRow, tIn(locale), locale).text}; ${other.label} ${other.reason.text}`);
  });
});

describe('a row known only by a masked phone', () => {
  const masked: Reject = {
    file: 'tokopedia.csv', line: 7, field: 'customer_phone', code: 'PHONE_MASKED', params: { field: 'customer_phone', value: '628******123' },
    reason: 'customer_phone "628******123" is masked by the marketplace (some digits hidden), and a masked number cannot tell two buyers apart, …',
  };

  it.each(locales)('%s: is told, in a file with no other column naming the buyer, that its rows cannot be told apart rather than to map a column', (locale) => {
    const shopee = describeReject(masked, tIn(locale), locale).text;
    const tokopedia = describeReject({ ...masked, params: { ...masked.params, otherIdentity: 'none' } }, tIn(locale), locale);
    expect(tokopedia.text).not.toBe(shopee);
    expect(tokopedia.text).toBe(tIn(locale)('import.rejectPhoneMaskedNoOtherColumn', masked.params));
    expect(tokopedia.text).toContain('628******123');
    expect(tokopedia.text).not.toMatch(/[{}]/);
    expect(tokopedia.lang).toBe(locale);
    expect(shopee).toBe(tIn(locale)('rejectReasons.PHONE_MASKED', masked.params));
  });
});
