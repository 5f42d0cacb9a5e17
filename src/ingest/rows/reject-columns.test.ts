import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../test/helpers/import-files.js';
import type { ImportEntity, IngestContext, Reject } from '../canonical.js';
import { reasonWithOtherProblems } from '../rejects-file.js';
import { parseFile, rowsFromRecords, type ParseFileOptions } from './parse-file.js';
import { reasonNamingColumn } from './row-problem.js';
import { testContext } from './test-context.js';

// A seller's file has no column called ordered_at: a reject naming only the field sent them looking for one.
const files = scratchFiles('reject-columns');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const jakarta: IngestContext = { ...testContext, currency: 'IDR', defaultCountry: 'ID', timeZone: 'Asia/Jakarta' };

async function rejectsOf(entity: ImportEntity, lines: string[], options: Partial<ParseFileOptions> = {}, name = 'file.csv'): Promise<Reject[]> {
  const path = files.file(name, lines.join('\n'));
  const rejects: Reject[] = [];
  for await (const batch of parseFile(entity, path, { context: testContext, ...options })) rejects.push(...batch.rejects);
  return rejects;
}

const tokopediaHeader = 'Nomor,Nomor Invoice,Tanggal Pembayaran,Status Terakhir,Nama Produk,Nomor SKU,Jumlah Produk Dibeli,Harga Jual (IDR),Total Penjualan (IDR),Nama Pembeli,No Telp Pembeli,Nama Penerima,Kota';
const tokopediaRow = (overrides: { invoice: string; paidAt?: string; quantity?: string; phone?: string }) =>
  ['1', overrides.invoice, overrides.paidAt ?? '05-11-2025 10:15:00', 'Pesanan Selesai', 'Kopi Arabika Gayo 250g', 'KG-250', overrides.quantity ?? '2', '65000', '130000',
    'Budi Santoso', overrides.phone ?? '081234567890', 'Budi Santoso', 'Jakarta Selatan'].join(',');

describe('a reject of a field read from a column named otherwise', () => {
  it('names a preset\'s column with the field beside it: a Tokopedia row without its payment date', async () => {
    const rejects = await rejectsOf('orders', [tokopediaHeader, tokopediaRow({ invoice: 'INV/1' }), tokopediaRow({ invoice: 'INV/2', paidAt: '' })],
      { preset: 'tokopedia-orders', context: jakarta }, 'tokopedia.csv');
    expect(rejects).toEqual([expect.objectContaining({ line: 3, field: 'ordered_at', column: 'Tanggal Pembayaran', code: 'FIELD_REQUIRED', params: { field: 'ordered_at' } })]);
    expect(rejects[0].reason).toBe('Tanggal Pembayaran (ordered_at) is empty; every order needs the time it was placed');
  });

  it('names the columns of the row\'s other problems too, in the reject and in the rejects file\'s reason', async () => {
    const rejects = await rejectsOf('orders', [tokopediaHeader, tokopediaRow({ invoice: 'INV/3', paidAt: '', quantity: 'dua' })],
      { preset: 'tokopedia-orders', context: jakarta }, 'tokopedia-also.csv');
    expect(rejects[0].also).toEqual([expect.objectContaining({ field: 'quantity', column: 'Jumlah Produk Dibeli', code: 'QUANTITY_UNREADABLE' })]);
    expect(rejects[0].also![0].reason).toMatch(/^Jumlah Produk Dibeli \(quantity\) "dua" /);
    expect(reasonWithOtherProblems(rejects[0])).toMatch(/^Tanggal Pembayaran \(ordered_at\) is empty; .*; also Jumlah Produk Dibeli \(quantity\) "dua" /);
  });

  it('names a column given by --map, and one read under a common other name', async () => {
    const mapped = await rejectsOf('orders', ['Order,Kund,Date,Total', 'A1,C1,yesterday,10'], { mapping: { order_id: 'Order', customer_id: 'Kund', ordered_at: 'Date', amount: 'Total' } });
    expect(mapped).toEqual([expect.objectContaining({ field: 'ordered_at', column: 'Date', code: 'DATE_UNREADABLE', params: { field: 'ordered_at', value: 'yesterday' } })]);
    expect(mapped[0].reason).toMatch(/^Date \(ordered_at\) "yesterday" is not a date we can read; /);
    // "Tanggal" guessed as ordered_at (header-synonyms.ts, column-plan.ts)
    const guessed = await rejectsOf('orders', ['order_id,customer_id,Tanggal,amount', 'A1,C1,,10'], {}, 'guessed.csv');
    expect(guessed[0]).toMatchObject({ field: 'ordered_at', column: 'Tanggal', reason: 'Tanggal (ordered_at) is empty; every order needs the time it was placed' });
  });

  it('leaves a reject of a column named as its field (in any case) as it was', async () => {
    const rejects = await rejectsOf('orders', ['order_id,customer_id,ORDERED_AT,amount', 'A1,C1,yesterday,12..5', 'A2,C1,,10'], {}, 'canonical.csv');
    expect(rejects.map((reject) => [reject.field, 'column' in reject, reject.reason.split(' ')[0]])).toEqual([['ordered_at', false, 'ordered_at'], ['ordered_at', false, 'ordered_at']]);
    expect(rejects[0].also).toEqual([expect.not.objectContaining({ column: expect.anything() })]);
    expect(reasonWithOtherProblems(rejects[0])).toMatch(/; also amount "12\.\.5"/);
    expect(rejects[1].reason).toBe('ordered_at is empty; every order needs the time it was placed');
  });

  it('names the field alone for a column a preset adds, which the file does not have', async () => {
    const euroOnly: IngestContext = { ...jakarta, knownCurrencies: new Set(['EUR']) };
    const rejects = await rejectsOf('orders', [tokopediaHeader, tokopediaRow({ invoice: 'INV/4' })], { preset: 'tokopedia-orders', context: euroOnly }, 'tokopedia-idr.csv');
    expect(rejects).toEqual([expect.objectContaining({ field: 'currency', code: 'CURRENCY_UNKNOWN' })]);
    expect(rejects[0]).not.toHaveProperty('column');
    expect(rejects[0].reason).toMatch(/^currency "IDR" is not a currency this store accepts/);
  });

  it('names no column for a customer with no identity: customer_id\'s column is one empty cell of several', async () => {
    const rejects = await rejectsOf('customers', ['Kunde,Mail,Name', ',,Nobody'], { mapping: { customer_id: 'Kunde', email: 'Mail', name: 'Name' } }, 'no-identity.csv');
    expect(rejects).toEqual([expect.objectContaining({ field: 'customer_id', code: 'CUSTOMER_IDENTITY_MISSING', params: {} })]);
    expect(rejects[0]).not.toHaveProperty('column');
    expect(rejects[0].reason).toBe('the customer has no customer_id, email, phone or external_id; give at least one so the customer can be recognised again');
  });

  it('names an API record\'s key read as a field under another spelling', () => {
    const { rejects } = rowsFromRecords('orders', [{ order_id: 'A1', customer_id: 'C1', 'Ordered At': '', amount: '10' }], { context: testContext });
    expect(rejects).toEqual([expect.objectContaining({ field: 'ordered_at', column: 'Ordered At', reason: 'Ordered At (ordered_at) is empty; every order needs the time it was placed' })]);
  });
});

describe('reasonNamingColumn', () => {
  it.each([
    ['puts the column in place of the field\'s first mention', 'ordered_at "x" is not a date; fix ordered_at', 'ordered_at', 'Date', 'Date (ordered_at) "x" is not a date; fix ordered_at'],
    ['finds a field mentioned later, not one inside a longer name', 'refunded_amount "9" is more than the order amount "5"', 'amount', 'Total', 'refunded_amount "9" is more than the order Total (amount) "5"'],
    ['takes a mention before a full stop', 'the order has no customer_id.', 'customer_id', 'Kund', 'the order has no Kund (customer_id).'],
    ['puts the column first in a reason that does not mention the field', '--date-format dd/MM uses zzz', 'ordered_at', 'Datum', 'Datum (ordered_at): --date-format dd/MM uses zzz'],
  ])('%s', (_, reason, field, column, expected) => {
    expect(reasonNamingColumn(reason, field, column)).toBe(expected);
  });
});

describe('the advice for a row known only by a masked phone', () => {
  it('tells a Tokopedia seller that the export cannot tell its buyers apart, and what would, not to map a column it lacks', async () => {
    const rejects = await rejectsOf('orders', [tokopediaHeader, tokopediaRow({ invoice: 'INV/5', phone: '628******123' })], { preset: 'tokopedia-orders', context: jakarta }, 'tokopedia-masked.csv');
    expect(rejects).toEqual([expect.objectContaining({ field: 'customer_phone', column: 'No Telp Pembeli', code: 'PHONE_MASKED', params: { field: 'customer_phone', value: '628******123', otherIdentity: 'none' } })]);
    expect(rejects[0].reason).toBe('No Telp Pembeli (customer_phone) "628******123" is masked by the marketplace (some digits hidden), and a masked number cannot tell two buyers apart, '
      + 'so the order has no customer to attribute it to. The marketplace hides the buyer\'s number in this export and the file has no other column naming the buyer '
      + '(a name cannot tell buyers apart), so these rows cannot be told apart: leave them out, or add a column with the buyer\'s id or email, '
      + 'from the marketplace\'s order details, to the file and map it (--map customer_id=Column or --map customer_email=Column)');
    expect(rejects[0].reason).not.toContain('username');
  });

  it('tells a Shopee seller, whose preset maps the buyer\'s username, that this row\'s username is empty, not to map it', async () => {
    const rejects = await rejectsOf('orders', [
      'No. Pesanan,Status Pesanan,Waktu Pesanan Dibuat,Username (Pembeli),Nama Penerima,No. Telepon,Total Pembayaran',
      'S1,Selesai,2025-11-05 10:15,,Budi,******7890,65000',
    ], { preset: 'shopee-orders', context: jakarta }, 'shopee-masked.csv');
    expect(rejects).toEqual([expect.objectContaining({
      field: 'customer_phone', column: 'No. Telepon', code: 'PHONE_MASKED', params: { field: 'customer_phone', value: '******7890', otherIdentity: 'empty', identity: 'customer_id' },
    })]);
    expect(rejects[0].reason).toBe('No. Telepon (customer_phone) "******7890" is masked by the marketplace (some digits hidden), and a masked number cannot tell two buyers apart; '
      + 'this row\'s customer_id is empty, so the masked phone leaves it without a customer: fill in the buyer\'s username or leave the row out');
    expect(rejects[0].reason).not.toContain('--map');
  });

  it('advises mapping a file\'s unread column named as an email, and says a customers file without one cannot tell its people apart', async () => {
    const unread = await rejectsOf('orders', ['order_id,customer_phone,ordered_at,amount,Email Pembeli', 'A1,0812-3456-7***,2026-03-01,10,'], {}, 'unread-email.csv');
    expect(unread[0].params).not.toHaveProperty('otherIdentity');
    expect(unread[0].reason).toContain('map the column with the buyer\'s username or email as customer_id');
    const customers = await rejectsOf('customers', ['name,phone', 'Ani,******7890'], {}, 'customers-masked.csv');
    expect(customers[0]).toMatchObject({ code: 'PHONE_MASKED', params: { otherIdentity: 'none' } });
    expect(customers[0].reason).toContain('The marketplace hides the customer\'s number in this export');
  });
});
