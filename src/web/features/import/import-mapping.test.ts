import { describe, expect, it } from 'vitest';
import { headerSynonyms, headerWords } from '../../../ingest/rows/header-synonyms.js';
import { fieldsOf, guessMapping, importEntities, suggestMapping, withLinesSetAside } from './import-mapping.js';
import { canonicalFields, columnsRead } from '../../../ingest/rows/fields.js';
import { planColumns } from '../../../ingest/rows/column-plan.js';
import { AppError } from '../../../core/errors.js';
import type { IngestEntity } from '../../api/types.js';
import { missingRequirements, requirementsOf } from './field-requirements.js';

describe('guessing which column holds each field', () => {
  it('maps a small till export\'s Date, Total, Customer and Order ID for orders', () => {
    expect(guessMapping('orders', ['Date', 'Total', 'Customer', 'Order ID'])).toEqual({ ordered_at: 'Date', amount: 'Total', customer_id: 'Customer', order_id: 'Order ID' });
  });

  it('maps the common names of an order-line export', () => {
    const headers = ['Order ID', 'Customer', 'Email', 'Phone', 'Order date', 'SKU', 'Product', 'Category', 'Qty', 'Price'];
    expect(guessMapping('orders', headers)).toEqual({
      order_id: 'Order ID', customer_id: 'Customer', customer_email: 'Email', customer_phone: 'Phone', ordered_at: 'Order date',
      sku: 'SKU', product_name: 'Product', category: 'Category', quantity: 'Qty',
    });
    // a lines file cannot do without its unit price, so its one Price column is taken as it
    expect(guessMapping('lines', ['Order', 'Product', 'Quantity', 'Price'])).toEqual({ order_id: 'Order', product_name: 'Product', quantity: 'Quantity', unit_price: 'Price' });
  });

  it('maps the common names of a customer list, and the families the importer reads by name', () => {
    expect(guessMapping('customers', ['Customer', 'Name', 'Email', 'Phone', 'Country', 'City', 'external_id.loyalty_card'])).toEqual({
      customer_id: 'Customer', name: 'Name', email: 'Email', phone: 'Phone', country: 'Country', city: 'City', 'external_id.loyalty_card': 'external_id.loyalty_card',
    });
  });

  it('reads Indonesian and Latvian headers, whatever their case, accents and punctuation', () => {
    expect(guessMapping('orders', ['Tanggal', 'Total Pembayaran', 'Pelanggan', 'No. Pesanan'])).toEqual({ ordered_at: 'Tanggal', amount: 'Total Pembayaran', customer_id: 'Pelanggan', order_id: 'No. Pesanan' });
    // Shopee's and Tokopedia's "Jumlah" is the quantity, never the amount
    expect(guessMapping('orders', ['Jumlah'])).not.toHaveProperty('amount');
    expect(guessMapping('orders', ['DATUMS', 'Summa', 'Klients', 'Pasutijuma Nr.'])).toEqual({ ordered_at: 'DATUMS', amount: 'Summa', customer_id: 'Klients', order_id: 'Pasutijuma Nr.' });
    expect(guessMapping('orders', ['Order #'])).toEqual({ order_id: 'Order #' });
  });

  it('maps a "Customer" column of mostly emails or phone numbers to the customer\'s email or phone, as the CLI importer reads it', () => {
    const headers = ['Date', 'Total', 'Customer', 'Order ID'];
    const rows = (customers: string[]) => customers.map((customer, index) => ({ Date: '2024-03-05', Total: '10', Customer: customer, 'Order ID': `O-${index}` }));
    const emails = rows(['ana@example.com', 'janis@example.lv', 'ana@example.com', 'C-7']);
    expect(guessMapping('orders', headers, emails)).toEqual({ ordered_at: 'Date', amount: 'Total', customer_email: 'Customer', order_id: 'Order ID' });
    expect(guessMapping('orders', headers, rows(['+371 2612 3456', '0812-3456-7890']))).toMatchObject({ customer_phone: 'Customer' });
    expect(guessMapping('customers', ['Customer', 'Name'], [{ Customer: 'ana@example.com', Name: 'Ana' }])).toEqual({ email: 'Customer', name: 'Name' });
    // ids stay ids; a column named customer_id is the user's word; an Email column already holds the email
    expect(guessMapping('orders', headers, rows(['C-1', 'ana@example.com', 'C-2']))).toMatchObject({ customer_id: 'Customer' });
    expect(guessMapping('orders', ['customer_id'], [{ customer_id: 'ana@example.com' }])).toEqual({ customer_id: 'customer_id' });
    expect(guessMapping('orders', ['Customer', 'Email'], [{ Customer: 'ana@example.com', Email: 'ana@example.com' }])).toEqual({ customer_id: 'Customer', customer_email: 'Email' });
  });

  it('prefers a column named like the field to one under another name', () => {
    expect(guessMapping('orders', ['Date', 'ordered_at', 'Total', 'Amount'])).toEqual({ ordered_at: 'ordered_at', amount: 'Amount' });
  });

  it('leaves a column no name matches unmapped, and does not guess an order export\'s ambiguous "Name"', () => {
    expect(guessMapping('orders', ['Name', 'Notes'])).toEqual({});
  });

  it.each(importEntities)('never gives one column to two fields of %s, even when every known name is a column', (entity) => {
    const headers = [...canonicalFields[entity], ...Object.values(headerSynonyms[entity]).flat()] as string[];
    const columns = Object.values(guessMapping(entity, headers));
    expect(columns.length).toBe(new Set(columns).size);
  });

  it.each(importEntities)('lists each name under one field of %s only, and none that is another field\'s own name', (entity) => {
    const seen = new Map<string, string>(canonicalFields[entity].map((field) => [headerWords(field), field]));
    const clashes: string[] = [];
    for (const [field, synonyms] of Object.entries(headerSynonyms[entity])) {
      for (const synonym of synonyms ?? []) {
        const owner = seen.get(headerWords(synonym));
        if (owner !== undefined && !(owner === field && headerWords(synonym) === headerWords(field))) clashes.push(`${synonym}: ${owner} and ${field}`);
        seen.set(headerWords(synonym), field);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('only lists names for fields the entity has', () => {
    for (const entity of importEntities) expect(Object.keys(headerSynonyms[entity]).filter((field) => !canonicalFields[entity].includes(field))).toEqual([]);
  });

  it('offers the family fields the mapping holds or the file has after the canonical ones, also once unmapped', () => {
    expect(fieldsOf('customers', { email: 'Email', 'external_id.loyalty_card': 'Card' }).slice(-2)).toEqual(['created_at', 'external_id.loyalty_card']);
    expect(fieldsOf('customers', { email: 'Email' }, ['Email', 'attribute.Education']).slice(-2)).toEqual(['created_at', 'attribute.Education']);
    expect(fieldsOf('orders', {}, ['external_id.card'])).toEqual(canonicalFields.orders);
  });
});

describe('what the suggested mapping leaves for the user to choose', () => {
  const till = ['Order ID', 'Customer', 'Date', 'Total'];

  it('does not map an optional money column by a common name, and names the column that may hold it', () => {
    const { mapping, choices } = suggestMapping('orders', [...till, 'Discount', 'Refund', 'Price']);
    expect(mapping).toEqual({ order_id: 'Order ID', customer_id: 'Customer', ordered_at: 'Date', amount: 'Total' });
    expect(choices).toEqual({
      refunded_amount: { columns: ['Refund'], reason: 'money' }, discount_amount: { columns: ['Discount'], reason: 'money' }, unit_price: { columns: ['Price'], reason: 'money' },
    });
    expect(suggestMapping('products', ['SKU', 'Harga']).choices).toEqual({ unit_price: { columns: ['Harga'], reason: 'money' } });
    // named as the field itself, it is the file's word
    const named = suggestMapping('orders', [...till, 'Discount Amount', 'refunded_amount']);
    expect(named.mapping).toMatchObject({ discount_amount: 'Discount Amount', refunded_amount: 'refunded_amount' });
    expect(named.choices).toEqual({});
  });

  it('maps neither of two columns that could hold one field, and names both', () => {
    const status = suggestMapping('orders', [...till, 'Order Status', 'Payment Status']);
    expect(status.mapping.status).toBeUndefined();
    expect(status.choices).toEqual({ status: { columns: ['Order Status', 'Payment Status'], reason: 'several' } });
    // a required field too: which date is the order's is the user's to say
    const dates = suggestMapping('orders', ['Order ID', 'Customer', 'Date', 'Order date', 'Total']);
    expect(dates.mapping.ordered_at).toBeUndefined();
    expect(dates.choices).toEqual({ ordered_at: { columns: ['Date', 'Order date'], reason: 'several' } });
    const totals = suggestMapping('orders', ['Order ID', 'Customer', 'Date', 'Total', 'Grand total']);
    expect(totals.mapping.amount).toBeUndefined();
    expect(totals.choices).toEqual({ amount: { columns: ['Total', 'Grand total'], reason: 'several' } });
  });

  /** What the CLI's file import reads without --map (planColumns), or null when it refuses the file for a missing field. */
  function readByCli(entity: IngestEntity, headers: string[]): Record<string, string> | null {
    try {
      return Object.fromEntries(columnsRead(entity, headers, planColumns(entity, headers, { preset: null, mapping: {} }).mapping));
    } catch (error) {
      if (error instanceof AppError && error.code === 'IMPORT_COLUMN_MISSING') return null;
      throw error;
    }
  }

  /**
   * The columns the web import shows mapped, and sends (toRecord), with the suggested mapping confirmed, or null
   * when it asks for a field first. Not what the server then reads of them (columnsRead): a column the CLI sets
   * aside should not be shown mapped either.
   */
  function readByWeb(entity: IngestEntity, headers: string[]): Record<string, string> | null {
    const mapping = guessMapping(entity, headers);
    return missingRequirements(entity, mapping).length > 0 ? null : mapping;
  }

  const sorted = (read: Record<string, string> | null) => read && Object.entries(read).sort(([a], [b]) => a.localeCompare(b));

  it.each(importEntities)('reads each common name of a %s field, alone or beside another, as the CLI file import does', (entity) => {
    const differences: string[] = [];
    for (const [field, synonyms] of Object.entries(headerSynonyms[entity])) {
      // the file holds what the other requirements ask for, under the fields' own names
      const base = requirementsOf(entity).filter((requirement) => !requirement.fields.includes(field)).map((requirement) => requirement.fields[0]);
      const names = synonyms ?? [];
      const files = [...names.map((name) => [name]), ...names.slice(1).map((name) => [names[0], name])];
      for (const columns of files) {
        const headers = [...base, ...columns];
        const [cli, web] = [readByCli(entity, headers), readByWeb(entity, headers)];
        if (JSON.stringify(sorted(cli)) !== JSON.stringify(sorted(web))) differences.push(`${headers.join(', ')}: CLI ${JSON.stringify(cli)}, web ${JSON.stringify(web)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('leaves the line columns of an orders file with an amount but no unit price unmapped, as the CLI sets them aside', () => {
    const files = [
      ['Order', 'Date', 'Customer', 'Total', 'Price', 'Qty', 'Product'],
      ['Order ID', 'Customer', 'Order date', 'Amount', 'SKU', 'Product', 'Category', 'Qty'],
      ['order_id', 'customer_id', 'ordered_at', 'amount', 'sku', 'product_name', 'quantity', 'line_no'],
      ['Tanggal', 'Jumlah', 'Pelanggan', 'No. Pesanan', 'Produk', 'Kategori'],
      // with its unit price, each row is an order line and its line columns are read
      ['Order', 'Date', 'Customer', 'Total', 'unit_price', 'Qty', 'Product'],
    ];
    const differences = files.filter((headers) => JSON.stringify(sorted(readByCli('orders', headers))) !== JSON.stringify(sorted(readByWeb('orders', headers))))
      .map((headers) => `${headers.join(', ')}: CLI ${JSON.stringify(readByCli('orders', headers))}, web ${JSON.stringify(readByWeb('orders', headers))}`);
    expect(differences).toEqual([]);
    const { mapping, choices, setAside } = suggestMapping('orders', files[0]);
    expect(mapping).toEqual({ order_id: 'Order', ordered_at: 'Date', customer_id: 'Customer', amount: 'Total' });
    expect(choices).toEqual({ unit_price: { columns: ['Price'], reason: 'money' } });
    expect(setAside).toEqual({ product_name: 'Product', quantity: 'Qty' });
    // two columns for a line field are no choice to ask about while the file is read as whole orders
    const twoProducts = suggestMapping('orders', ['Order', 'Date', 'Customer', 'Total', 'Product', 'Item', 'Price']);
    expect(twoProducts.choices).toEqual({ unit_price: { columns: ['Price'], reason: 'money' } });
  });

  it('maps the line columns it set aside once the user maps unit_price, but none the user has given another field', () => {
    const { mapping, setAside } = suggestMapping('orders', ['Order', 'Date', 'Customer', 'Total', 'Price', 'Qty', 'Product']);
    // the guessed Total is unmapped with them: a file of lines is totalled from its lines, as the CLI reads it
    const whole = { order_id: 'Order', ordered_at: 'Date', customer_id: 'Customer' };
    expect(mapping).toEqual({ ...whole, amount: 'Total' });
    expect(withLinesSetAside('orders', mapping, { ...mapping, unit_price: 'Price' }, setAside)).toEqual({ ...whole, unit_price: 'Price', product_name: 'Product', quantity: 'Qty' });
    expect(withLinesSetAside('orders', mapping, { ...mapping, unit_price: 'Price', product_name: 'Qty' }, setAside)).toEqual({ ...whole, unit_price: 'Price', product_name: 'Qty' });
    // another change leaves them as the user has them: unmapped by hand after unit_price, they stay unmapped
    expect(withLinesSetAside('orders', mapping, { ...mapping, status: 'Product' }, setAside)).toEqual({ ...mapping, status: 'Product' });
    const lines = { ...mapping, unit_price: 'Price' };
    expect(withLinesSetAside('orders', lines, { ...lines, channel: 'Qty' }, setAside)).toEqual({ ...lines, channel: 'Qty' });
    // nothing is set aside from a file read as lines
    expect(suggestMapping('orders', ['Order', 'Date', 'Customer', 'Total', 'unit_price', 'Qty']).setAside).toEqual({});
  });
});
