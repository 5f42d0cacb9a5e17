import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';
import { planColumns } from './rows/column-plan.js';
import { RowProblem } from './rows/row-problem.js';
import { lookUp, statusSynonyms } from './rows/synonyms.js';

// What a data engineer importing real WooCommerce, Shopee, Tokopedia and Shopify exports found.
const files = scratchFiles('marketplace-exports');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const plan = (headers: string[], mapping: Record<string, string> = {}) => planColumns('orders', headers, { preset: null, mapping });

describeEachStore('WooCommerce guest orders', (context) => {
  const db = () => context.store.db;

  it('reads billing_email and billing_phone as the customer, and customer_id 0 (a guest) as no id', async () => {
    const file = files.file('woo-guests.csv', [
      'order_id,order_date,status,customer_id,billing_first_name,billing_last_name,billing_email,billing_phone,order_total,customer_note',
      'W1,2026-03-01 10:00,wc-completed,0,Ann,Lee,ann@example.com,,100.00,',
      'W2,2026-03-02 10:00,wc-completed,0,Bob,Ray,bob@example.com,,50.00,leave at the door',
      'W3,2026-03-03 10:00,wc-completed,17,Cy,Ode,cy@example.com,,20.00,',
      'W4,2026-03-04 10:00,wc-completed,0,Di,Ng,,+6281234567890,30.00,',
      'W5,2026-03-05 10:00,wc-completed,0,Ed,Po,,,10.00,',
      'W6,2026-03-06 10:00,wc-completed,0,Ann,Lee,ann@example.com,,15.00,',
    ].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'woo' });
    expect(summary).toMatchObject({ read: 6, inserted: 5, rejected: 1 });
    expect(summary.guessedColumns).toEqual(expect.arrayContaining([{ field: 'customer_email', column: 'billing_email' }, { field: 'customer_phone', column: 'billing_phone' }]));
    expect(summary.rejectsSample).toEqual([expect.objectContaining({ line: 6, field: 'customer_id', code: 'CUSTOMER_MISSING', reason: expect.stringContaining('customer_id "0" names no customer (WooCommerce writes 0 for a guest)') })]);
    const buyers = await sql<{ external_id: string; buyer: string }>`
      select o.external_id, coalesce((select min(value) from customer_identity i where i.customer_id = o.customer_id and i.kind = 'email'),
        (select min(value) from customer_identity i where i.customer_id = o.customer_id and i.kind = 'phone')) as buyer
      from customer_order o where o.source = 'woo' order by o.external_id`.execute(db());
    expect(buyers.rows).toEqual([
      { external_id: 'W1', buyer: 'ann@example.com' }, { external_id: 'W2', buyer: 'bob@example.com' }, { external_id: 'W3', buyer: 'cy@example.com' },
      { external_id: 'W4', buyer: '+6281234567890' }, { external_id: 'W6', buyer: 'ann@example.com' },
    ]);
    const guestIds = await sql<{ n: number }>`select count(*)::int as n from customer_identity where kind = 'external' and value = '0'`.execute(db());
    expect(guestIds.rows[0].n).toBe(0);
  });
});

describeEachStore('Shopee and Tokopedia exports', (context) => {
  const db = () => context.store.db;

  it('reads Shopee\'s Jumlah as the quantity, not the amount, and Total Pembayaran as the amount', async () => {
    const file = files.file('shopee.csv', [
      'No. Pesanan,Status Pesanan,Waktu Pesanan Dibuat,Username (Pembeli),Nama Produk,Jumlah,Total Pembayaran',
      '2603010001,Perlu Dikirim,2026-03-01 10:00,budi88,Kopi Gayo 250g,3,Rp 130.000',
    ].join('\n'));
    // read by its column names, as asked (--no-preset): given no preset, a Shopee export is refused (IMPORT_PRESET_NEEDED)
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'shopee', mapping: { customer_id: 'Username (Pembeli)' }, readsColumnsAsNamed: true });
    expect(summary).toMatchObject({ read: 1, inserted: 1, rejected: 0 });
    expect(summary.guessedColumns).toEqual(expect.arrayContaining([{ field: 'amount', column: 'Total Pembayaran' }]));
    expect(summary.ignoredColumns).toEqual(expect.arrayContaining([{ column: 'Jumlah', field: 'quantity', reason: 'line_needs_unit_price' }]));
    const stored = await db().selectFrom('customer_order').select(['total_minor', 'status']).where('source', '=', 'shopee').execute();
    expect(stored).toEqual([{ total_minor: expect.anything(), status: 'paid' }]);
    expect(Number(stored[0].total_minor)).toBeGreaterThanOrEqual(130_000);
  });

  it('maps Tokopedia\'s total columns to amount and its quantity column to quantity', () => {
    const headers = ['Nomor Invoice', 'Tanggal Pesanan', 'Status Terakhir', 'No Telp Pembeli', 'Nama Produk', 'Jumlah Produk Dibeli', 'Harga Jual (IDR)', 'Total Penjualan (IDR)'];
    expect(plan(headers, { customer_phone: 'No Telp Pembeli' }).mapping).toMatchObject({
      order_id: 'Nomor Invoice', ordered_at: 'Tanggal Pesanan', status: 'Status Terakhir', amount: 'Total Penjualan (IDR)',
    });
    // read as order lines once the unit price is mapped
    expect(plan(headers, { customer_phone: 'No Telp Pembeli', unit_price: 'Harga Jual (IDR)' }).mapping).toMatchObject({ quantity: 'Jumlah Produk Dibeli' });
    expect(plan(['Invoice', 'Payment Date', 'Customer Email', 'Quantity', 'Total Amount (Rp.)'], { ordered_at: 'Payment Date' }).mapping).toMatchObject({ amount: 'Total Amount (Rp.)' });
    // a lines file with its unit price mapped reads Jumlah as the quantity
    expect(planColumns('lines', ['No. Pesanan', 'Jumlah', 'Harga Setelah Diskon'], { preset: null, mapping: { unit_price: 'Harga Setelah Diskon' } }).mapping).toMatchObject({ quantity: 'Jumlah', order_id: 'No. Pesanan' });
    // Jumlah alone is never the amount: the file lacks one and says so
    expect(() => plan(['No. Pesanan', 'Tanggal', 'Pelanggan', 'Jumlah'])).toThrow(expect.objectContaining({ code: 'IMPORT_COLUMN_MISSING' }));
  });
});

describe('statuses of Shopify, Shopee and Tokopedia', () => {
  const outcome = (value: string): string => {
    try {
      return lookUp('status', value, statusSynonyms);
    } catch (error) {
      if (error instanceof RowProblem) return `${error.code}: ${error.message}`;
      throw error;
    }
  };

  it('handles every financial status Shopify documents, none refused as a wrong value', () => {
    const shopify = ['pending', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'voided', 'expired'];
    expect(Object.fromEntries(shopify.map((status) => [status, outcome(status).split(':')[0]]))).toEqual({
      pending: 'STATUS_NOT_PURCHASE', authorized: 'STATUS_NOT_PURCHASE', partially_paid: 'STATUS_NOT_PURCHASE', paid: 'paid',
      partially_refunded: 'partially_refunded', refunded: 'refunded', voided: 'cancelled', expired: 'STATUS_NOT_PURCHASE',
    });
    expect(outcome('partially_paid')).toContain('only part of the order\'s amount is paid');
    expect(outcome('expired')).toContain('payment expired before it was taken');
  });

  it('reads Shopee\'s Perlu Dikirim and Tokopedia\'s Pesanan Tiba as paid', () => {
    expect([outcome('Perlu Dikirim'), outcome('Pesanan Tiba')]).toEqual(['paid', 'paid']);
  });
});

describe('refund and note columns of WooCommerce and Latvian exports', () => {
  it('suggests refunded_total and Atmaksāts as refunded_amount, and a customer_note as no field', () => {
    const columns = plan(['order_id', 'customer_email', 'ordered_at', 'amount', 'refunded_total', 'customer_note']);
    expect(columns.ignored).toEqual([
      { column: 'refunded_total', field: 'refunded_amount', reason: 'no_field' },
      { column: 'customer_note', field: null, reason: 'no_field' },
    ]);
    for (const column of ['Atmaksāts', 'Atmaksāts (EUR)', 'Atmaksātā summa']) {
      expect(plan(['order_id', 'customer_email', 'ordered_at', 'amount', column]).ignored, column).toEqual([{ column, field: 'refunded_amount', reason: 'no_field' }]);
    }
  });
});
