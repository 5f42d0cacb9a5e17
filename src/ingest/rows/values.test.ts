import { describe, expect, it } from 'vitest';
import { parseDecimal, parseMoney, parseQuantity } from './parse-amount.js';
import { parseDateTime } from './parse-date.js';
import { RowProblem } from './row-problem.js';
import { channelSynonyms, eventKindSynonyms, lookUp, parseBoolean, statusSynonyms } from './synonyms.js';

const dates = { dateFormat: null, timeZone: 'Europe/Riga', now: new Date('2026-06-01T00:00:00Z') };

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RowProblem) return error.message;
    throw error;
  }
  throw new Error('expected a row problem');
}

describe('parseDecimal', () => {
  it.each([
    ['1.234,50', 2, 1234.5], ['1,234.50', 2, 1234.5], ['Rp 45.000', 0, 45000], ['$12.99', 2, 12.99], ['12,99 €', 2, 12.99],
    ['0', 2, 0], ['1 234,5', 2, 1234.5], ["1'234.50", 2, 1234.5], ['(12.00)', 2, -12], ['-3.5', 2, -3.5], ['0.125', 3, 0.125],
    ['1.234', 3, 1.234], ['1,234,567', 2, 1234567], ['.5', 2, 0.5],
  ])('reads %j (currency with %i decimals) as %d', (raw, digits, expected) => {
    expect(parseDecimal(raw, digits)).toBe(expected);
  });

  it.each(['ten', '', '1.2.3,4,5', '1,23,456.7', '12,34.5'])('explains why %j is not an amount', (raw) => {
    expect(typeof parseDecimal(raw, 2)).toBe('string');
  });
});

describe('parseMoney', () => {
  it('converts to minor units of the currency, rounding half away from zero', () => {
    expect(parseMoney('amount', '2.55', 'EUR')).toBe(255);
    expect(parseMoney('amount', 'Rp 45.000', 'IDR')).toBe(45000);
    expect(parseMoney('amount', '1,5', 'KWD')).toBe(1500);
  });

  it('refuses negative amounts and says how to record a refund', () => {
    expect(problemOf(() => parseMoney('amount', '-5', 'EUR'))).toContain('status refunded');
  });
});

describe('parseMoney and parseQuantity on written numbers', () => {
  it('stores exponent notation as the amount it means, in minor units', () => {
    expect(parseMoney('amount', '2e5', 'EUR')).toBe(20_000_000);
    expect(parseMoney('amount', '1.5e1', 'IDR')).toBe(15);
  });

  it.each([
    ['1e+21', 'EUR', 'amount "1e+21" is too large'], ['12abc34', 'EUR', 'amount "12abc34" is not a number'],
    ['12 pcs', 'EUR', '"pcs", which is not a currency symbol or code'], ['USD 12', 'EUR', 'is in USD but the row\'s currency is EUR'],
    ['9999999999999.999', 'KWD', 'is too large'],
  ])('rejects amount %j in %s: %s', (raw, currency, reason) => {
    expect(problemOf(() => parseMoney('amount', raw, currency))).toContain(reason);
  });

  it('accepts a currency code beside the amount when it is the row\'s currency', () => {
    expect(parseMoney('amount', 'IDR 50000', 'IDR')).toBe(50000);
    expect(parseMoney('amount', '12,50 eur', 'EUR')).toBe(1250);
  });

  it('reads quantities in exponent notation and refuses units, currencies and letters', () => {
    expect(parseQuantity('quantity', '2e3')).toBe(2000);
    expect(parseQuantity('quantity', '1,5')).toBe(1.5);
    expect(problemOf(() => parseQuantity('quantity', '5 kg'))).toContain('quantity "5 kg" has "kg" beside the number');
    expect(problemOf(() => parseQuantity('quantity', '€5'))).toContain('plain number');
    expect(problemOf(() => parseQuantity('quantity', '12abc34'))).toContain('quantity "12abc34" is not a number');
  });
});

describe('parseDateTime', () => {
  it.each([
    ['2024-03-01T10:15:00+07:00', '2024-03-01T03:15:00.000Z'],
    ['2024-03-01T10:15:00Z', '2024-03-01T10:15:00.000Z'],
    ['2024-03-01T10:15:00', '2024-03-01T08:15:00.000Z'],
    ['2024-07-01 10:15:00', '2024-07-01T07:15:00.000Z'],
    ['2024-03-01', '2024-02-29T22:00:00.000Z'],
    ['2024-03-01 10:15:22 +0100', '2024-03-01T09:15:22.000Z'],
    ['1709287200', '2024-03-01T10:00:00.000Z'],
    ['1709287200000', '2024-03-01T10:00:00.000Z'],
    ['20240301', '2024-02-29T22:00:00.000Z'],
  ])('reads %j as %s (store in Riga)', (raw, expected) => {
    expect(parseDateTime('ordered_at', raw, dates).toISOString()).toBe(expected);
  });

  it.each([
    ['dd-MM-yyyy', '21-07-2015', '2015-07-20T21:00:00.000Z'],
    ['MM/dd/yyyy HH:mm', '07/21/2015 13:30', '2015-07-21T10:30:00.000Z'],
    ['yyyyMMdd', '19970101', '1996-12-31T22:00:00.000Z'],
  ])('reads with --date-format %s', (dateFormat, raw, expected) => {
    expect(parseDateTime('ordered_at', raw, { ...dates, dateFormat }).toISOString()).toBe(expected);
  });

  it.each([
    ['01/02/2024', null, 'not a date we can read'],
    ['21/02/2015', 'dd-MM-yyyy', 'does not match the date format dd-MM-yyyy'],
    // written right, on no calendar: the advice is to correct the value, not to use ISO 8601 or another format
    ['31-02-2015', 'dd-MM-yyyy', 'is not a real date or time (February 2015 has no day 31)'],
    ['2024-02-30', null, 'is not a real date or time (February 2024 has no day 30)'],
    ['2024-02-30T10:00:00', null, 'is not a real date or time (February 2024 has no day 30)'],
    ['2023-02-29 10:00', null, 'is not a real date or time (February 2023 has no day 29)'],
    ['2024-13-01', null, 'is not a real date or time (month 13 does not exist there)'],
    ['2024-03-01T25:00', null, 'is not a real date or time (hour 25 does not exist there)'],
    ['1969-12-31', null, 'before 1970'],
    ['2027-01-01', null, 'in the future'],
  ])('rejects %j with a reason', (raw, dateFormat, reason) => {
    expect(problemOf(() => parseDateTime('ordered_at', raw, { ...dates, dateFormat }))).toContain(reason);
  });
});

describe('synonyms', () => {
  it.each([
    ['POS', 'store'], ['in-store', 'store'], ['App', 'mobile'], ['online', 'web'], ['Tokopedia', 'marketplace'],
  ])('maps channel %j to %s', (raw, expected) => expect(lookUp('channel', raw, channelSynonyms)).toBe(expected));

  it.each([
    ['completed', 'paid'], ['Fulfilled', 'paid'], ['canceled', 'cancelled'], ['partially refunded', 'partially_refunded'], ['voided', 'cancelled'],
  ])('maps status %j to %s', (raw, expected) => expect(lookUp('status', raw, statusSynonyms)).toBe(expected));

  it.each([
    ['sign_up', 'signup'], ['Register', 'signup'], ['add_to_cart', 'cart'], ['subscribe', 'newsletter'], ['page view', 'visit'],
  ])('maps event kind %j to %s', (raw, expected) => expect(lookUp('kind', raw, eventKindSynonyms)).toBe(expected));

  it('rejects unknown values listing the allowed ones, and pending orders as not yet purchases', () => {
    expect(problemOf(() => lookUp('channel', 'pigeon', channelSynonyms))).toContain('store, web, mobile, marketplace, phone, other');
    expect(problemOf(() => lookUp('status', 'pending', statusSynonyms))).toContain('not a completed purchase');
  });

  it.each([['yes', true], ['N', false], ['1', true], ['false', false], [null, null]])('reads consent %j as %j', (raw, expected) => {
    expect(parseBoolean('consent_email', raw)).toBe(expected);
  });

  it('rejects a consent that is not yes or no', () => {
    expect(problemOf(() => parseBoolean('consent_email', 'maybe'))).toContain('use yes, no');
  });
});

describe('remembered synonym spellings', () => {
  it('map a spelling the same way on every call, and still reject unknown values every time', () => {
    for (let round = 0; round < 3; round++) {
      expect(lookUp('channel', ' In-Store ', channelSynonyms)).toBe('store');
      expect(lookUp('status', 'Completed', statusSynonyms)).toBe('paid');
      expect(lookUp('kind', 'Add To Cart', eventKindSynonyms)).toBe('cart');
      expect(problemOf(() => lookUp('channel', 'pigeon', channelSynonyms))).toContain('is not one of');
      expect(parseBoolean('consent_sms', ' YES ')).toBe(true);
    }
  });

  it('keep tables apart: a spelling known to one table is not known to another', () => {
    expect(lookUp('status', 'refund', statusSynonyms)).toBe('refunded');
    expect(problemOf(() => lookUp('channel', 'refund', channelSynonyms))).toContain('is not one of');
  });
});
