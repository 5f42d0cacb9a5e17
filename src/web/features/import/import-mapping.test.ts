import { describe, expect, it } from 'vitest';
import { headerSynonyms, headerWords } from '../../../ingest/rows/header-synonyms.js';
import { fieldsOf, guessMapping, importEntities } from './import-mapping.js';
import { canonicalFields } from '../../../ingest/rows/fields.js';

describe('guessing which column holds each field', () => {
  it('maps a small till export\'s Date, Total, Customer and Order ID for orders', () => {
    expect(guessMapping('orders', ['Date', 'Total', 'Customer', 'Order ID'])).toEqual({ ordered_at: 'Date', amount: 'Total', customer_id: 'Customer', order_id: 'Order ID' });
  });

  it('maps the common names of an order-line export', () => {
    const headers = ['Order ID', 'Customer', 'Email', 'Phone', 'Order date', 'Amount', 'SKU', 'Product', 'Category', 'Qty', 'Price'];
    expect(guessMapping('orders', headers)).toEqual({
      order_id: 'Order ID', customer_id: 'Customer', customer_email: 'Email', customer_phone: 'Phone', ordered_at: 'Order date', amount: 'Amount',
      sku: 'SKU', product_name: 'Product', category: 'Category', quantity: 'Qty', unit_price: 'Price',
    });
    expect(guessMapping('lines', ['Order', 'Product', 'Quantity', 'Price'])).toEqual({ order_id: 'Order', product_name: 'Product', quantity: 'Quantity', unit_price: 'Price' });
  });

  it('maps the common names of a customer list, and the families the importer reads by name', () => {
    expect(guessMapping('customers', ['Customer', 'Name', 'Email', 'Phone', 'Country', 'City', 'external_id.loyalty_card'])).toEqual({
      customer_id: 'Customer', name: 'Name', email: 'Email', phone: 'Phone', country: 'Country', city: 'City', 'external_id.loyalty_card': 'external_id.loyalty_card',
    });
  });

  it('reads Indonesian and Latvian headers, whatever their case, accents and punctuation', () => {
    expect(guessMapping('orders', ['Tanggal', 'Jumlah', 'Pelanggan', 'No. Pesanan'])).toEqual({ ordered_at: 'Tanggal', amount: 'Jumlah', customer_id: 'Pelanggan', order_id: 'No. Pesanan' });
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
