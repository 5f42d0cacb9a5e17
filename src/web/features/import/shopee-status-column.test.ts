import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFiles } from '../../../../test/helpers/import-files.js';
import type { CanonicalOrder, IngestContext, Reject } from '../../../ingest/canonical.js';
import { findPreset } from '../../../ingest/presets/index.js';
import { parseFile } from '../../../ingest/rows/parse-file.js';
import { testContext } from '../../../ingest/rows/test-context.js';
import { presetMapping, toLineRecords } from './import-rows.js';
import { readCsvText } from './parse-csv.js';

// Shopee's status is worked out from two columns: a refused one ("Belum Bayar") was said of the field alone, "status".
const files = scratchFiles('shopee-status-column');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const jakarta: IngestContext = { ...testContext, currency: 'IDR', defaultCountry: 'ID', timeZone: 'Asia/Jakarta' };

async function parseShopee(lines: string[], name: string) {
  const rows: CanonicalOrder[] = [];
  const rejects: Reject[] = [];
  for await (const batch of parseFile('orders', files.file(name, lines.join('\n')), { preset: 'shopee-orders', context: jakarta })) {
    rows.push(...batch.rows);
    rejects.push(...batch.rejects);
  }
  return { rows, rejects };
}

describe('a Shopee order\'s status', () => {
  const header = 'No. Pesanan,Status Pesanan,Status Pembatalan/ Pengembalian,Waktu Pesanan Dibuat,Username (Pembeli),Total Pembayaran';

  it('is refused as Status Pesanan when unpaid, the column the seller can look up, in the CLI and the web import alike', async () => {
    const lines = [header, 'S1,Belum Bayar,,2025-11-05 10:15,budi_s88,Rp 65.000', 'S2,Selesai,Permintaan Disetujui,2025-11-05 10:15,sari.dewi,Rp 65.000'];
    const { rows, rejects } = await parseShopee(lines, 'unpaid.csv');
    expect(rejects).toEqual([expect.objectContaining({ line: 2, field: 'status', column: 'Status Pesanan', code: 'STATUS_NOT_PURCHASE', params: { value: 'Belum Bayar' } })]);
    expect(rejects[0].reason).toMatch(/^Status Pesanan \(status\) "Belum Bayar" /);
    // the return column still decides
    expect(rows.map((row) => [row.externalId, row.status])).toEqual([['S2', 'refunded']]);
    // the web import names the server's rejects by the columns it mapped (reject-columns.ts)
    const preset = findPreset('shopee-orders');
    const csv = readCsvText(`${lines.join('\n')}\n`, 'unpaid.csv');
    const web = toLineRecords(csv, presetMapping(preset, csv.headers), { entity: 'orders', preset });
    expect(web.columns.get('status')).toBe('Status Pesanan');
    expect(web.records.map(({ record }) => record.status)).toEqual(['Belum Bayar', 'refunded']);
  });

  it('is read from the return column alone in an export without Status Pesanan', async () => {
    const { rows, rejects } = await parseShopee([
      'No. Pesanan,Status Pembatalan/ Pengembalian,Waktu Pesanan Dibuat,Username (Pembeli),Total Pembayaran',
      'S3,Permintaan Disetujui,2025-11-05 10:15,budi_s88,Rp 65.000',
      'S4,,2025-11-05 10:15,budi_s88,Rp 65.000',
    ], 'no-order-status.csv');
    expect(rejects).toEqual([]);
    expect(rows.map((row) => [row.externalId, row.status])).toEqual([['S3', 'refunded'], ['S4', 'paid']]);
  });
});
