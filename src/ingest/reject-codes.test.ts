import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportEntity, Reject } from './canonical.js';
import { isRejectCode, rejectCodes } from './reject-codes.js';
import { parseFile, rowsFromRecords } from './rows/parse-file.js';
import { testContext } from './rows/test-context.js';

const order = { order_id: 'A-1', customer_id: '17', ordered_at: '2024-03-01', amount: '10' };

// One bad record per reason the row parser gives, with the code and params its reject must carry.
const badRecords: Array<[ImportEntity, Record<string, unknown>, string, Record<string, string | number>]> = [
  ['orders', { ...order, ordered_at: 'yesterday' }, 'DATE_UNREADABLE', { field: 'ordered_at', value: 'yesterday' }],
  ['orders', { ...order, ordered_at: '2024-02-30' }, 'DATE_NOT_ON_CALENDAR', { field: 'ordered_at', value: '2024-02-30' }],
  ['orders', { ...order, ordered_at: '2030-01-01' }, 'DATE_IN_FUTURE', { field: 'ordered_at', value: '2030-01-01' }],
  ['orders', { ...order, ordered_at: '1969-12-31' }, 'DATE_BEFORE_1970', { field: 'ordered_at', value: '1969-12-31' }],
  ['orders', { ...order, ordered_at: '2024-03-01 10:00:00 Mars/Olympus' }, 'DATE_ZONE_UNKNOWN', { field: 'ordered_at', value: '2024-03-01 10:00:00 Mars/Olympus', zone: 'Mars/Olympus' }],
  ['orders', { ...order, currency: 'XYZ' }, 'CURRENCY_UNKNOWN', { value: 'XYZ', storeCurrency: 'EUR', otherCurrency: 'USD', anotherCurrency: 'IDR' }],
  ['orders', { ...order, amount: '-5' }, 'AMOUNT_NEGATIVE', { field: 'amount', value: '-5' }],
  ['orders', { ...order, amount: '20000000000000' }, 'AMOUNT_TOO_LARGE', { field: 'amount', value: '20000000000000', currency: 'EUR', currencyDecimals: 2 }],
  ['orders', { ...order, amount: '0.125' }, 'AMOUNT_TOO_PRECISE', { field: 'amount', value: '0.125', decimals: 3, currency: 'EUR', currencyDecimals: 2 }],
  ['orders', { ...order, amount: '12abc34' }, 'AMOUNT_UNREADABLE', { field: 'amount', value: '12abc34', currency: 'EUR', currencyDecimals: 2 }],
  ['orders', { ...order, amount: 'USD 12' }, 'AMOUNT_CURRENCY_MISMATCH', { field: 'amount', value: 'USD 12', written: 'USD', currency: 'EUR', currencies: 'USD' }],
  ['orders', { ...order, amount: 'Rp 45.000' }, 'AMOUNT_CURRENCY_MISMATCH', { field: 'amount', value: 'Rp 45.000', written: 'Rp', currency: 'EUR', currencies: 'IDR' }],
  ['orders', { ...order, amount: '' }, 'FIELD_REQUIRED', { field: 'amount' }],
  // the record's one field naming its customer is the reject's, to be filled in
  ['orders', { ...order, customer_id: '' }, 'CUSTOMER_MISSING', { field: 'customer_id' }],
  ['orders', { ...order, customer_id: '', customer_email: '' }, 'CUSTOMER_MISSING', {}],
  ['orders', { ...order, refunded_amount: '20' }, 'REFUND_EXCEEDS_TOTAL', { refunded: '20', total: '10' }],
  ['orders', { ...order, status: 'pending' }, 'STATUS_NOT_PURCHASE', { value: 'pending' }],
  ['orders', { ...order, channel: 'pigeon' }, 'VALUE_NOT_ALLOWED', expect.objectContaining({ field: 'channel', value: 'pigeon' })],
  ['orders', { ...order, sku: 'S', quantity: '-2', unit_price: '5' }, 'QUANTITY_NEGATIVE', { field: 'quantity', value: '-2' }],
  ['orders', { ...order, sku: 'S', quantity: '5 kg', unit_price: '5' }, 'QUANTITY_HAS_UNIT', { field: 'quantity', value: '5 kg', unit: 'kg' }],
  ['orders', { ...order, sku: 'S', quantity: 'lots', unit_price: '5' }, 'QUANTITY_UNREADABLE', { field: 'quantity', value: 'lots' }],
  ['orders', { ...order, customer_email: 'ana@' }, 'EMAIL_INVALID', { field: 'customer_email', value: 'ana@' }],
  ['orders', { ...order, note: 'x\u0000', customer_id: '1\u0000' }, 'FIELD_NUL_CHARACTER', { field: 'customer_id' }],
  ['orders', { ...order, order_id: ['a'] }, 'FIELD_NOT_SCALAR', { line: 1, field: 'order_id' }],
  ['customers', { customer_id: '1', country: 'Atlantis' }, 'COUNTRY_UNKNOWN', { value: 'Atlantis' }],
  ['customers', { customer_id: '1', birth_year: '1901' }, 'BIRTH_YEAR_OUT_OF_RANGE', { value: 1901, earliest: 1906, latest: 2026 }],
  ['customers', { customer_id: '1', birth_year: '1890' }, 'BIRTH_YEAR_OUT_OF_RANGE', { value: 1890, earliest: 1906, latest: 2026 }],
  ['customers', { customer_id: '1', birth_year: '19x5' }, 'WHOLE_NUMBER_INVALID', { field: 'birth_year', value: '19x5', min: 1906, max: 2026 }],
  ['customers', { customer_id: '1', phone: '0000000000' }, 'PHONE_INVALID', { field: 'phone', value: '0000000000', country: 'LV', example: '+371 2612 3456' }],
  ['customers', { customer_id: '', name: 'Nobody' }, 'CUSTOMER_IDENTITY_MISSING', {}],
  ['events', { kind: 'visit', occurred_at: '2024-03-01', customer_id: '' }, 'CUSTOMER_MISSING', { field: 'customer_id' }],
  ['events', { kind: 'visit', occurred_at: '', customer_id: '1' }, 'FIELD_REQUIRED', { field: 'occurred_at' }],
];

function expectKnownCodes(rejects: readonly Reject[]): void {
  for (const reject of rejects) {
    expect(isRejectCode(reject.code), `${reject.code} (${reject.reason})`).toBe(true);
    for (const value of Object.values(reject.params)) expect(['string', 'number']).toContain(typeof value);
  }
}

describe('reject codes', () => {
  it('are each listed in docs/import.md with their params', () => {
    const documented = readFileSync(fileURLToPath(new URL('../../docs/import.md', import.meta.url)), 'utf8');
    for (const code of rejectCodes) expect(documented, code).toMatch(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
  });

  it('are UPPER_SNAKE and listed once', () => {
    for (const code of rejectCodes) expect(code).toMatch(/^[A-Z]+(?:_[A-Z0-9]+)+$/);
    expect(new Set(rejectCodes).size).toBe(rejectCodes.length);
  });

  it.each(badRecords)('reject a bad %s record %j with %s and the values its reason names', (entity, record, code, params) => {
    const { rows, rejects } = rowsFromRecords(entity, [record], { context: testContext });
    expect(rows).toEqual([]);
    expect(rejects).toEqual([expect.objectContaining({ line: 1, code, params })]);
    expectKnownCodes(rejects);
  });

  it('name the date format a value does not match', () => {
    const { rejects } = rowsFromRecords('orders', [{ ...order, ordered_at: '2024-03-01' }], { context: testContext, dateFormat: 'dd/MM/yyyy' });
    expect(rejects).toEqual([expect.objectContaining({ code: 'DATE_FORMAT_MISMATCH', params: { field: 'ordered_at', value: '2024-03-01', format: 'dd/MM/yyyy' } })]);
  });

  it('reject the other rows of an order whose row was rejected, naming that line', () => {
    const rows = [{ ...order, sku: 'A', quantity: '1', unit_price: '5' }, { ...order, sku: 'B', quantity: '-1', unit_price: '5' }];
    const { rejects } = rowsFromRecords('orders', rows, { context: testContext });
    expect(rejects.map((reject) => [reject.line, reject.code, reject.params])).toEqual([[1, 'ORDER_ROW_REJECTED', { line: 2, order: 'A-1' }], [2, 'QUANTITY_NEGATIVE', { field: 'quantity', value: '-1' }]]);
  });

  it('reject an item of an API batch that is not an object', () => {
    const { rejects } = rowsFromRecords('orders', [order, 'text'], { context: testContext });
    expect(rejects).toEqual([expect.objectContaining({ line: 2, code: 'ROW_NOT_OBJECT', params: { line: 2 } })]);
  });

  describe('of malformed files', () => {
    let directory: string;
    beforeAll(async () => {
      directory = await mkdtemp(join(tmpdir(), 'reject-codes-'));
    });
    afterAll(async () => {
      await rm(directory, { recursive: true, force: true });
    });

    async function rejectsOf(name: string, content: string | Buffer): Promise<Reject[]> {
      const path = join(directory, name);
      await writeFile(path, content);
      const rejects: Reject[] = [];
      for await (const batch of parseFile('orders', path, { context: testContext })) rejects.push(...batch.rejects);
      expectKnownCodes(rejects);
      return rejects;
    }

    it('code rows with the wrong number of values, bytes that are not UTF-8 and unclosed quotes', async () => {
      const csv = Buffer.concat([
        Buffer.from('order_id,customer_id,ordered_at,amount\nA-1,17,2024-03-01,10,extra\nA-2,1\xe9,2024-03-01,10\n', 'latin1'),
        Buffer.from('A-3,17,2024-03-01,"10\n'),
      ]);
      const rejects = await rejectsOf('bad.csv', csv);
      expect(rejects.map((reject) => [reject.line, reject.code])).toEqual([[2, 'ROW_COLUMN_COUNT'], [3, 'ROW_NOT_UTF8'], [4, 'ROW_QUOTE_UNCLOSED']]);
      expect(rejects[0].params).toEqual({ line: 2, values: 5, columns: 4, delimiter: ',' });
    });

    it('code JSON Lines that are not JSON or not objects', async () => {
      const jsonl = `${JSON.stringify(order)}\n{"order_id": \n[1, 2]\n`;
      const rejects = await rejectsOf('bad.jsonl', jsonl);
      expect(rejects.map((reject) => [reject.line, reject.code])).toEqual([[2, 'ROW_NOT_JSON'], [3, 'ROW_NOT_OBJECT']]);
    });
  });
});
