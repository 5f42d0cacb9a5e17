import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { importDefaults, scratchFiles } from '../../../../test/helpers/import-files.js';
import { describeEachStore } from '../../../../test/helpers/stores.js';
import { servePageRequestsAsAdmin } from '../../../../test/helpers/page-requests.js';
import { fixedClock } from '../../../core/clock.js';
import { importFile } from '../../../ingest/import-file.service.js';
import { planColumns } from '../../../ingest/rows/column-plan.js';
import { suggestMapping, withLinesSetAside } from './import-mapping.js';
import { toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';
import { runImport } from './run-import.js';

// A Shopee export with its lines mapped (unit_price ← Harga Setelah Diskon): the web import kept the
// "Total Pembayaran" it had guessed while the rows were whole orders, and stored Rp 165.000 with the
// shipping; the CLI totals the order from its lines, Rp 155.000. The same file through both.
const shopee = [
  'No. Pesanan,Status Pesanan,Waktu Pesanan Dibuat,Nama Produk,Harga Setelah Diskon,Jumlah,Ongkos Kirim Dibayar oleh Pembeli,Total Pembayaran,Username (Pembeli),No. Telepon',
  '2611015ABCD123,Selesai,2026-11-01 09:15,Kopi Arabika Gayo 250g,Rp 65.000,2,Rp 10.000,Rp 165.000,budi_s88,******7890',
  '2611015ABCD123,Selesai,2026-11-01 09:15,Gula Aren Cair 500ml,Rp 25.000,1,Rp 10.000,Rp 165.000,budi_s88,******7890',
  '2611072YZAB901,Selesai,2026-11-10 13:00,Kopi Arabika Gayo 250g,Rp 65.000,1,Rp 10.000,Rp 75.000,sari.dewi,******4321',
].join('\n');

const files = scratchFiles('lines-total-parity');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

describeEachStore('the web import of a marketplace file read as lines against the CLI\'s', (context) => {
  const clock = fixedClock(new Date());

  // the page's own requests, answered by the real server: runImport's fetch goes to app.inject
  servePageRequestsAsAdmin(context, clock);

  const totalsOf = async (source: string) => (await sql<{ external_id: string; total_minor: number }>`
    select external_id, total_minor::int as total_minor from customer_order where source = ${source} order by external_id`.execute(context.store.db)).rows;

  it('totals each order from its lines in both once unit_price is mapped, the guessed Total Pembayaran unmapped as the CLI never reads it', async () => {
    // the user's choices, one select at a time: the buyer's username, then the lines' unit price
    const chosen = { customer_id: 'Username (Pembeli)', unit_price: 'Harga Setelah Diskon' };
    const csv = readCsvText(`${shopee}\n`, 'Order.all.csv');
    const guess = suggestMapping('orders', csv.headers, csv.rows);
    // read as whole orders until the lines are mapped, the total is the one guess the file cannot do without
    expect(guess.mapping).toMatchObject({ amount: 'Total Pembayaran' });
    const withBuyer = withLinesSetAside('orders', guess.mapping, { ...guess.mapping, customer_id: chosen.customer_id }, guess.setAside);
    const mapping = withLinesSetAside('orders', withBuyer, { ...withBuyer, unit_price: chosen.unit_price }, guess.setAside);
    expect(mapping).toEqual(planColumns('orders', csv.headers, { preset: null, mapping: chosen, sample: csv.rows }).mapping);
    expect(mapping).not.toHaveProperty('amount');

    // read by its column names as asked: the page's "Import it by its column names anyway", the CLI's --no-preset
    await runImport({ entity: 'orders', source: 'web-shopee', dateFormat: null, fileName: csv.fileName }, toLineRecords(csv, mapping, { entity: 'orders' }), () => {}, new AbortController().signal);
    const cli = await importFile(context.store.db, { ...importDefaults, clock, entity: 'orders', file: files.file('Order.all.csv', `${shopee}\n`), source: 'cli-shopee', mapping: chosen, readsColumnsAsNamed: true });
    expect(cli).toMatchObject({ read: 3, rejected: 0 });

    expect(await totalsOf('cli-shopee')).toEqual([{ external_id: '2611015ABCD123', total_minor: 155_000 }, { external_id: '2611072YZAB901', total_minor: 65_000 }]);
    expect(await totalsOf('web-shopee')).toEqual(await totalsOf('cli-shopee'));
  });
});
