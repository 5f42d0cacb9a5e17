import { describe, expect, it } from 'vitest';
import type { Locale, Reject } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { rowsFromRecords } from '../../../ingest/rows/parse-file.js';
import { testContext } from '../../../ingest/rows/test-context.js';
import { describeReject } from './reject-text.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

const rejectOf = (amount: string, currency: string) =>
  rowsFromRecords('orders', [{ order_id: 'A-1', customer_id: '17', ordered_at: '2024-03-01', amount, currency }], { context: testContext }).rejects[0] as Reject;

describe('the app\'s text for an amount a currency cannot take', () => {
  it.each(locales)('%s: says an IDR amount with decimals is not a whole number, never "needs 1 decimal places, but IDR has 0"', (locale) => {
    const reject = rejectOf('10.50', 'IDR');
    expect(reject).toMatchObject({ code: 'AMOUNT_TOO_PRECISE', params: { field: 'amount', value: '10.50', decimals: 1, currency: 'IDR', currencyDecimals: 0 } });
    const text = describeReject(reject, tIn(locale), locale);
    expect(text.lang).toBe(locale);
    expect(text.text).toContain('10.50');
    expect(text.text).toContain('IDR');
    expect(text.text).not.toMatch(/\b0\b/);
    expect(text.text).not.toMatch(/\b1 (decimal|angka|cipari)/);
  });

  it('says it in each language', () => {
    const reject = rejectOf('10.50', 'IDR');
    expect(describeReject(reject, tIn('en'), 'en').text).toBe('amount “10.50” has decimals, but IDR amounts are whole numbers (no cents); write it without decimals, or check the row\'s currency.');
    expect(describeReject(reject, tIn('id'), 'id').text).toContain('tanpa sen');
    expect(describeReject(reject, tIn('lv'), 'lv').text).toContain('bez centiem');
  });

  it.each(locales)('%s: keeps the decimals the currency allows when it has some (0.125 in EUR)', (locale) => {
    const reject = rejectOf('0.125', 'EUR');
    expect(describeReject(reject, tIn(locale), locale).text).toMatch(/\b3\b.*\b2\b/);
  });

  it.each(locales)('%s: shows how an unreadable amount is written in the row\'s currency: without cents in IDR', (locale) => {
    const reject = rejectOf('abc', 'IDR');
    expect(reject).toMatchObject({ code: 'AMOUNT_UNREADABLE', params: { field: 'amount', value: 'abc', currency: 'IDR', currencyDecimals: 0 }, reason: 'amount "abc" is not a number; write amounts like 1234 or 1.234' });
    const text = describeReject(reject, tIn(locale), locale).text;
    expect(text).not.toContain('1234.50');
    expect(text).not.toContain('IDR');
    expect(text).toMatch(/1234 (or|atau|vai) 1\.234\.$/);
    expect(describeReject({ ...reject, code: 'AMOUNT_TOO_LARGE' }, tIn(locale), locale).text).toMatch(/1234 (or|atau|vai) 1\.234\.$/);
  });

  it('says the simple sentence with the currency\'s example in each language', () => {
    expect(describeReject(rejectOf('abc', 'IDR'), tIn('en'), 'en').text).toBe('amount “abc” is not an amount we can read; write amounts like 1234 or 1.234.');
    expect(describeReject(rejectOf('abc', 'EUR'), tIn('en'), 'en').text).toBe('amount “abc” is not an amount we can read; write amounts like 1234.50 or 1.234,50.');
    expect(describeReject(rejectOf('abc', 'KWD'), tIn('en'), 'en').text).toBe('amount “abc” is not an amount we can read; write amounts like 1234.500 or 1.234,500.');
    expect(describeReject(rejectOf('abc', 'IDR'), tIn('id'), 'id').text).toBe('amount “abc” bukan jumlah uang yang dapat kami baca; tulis jumlah seperti 1234 atau 1.234.');
    expect(describeReject(rejectOf('abc', 'EUR'), tIn('lv'), 'lv').text).toBe('Lauka amount vērtība “abc” nav summa, ko varam nolasīt; rakstiet summas, piemēram, 1234.50 vai 1.234,50.');
  });

  it.each(locales)('%s: gives the currency and its decimals of an amount too large, as of one unreadable', (locale) => {
    const reject = rejectOf('20000000000000', 'KWD');
    expect(reject).toMatchObject({ code: 'AMOUNT_TOO_LARGE', params: { field: 'amount', value: '20000000000000', currency: 'KWD', currencyDecimals: 3 } });
    expect(describeReject(reject, tIn(locale), locale).text).toMatch(/1234\.500 (or|atau|vai) 1\.234,500\.$/);
  });

  it.each(locales)('%s: gives the currency and its decimals of a line whose unit_price × quantity is too large, as of an amount', (locale) => {
    const line = (currency: string) => rowsFromRecords('orders', [{ order_id: 'A-1', customer_id: '17', ordered_at: '2024-03-01', unit_price: '1000000000', quantity: '999999', currency }], { context: testContext }).rejects[0] as Reject;
    expect(line('KWD')).toMatchObject({ code: 'AMOUNT_TOO_LARGE', field: 'unit_price', params: { field: 'unit_price', value: '1000000000 × 999999', currency: 'KWD', currencyDecimals: 3 } });
    expect(line('IDR').params).toEqual({ field: 'unit_price', value: '1000000000 × 999999', currency: 'IDR', currencyDecimals: 0 });
    expect(describeReject(line('KWD'), tIn(locale), locale).text).toMatch(/1234\.500 (or|atau|vai) 1\.234,500\.$/);
    expect(describeReject(line('IDR'), tIn(locale), locale).text).toMatch(/1234 (or|atau|vai) 1\.234\.$/);
  });

  it.each(locales)('%s: shows both examples for an older answer that gives no currency', (locale) => {
    const older = { code: 'AMOUNT_UNREADABLE', params: { field: 'amount', value: 'abc' }, reason: 'amount "abc" is not a number; write amounts like 1234 or 1.234' };
    const text = describeReject(older, tIn(locale), locale);
    expect(text.lang).toBe(locale);
    expect(text.text).toContain('1234.50');
    expect(text.text).toMatch(/1234 (or|atau|vai) 1\.234\b(?!,)/);
    expect(text.text).not.toMatch(/[{}]/);
    expect(describeReject({ ...older, code: 'AMOUNT_TOO_LARGE' }, tIn(locale), locale).text).toContain('1234.50');
  });
});
