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

  it('names first_name and last_name for the columns a file import leaves unread, as the fields to map them to', () => {
    const { ignored } = planColumns('customers', ['Vārds', 'Uzvārds', 'E-pasts'], { preset: null, mapping: {} });
    expect(ignored).toEqual([
      { column: 'Vārds', field: 'first_name', reason: 'no_field' },
      { column: 'Uzvārds', field: 'last_name', reason: 'no_field' },
    ]);
  });

  it("reads the Shopify orders export's Billing Name as the customer's name", () => {
    const shopify = findPreset('shopify-orders')!;
    const presetMapping = typeof shopify.mapping === 'function' ? shopify.mapping(['Name', 'Email', 'Billing Name']) : shopify.mapping;
    expect(presetMapping).toMatchObject({ customer_name: 'Billing Name' });
  });
});
