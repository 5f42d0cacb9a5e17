import { describe, expect, it } from 'vitest';
import { rejectCodes } from '../../../ingest/reject-codes.js';
import type { Locale, Reject } from '../../api/types.js';
import { locales, lookupMessage, messagesByLocale } from '../../i18n/messages.js';
import { describeOtherProblems, describeReject, rejectTextWithOtherProblems } from './reject-text.js';

const tIn = (locale: Locale) => (key: string, variables?: Record<string, string | number>) => lookupMessage(messagesByLocale[locale], key, variables);

const futureDate: Reject = {
  file: 'orders.csv', line: 4, field: 'ordered_at', code: 'DATE_IN_FUTURE', params: { field: 'ordered_at', value: '2031-01-02' },
  reason: 'ordered_at "2031-01-02" is in the future; check the date format (day and month swapped?) or the file\'s time zone',
};

describe('describeReject', () => {
  it.each(locales)('has a %s message for every code the server gives', (locale) => {
    const reasons = messagesByLocale[locale].rejectReasons as Record<string, string>;
    expect(Object.keys(reasons).sort()).toEqual([...rejectCodes].sort());
    for (const code of rejectCodes) expect(reasons[code].trim(), code).not.toBe('');
  });

  it('says why in the user\'s language with the values filled in, keeping the English reason for support', () => {
    expect(describeReject(futureDate, tIn('id'), 'id')).toEqual({
      text: 'ordered_at “2031-01-02” ada di masa depan; periksa format tanggal (hari dan bulan tertukar?) atau zona waktu berkas.', lang: 'id', original: futureDate.reason,
    });
    expect(describeReject(futureDate, tIn('lv'), 'lv').text).toBe('Lauka ordered_at vērtība “2031-01-02” ir nākotnē; pārbaudiet datuma formātu (vai nav samainīta diena ar mēnesi?) vai faila laika joslu.');
    expect(describeReject(futureDate, tIn('en'), 'en')).toEqual({
      text: 'ordered_at “2031-01-02” is in the future; check the date format (day and month swapped?) or the file\'s time zone.', lang: 'en', original: null,
    });
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
