import { readFileSync, rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../test/helpers/import-files.js';

// A Tokopedia seller read "ordered_at is empty" about a report that has no column of that name.
const files = scratchFiles('reject-columns-cli');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const report = [
  'Nomor,Nomor Invoice,Tanggal Pembayaran,Status Terakhir,Nama Produk,Nomor SKU,Jumlah Produk Dibeli,Harga Jual (IDR),Total Penjualan (IDR),Nama Pembeli,No Telp Pembeli',
  '1,INV/1,05-11-2025 10:15:00,Pesanan Selesai,Kopi,KG-250,2,65000,130000,Budi Santoso,081234567890',
  '2,INV/2,,Pesanan Selesai,Kopi,KG-250,dua,65000,130000,Rina Kusuma,085711223344',
  '3,INV/3,06-11-2025 09:00:00,Pesanan Selesai,Kopi,KG-250,1,65000,65000,Sari,628******123',
].join('\n');

describeEachCliStore('clientele import: rejects name the file\'s own column', (context) => {
  it('names the report\'s column beside the field in the summary\'s reject lines and the rejects file, and the masked phone\'s advice fits the report', async () => {
    const file = files.file(`${context.kind}-tokopedia.csv`, report);
    const result = await runCliInProcess(context.db, ['import', 'orders', file, '--preset', 'tokopedia-orders', '--rejects', `${file}.rejects.csv`]);
    expect(result.error).toBeNull();
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toContain('FIELD_REQUIRED  1 row — e.g. line 3 [ordered_at]: Tanggal Pembayaran (ordered_at) is empty; every order needs the time it was placed; '
      + 'also Jumlah Produk Dibeli (quantity) "dua"');
    expect(result.stdout).toContain('PHONE_MASKED    1 row — e.g. line 4 [customer_phone]: No Telp Pembeli (customer_phone) "628******123" is masked by the marketplace');
    expect(result.stdout).toContain('The marketplace hides the buyer\'s number in this export');
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toContain(`${file},3,ordered_at,"Tanggal Pembayaran (ordered_at) is empty; every order needs the time it was placed; also Jumlah Produk Dibeli (quantity) ""dua""`);
    expect(rejects).toContain(`${file},4,customer_phone,"No Telp Pembeli (customer_phone) ""628******123"" is masked by the marketplace`);
    expect(rejects).not.toContain('username');
  }, 240_000);
});
