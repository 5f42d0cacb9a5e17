import { describe, expect, it } from 'vitest';
import { locales, lookupMessage, messagesByLocale } from '../web/i18n/messages.js';
import type { Reject } from './canonical.js';
import { rowsFromRecords } from './rows/parse-file.js';
import { testContext } from './rows/test-context.js';
import { groupOrderRows } from './write/group-orders.js';
import { orderOfOtherCustomer } from './write/order-rejects.js';

// The web app says a reject in the user's language from its code and params (reject-text.ts):
// each translation must be filled by the params the server gives, and say what the English says.
const translate = (reject: Pick<Reject, 'code' | 'params'>, locale: (typeof locales)[number]) =>
  lookupMessage(messagesByLocale[locale], `rejectReasons.${reject.code}`, reject.params);

const onlyReject = (entity: 'customers' | 'orders', record: Record<string, unknown>): Reject => {
  const { rejects } = rowsFromRecords(entity, [record], { context: testContext, lines: [4] });
  expect(rejects).toHaveLength(1);
  return rejects[0];
};

const orderRow = (line: number, time: string) => ({
  line, source: 'import', externalId: 'A1', customer: [{ kind: 'external' as const, namespace: 'import', value: 'C1' }],
  orderedAt: new Date(`2010-12-01T${time}Z`), currency: 'GBP', totalMinor: null, refundedMinor: 0, discountMinor: 0,
  promotionCode: null, channel: 'web' as const, status: 'paid' as const, recipient: null, location: null,
  orderLine: { lineNo: null, sku: `S${line}`, productName: null, category: null, quantity: 1, unitPriceMinor: 100 },
});

describe('translated reject reasons', () => {
  it.each(locales)('%s: say the accepted range of a birth year, apart from an unreadable one', (locale) => {
    const outOfRange = onlyReject('customers', { customer_id: '1', birth_year: '1850' });
    expect(outOfRange.code).toBe('BIRTH_YEAR_OUT_OF_RANGE');
    expect(translate(outOfRange, locale)).toMatch(/^[^{}]*1850[^{}]*1906[^{}]*2026[^{}]*$/);
    const unreadable = onlyReject('customers', { customer_id: '1', birth_year: 'abc' });
    expect(unreadable.code).toBe('WHOLE_NUMBER_INVALID');
    expect(translate(unreadable, locale)).toMatch(/^[^{}]*abc[^{}]*1906[^{}]*2026[^{}]*$/);
  });

  it.each(locales)('%s: name the field and the line of a JSON field that holds a list, and ask for a single value', (locale) => {
    const reject = onlyReject('orders', { order_id: 'A-1', customer_email: ['a@example.com', 'b@example.com'], ordered_at: '2024-03-01', amount: '10' });
    expect(reject).toMatchObject({ line: 4, field: 'customer_email', code: 'FIELD_NOT_SCALAR', params: { line: 4, field: 'customer_email' } });
    expect(reject.reason).toBe('line 4 has a list (JSON array) in "customer_email", which takes one value; give a single value for customer_email: text, a number or true/false');
    const text = translate(reject, locale);
    expect(text).not.toMatch(/[{}]/);
    expect(text.match(/customer_email/g)).toHaveLength(2);
    expect(text).toContain('4');
    expect(text).toContain('true/false');
  });

  it.each(locales)('%s: say that rows of one order may differ in time by up to 5 minutes', (locale) => {
    const { rejects } = groupOrderRows([orderRow(2, '16:55:00'), orderRow(3, '17:01:00')], { file: 'retail.csv', linesOf: 'file' });
    expect(rejects[0]).toMatchObject({ code: 'ORDER_ROWS_DISAGREE', params: { field: 'ordered_at', maximumMinutes: 5 } });
    const text = translate(rejects[0], locale);
    expect(text).not.toMatch(/[{}]/);
    expect(text).toMatch(/\b5\b/);
    expect(text).toContain('2010-12-01T17:01:00.000Z');
  });

  it.each(locales)('%s: name the currency symbol of an amount that is not in the row\'s currency, and the row\'s currency', (locale) => {
    const reject = onlyReject('orders', { order_id: 'A-1', customer_id: '17', ordered_at: '2024-03-01', amount: 'Rp 45.000' });
    expect(reject).toMatchObject({ line: 4, field: 'amount', code: 'AMOUNT_CURRENCY_MISMATCH', params: { written: 'Rp', currency: 'EUR' } });
    const text = translate(reject, locale);
    expect(text).not.toMatch(/[{}]/);
    for (const named of ['amount', 'Rp 45.000', 'Rp', 'EUR']) expect(text).toContain(named);
    expect(text).not.toMatch(/remove the code|hapus kodenya|noņemiet kodu/);
  });

  it.each(locales)('%s: name three different currencies as examples for an unknown one, the store\'s first', (locale) => {
    for (const [storeCurrency, examples] of [['EUR', ['EUR', 'USD', 'IDR']], ['USD', ['USD', 'EUR', 'IDR']], ['GBP', ['GBP', 'EUR', 'USD']]] as const) {
      const { rejects } = rowsFromRecords('orders', [{ order_id: 'A-1', customer_id: '17', ordered_at: '2024-03-01', amount: '10', currency: 'XYZ' }], { context: { ...testContext, currency: storeCurrency } });
      expect(rejects[0].reason).toBe(`currency "XYZ" is not a currency this store accepts; use an ISO 4217 code such as ${examples[0]}, ${examples[1]} or ${examples[2]}`);
      const text = translate(rejects[0], locale);
      expect(text).not.toMatch(/[{}]/);
      expect(text.match(/\b[A-Z]{3}\b/g)).toEqual(['XYZ', 'ISO', ...examples]);
    }
  });

  it.each(locales)('%s: name the customer reference of a row whose order belongs to another customer', (locale) => {
    const reject = orderOfOtherCustomer({ externalId: 'A-1', customer: [{ kind: 'email', value: 'dewi@example.com' }] }, 12);
    expect(reject).toMatchObject({ field: 'customer_email', params: { order: 'A-1', customerId: 12, field: 'customer_email', value: 'dewi@example.com' } });
    const text = translate(reject, locale);
    expect(text).not.toMatch(/[{}]/);
    for (const named of ['A-1', '#12', 'customer_email', 'dewi@example.com']) expect(text).toContain(named);
  });
});
