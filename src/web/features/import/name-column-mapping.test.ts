import { describe, expect, it } from 'vitest';
import { guessMapping } from './import-mapping.js';

// The browser's suggested mapping reads a "Pelanggan" column of names as the CLI importer does
// (column-plan.ts, readNamesAsNames), so confirming it does not merge two buyers called "Budi".
describe('the suggested mapping of a customer column of names', () => {
  const headers = ['Tanggal', 'No Pesanan', 'Pelanggan', 'Email', 'Total'];
  const rows = (names: string[]) => names.map((name, index) => ({ Tanggal: '2024-03-05', 'No Pesanan': `INV-${index}`, Pelanggan: name, Email: `b${index}@example.co.id`, Total: '10000' }));

  it('maps it to the customer\'s name beside an Email column', () => {
    expect(guessMapping('orders', headers, rows(['Budi Santoso', 'Budi', 'Siti Aminah']))).toEqual({ ordered_at: 'Tanggal', order_id: 'No Pesanan', customer_name: 'Pelanggan', customer_email: 'Email', amount: 'Total' });
    expect(guessMapping('customers', ['Klients', 'E-pasts'], [{ Klients: 'Anna Bērziņa', 'E-pasts': 'anna@inbox.lv' }])).toEqual({ name: 'Klients', email: 'E-pasts' });
  });

  it('keeps it the customer id when its values are ids', () => {
    expect(guessMapping('orders', headers, rows(['C-1001', 'C-1002']))).toMatchObject({ customer_id: 'Pelanggan' });
  });

  it('never maps names to the customer id, also when no column holds an email or phone: the user picks what tells buyers apart', () => {
    const namesOnly = guessMapping('orders', ['Tanggal', 'No Pesanan', 'Pelanggan', 'Total'], rows(['Budi Santoso', 'Siti Aminah']));
    expect(namesOnly).toEqual({ ordered_at: 'Tanggal', order_id: 'No Pesanan', customer_name: 'Pelanggan', amount: 'Total' });
  });
});
