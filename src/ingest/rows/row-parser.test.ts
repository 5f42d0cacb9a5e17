import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportEntity } from '../canonical.js';
import { headerCheck, parseMappingArguments } from './fields.js';
import { parseFile, rowsFromRecords } from './parse-file.js';
import { createRowParser } from './row-parser.js';
import { testContext } from './test-context.js';

const fixtures = new URL('../../../test/fixtures/ingest/', import.meta.url).pathname;

function parseOne<E extends ImportEntity>(entity: E, values: Record<string, string | null>, options: { mapping?: Record<string, string>; dateFormat?: string } = {}) {
  const parser = createRowParser(entity, { file: 'test.csv', context: testContext, ...options });
  parser.checkHeaders(Object.keys(values));
  return parser.parse({ line: 7, values });
}

describe('headerCheck', () => {
  it('matches canonical names whatever their case and spacing', () => {
    const columns = headerCheck('orders', ['Order ID', 'CUSTOMER_EMAIL', 'ordered-at', 'Amount'], {});
    expect(Object.fromEntries(columns)).toEqual({ order_id: 'Order ID', customer_email: 'CUSTOMER_EMAIL', ordered_at: 'ordered-at', amount: 'Amount' });
  });

  it('fails fast naming the columns found, the fields missing and how to map them', () => {
    expect(() => headerCheck('orders', ['InvoiceNo', 'Total'], {})).toThrow(
      expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING', message: expect.stringMatching(/lacks order_id, ordered_at, one of customer_id\/customer_email\/customer_phone.*Columns found: InvoiceNo, Total.*--map field=Column.*--preset/) }),
    );
  });

  it('suggests mapping a column that resembles the missing field, never an unrelated first column', () => {
    expect(() => headerCheck('orders', ['order_id', 'Purchase Date', 'Customer Number', 'amount'], {})).toThrow(
      expect.objectContaining({ message: expect.stringContaining('e.g. --map ordered_at=Purchase Date)') }),
    );
    expect(() => headerCheck('orders', ['order_id', 'ordered_at', 'Customer Number', 'amount'], {})).toThrow(
      expect.objectContaining({ message: expect.stringContaining('e.g. --map customer_id=Customer Number)') }),
    );
    expect(() => headerCheck('orders', ['order_id', 'ordered_at', 'Buyer', 'amount'], {})).toThrow(
      expect.objectContaining({ message: expect.stringContaining('e.g. --map customer_id=YourColumn)') }),
    );
  });

  it('names the first missing field with the --map advice', () => {
    expect(() => headerCheck('events', ['customer_email', 'occurred_at'], {})).toThrow(
      expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING', details: expect.objectContaining({ field: 'kind', missing: ['kind'], found: ['customer_email', 'occurred_at'] }), message: expect.stringContaining('--map') }),
    );
  });

  it('lets --map point a field at any column and says when that column does not exist', () => {
    const mapping = parseMappingArguments('orders', ['order_id=InvoiceNo', 'customer_id=CustomerID', 'ordered_at=InvoiceDate', 'amount=Total']);
    expect(headerCheck('orders', ['InvoiceNo', 'CustomerID', 'InvoiceDate', 'Total'], mapping).get('order_id')).toBe('InvoiceNo');
    expect(() => headerCheck('orders', ['InvoiceNo'], { order_id: 'Invoice' })).toThrow(expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING', message: expect.stringContaining('no column "Invoice"') }));
  });

  it('rejects malformed or unknown --map arguments', () => {
    expect(() => parseMappingArguments('orders', ['order_id'])).toThrow(expect.objectContaining({ code: 'IMPORT_OPTION_INVALID' }));
    expect(() => parseMappingArguments('orders', ['colour=Colour'])).toThrow(expect.objectContaining({ code: 'IMPORT_OPTION_INVALID', message: expect.stringContaining('not a field of orders files') }));
  });

  it('accepts external ids in other channels as customer identities', () => {
    expect(() => headerCheck('customers', ['name', 'external_id.loyalty_card'], {})).not.toThrow();
    expect(() => headerCheck('customers', ['name'], {})).toThrow(expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING' }));
  });
});

describe('customers', () => {
  it('normalises identities, consents, country and attributes', () => {
    const { row } = parseOne('customers', {
      customer_id: '17850.0', 'external_id.loyalty_card': ' LC-9 ', email: ' Ana@Example.com', phone: '2123 4567', name: 'Ana', birth_year: '1985',
      country: 'lv', consent_email: 'yes', consent_sms: 'n', consent_whatsapp: 'jā', kind: 'company', created_at: '2024-01-02', 'attribute.education': 'PhD', 'attribute.kids': '2',
    });
    expect(row).toMatchObject({
      line: 7,
      refs: [
        { kind: 'external', namespace: 'test', value: '17850' },
        { kind: 'external', namespace: 'loyalty_card', value: 'LC-9' },
        { kind: 'email', value: 'ana@example.com' },
        { kind: 'phone', value: '+37121234567' },
      ],
      email: 'ana@example.com', birthYear: 1985, country: 'LV', consentEmail: true, consentSms: false, consentWhatsapp: true, consentProfiling: null, kind: 'organization',
      attributes: { education: 'PhD', kids: 2 },
    });
  });

  it.each([
    [{ customer_id: '', email: '', name: 'Nobody' }, 'customer_id', 'at least one', 'CUSTOMER_IDENTITY_MISSING', {}],
    [{ customer_id: '1', email: 'ana@' }, 'email', 'not an email address', 'EMAIL_INVALID', { field: 'email', value: 'ana@' }],
    [{ customer_id: '1', phone: '12' }, 'phone', 'not a possible phone number', 'PHONE_INVALID', { field: 'phone', value: '12', country: 'LV', example: '+371 2612 3456' }],
    [{ customer_id: '1', birth_year: '1893' }, 'birth_year', 'outside the accepted years, 1906 to 2026', 'BIRTH_YEAR_OUT_OF_RANGE', { value: 1893, earliest: 1906, latest: 2026 }],
    [{ customer_id: '1', birth_year: '1901' }, 'birth_year', 'at most 120 years old', 'BIRTH_YEAR_OUT_OF_RANGE', { value: 1901, earliest: 1906, latest: 2026 }],
    [{ customer_id: '1', birth_year: '2031' }, 'birth_year', 'born by this year', 'BIRTH_YEAR_OUT_OF_RANGE', { value: 2031, earliest: 1906, latest: 2026 }],
    [{ customer_id: '1', birth_year: '85' }, 'birth_year', 'all four digits', 'BIRTH_YEAR_OUT_OF_RANGE', { value: 85, earliest: 1906, latest: 2026 }],
    [{ customer_id: '1', birth_year: 'nineteen' }, 'birth_year', 'not a whole number between 1906 and 2026', 'WHOLE_NUMBER_INVALID', { field: 'birth_year', value: 'nineteen', min: 1906, max: 2026 }],
    [{ customer_id: '1', birth_year: '2e3' }, 'birth_year', 'not a whole number', 'WHOLE_NUMBER_INVALID', expect.objectContaining({ value: '2e3' })],
    [{ customer_id: '1', birth_year: '0x7C1' }, 'birth_year', 'not a whole number', 'WHOLE_NUMBER_INVALID', expect.objectContaining({ value: '0x7C1' })],
    [{ customer_id: '1', name: 'A\u0000na' }, 'name', 'NUL character', 'FIELD_NUL_CHARACTER', { field: 'name' }],
    [{ customer_id: '1', consent_sms: 'perhaps' }, 'consent_sms', 'yes, no', 'BOOLEAN_INVALID', { field: 'consent_sms', value: 'perhaps' }],
    [{ customer_id: '1', consent_whatsapp: 'perhaps' }, 'consent_whatsapp', 'yes, no', 'BOOLEAN_INVALID', { field: 'consent_whatsapp', value: 'perhaps' }],
  ])('rejects %j on %s', (values, field, reason, code, params) => {
    expect(parseOne('customers', values).reject).toEqual({ file: 'test.csv', line: 7, field, code, params, reason: expect.stringContaining(reason), raw: expect.any(String) });
  });
  it('keeps attributes as text when a number would change them: leading zeros, more than 15 digits', () => {
    const { row } = parseOne('customers', { customer_id: '1', 'attribute.postcode': '01234', 'attribute.card': '12345678901234567890', 'attribute.kids': '2', 'attribute.score': '-0.5' });
    expect(row?.attributes).toEqual({ postcode: '01234', card: '12345678901234567890', kids: 2, score: -0.5 });
  });
});

describe('orders', () => {
  it('reads the canonical fixture: good rows become orders, each bad row one reject with its line and field', async () => {
    const batches = [];
    for await (const batch of parseFile('orders', `${fixtures}orders-canonical.csv`, { context: testContext, batchSize: 4 })) batches.push(batch);
    expect(batches.map((batch) => batch.rows.length + batch.rejects.length)).toEqual([4, 4, 1]);
    const rows = batches.flatMap((batch) => batch.rows);
    const rejects = batches.flatMap((batch) => batch.rejects);
    expect(rows.map((row) => [row.externalId, row.totalMinor, row.currency, row.channel, row.status])).toEqual([
      ['A-1', 123450, 'EUR', 'store', 'paid'],
      ['A-2', 45000, 'IDR', 'web', 'paid'],
      ['A-9', 0, 'EUR', 'mobile', 'cancelled'],
    ]);
    expect(rows[0].customer).toEqual([{ kind: 'external', namespace: 'test', value: '17850' }]);
    expect(rows[0].orderedAt.toISOString()).toBe('2024-03-01T03:00:00.000Z');
    expect(rejects.map((reject) => [reject.line, reject.field])).toEqual([
      [4, 'customer_id'], [5, 'ordered_at'], [6, 'amount'], [7, 'currency'], [8, 'channel'], [9, 'customer_email'],
    ]);
    expect(rejects[3].reason).toContain('ISO 4217');
    expect(batches.at(-1)!.bytesRead).toBe(batches.at(-1)!.totalBytes);
  });

  it('reads line-level rows: the total is the sum of lines unless an amount is given', () => {
    const { row } = parseOne('orders', { order_id: '9', customer_id: '1', ordered_at: '2024-03-01', sku: 'S-1', quantity: '2', unit_price: '2.55' });
    expect(row).toMatchObject({ totalMinor: null, orderLine: { sku: 'S-1', quantity: 2, unitPriceMinor: 255, lineNo: null } });
  });

  it('derives refund status and amount from what the file gives', () => {
    expect(parseOne('orders', { order_id: '1', customer_id: '1', ordered_at: '2024-03-01', amount: '10', refunded_amount: '4' }).row).toMatchObject({ status: 'partially_refunded', refundedMinor: 400 });
    expect(parseOne('orders', { order_id: '1', customer_id: '1', ordered_at: '2024-03-01', amount: '10', status: 'refunded' }).row).toMatchObject({ status: 'refunded', refundedMinor: 1000 });
    expect(parseOne('orders', { order_id: '1', customer_id: '1', ordered_at: '2024-03-01', amount: '10', refunded_amount: '11' }).reject?.field).toBe('refunded_amount');
  });

  it('names recipients of gifts separately from the buyer', () => {
    const { row } = parseOne('orders', { order_id: '1', customer_email: 'a@b.co', recipient_email: 'C@D.co', ordered_at: '2024-03-01', amount: '1' });
    expect(row?.recipient).toEqual([{ kind: 'email', value: 'c@d.co' }]);
  });

  it('uses the date format given', () => {
    const { row } = parseOne('orders', { order_id: '1', customer_id: '1', ordered_at: '01-03-2024', amount: '1' }, { dateFormat: 'dd-MM-yyyy' });
    expect(row?.orderedAt.toISOString()).toBe('2024-02-29T22:00:00.000Z');
  });
});

describe('lines and products', () => {
  it('rejects negative quantities in lines files, saying how to record a return', () => {
    const reject = parseOne('lines', { order_id: '1', quantity: '-2', unit_price: '1' }).reject;
    expect(reject).toMatchObject({ field: 'quantity', reason: expect.stringContaining('status refunded') });
    expect(parseOne('lines', { order_id: '1', line_no: '2', quantity: '1,5', unit_price: '1' }).row).toMatchObject({ orderExternalId: '1', lineNo: 2, quantity: 1.5 });
  });

  it('reads products with or without a price', () => {
    expect(parseOne('products', { sku: ' S-1 ', name: 'Scarf', unit_price: '19,50' }).row).toMatchObject({ sku: 'S-1', unitPriceMinor: 1950 });
    expect(parseOne('products', { sku: 'S-2', name: 'Hat', unit_price: '' }).row).toMatchObject({ unitPriceMinor: null });
    expect(parseOne('products', { sku: '', name: 'Hat' }).reject?.field).toBe('sku');
  });
});

describe('events', () => {
  const event = { customer_email: 'ana@example.com', kind: 'Sign Up', channel: 'Web', occurred_at: '2024-03-01T10:00:00Z', detail: 'footer form' };

  it('maps kind synonyms and derives the same id from the same content', () => {
    const first = parseOne('events', event).row;
    const again = parseOne('events', { ...event, kind: 'signup' }).row;
    expect(first).toMatchObject({ kind: 'signup', channel: 'web', externalId: expect.stringMatching(/^h_[0-9a-f]{24}$/) });
    expect(again?.externalId).toBe(first?.externalId);
    expect(parseOne('events', { ...event, detail: 'other form' }).row?.externalId).not.toBe(first?.externalId);
    expect(parseOne('events', { ...event, event_id: 'E-1' }).row?.externalId).toBe('E-1');
  });

  it('rejects unknown kinds and events without a customer', () => {
    expect(parseOne('events', { ...event, kind: 'dance' }).reject?.field).toBe('kind');
    // the file's one column naming the customer is named: it is the one to fill in
    expect(parseOne('events', { ...event, customer_email: '' }).reject?.field).toBe('customer_email');
  });
});

describe('rowsFromRecords', () => {
  it('validates API payloads the same way, numbering items from 1', () => {
    const result = rowsFromRecords('customers', [{ customer_id: 17850, email: 'A@b.co' }, { email: 'broken' }, 'text'], { context: testContext });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].refs[0]).toEqual({ kind: 'external', namespace: 'test', value: '17850' });
    expect(result.rejects.map((reject) => [reject.line, reject.field])).toEqual([[2, 'email'], [3, null]]);
    expect(result.rejects[0].file).toBe('request');
  });
});

describe('numbers sent through the API', () => {
  const order = { customer_id: 'C1', ordered_at: '2024-03-01' };

  it('stores amounts in exponent notation as the number they mean and rejects those too large or with letters, naming the field', () => {
    const records = [{ ...order, order_id: '1', amount: '2e5' }, { ...order, order_id: '2', amount: 1e21 }, { ...order, order_id: '3', amount: 1e300 },
      { ...order, order_id: '4', amount: '12abc34' }, { ...order, order_id: '5', amount: 12.5 }];
    const result = rowsFromRecords('orders', records, { context: testContext });
    expect(result.rows.map((row) => [row.externalId, row.totalMinor])).toEqual([['1', 20_000_000], ['5', 1250]]);
    expect(result.rejects.map((reject) => [reject.line, reject.field, reject.reason])).toEqual([
      [2, 'amount', expect.stringContaining('amount "1e+21" is too large')],
      [3, 'amount', expect.stringContaining('amount "1e+300" is too large')],
      [4, 'amount', expect.stringContaining('amount "12abc34" is not a number')],
    ]);
  });

  it('reads a JSON number with three decimals as a decimal, never as a thousands group', () => {
    // written as text, "123.456" is 123,456 (Rp 45.000); a JSON number's dot is always its decimal
    // point, so 123.456 euros needs a decimal the euro has not: refused, not rounded
    const records = [{ ...order, order_id: '1', amount: 123.456 }, { ...order, order_id: '2', amount: '45.000' }, { ...order, order_id: '3', amount: -0.125, status: 'refunded' }];
    const result = rowsFromRecords('orders', records, { context: testContext });
    expect(result.rows.map((row) => [row.externalId, row.totalMinor])).toEqual([['2', 4_500_000]]);
    expect(result.rejects.map((reject) => [reject.line, reject.field, reject.code])).toEqual([[1, 'amount', 'AMOUNT_TOO_PRECISE'], [3, 'amount', 'AMOUNT_NEGATIVE']]);
    const attributes = rowsFromRecords('customers', [{ customer_id: 'C9', 'attribute.score': 4.125 }], { context: testContext });
    expect(attributes.rows[0].attributes).toEqual({ score: 4.125 });
  });

  it('keeps every digit of a JSON number that is an id', () => {
    const records = [1234567890123456, 1234567890123457, 1234567890123461].map((id) => ({ customer_id: id, name: `N${id}` }));
    const result = rowsFromRecords('customers', records, { context: testContext });
    expect(result.rows.map((row) => row.refs[0].value)).toEqual(['1234567890123456', '1234567890123457', '1234567890123461']);
  });

  it('reads a JSON amount a client computed in binary floating point as the amount it meant', () => {
    // 19.99 * 3 is 59.97000000000001 in a double and 0.1 + 0.2 is 0.30000000000000004: no one wrote those decimals
    const records = [{ ...order, order_id: '1', amount: 19.99 * 3 }, { ...order, order_id: '2', amount: 0.1 + 0.2 }, { ...order, order_id: '3', amount: 59.975 }];
    const result = rowsFromRecords('orders', records, { context: testContext });
    expect(result.rows.map((row) => [row.externalId, row.totalMinor])).toEqual([['1', 5997], ['2', 30]]);
    expect(result.rejects.map((reject) => [reject.line, reject.code])).toEqual([[3, 'AMOUNT_TOO_PRECISE']]);
  });

  it('reads line quantities in exponent notation as the number they mean', () => {
    const result = rowsFromRecords('lines', [{ order_id: '1', quantity: '2e3', unit_price: '1' }, { order_id: '2', quantity: '2x3', unit_price: '1' }], { context: testContext });
    expect(result.rows.map((row) => row.quantity)).toEqual([2000]);
    expect(result.rejects.map((reject) => [reject.line, reject.field])).toEqual([[2, 'quantity']]);
  });
});

describe('NUL characters', () => {
  it('reject the record naming the field, whichever text field holds one, and let the other records land', () => {
    const order = { order_id: 'A-1', customer_email: 'nul@example.com', ordered_at: '2024-03-01', amount: '10', location: 'Riga' };
    const records = [order, { ...order, customer_email: 'n\u0000ul@example.com' }, { ...order, order_id: 'A-\u00002' }, { ...order, location: '\u0000' }];
    const result = rowsFromRecords('orders', records, { context: testContext });
    expect(result.rows.map((row) => row.line)).toEqual([1]);
    expect(result.rejects.map((reject) => [reject.line, reject.field])).toEqual([[2, 'customer_email'], [3, 'order_id'], [4, 'location']]);
    expect(result.rejects[0].reason).toMatch(/^customer_email contains a NUL character \(U\+0000.*cannot be stored; remove it/);
  });

  it('reject the row of a file with a NUL byte in a field, showing it as ␀ in the raw row', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'clientele-nul-'));
    try {
      const path = join(directory, 'customers.csv');
      await writeFile(path, Buffer.from('customer_id,name\n1,Ana\n2,B\u0000erzi\u0146\u0161\n3,Ieva\n', 'utf8'));
      const batches = [];
      for await (const batch of parseFile('customers', path, { context: testContext })) batches.push(batch);
      expect(batches.flatMap((batch) => batch.rows).map((row) => row.name)).toEqual(['Ana', 'Ieva']);
      expect(batches.flatMap((batch) => batch.rejects)).toEqual([expect.objectContaining({ line: 3, field: 'name', raw: '2,B\u2400erzi\u0146\u0161' })]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
