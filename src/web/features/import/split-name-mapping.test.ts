import { describe, expect, it } from 'vitest';
import { planColumns } from '../../../ingest/rows/column-plan.js';
import { findPreset } from '../../../ingest/presets/index.js';
import { guessMapping } from './import-mapping.js';

// Exports that split a name into two columns: read as the whole name, "Vārds" lost the surname.
describe('first and last name columns', () => {
  it('maps Latvian "Vārds" beside "Uzvārds" as the first name, and "Vārds" alone as the whole name', () => {
    expect(guessMapping('customers', ['Vārds', 'Uzvārds', 'E-pasts'])).toEqual({ first_name: 'Vārds', last_name: 'Uzvārds', email: 'E-pasts' });
    expect(guessMapping('customers', ['Vārds', 'E-pasts'])).toEqual({ name: 'Vārds', email: 'E-pasts' });
  });

  it('maps the English and Indonesian names of a first and last name, and their canonical names', () => {
    expect(guessMapping('customers', ['Email', 'Given name', 'Surname'])).toMatchObject({ first_name: 'Given name', last_name: 'Surname' });
    expect(guessMapping('customers', ['Email', 'Nama Depan', 'Nama Belakang'])).toMatchObject({ first_name: 'Nama Depan', last_name: 'Nama Belakang' });
    expect(guessMapping('customers', ['Email', 'First Name', 'Last Name'])).toMatchObject({ first_name: 'First Name', last_name: 'Last Name' });
    expect(guessMapping('customers', ['email', 'first_name', 'last_name'])).toMatchObject({ first_name: 'first_name', last_name: 'last_name' });
  });

  it("maps an orders export's buyer name columns (WooCommerce's billing_first_name, Shopify's Billing Name) to the customer's", () => {
    const woo = guessMapping('orders', ['order_id', 'order_date', 'order_total', 'billing_first_name', 'billing_last_name', 'billing_email']);
    expect(woo).toMatchObject({ customer_first_name: 'billing_first_name', customer_last_name: 'billing_last_name' });
    expect(guessMapping('orders', ['Order', 'Date', 'Total', 'Email', 'Billing Name'])).toMatchObject({ customer_name: 'Billing Name' });
  });

  it('maps "Name" beside "Surname" or "Last name" as the first name, and "Nama" beside "Nama belakang"; "Name" alone or beside a first name stays the whole name', () => {
    expect(guessMapping('customers', ['Name', 'Surname', 'Email'])).toEqual({ first_name: 'Name', last_name: 'Surname', email: 'Email' });
    expect(guessMapping('customers', ['Email', 'Name', 'Last name'])).toEqual({ first_name: 'Name', last_name: 'Last name', email: 'Email' });
    expect(guessMapping('customers', ['Email', 'Nama', 'Nama belakang'])).toEqual({ first_name: 'Nama', last_name: 'Nama belakang', email: 'Email' });
    expect(guessMapping('customers', ['Name', 'Email'])).toEqual({ name: 'Name', email: 'Email' });
    expect(guessMapping('customers', ['Name', 'First name', 'Surname', 'Email'])).toEqual({ name: 'Name', first_name: 'First name', last_name: 'Surname', email: 'Email' });
    // an order's "Name" is Shopify's order number, never the buyer's first name
    expect(guessMapping('orders', ['Name', 'Surname', 'Email', 'Date', 'Total'])).not.toHaveProperty('customer_first_name');
  });

  it('reads a name split in two columns as its parts in a file import, says so, and leaves no name column unread', () => {
    for (const [first, last] of [['Name', 'Surname'], ['Name', 'Last name'], ['Vārds', 'Uzvārds'], ['Nama', 'Nama belakang']]) {
      const plan = planColumns('customers', [first, last, 'E-mail'], { preset: null, mapping: {} });
      // "Last name" is read by its own name; the others are named in what was guessed
      const parts = last === 'Last name' ? [{ field: 'first_name', column: first }] : [{ field: 'first_name', column: first }, { field: 'last_name', column: last }];
      expect(plan.guessed).toEqual([{ field: 'email', column: 'E-mail' }, ...parts]);
      expect(plan.mapping).toMatchObject({ first_name: first });
      expect(plan.mapping).not.toHaveProperty('name');
      expect(plan.ignored).toEqual([]);
    }
  });

  it('reads a surname column beside a whole name as last_name, as the web mapping does, and obeys --map', () => {
    const { mapping, ignored } = planColumns('customers', ['Full name', 'Surname', 'E-mail'], { preset: null, mapping: {} });
    expect(mapping).toEqual({ email: 'E-mail', name: 'Full name', last_name: 'Surname' });
    expect(ignored).toEqual([]);
    const mapped = planColumns('customers', ['Name', 'Surname', 'E-mail'], { preset: null, mapping: { name: 'Name' } });
    expect(mapped.mapping).toMatchObject({ name: 'Name', last_name: 'Surname' });
    expect(mapped.ignored).toEqual([]);
    // a column --map gives another field is not also read as a first name
    const elsewhere = planColumns('customers', ['Name', 'Surname', 'E-mail'], { preset: null, mapping: { customer_id: 'Name' } });
    expect(elsewhere.mapping).not.toHaveProperty('first_name');
  });

  it("reads the Shopify orders export's Billing Name as the customer's name", () => {
    const shopify = findPreset('shopify-orders')!;
    const presetMapping = typeof shopify.mapping === 'function' ? shopify.mapping(['Name', 'Email', 'Billing Name']) : shopify.mapping;
    expect(presetMapping).toMatchObject({ customer_name: 'Billing Name' });
  });
});
