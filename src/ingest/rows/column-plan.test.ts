import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../canonical.js';
import { findPreset } from '../presets/index.js';
import { likelyField, planColumns } from './column-plan.js';
import { columnsRead, headerCheck, recordBatchHeaders } from './fields.js';
import { parseFile, rowsFromRecords } from './parse-file.js';
import { testContext } from './test-context.js';

const plan = (entity: Parameters<typeof planColumns>[0], headers: string[], mapping: Record<string, string> = {}) => planColumns(entity, headers, { preset: null, mapping });

describe('reading required fields from their common other names', () => {
  it('reads a till export\'s Date, Email and Total as ordered_at, customer_email and amount, and says so', () => {
    const columns = plan('orders', ['Order ID', 'Email', 'Date', 'Total']);
    expect(columns.guessed).toEqual([{ field: 'ordered_at', column: 'Date' }, { field: 'customer_email', column: 'Email' }, { field: 'amount', column: 'Total' }]);
    expect(columns.mapping).toEqual({ ordered_at: 'Date', customer_email: 'Email', amount: 'Total' });
    expect(columns.ignored).toEqual([]);
  });

  it('guesses the same names in Indonesian and Latvian, and for the other entities', () => {
    expect(plan('orders', ['No. Pesanan', 'Tanggal', 'Pelanggan', 'Total Pembayaran']).mapping).toEqual({ order_id: 'No. Pesanan', ordered_at: 'Tanggal', customer_id: 'Pelanggan', amount: 'Total Pembayaran' });
    expect(plan('lines', ['Order', 'Product', 'Price']).mapping).toEqual({ order_id: 'Order', unit_price: 'Price', product_name: 'Product' });
    expect(plan('events', ['Type', 'Date', 'Email']).mapping).toEqual({ kind: 'Type', occurred_at: 'Date', customer_email: 'Email' });
  });

  it('guesses nothing when several columns could hold the field, and the error names them', () => {
    expect(() => plan('orders', ['order_id', 'customer_email', 'amount', 'Date', 'Order Date'])).toThrow(expect.objectContaining({
      code: 'IMPORT_COLUMN_MISSING',
      message: expect.stringContaining('Several columns could hold ordered_at (Date, Order Date), so none was read as it. Map a column with --map field=Column (e.g. --map ordered_at=Date)'),
    }));
  });

  it('leaves a field --map reads alone, and never guesses a column --map gave to another field', () => {
    expect(plan('orders', ['order_id', 'customer_email', 'Date', 'Total', 'Sum'], { ordered_at: 'Date', amount: 'Sum' })).toMatchObject({ guessed: [], mapping: { ordered_at: 'Date', amount: 'Sum' } });
    expect(() => plan('orders', ['order_id', 'customer_email', 'Date'], { amount: 'Date' })).toThrow(expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING', details: expect.objectContaining({ missing: ['ordered_at'] }) }));
  });

  it('names the --map to add when the file\'s only money column goes by a unit price\'s other name, which is never guessed', () => {
    const headers = ['Pasūtījums', 'Klients', 'Datums', 'Prece', 'Daudzums', 'Cena'];
    expect(() => plan('orders', headers)).toThrow(expect.objectContaining({
      code: 'IMPORT_COLUMN_MISSING',
      message: 'The orders file lacks amount (or unit_price for line-level files). Columns found: Pasūtījums, Klients, Datums, Prece, Daudzums, Cena. The column "Cena" looks like unit_price: add --map unit_price=Cena.',
    }));
    expect(() => plan('orders', ['order_id', 'customer_id', 'ordered_at', 'Harga Satuan'])).toThrow(expect.objectContaining({ message: expect.stringContaining('The column "Harga Satuan" looks like unit_price: add --map "unit_price=Harga Satuan".') }));
    // the --map it names reads the file
    expect(plan('orders', headers, { unit_price: 'Cena' }).mapping).toMatchObject({ unit_price: 'Cena', order_id: 'Pasūtījums', quantity: 'Daudzums' });
    // two such columns: neither is named, as neither is guessed
    expect(() => plan('orders', ['order_id', 'customer_id', 'ordered_at', 'Price', 'Cena'])).toThrow(expect.objectContaining({ message: expect.not.stringContaining('looks like') }));
  });

  it('never guesses a money field, nor a unit price that would make every row an order line: they are only suggested', () => {
    const columns = plan('orders', ['order_id', 'customer_email', 'ordered_at', 'amount', 'Discount', 'Refund', 'Price']);
    expect(columns.guessed).toEqual([]);
    expect(columns.ignored).toEqual([
      { column: 'Discount', field: 'discount_amount', reason: 'no_field' },
      { column: 'Refund', field: 'refunded_amount', reason: 'no_field' },
      { column: 'Price', field: 'unit_price', reason: 'line_needs_unit_price' },
    ]);
    expect(plan('products', ['sku', 'Price']).guessed).toEqual([]);
  });
});

// A Latvian orders file's "Statuss" column was left unread, so its cancelled ("Atcelts") orders
// were stored as paid; an Indonesian customers file's "Nama", "Telepon" and "Kota" left its
// customers with no name, phone or city.
describe('reading optional fields from their common other names', () => {
  it('reads a Latvian "Statuss" column as the status, and says so', () => {
    const columns = plan('orders', ['Datums', 'Pasūtījuma nr.', 'Klients', 'Summa', 'Statuss']);
    expect(columns.guessed).toEqual([
      { field: 'order_id', column: 'Pasūtījuma nr.' }, { field: 'ordered_at', column: 'Datums' }, { field: 'customer_id', column: 'Klients' },
      { field: 'amount', column: 'Summa' }, { field: 'status', column: 'Statuss' },
    ]);
    expect(columns.mapping).toMatchObject({ status: 'Statuss' });
    expect(columns.ignored).toEqual([]);
  });

  it('reads an Indonesian customers file\'s Nama, Telepon and Kota as the name, phone and city', () => {
    const columns = plan('customers', ['Email', 'Nama', 'Telepon', 'Kota']);
    expect(columns.mapping).toEqual({ name: 'Nama', phone: 'Telepon', city: 'Kota' });
    expect(columns.guessed).toEqual([{ field: 'name', column: 'Nama' }, { field: 'phone', column: 'Telepon' }, { field: 'city', column: 'Kota' }]);
    expect(columns.ignored).toEqual([]);
  });

  it('guesses none when several columns could hold the field, and reports them as before, without an error', () => {
    const columns = plan('orders', ['order_id', 'customer_email', 'ordered_at', 'amount', 'Payment Status', 'Order Status']);
    expect(columns.guessed).toEqual([]);
    expect(columns.mapping).not.toHaveProperty('status');
    expect(columns.ignored).toEqual([{ column: 'Payment Status', field: 'status', reason: 'no_field' }, { column: 'Order Status', field: 'status', reason: 'no_field' }]);
  });

  it('obeys --map, guesses nothing for a preset, and leaves a close spelling a suggestion', () => {
    expect(plan('orders', ['order_id', 'customer_email', 'ordered_at', 'amount', 'Statuss', 'Stav'], { status: 'Stav' })).toMatchObject({ guessed: [], mapping: { status: 'Stav' } });
    expect(plan('customers', ['Email', 'Kota'], { region: 'Kota' })).toMatchObject({ guessed: [], mapping: { region: 'Kota' } });
    const shopify = ['Name', 'Email', 'Financial Status', 'Created at', 'Currency', 'Total', 'Lineitem name', 'Lineitem quantity', 'Lineitem price', 'Payment Status'];
    expect(planColumns('orders', shopify, { preset: findPreset('shopify-orders'), mapping: {} }).guessed).toEqual([]);
    const typo = plan('orders', ['order_id', 'customer_email', 'ordered_at', 'amount', 'Statuus']);
    expect(typo.guessed).toEqual([]);
    expect(typo.ignored).toEqual([{ column: 'Statuus', field: 'status', reason: 'no_field' }]);
  });

  it('does not guess an order line\'s field of a file read as whole orders: it is reported as today', () => {
    const columns = plan('orders', ['order_id', 'customer_email', 'ordered_at', 'amount', 'Product']);
    expect(columns.guessed).toEqual([]);
    expect(columns.ignored).toEqual([{ column: 'Product', field: 'product_name', reason: 'line_needs_unit_price' }]);
  });
});

describe('a customer column guessed by its name whose values are emails or phone numbers', () => {
  const orders = ['Pasūtījums', 'Datums', 'Klients', 'Summa'];
  const sample = (values: Array<string | null>) => values.map((klients) => ({ Pasūtījums: 'P1', Datums: '2024-01-01', Klients: klients, Summa: '10' }));
  const emails = sample(['anna.berzina@inbox.lv', null, 'janis@example.lv', 'A-17', 'liga@example.com']);

  it('is read as the customer\'s email (or phone), and the plan says its values decided', () => {
    const columns = planColumns('orders', orders, { preset: null, mapping: {}, sample: emails });
    expect(columns.guessed).toEqual([
      { field: 'order_id', column: 'Pasūtījums' }, { field: 'ordered_at', column: 'Datums' },
      { field: 'customer_email', column: 'Klients', valuesAre: 'email' }, { field: 'amount', column: 'Summa' },
    ]);
    expect(columns.mapping).toMatchObject({ customer_email: 'Klients' });
    expect(columns.mapping).not.toHaveProperty('customer_id');
    const phones = sample(['+371 2612 3456', '0812-3456-7890', '(021) 555 1234', '0037126123456']);
    expect(planColumns('orders', orders, { preset: null, mapping: {}, sample: phones }).mapping).toMatchObject({ customer_phone: 'Klients' });
    expect(planColumns('customers', ['Klients', 'Vārds'], { preset: null, mapping: {}, sample: [{ Klients: 'anna.berzina@inbox.lv', Vārds: 'Anna' }] }).guessed)
      .toEqual([{ field: 'email', column: 'Klients', valuesAre: 'email' }, { field: 'name', column: 'Vārds' }]);
    expect(planColumns('events', ['Customer', 'Type', 'Date'], { preset: null, mapping: {}, sample: [{ Customer: '+62 812 3456 7890', Type: 'visit', Date: '2024-01-01' }] }).mapping)
      .toMatchObject({ customer_phone: 'Customer' });
  });

  it('stays customer_id when its values are ids, plain numbers included, or fewer than half are emails', () => {
    for (const values of [['C-1001', 'C-1002'], ['100234567', '26123456', '2024-0001'], ['a@example.com', 'B-2', 'B-3']]) {
      expect(planColumns('orders', orders, { preset: null, mapping: {}, sample: sample(values) }).mapping).toMatchObject({ customer_id: 'Klients' });
    }
  });

  it('obeys --map customer_id, and leaves the column an id when another column holds the email', () => {
    expect(planColumns('orders', orders, { preset: null, mapping: { customer_id: 'Klients' }, sample: emails }).mapping).toMatchObject({ customer_id: 'Klients' });
    const withEmail = planColumns('orders', [...orders, 'E-pasts'], { preset: null, mapping: {}, sample: emails.map((values) => ({ ...values, 'E-pasts': 'x@example.lv' })) });
    expect(withEmail.mapping).toMatchObject({ customer_id: 'Klients', customer_email: 'E-pasts' });
  });
});

// An Indonesian till's "Pelanggan" holds the buyer's name: read as an id, two people called
// "Budi" were one customer and every walk-in "Umum" one repeat buyer.
describe('a customer column guessed by its name whose values are names', () => {
  const headers = ['Tanggal', 'No Pesanan', 'Pelanggan', 'Email', 'Telepon', 'Total', 'Status'];
  const sample = (names: Array<string | null>, columns: string[] = headers) =>
    names.map((pelanggan, index) => Object.fromEntries(columns.map((column) => [column, column === 'Pelanggan' || column === 'Klients' ? pelanggan : `${column}-${index}`])));
  const names = ['Budi Santoso', 'Budi', 'Siti Aminah', 'Umum', 'I Made Wirawan', "Dewi O'Neil-Putri", null, 'Umum'];
  const planOf = (values: Array<string | null>, columns = headers, mapping: Record<string, string> = {}) =>
    planColumns('orders', columns, { preset: null, mapping, sample: sample(values, columns) });

  it('is read as customer_name beside an email or phone column, which tell the customers apart', () => {
    const columns = planOf(names);
    expect(columns.guessed).toContainEqual({ field: 'customer_name', column: 'Pelanggan', valuesAre: 'name', toldApartBy: ['Email', 'Telepon'] });
    expect(columns.mapping).toMatchObject({ customer_name: 'Pelanggan', customer_email: 'Email', customer_phone: 'Telepon' });
    expect(columns.mapping).not.toHaveProperty('customer_id');
    // a Latvian "Klients" beside a phone column named as the field, and a customers file beside its email
    const latvian = ['Datums', 'Pasūtījums', 'Klients', 'customer_phone', 'Summa'];
    expect(planOf(['Anna Bērziņa', 'Jānis Ozols', 'Līga'], latvian).guessed).toContainEqual({ field: 'customer_name', column: 'Klients', valuesAre: 'name', toldApartBy: ['customer_phone'] });
    const customers = planColumns('customers', ['Klients', 'E-pasts'], { preset: null, mapping: {}, sample: [{ Klients: 'Anna Bērziņa', 'E-pasts': 'anna@inbox.lv' }, { Klients: 'SIA Koks', 'E-pasts': 'koks@inbox.lv' }] });
    expect(customers.mapping).toEqual({ name: 'Klients', email: 'E-pasts' });
  });

  it('is never the customer id when no column holds the email or phone: the file lacks a customer, and says a name cannot tell two apart', () => {
    const lacksCustomer = expect.objectContaining({
      code: 'IMPORT_COLUMN_MISSING',
      message: expect.stringContaining('"Pelanggan" holds names, and a name cannot tell two people apart (two called Budi Santoso would be one customer), so it is not read as the customer; '
        + 'map the column that tells each customer apart as customer_id, customer_email or customer_phone: their id or username in the shop, their email or their phone.'),
    });
    expect(() => planOf(names, ['Tanggal', 'No Pesanan', 'Pelanggan', 'Total'])).toThrow(lacksCustomer);
    expect(() => planColumns('customers', ['Klients', 'Pilsēta'], { preset: null, mapping: {}, sample: [{ Klients: 'Anna Bērziņa', Pilsēta: 'Rīga' }] }))
      .toThrow(expect.objectContaining({ message: expect.stringContaining('"Klients" holds names, and a name cannot tell two people apart') }));
    // a column named as the name says so too (Tokopedia's "Nama Pembeli"), and is never the example to map as customer_id
    expect(() => planOf(names, ['Tanggal', 'No Pesanan', 'Customer Name', 'Total'])).toThrow(expect.objectContaining({
      message: expect.stringMatching(/"Customer Name" holds names.*\(e\.g\. --map customer_id=YourColumn\)/),
    }));
  });

  it('stays customer_id when its values are ids, mostly single words, or ids mixed with names', () => {
    for (const values of [
      ['C-1001', 'C-1002', 'C-1003'], ['CUST001', 'CUST002'], ['17850', '17851'], ['LC-0068', 'LC-0069'],
      ['Budi', 'Umum', 'Umum', 'Siti Aminah'],
      ['C-1001', 'Budi Santoso', 'Siti Aminah', 'I Made Wirawan'],
      ['budi santoso', 'cust a', 'vip', 'ana'],
    ]) {
      expect(planOf(values).mapping).toMatchObject({ customer_id: 'Pelanggan' });
    }
  });

  it('obeys --map customer_id, and is left unread when another column holds the name', () => {
    expect(planOf(names, headers, { customer_id: 'Pelanggan' }).mapping).toMatchObject({ customer_id: 'Pelanggan', customer_email: 'Email' });
    expect(planOf(names, ['Tanggal', 'No Pesanan', 'Pelanggan', 'Total'], { customer_id: 'Pelanggan' }).mapping).toMatchObject({ customer_id: 'Pelanggan' });
    const besideName = planOf(names, [...headers, 'Nama Pelanggan']);
    expect(besideName.mapping).toMatchObject({ customer_name: 'Nama Pelanggan', customer_email: 'Email', customer_phone: 'Telepon' });
    expect(besideName.mapping).not.toHaveProperty('customer_id');
    expect(besideName.ignored).toContainEqual({ column: 'Pelanggan', field: 'customer_id', reason: 'no_field' });
  });
});

describe('the example --map of a file that names no customer', () => {
  it('maps a column named as an email or phone to the email or phone field, never to customer_id', () => {
    const customers = () => plan('customers', ['Name', 'Client E-mail address']);
    expect(customers).toThrow(expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING', message: expect.stringContaining('e.g. --map email=Client E-mail address') }));
    expect(() => plan('orders', ['order_id', 'ordered_at', 'amount', 'Customer Mobile'])).toThrow(expect.objectContaining({ message: expect.stringContaining('e.g. --map customer_phone=Customer Mobile') }));
    // a column only named like the customer is still the example for customer_id
    expect(() => plan('orders', ['order_id', 'ordered_at', 'amount', 'Customer Number X'])).toThrow(expect.objectContaining({ message: expect.stringContaining('e.g. --map customer_id=Customer Number X') }));
  });

  it('reads a customers file\'s "Customer Email" column as the email', () => {
    expect(plan('customers', ['Name', 'Customer Email']).mapping).toEqual({ email: 'Customer Email' });
  });
});

describe('columns no field reads', () => {
  it('reports them with the field a misspelled or other name seems to mean', () => {
    const columns = plan('orders', ['order_id', 'customer_email', 'ordered_at', 'amount', 'currency', 'amout_refunded', 'Refund', 'Notes']);
    expect(columns.ignored).toEqual([
      { column: 'amout_refunded', field: 'refunded_amount', reason: 'no_field' },
      { column: 'Refund', field: 'refunded_amount', reason: 'no_field' },
      { column: 'Notes', field: null, reason: 'no_field' },
    ]);
  });

  it('reports a column named like a field --map reads from another column', () => {
    expect(plan('orders', ['order_id', 'customer_email', 'ordered_at', 'amount', 'Total'], { amount: 'Total' }).ignored).toEqual([{ column: 'amount', field: 'amount', reason: 'field_read_from_another_column' }]);
  });

  it('reports nothing a preset knowingly leaves out of a known export', () => {
    const shopify = ['Name', 'Email', 'Financial Status', 'Created at', 'Currency', 'Total', 'Lineitem name', 'Lineitem quantity', 'Lineitem price', 'Vendor', 'Tax 1 Name', 'Notes'];
    expect(planColumns('orders', shopify, { preset: findPreset('shopify-orders'), mapping: {} })).toMatchObject({ guessed: [], ignored: [] });
  });

  it('finds a field under a typo or two, its words in any order, and nothing for a name unlike any field', () => {
    expect(likelyField('orders', 'customer_emial')).toBe('customer_email');
    expect(likelyField('orders', 'Amount Refunded')).toBe('refunded_amount');
    expect(likelyField('customers', 'E-Mail')).toBe('email');
    expect(likelyField('orders', 'Notes')).toBeNull();
    expect(likelyField('orders', 'qty')).toBe('quantity');
    expect(likelyField('orders', 'qt')).toBeNull();
  });
});

describe('an orders file with an amount and a product column but no unit price', () => {
  const headers = ['order_id', 'customer_email', 'ordered_at', 'amount', 'currency', 'product_name'];
  const record = { order_id: 'B1', customer_email: 'b@example.com', ordered_at: '2024-01-01', amount: '100', currency: 'EUR', product_name: 'Shoe' };

  it('is read as whole orders, the line columns set aside and reported', () => {
    expect([...headerCheck('orders', headers, {}).keys()]).not.toContain('product_name');
    expect(plan('orders', headers).ignored).toEqual([{ column: 'product_name', field: 'product_name', reason: 'line_needs_unit_price' }]);
    // with a unit price the rows are order lines, as before
    expect([...headerCheck('orders', [...headers, 'unit_price'], {}).keys()]).toEqual(expect.arrayContaining(['product_name', 'unit_price']));
    expect(plan('orders', [...headers, 'unit_price']).ignored).toEqual([]);
  });

  it('imports each row as its order instead of rejecting it for an empty unit price, from a file and over the API', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'column-plan-'));
    try {
      const file = join(directory, 'orders.csv');
      await writeFile(file, `${headers.join(';')}\nB1;b@example.com;2024-01-01;100;EUR;Shoe\nB2;c@example.com;2024-01-02;50;EUR;Hat\n`);
      const batches = [];
      for await (const batch of parseFile('orders', file, { context: testContext })) batches.push(batch);
      expect(batches.flatMap((batch) => batch.rejects)).toEqual([]);
      expect(batches.flatMap((batch) => batch.rows).map((row) => [(row as CanonicalOrder).externalId, (row as CanonicalOrder).totalMinor, (row as CanonicalOrder).orderLine])).toEqual([['B1', 10000, null], ['B2', 5000, null]]);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
    const viaApi = rowsFromRecords('orders', [record], { context: testContext });
    expect(viaApi.rejects).toEqual([]);
    expect(viaApi.rows[0]).toMatchObject({ externalId: 'B1', totalMinor: 10000, orderLine: null });
    // and the REST batch says the field was not stored (ingest-batch.service.ts, ignoredFields)
    expect([...columnsRead('orders', recordBatchHeaders('orders', Object.keys(record)), {}).keys()]).not.toContain('product_name');
  });

  it('tells parseFile\'s caller the guesses and the columns not read, before the first batch', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'column-plan-'));
    try {
      const file = join(directory, 'orders.csv');
      await writeFile(file, 'Order ID,Email,Date,Total,amout_refunded\nC1,c@example.com,2024-01-01,10,5\n');
      let told: unknown = null;
      const batches = [];
      for await (const batch of parseFile('orders', file, { context: testContext, onColumns: (columns) => (told = columns) })) batches.push(batch);
      expect(told).toMatchObject({ guessed: [{ field: 'ordered_at', column: 'Date' }, { field: 'customer_email', column: 'Email' }, { field: 'amount', column: 'Total' }], ignored: [{ column: 'amout_refunded', field: 'refunded_amount' }] });
      expect(batches[0].rows[0]).toMatchObject({ externalId: 'C1', totalMinor: 1000, refundedMinor: 0 });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
