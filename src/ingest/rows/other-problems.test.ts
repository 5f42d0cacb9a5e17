import { describe, expect, it } from 'vitest';
import type { ImportEntity } from '../canonical.js';
import { otherProblems } from './other-problems.js';
import { createRowParser } from './row-parser.js';
import { testContext } from './test-context.js';

/** The reject of one row as the row parser gives it (the file's columns are the row's keys). */
function rejectOf(entity: ImportEntity, values: Record<string, string | null>) {
  const parser = createRowParser(entity, { file: 'test.csv', context: testContext });
  parser.checkHeaders(Object.keys(values));
  const parsed = parser.parse({ line: 4, values });
  if (!parsed.reject) throw new Error('the row was not rejected');
  return parsed.reject;
}

const problemsOf = (reject: ReturnType<typeof rejectOf>) => (reject.also ?? []).map(({ field, code }) => `${field} ${code}`);

describe('a rejected row names its other problems', () => {
  it.each<[string, ImportEntity, Record<string, string | null>, string, string[]]>([
    ['an order with a bad date, a bad amount and an unknown channel', 'orders',
      { order_id: 'O-1', customer_id: 'C1', ordered_at: '2024-13-45', amount: '12,,5', channel: 'carrier pigeon' },
      'ordered_at DATE_NOT_ON_CALENDAR', ['amount AMOUNT_UNREADABLE', 'channel VALUE_NOT_ALLOWED']],
    ['an order without a customer, with a negative discount and a status that is no purchase', 'orders',
      { order_id: 'O-2', customer_id: null, customer_email: null, ordered_at: '2024-03-01', amount: '10', discount_amount: '-2', status: 'pending' },
      'customer_id CUSTOMER_MISSING', ['status STATUS_NOT_PURCHASE', 'discount_amount AMOUNT_NEGATIVE']],
    ['an order line row with a bad email, a quantity with its unit and an empty unit price', 'orders',
      { order_id: 'O-3', customer_email: 'ana@', ordered_at: '2024-03-01', sku: 'S1', quantity: '2 kg', unit_price: null },
      'customer_email EMAIL_INVALID', ['quantity QUANTITY_HAS_UNIT', 'unit_price FIELD_REQUIRED']],
    ['a customer with a bad email, an unknown country and a consent that is not yes or no', 'customers',
      { customer_id: 'C-1', email: 'not-an-email', country: 'Atlantis', consent_email: 'maybe' },
      'email EMAIL_INVALID', ['country COUNTRY_UNKNOWN', 'consent_email BOOLEAN_INVALID']],
    ['a customer with no identity, a birth year out of range and an unknown kind', 'customers',
      { customer_id: null, email: null, name: 'Ana', birth_year: '1850', kind: 'robot' },
      'customer_id CUSTOMER_IDENTITY_MISSING', ['kind VALUE_NOT_ALLOWED', 'birth_year BIRTH_YEAR_OUT_OF_RANGE']],
    ['an event with an unknown kind, an unreadable time and a bad phone', 'events',
      { customer_id: 'C1', customer_phone: '12', kind: 'teleported', occurred_at: 'soon' },
      'customer_phone PHONE_INVALID', ['kind VALUE_NOT_ALLOWED', 'occurred_at DATE_UNREADABLE']],
    ['a line without its order, with a negative quantity and a line number that is not whole', 'lines',
      { order_id: null, line_no: '1.5', quantity: '-1', unit_price: '3' },
      'order_id FIELD_REQUIRED', ['line_no WHOLE_NUMBER_INVALID', 'quantity QUANTITY_NEGATIVE']],
    ['a product with an unknown currency and an unreadable price', 'products',
      { sku: 'P-1', unit_price: 'ten euros', currency: 'EURO' },
      'currency CURRENCY_UNKNOWN', ['unit_price AMOUNT_UNREADABLE']],
    ['a product without its SKU, with a negative price and an unknown currency', 'products',
      { sku: null, unit_price: '-4', currency: 'ZZZ' },
      'sku FIELD_REQUIRED', ['unit_price AMOUNT_NEGATIVE', 'currency CURRENCY_UNKNOWN']],
  ])('%s', (_, entity, values, first, others) => {
    const reject = rejectOf(entity, values);
    expect(`${reject.field} ${reject.code}`).toBe(first);
    expect(problemsOf(reject)).toEqual(others);
    for (const problem of reject.also!) {
      // said as the builder says it, with the values it names
      expect(problem.reason).toContain(problem.field!);
      expect(Object.keys(problem.params).length + (problem.code === 'CUSTOMER_MISSING' ? 1 : 0)).toBeGreaterThan(0);
    }
  });

  it('keeps the row\'s first problem as it was: field, code, params and reason', () => {
    const alone = rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: '2024-13-45', amount: '10' });
    const withOthers = rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: '2024-13-45', amount: '12,,5' });
    expect(alone.also).toBeUndefined();
    const { also, raw: _raw, ...first } = withOthers;
    const { raw: _alsoRaw, ...firstAlone } = alone;
    expect(first).toEqual(firstAlone);
    expect(also).toHaveLength(1);
  });

  it('reads money in the row\'s currency when it is valid, else in the store\'s', () => {
    // 12.5 has too many decimals for rupiah, not for euros (the store's)
    expect(problemsOf(rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: 'soon', amount: '12.5', currency: 'IDR' }))).toEqual(['amount AMOUNT_TOO_PRECISE']);
    expect(problemsOf(rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: 'soon', amount: '12.5', currency: 'RUPIAH' }))).toEqual(['currency CURRENCY_UNKNOWN']);
  });

  it('says nothing of an amount\'s decimals or symbol when the row\'s currency cannot be read', () => {
    // an IDR store: "12.50" meant in US dollars has too many decimals only for rupiah
    const idrStore = { ...testContext, currency: 'IDR' };
    const rupiahReject = createRowParser('orders', { file: 'x.csv', context: idrStore }).parse({ line: 2, values: { order_id: 'O-1', customer_id: 'C1', ordered_at: '2024-01-01', amount: '12.50', currency: 'US$' } });
    expect(rupiahReject.reject?.code).toBe('CURRENCY_UNKNOWN');
    expect(rupiahReject.reject?.also).toBeUndefined();
    // a problem whatever the currency is still named
    const unreadable = createRowParser('orders', { file: 'x.csv', context: idrStore }).parse({ line: 2, values: { order_id: 'O-1', customer_id: 'C1', ordered_at: '2024-01-01', amount: '12..50', currency: 'US$' } });
    expect(unreadable.reject?.also?.map((problem) => problem.code)).toEqual(['AMOUNT_UNREADABLE']);
  });

  it('checks a refund against an amount it can read, and says nothing of one it cannot', () => {
    expect(problemsOf(rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: 'soon', amount: '10', refunded_amount: '25' }))).toEqual(['refunded_amount REFUND_EXCEEDS_TOTAL']);
    expect(problemsOf(rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: 'soon', amount: 'x', refunded_amount: '25' }))).toEqual(['amount AMOUNT_UNREADABLE']);
  });

  it('names every field holding a NUL character, and reads the row\'s other fields past them', () => {
    const reject = rejectOf('customers', { customer_id: 'C\u00001', email: 'a\u0000@x.id', phone: '12', external_id: null, 'external_id.card': 'K\u200b1' });
    expect(`${reject.field} ${reject.code}`).toBe('customer_id FIELD_NUL_CHARACTER');
    expect(problemsOf(reject)).toEqual(['email FIELD_NUL_CHARACTER', 'phone PHONE_INVALID', 'external_id.card VALUE_NOT_ALLOWED']);
  });

  it('checks no field the file lacks, and gives no `also` to a row with one problem', () => {
    // no channel or status column: nothing to say of them; the empty amount of a whole order is its own problem
    expect(rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: 'soon', amount: '5' })).not.toHaveProperty('also');
    expect(problemsOf(rejectOf('orders', { order_id: 'O-1', customer_id: 'C1', ordered_at: 'soon', amount: null }))).toEqual(['amount FIELD_REQUIRED']);
  });

  it('never throws: a check that breaks loses itself, not the reject', () => {
    const broken = { text: () => { throw new TypeError('broken'); }, has: () => true, withPrefix: () => [] };
    expect(otherProblems('orders', { values: broken, context: testContext, dates: { dateFormat: null, timeZone: 'UTC', now: testContext.now }, failedField: 'amount' })).toEqual([]);
  });
});
