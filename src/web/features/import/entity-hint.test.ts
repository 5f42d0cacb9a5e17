import { describe, expect, it } from 'vitest';
import type { IngestEntity } from '../../api/types.js';
import { likelierEntity } from './entity-hint.js';
import { suggestMapping } from './import-mapping.js';

const hintFor = (entity: IngestEntity, headers: string[], row: string[] = []) => {
  const rows = row.length > 0 ? [Object.fromEntries(headers.map((header, index) => [header, row[index]]))] : [];
  return likelierEntity(entity, headers, rows, suggestMapping(entity, headers, rows));
};

describe('the kind of data a file looks like', () => {
  it('sees orders in a file chosen as customers, naming the columns customers do not read', () => {
    expect(hintFor('customers', ['order_id', 'customer_id', 'ordered_at', 'amount'])).toEqual({ entity: 'orders', columns: ['order_id', 'ordered_at', 'amount'] });
    // under common other names too, as the importer guesses them
    expect(hintFor('customers', ['Order ID', 'Customer', 'Date', 'Total'], ['A-1', 'C1', '2024-03-05', '90000'])).toEqual({ entity: 'orders', columns: ['Order ID', 'Date', 'Total'] });
  });

  it('prefers orders over order lines when the file holds both kinds of column', () => {
    expect(hintFor('customers', ['order_id', 'customer_id', 'ordered_at', 'sku', 'quantity', 'unit_price'])?.entity).toBe('orders');
  });

  it('sees events and products', () => {
    expect(hintFor('customers', ['customer_id', 'event_type', 'occurred_at'])).toEqual({ entity: 'events', columns: ['event_type', 'occurred_at'] });
    // a products file lacks the columns of customers: the CLI's decision of a file it refuses, naming all the products columns
    expect(hintFor('customers', ['sku', 'name', 'category', 'unit_price'])).toEqual({ entity: 'products', columns: ['sku', 'name', 'category', 'unit_price'], lacksRequired: true });
  });

  it('says nothing of a file that fits the chosen data', () => {
    expect(hintFor('customers', ['customer_id', 'name', 'email', 'city', 'created_at'])).toBeNull();
    expect(hintFor('orders', ['order_id', 'customer_id', 'ordered_at', 'amount'])).toBeNull();
    expect(hintFor('orders', ['order_id', 'customer_email', 'ordered_at', 'sku', 'product_name', 'quantity', 'unit_price', 'note'])).toBeNull();
    expect(hintFor('events', ['customer_id', 'event_type', 'occurred_at'])).toBeNull();
  });
});

describe('the kind of data a file looks like once the user un-maps a column', () => {
  // a Shopee export, as the marketplace tests import it: buyers by username, phones masked
  const shopee = ['No. Pesanan', 'Username (Pembeli)', 'Nama Penerima', 'No. Telepon', 'Waktu Pesanan Dibuat', 'Total Pembayaran'];
  const shopeeRows = [Object.fromEntries(shopee.map((header, index) => [header, ['X1', 'ani_w', 'Ani', '0812-3456-7***', '2026-11-01 10:00', '10000'][index]]))];
  const withoutField = (mapping: Record<string, string>, field: string) => Object.fromEntries(Object.entries(mapping).filter(([name]) => name !== field));

  it('keeps an orders file an orders file when its masked phone column (or its buyer\'s) is set to "not imported"', () => {
    const guess = suggestMapping('orders', shopee, shopeeRows);
    expect(guess.mapping).toMatchObject({ customer_id: 'Username (Pembeli)', customer_phone: 'No. Telepon' });
    expect(likelierEntity('orders', shopee, shopeeRows, guess)).toBeNull();
    // the phone was customers' one required column the orders mapping then left unread: "Is this a file of Customers?"
    expect(likelierEntity('orders', shopee, shopeeRows, { ...guess, mapping: withoutField(guess.mapping, 'customer_phone') })).toBeNull();
    expect(likelierEntity('orders', shopee, shopeeRows, { ...guess, mapping: withoutField(withoutField(guess.mapping, 'customer_phone'), 'customer_id') })).toBeNull();
  });

  it('still sees another kind of data in columns the chosen one has no place for, whatever the user un-maps', () => {
    // the same export chosen as customers is still orders, its phone un-mapped or not
    const asCustomers = suggestMapping('customers', shopee, shopeeRows);
    const orders = { entity: 'orders', columns: ['No. Pesanan', 'Waktu Pesanan Dibuat', 'Total Pembayaran'] };
    expect(likelierEntity('customers', shopee, shopeeRows, asCustomers)).toEqual(orders);
    expect(likelierEntity('customers', shopee, shopeeRows, { ...asCustomers, mapping: withoutField(asCustomers.mapping, 'phone') })).toEqual(orders);
    // a file of customers chosen as products or order lines is customers
    const people = ['Username', 'Nama', 'Email', 'No. Telepon', 'Kota'];
    const peopleRows = [Object.fromEntries(people.map((header, index) => [header, ['ani_w', 'Ani', 'ani@contoh.id', '0812-3456-7890', 'Bandung'][index]]))];
    expect(likelierEntity('products', people, peopleRows, suggestMapping('products', people, peopleRows))).toEqual({ entity: 'customers', columns: ['Nama', 'Email', 'No. Telepon', 'Kota'], lacksRequired: true });
    expect(likelierEntity('lines', people, peopleRows, suggestMapping('lines', people, peopleRows))?.entity).toBe('customers');
  });
});
