import { describe, expect, it } from 'vitest';
import type { Locale, Reject } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { describeReject } from './reject-text.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

// an order's second row differing from its first in a column no field reads (repeated-order-rows.ts)
const text = ['No,Buyer,Date,Total,Note', 'R3-1,budi,2025-11-01 09:15,165000,first', 'R3-1,budi,2025-11-01 09:15,165000,second text', ''].join('\n');
const mapping = { order_id: 'No', customer_id: 'Buyer', ordered_at: 'Date', amount: 'Total' };
const repeat = () => toLineRecords(readCsvText(text, 'till.csv'), mapping, { entity: 'orders' }).rejects[0] as Reject;

describe('the app\'s text for an order id repeated with a column that differs', () => {
  it('carries the differing column and both values, as the CLI names them', () => {
    expect(repeat()).toMatchObject({
      line: 3, code: 'ORDER_DUPLICATE_IN_FILE', params: { order: 'R3-1', firstLine: 2, column: 'Note', value: 'second text', firstValue: 'first' },
      reason: 'Duplicate order id R3-1 with a different Note: "second text" here, "first" on line 2 of this file. Keep one row per order.',
    });
  });

  it('names them in English', () => {
    expect(describeReject(repeat(), tIn('en'), 'en').text)
      .toBe('Order R3-1 has a different Note than on line 2 of this file: “second text” here, “first” there; keep one row per order.');
  });

  // the CLI says "none here"; an empty value in quotes, “” here, read as a stray mark
  const emptied = () => toLineRecords(readCsvText(text.replace('second text', ''), 'till.csv'), mapping, { entity: 'orders' }).rejects[0] as Reject;

  it('names an empty value as empty, not as a pair of quotes', () => {
    expect(emptied().params).toMatchObject({ column: 'Note', value: '', firstValue: 'first' });
    expect(describeReject(emptied(), tIn('en'), 'en').text)
      .toBe('Order R3-1 has a different Note than on line 2 of this file: (empty) here, “first” there; keep one row per order.');
    expect(describeReject(emptied(), tIn('id'), 'id').text).toContain('(kosong) di sini, “first” di sana');
    expect(describeReject(emptied(), tIn('lv'), 'lv').text).toContain('šeit (tukšs), tur “first”');
  });

  it.each(locales)('%s: names an empty first value as empty too, and quotes the other', (locale) => {
    const reject = emptied();
    const swapped = { ...reject, params: { ...reject.params, value: 'first', firstValue: '' } };
    const shown = describeReject(swapped, tIn(locale), locale).text;
    expect(shown).toContain(tIn(locale)('timeline.emptyValue'));
    expect(shown).toContain('“first”');
    expect(shown).not.toContain('“”');
    expect(describeReject(emptied(), tIn(locale), locale).text).not.toContain('“”');
  });

  it.each(locales)('%s: names the column and both values, and keeps the plain text for a reject without them', (locale) => {
    const reject = repeat();
    const shown = describeReject(reject, tIn(locale), locale);
    expect(shown.lang).toBe(locale);
    expect(shown.text).toMatch(/R3-1.*Note.*2.*second text.*first/);
    const { column: _column, value: _value, firstValue: _firstValue, ...older } = reject.params;
    expect(describeReject({ ...reject, params: older }, tIn(locale), locale).text).toBe(tIn(locale)('rejectReasons.ORDER_DUPLICATE_IN_FILE', older));
  });
});
