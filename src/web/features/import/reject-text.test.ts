import { describe, expect, it } from 'vitest';
import { rejectCodes } from '../../../ingest/reject-codes.js';
import type { Locale, Reject } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeOtherProblems, describeReject, rejectTextWithOtherProblems } from './reject-text.js';
import { rowsFromRecords } from '../../../ingest/rows/parse-file.js';
import { testContext } from '../../../ingest/rows/test-context.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

const futureDate: Reject = {
  file: 'orders.csv', line: 4, field: 'ordered_at', code: 'DATE_IN_FUTURE', params: { field: 'ordered_at', value: '2031-01-02' },
  reason: 'ordered_at "2031-01-02" is in the future; with day and month swapped it is in the future too, so check the year (written with two digits?) and the file\'s time zone',
};

describe('describeReject', () => {
  it.each(locales)('has a %s message for every code the server gives', (locale) => {
    const reasons = messagesByLocale[locale].rejectReasons as Record<string, string>;
    expect(Object.keys(reasons).sort()).toEqual([...rejectCodes].sort());
    for (const code of rejectCodes) expect(reasons[code].trim(), code).not.toBe('');
  });

  it('says why in the user\'s language with the values filled in, keeping the English reason for support', () => {
    expect(describeReject(futureDate, tIn('id'), 'id')).toEqual({
      text: 'ordered_at “2031-01-02” ada di masa depan; periksa tahun, format tanggal, dan zona waktu berkas.', lang: 'id', original: futureDate.reason,
    });
    expect(describeReject(futureDate, tIn('lv'), 'lv').text).toBe('Lauka ordered_at vērtība “2031-01-02” ir nākotnē; pārbaudiet gadu, datuma formātu un faila laika joslu.');
    expect(describeReject(futureDate, tIn('en'), 'en')).toEqual({
      text: 'ordered_at “2031-01-02” is in the future; check the year, the date format and the file\'s time zone.', lang: 'en', original: null,
    });
  });

  it.each(locales)('%s: asks whether day and month are swapped only when the other reading is a date the import accepts', (locale) => {
    const rejectOf = (orderedAt: string) => rowsFromRecords('orders', [{ order_id: 'A-1', customer_id: '17', ordered_at: orderedAt, amount: '10' }], { context: testContext, dateFormat: 'dd/MM/yyyy' }).rejects[0] as Reject;
    // 5 December 2026 is after the store's today (1 June 2026); 12 May 2026 is not
    const future = rejectOf('05/12/2026');
    expect(future).toMatchObject({ code: 'DATE_IN_FUTURE', params: { field: 'ordered_at', value: '05/12/2026', swappedReading: '2026-05-12' } });
    expect(future.reason).toContain('(day and month swapped?)');
    const text = describeReject(future, tIn(locale), locale).text;
    expect(text).toContain('2026-05-12');
    expect(text).toBe(`${tIn(locale)('rejectReasons.DATE_IN_FUTURE', future.params)} ${tIn(locale)('import.rejectSwappedReading', { swappedReading: '2026-05-12' })}`);
    // there is no 31 February, nor a month 31: nothing to swap
    const impossible = rejectOf('31/02/2026');
    expect(impossible).toMatchObject({ code: 'DATE_NOT_ON_CALENDAR', params: { field: 'ordered_at', value: '31/02/2026' } });
    expect(impossible.params).not.toHaveProperty('swappedReading');
    expect(describeReject(impossible, tIn(locale), locale).text).toBe(tIn(locale)('rejectReasons.DATE_NOT_ON_CALENDAR', impossible.params));
    // 7 June and 6 July 2026: either order is after today
    expect(rejectOf('07/06/2026')).toMatchObject({ code: 'DATE_IN_FUTURE' });
    expect(rejectOf('07/06/2026').params).not.toHaveProperty('swappedReading');
  });

  it.each(locales)('%s: names the source that holds an order its lines were looked for under another source', (locale) => {
    const lines: Reject = {
      file: 'lines.csv', line: 2, field: 'order_id', code: 'LINE_ORDER_UNKNOWN', params: { order: 'LV-1000', source: 'online-retail', storedUnder: 'web' },
      reason: 'Order LV-1000 is not in the store under the source online-retail; it is stored under web: choose that source.',
    };
    const text = describeReject(lines, tIn(locale), locale).text;
    expect(text).toBe(`${tIn(locale)('rejectReasons.LINE_ORDER_UNKNOWN', lines.params)} ${tIn(locale)('import.rejectOrderStoredUnder', { storedUnder: 'web' })}`);
    expect(text).toMatch(/online-retail.*web/);
    const { storedUnder: _held, ...nowhere } = lines.params;
    expect(describeReject({ ...lines, params: nowhere }, tIn(locale), locale).text).toBe(tIn(locale)('rejectReasons.LINE_ORDER_UNKNOWN', nowhere));
  });

  it('fills numbers and leaves no placeholder in any language', () => {
    const duplicate: Reject = { file: 'f', line: 9, field: 'order_id', code: 'ORDER_DUPLICATE_IN_FILE', params: { order: 'A-1', firstLine: 3 }, reason: 'Duplicate order id A-1: …' };
    for (const locale of locales) expect(describeReject(duplicate, tIn(locale), locale).text).toMatch(/A-1.*3/);
  });

  it('shows the server\'s English reason, marked English, for a code it does not know or a message missing a value', () => {
    const unknown = { ...futureDate, code: 'SOMETHING_NEW', params: {} };
    expect(describeReject(unknown, tIn('id'), 'id')).toEqual({ text: futureDate.reason, lang: 'en', original: null });
    expect(describeReject({ ...futureDate, params: { field: 'ordered_at' } }, tIn('lv'), 'lv')).toEqual({ text: futureDate.reason, lang: 'en', original: null });
    expect(describeReject({ ...futureDate, code: '' }, tIn('lv'), 'lv').lang).toBe('en');
  });
});

describe('describeOtherProblems', () => {
  const badRow: Reject = {
    ...futureDate,
    also: [
      { field: 'amount', code: 'AMOUNT_UNREADABLE', params: { field: 'amount', value: '12..5' }, reason: 'amount "12..5" has misplaced thousands separators; write amounts like 1234.50 or 1.234,50' },
      { field: 'channel', code: 'SOMETHING_NEW', params: {}, reason: 'channel "moon" is something new' },
    ],
  };

  it('says a row\'s other problems each after its field\'s label, in the user\'s language, the unknown one in English', () => {
    const others = describeOtherProblems(badRow, 'orders', tIn('lv'), 'lv');
    expect(others).toHaveLength(2);
    expect(others[0].label).toMatch(/^Arī lauks .+:$/);
    expect(others[0].reason).toEqual(describeReject(badRow.also![0], tIn('lv'), 'lv'));
    expect(others[0].reason.lang).toBe('lv');
    expect(others[0].reason.text).toContain('12..5');
    expect(others[1].reason).toEqual({ text: 'channel "moon" is something new', lang: 'en', original: null });
    expect(describeOtherProblems(futureDate, 'orders', tIn('lv'), 'lv')).toEqual([]);
  });

  it('puts them after the reason in the download\'s text', () => {
    const text = rejectTextWithOtherProblems(badRow, 'orders', tIn('id'), 'id');
    expect(text.startsWith(describeReject(badRow, tIn('id'), 'id').text)).toBe(true);
    expect(text).toMatch(/; Selain itu, .+: .*12\.\.5.*; Selain itu, .+: channel "moon" is something new$/);
    expect(rejectTextWithOtherProblems(futureDate, 'orders', tIn('id'), 'id')).toBe(describeReject(futureDate, tIn('id'), 'id').text);
  });
});
