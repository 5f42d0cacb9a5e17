import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from './import-file.service.js';

// What a reviewer importing real Shopee, Tokopedia and WooCommerce exports found: buyers merged by a
// masked phone or a shared name, statuses refused, and "Rp 12.500,-" read as a refund.
const files = scratchFiles('marketplace-export-identities');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

describeEachStore('marketplace exports: who the buyer is', (context) => {
  const db = () => context.store.db;
  const phoneIdentities = async () => (await sql<{ value: string }>`select value from customer_identity where kind = 'phone' order by value`.execute(db())).rows.map((row) => row.value);
  const buyersOf = async (source: string) => (await sql<{ external_id: string; customer_id: number; phone: string | null }>`
    select o.external_id, o.customer_id, c.phone from customer_order o join customer c on c.customer_id = o.customer_id
    where o.source = ${source} order by o.external_id`.execute(db())).rows;

  it('never stores or matches a phone a marketplace masked: three buyers of 0812-3456-7*** are three customers, and a row known only by one is rejected saying what to map', async () => {
    const file = files.file('shopee-masked.csv', [
      'No. Pesanan,Username (Pembeli),Nama Penerima,No. Telepon,Waktu Pesanan Dibuat,Total Pembayaran',
      'X1,ani_w,Ani,0812-3456-7***,2026-11-01 10:00,10000',
      'X2,bambang88,Bambang,0812-3456-7***,2026-11-02 10:00,20000',
      'X3,citra.s,Citra,+62 812-3456-7***,2026-11-03 10:00,30000',
      'X4,,Dewi,62812345****,2026-11-04 10:00,40000',
      'X5,,Eko,******7890,2026-11-05 10:00,50000',
      'X6,,Fajar,628******123,2026-11-06 10:00,60000',
      'X7,,Gita,0812xxxx7890,2026-11-07 10:00,70000',
      'X8,,Hadi,0812-3456-7890,2026-11-08 10:00,80000',
    ].join('\n'));
    // read by its column names, as asked (--no-preset): a Shopee export given no preset is refused (IMPORT_PRESET_NEEDED)
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'shopee-masked', readsColumnsAsNamed: true });
    // Shopee's username is the buyer's id; its phones are masked
    expect(summary.guessedColumns).toEqual(expect.arrayContaining([{ field: 'customer_id', column: 'Username (Pembeli)' }, { field: 'customer_phone', column: 'No. Telepon' }]));
    expect(summary).toMatchObject({ read: 8, inserted: 4, rejected: 4 });
    expect(summary.rejectCounts).toEqual([{ code: 'PHONE_MASKED', rows: 4, first: expect.objectContaining({ line: 5, field: 'customer_phone' }) }]);
    const reason = summary.rejectCounts[0].first!.reason;
    // the username column is read: the row's is empty, and that is what to fill in
    expect(reason).toBe('No. Telepon (customer_phone) "62812345****" is masked by the marketplace (some digits hidden), and a masked number cannot tell two buyers apart; '
      + 'this row\'s customer_id is empty, so the masked phone leaves it without a customer: fill in the buyer\'s username or leave the row out');
    expect(summary.rejectsSample.map((reject) => reject.reason)).not.toContainEqual(expect.stringContaining('country code'));

    const buyers = await buyersOf('shopee-masked');
    expect(buyers.map((buyer) => buyer.external_id)).toEqual(['X1', 'X2', 'X3', 'X8']);
    expect(new Set(buyers.map((buyer) => buyer.customer_id)).size).toBe(4);
    expect(buyers.map((buyer) => buyer.phone)).toEqual([null, null, null, '+6281234567890']);
    // never the made-up numbers the digits before the mask made (+6281234567, +6262812345)
    expect(await phoneIdentities()).toEqual(['+6281234567890']);
  });

  it('reads a customers file\'s masked phone as none, and rejects a customer known only by one', async () => {
    const file = files.file('customers-masked.csv', ['customer_id,name,phone', 'budi_s88,Budi,******7890', ',Sari,******4321', 'andi_w,Andi,0813-2222-4321'].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'customers', file, source: 'shopee-customers' });
    expect(summary).toMatchObject({ read: 3, inserted: 2, rejected: 1 });
    expect(summary.rejectCounts).toEqual([{ code: 'PHONE_MASKED', rows: 1, first: expect.objectContaining({ line: 3, field: 'phone', reason: expect.stringContaining('"******4321" is masked by the marketplace') }) }]);
    const budi = await db().selectFrom('customer').innerJoin('customer_identity', 'customer_identity.customer_id', 'customer.customer_id')
      .select(['customer.phone', 'customer_identity.kind']).where('customer_identity.value', '=', 'budi_s88').executeTakeFirstOrThrow();
    expect(budi).toEqual({ phone: null, kind: 'external' });
  });

  it('refuses a file whose only buyer column is a name, saying a name cannot tell two buyers apart; a --map customer_id to it is obeyed', async () => {
    const file = files.file('tokopedia.csv', [
      'Nomor Invoice,Tanggal Pesanan,Status Terakhir,Total Penjualan (IDR),Nama Pembeli',
      'INV/1,2026-11-05 10:15,Pesanan Selesai,145000,Budi Santoso',
      'INV/2,2026-11-09 08:30,Pesanan Tiba,70000,Budi Santoso',
    ].join('\n'));
    await expect(importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'tokopedia' })).rejects.toMatchObject({
      code: 'IMPORT_COLUMN_MISSING',
      message: expect.stringContaining('"Nama Pembeli" holds names, and a name cannot tell two people apart (two called Budi Santoso would be one customer), so it is not read as the customer; '
        + 'map the column that tells each customer apart as customer_id, customer_email or customer_phone'),
    });
    const mapped = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'tokopedia', mapping: { customer_id: 'Nama Pembeli' } });
    expect(mapped).toMatchObject({ inserted: 2, rejected: 0 });
  });
});

describeEachStore('marketplace exports: statuses and amounts', (context) => {
  const db = () => context.store.db;
  const storedOf = async (source: string) => (await sql<{ external_id: string; status: string; total_minor: number }>`
    select external_id, status, total_minor::int as total_minor from customer_order where source = ${source} order by external_id`.execute(db())).rows;

  it('reads Shopee\'s, Tokopedia\'s and WooCommerce\'s own status words, and still refuses an order on hold until it is processing', async () => {
    const statuses = ['Pengembalian', 'Selesai', 'Sedang Dikirim', 'Dikirim', 'Dalam Pengiriman', 'Pesanan Selesai', 'Processing', 'wc-processing', 'On hold'];
    const file = files.file('statuses.csv', ['order_id,customer_email,ordered_at,amount,status', ...statuses.map((status, index) => `S${index + 1},buyer${index}@example.co.id,2026-11-0${index + 1},10000,${status}`)].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'statuses' });
    expect(summary).toMatchObject({ read: 9, inserted: 8, rejected: 1 });
    expect(summary.rejectsSample).toEqual([expect.objectContaining({
      line: 10, code: 'STATUS_NOT_PURCHASE', reason: expect.stringContaining('import it again once it is paid (processing or completed in WooCommerce)'),
    })]);
    expect((await storedOf('statuses')).map((order) => [order.external_id, order.status])).toEqual([
      ['S1', 'refunded'], ['S2', 'paid'], ['S3', 'paid'], ['S4', 'paid'], ['S5', 'paid'], ['S6', 'paid'], ['S7', 'paid'], ['S8', 'paid'],
    ]);
  });

  it('reads "Rp 12.500,-" as 12,500 with no cents, and still refuses a real negative amount', async () => {
    const file = files.file('amounts.csv', [
      'order_id,customer_email,ordered_at,amount',
      'A1,a@x.id,2026-11-01,"Rp 12.500,-"',
      'A2,a@x.id,2026-11-01,"1.250.000,-"',
      'A3,a@x.id,2026-11-01,"Rp 7.500,–"',
      'A4,a@x.id,2026-11-01,-Rp 12.500',
      'A5,a@x.id,2026-11-01,12.500-',
    ].join('\n'));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file, source: 'amounts' });
    expect(summary).toMatchObject({ read: 5, inserted: 3, rejected: 2 });
    expect(summary.rejectCounts).toEqual([expect.objectContaining({ code: 'AMOUNT_NEGATIVE', rows: 2 })]);
    expect((await storedOf('amounts')).map((order) => [order.external_id, order.total_minor])).toEqual([['A1', 12_500], ['A2', 1_250_000], ['A3', 7_500]]);
  });
});
