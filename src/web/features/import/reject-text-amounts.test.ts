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

  it.each(locales)('%s: shows how an unreadable amount is written in a currency without cents too', (locale) => {
    const reject = rejectOf('abc', 'IDR');
    expect(reject).toMatchObject({ code: 'AMOUNT_UNREADABLE', params: { field: 'amount', value: 'abc' }, reason: 'amount "abc" is not a number; write amounts like 1234 or 1.234' });
    const text = describeReject(reject, tIn(locale), locale).text;
    expect(text).toContain('1234.50');
    expect(text).toMatch(/1234 (or|atau|vai) 1\.234\b(?!,)/);
    expect(describeReject({ ...reject, code: 'AMOUNT_TOO_LARGE' }, tIn(locale), locale).text).toMatch(/1234 (or|atau|vai) 1\.234\b(?!,)/);
  });
});
