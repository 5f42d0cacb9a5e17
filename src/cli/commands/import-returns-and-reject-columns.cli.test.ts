// What a review of marketplace imports found today: a Shopee order of 3 with 1 returned was refunded all 3,
// an unpaid Tokopedia invoice was rejected for its empty payment date, the rejects named a column twice
// ("also Status Terakhir (status): Status Terakhir (status) …") or not at all (Shopee's Belum Bayar, an
// empty Customer Email).
import { readFileSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../../test/helpers/import-files.js';

const files = scratchFiles('import-returns-cli');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const indonesianStore = { CLIENTELE_CURRENCY: 'IDR', CLIENTELE_TIMEZONE: 'Asia/Jakarta', CLIENTELE_DEFAULT_COUNTRY: 'ID' };

const shopeeHeader = 'No. Pesanan,Status Pesanan,Status Pembatalan/ Pengembalian,Waktu Pesanan Dibuat,Nama Produk,Nomor Referensi SKU,Harga Setelah Diskon,Jumlah,Returned quantity,Total Pembayaran,Username (Pembeli),Nama Penerima,No. Telepon';
const shopee = [
  shopeeHeader,
  // 3 bags of coffee, 1 returned and refunded
  'RET-1,Selesai,Permintaan Disetujui,2025-11-01 09:15,Kopi Arabika Gayo 250g,KG-250,Rp 65.000,3,1,Rp 195.000,budi_s88,Budi Santoso,******7890',
  'RET-2,Belum Bayar,,2025-11-02 09:15,Kopi Arabika Gayo 250g,KG-250,Rp 65.000,1,0,Rp 65.000,sari.dewi,Sari Dewi,******1234',
].join('\n');

const tokopedia = [
  'Nomor,Nomor Invoice,Tanggal Pembayaran,Status Terakhir,Nama Produk,Nomor SKU,Jumlah Produk Dibeli,Harga Jual (IDR),Nama Pembeli,No Telp Pembeli',
  '1,INV/NEW,,Pesanan Baru,Kopi,KG-250,1,65000,Budi Santoso,081234567890',
  // no payment date, and a status that is no purchase: the row's other problem names its column once
  '2,INV/WAIT,,Menunggu Pembayaran,Kopi,KG-250,1,65000,Rina Kusuma,085711223344',
].join('\n');

describeEachCliStore('clientele import: returns by quantity and rejects naming their columns', (context) => {
  const cli = (args: string[]) => runCliInProcess(context.db, args, indonesianStore);
  const orderOf = (externalId: string) => context.withStore(async (store) => (await sql<{ status: string; total_minor: number; refunded_minor: number }>`
    select status, total_minor::int as total_minor, refunded_minor::int as refunded_minor from customer_order where external_id = ${externalId}`.execute(store.db)).rows);

  it('stores a Shopee order of 3 with 1 returned refunded Rp 65.000, and names Status Pesanan in an unpaid order\'s reject', async () => {
    const file = files.file(`${context.kind}-shopee.csv`, shopee);
    const result = await cli(['import', 'orders', file, '--preset', 'shopee-orders', '--rejects', `${file}.rejects.csv`]);
    expect(result.error).toBeNull();
    expect(result.exitCode).toBe(2);
    expect(await orderOf('RET-1')).toEqual([{ status: 'partially_refunded', total_minor: 195_000, refunded_minor: 65_000 }]);
    expect(result.stdout).toMatch(/STATUS_NOT_PURCHASE +1 row — e\.g\. line 3 \[status\]: Status Pesanan \(status\) "Belum Bayar" /);
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toContain(`${file},3,status,"Status Pesanan (status) ""Belum Bayar"" `);
  }, 240_000);

  it('rejects an unpaid Tokopedia invoice as no purchase yet, and names a column once in a row\'s other problems', async () => {
    const file = files.file(`${context.kind}-tokopedia.csv`, tokopedia);
    const result = await cli(['import', 'orders', file, '--preset', 'tokopedia-orders', '--rejects', `${file}.rejects.csv`]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('STATUS_NOT_PURCHASE  1 row — e.g. line 2 [status]: Status Terakhir (status) "Pesanan Baru" with no Tanggal Pembayaran (the payment date): '
      + 'the buyer has not paid yet, so the invoice is not imported; import it again once it is paid');
    expect(result.stdout).toContain('; also Status Terakhir (status) "Menunggu Pembayaran" ');
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toContain(`${file},2,status,"Status Terakhir (status) ""Pesanan Baru"" with no Tanggal Pembayaran`);
    expect(rejects).toContain('; also Status Terakhir (status) ""Menunggu Pembayaran"" ');
    for (const text of [result.stdout, rejects]) expect(text).not.toContain('Status Terakhir (status): Status Terakhir (status)');
  }, 240_000);

  it('names an empty Customer Email, the file\'s one column naming buyers, and a --map column once among the other problems', async () => {
    const file = files.file(`${context.kind}-emails.csv`, ['order_id,Customer Email,ordered_at,Total', 'E-1,ani@example.co.id,2026-03-01,10000', 'E-2,,2026-03-02,12..5'].join('\n'));
    const result = await cli(['import', 'orders', file, '--map', 'amount=Total', '--rejects', `${file}.rejects.csv`]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/CUSTOMER_MISSING +1 row — e\.g\. line 3 \[customer_email\]: Customer Email \(customer_email\) is empty, and the row names no other customer, so there is no one to attribute the order to; fill it in or leave the row out; also Total \(amount\) "12\.\.5" /);
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toContain(`${file},3,customer_email,"Customer Email (customer_email) is empty, and the row names no other customer`);
    for (const text of [result.stdout, rejects]) expect(text).not.toContain('Total (amount): Total (amount)');
  }, 240_000);
});
