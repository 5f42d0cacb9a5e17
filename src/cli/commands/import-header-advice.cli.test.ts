// A shop export imported without its preset (or with another's), and a sales report whose header
// is below its title: refused naming the preset or the --header-line to import it with, and
// imported with --header-line, its rejects at their lines in the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

const fixtures = new URL('../../../test/fixtures/ingest/', import.meta.url).pathname;
const tokopedia = `${fixtures}tokopedia-orders.csv`;
const shopee = `${fixtures}shopee-orders.csv`;
const directory = mkdtempSync(join(tmpdir(), 'clientele-import-header-advice-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// Tokopedia's sales report as downloaded: its title, its period and a blank line above the header
const report = join(directory, 'laporan-penjualan.csv');
writeFileSync(report, `Laporan Penjualan\nPeriode: 01-11-2025 - 30-11-2025\n\n${readFileSync(tokopedia, 'utf8')}`);
// a Shopee export below a title of the seller's own
const shopeeReport = join(directory, 'pesanan-saya.csv');
writeFileSync(shopeeReport, `Pesanan Saya\nToko Kopi Senja\n\n${readFileSync(shopee, 'utf8')}`);

const indonesianStore = { CLIENTELE_CURRENCY: 'IDR', CLIENTELE_TIMEZONE: 'Asia/Jakarta', CLIENTELE_DEFAULT_COUNTRY: 'ID' };

type Refusal = { code: string; message: string; details: Record<string, unknown> };

describeEachCliStore('import advice on a refused header', (context) => {
  const cli = (args: string[]) => runCliInProcess(context.db, args, indonesianStore);
  const rejectsOf = (name: string) => ['--rejects', join(directory, `${context.kind}-${name}.rejects.csv`)];
  const refusal = async (args: string[]): Promise<Refusal> => {
    const result = await cli(['--json', 'import', ...args]);
    expect(result.exitCode).toBe(1);
    return JSON.parse(result.stdout).error as Refusal;
  };

  it('names the preset of an export imported without it, in the message, the hint and the details', async () => {
    const plain = await cli(['import', 'orders', tokopedia, ...rejectsOf('plain')]);
    expect(plain.exitCode).toBe(1);
    expect(plain.stderr).toContain('error IMPORT_COLUMN_MISSING');
    expect(plain.stderr).toContain('The orders file lacks ordered_at, one of customer_id/customer_email/customer_phone. Columns found: Nomor, Nomor Invoice,');
    expect(plain.stderr).toContain('Nama Kurir. It looks like a Tokopedia seller sales report: import it with --preset tokopedia-orders.');
    expect(plain.stderr).not.toContain('Map a column');
    expect(await refusal(['orders', tokopedia])).toMatchObject({ code: 'IMPORT_COLUMN_MISSING', details: { preset: 'tokopedia-orders', hint: 'Add --preset tokopedia-orders.' } });
  }, 240_000);

  it('names the right preset of an export imported with another\'s', async () => {
    const error = await refusal(['orders', tokopedia, '--preset', 'shopee-orders']);
    expect(error.message).toMatch(/ The shopee-orders preset reads Shopee's export, but this file looks like a Tokopedia seller sales report: use --preset tokopedia-orders\.$/);
    expect(error.details).toMatchObject({ preset: 'tokopedia-orders', hint: 'Use --preset tokopedia-orders.' });
  }, 240_000);

  it('names the entity and the preset of an orders export given to import customers', async () => {
    const error = await refusal(['customers', tokopedia]);
    expect(error.message).toMatch(/It looks like a Tokopedia seller sales report, a file of orders: import it with import orders --preset tokopedia-orders\.$/);
    expect(error.details).toMatchObject({ preset: 'tokopedia-orders', entity: 'orders', hint: 'Run import orders --preset tokopedia-orders.' });
  }, 240_000);

  it('says the header is below a title, with the preset or without it', async () => {
    const withPreset = await refusal(['orders', report, '--preset', 'tokopedia-orders']);
    expect(withPreset.message).toMatch(/Columns found: Laporan Penjualan\. The header seems to be on line 4 \(lines 1–3 look like a title\): import again with --header-line 4\.$/);
    expect(withPreset.details).toMatchObject({ headerLine: 4, hint: 'Add --header-line 4.' });
    expect(withPreset.details).not.toHaveProperty('preset');
    const withoutPreset = await refusal(['orders', report]);
    // its title read whole, as with the preset, not split at its space ("Columns found: Laporan, Penjualan")
    expect(withoutPreset.message).toContain('Columns found: Laporan Penjualan. The header seems to be on line 4 (lines 1–3 look like a title)');
    expect(withoutPreset.message).toMatch(/ and the file looks like a Tokopedia seller sales report: import again with --header-line 4 --preset tokopedia-orders\.$/);
    expect(withoutPreset.details).toMatchObject({ headerLine: 4, preset: 'tokopedia-orders' });
  }, 240_000);

  it('imports a report with --header-line: its rows land, a rejected row at its line in the file', async () => {
    const rejects = join(directory, `${context.kind}-report.rejects.csv`);
    const result = await cli(['--json', 'import', 'orders', report, '--preset', 'tokopedia-orders', '--header-line', '4', '--rejects', rejects]);
    expect(result.exitCode).toBe(2);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ read: 7, rejected: 1, orders: { inserted: 5, rejected: 1 } });
    // line 7 of the fixture, below the report's three lines
    expect(summary.rejectCounts).toEqual([{ code: 'PHONE_MASKED', rows: 1, first: expect.objectContaining({ line: 10, field: 'customer_phone' }) }]);
    const rejected = readFileSync(rejects, 'utf8').trim().split('\n')[1];
    expect(rejected).toMatch(/^[^,]*laporan-penjualan\.csv,10,customer_phone,.*,"6,INV\/20251112\/MPL\/3782914444,/);
    const stored = await context.withStore(async (store) => (await sql<{ orders: number }>`select count(*)::int as orders from customer_order where source = 'tokopedia'`.execute(store.db)).rows[0].orders);
    expect(stored).toBe(5);
  }, 240_000);

  // Shopee's columns pass the orders header check by their names alone (No. Pesanan, Total Pembayaran…): read so, a
  // returned order was stored paid, no lines, its buyers under the source "import", with nothing to say so
  it('refuses a known export given no preset, --map or not, though its columns would be read, and stores nothing; --no-preset imports it', async () => {
    const plain = await cli(['import', 'orders', shopee, ...rejectsOf('shopee-plain')]);
    expect(plain.exitCode).toBe(1);
    expect(plain.stderr).toContain('error IMPORT_PRESET_NEEDED');
    expect(plain.stderr).toContain('The file looks like a Shopee order export: import it with --preset shopee-orders, which reads its columns as that export means them');
    expect(await refusal(['orders', shopee])).toMatchObject({ code: 'IMPORT_PRESET_NEEDED', details: { preset: 'shopee-orders', hint: 'Add --preset shopee-orders.' } });
    expect(await refusal(['orders', shopeeReport, '--header-line', '4'])).toMatchObject({ code: 'IMPORT_PRESET_NEEDED', details: { preset: 'shopee-orders' } });
    const stored = await context.withStore(async (store) => (await sql<{ orders: number }>`select count(*)::int as orders from customer_order where source = 'import'`.execute(store.db)).rows[0].orders);
    expect(stored).toBe(0);
    // a --map of a column or two changes none of what the preset reads right: refused all the same (a review's finding)
    expect(await refusal(['orders', shopee, '--map', 'order_id=No. Pesanan'])).toMatchObject({ code: 'IMPORT_PRESET_NEEDED', message: expect.stringContaining('add --no-preset') });
    // --no-preset: read by the column names, as asked
    const asNamed = await cli(['import', 'orders', shopee, '--no-preset', '--source', 'shopee-as-named', ...rejectsOf('shopee-as-named')]);
    expect(asNamed.stderr).not.toContain('IMPORT_PRESET_NEEDED');
    expect([0, 2]).toContain(asNamed.exitCode);
    const asNamedOrders = await context.withStore(async (store) => (await sql<{ orders: number }>`select count(*)::int as orders from customer_order where source = 'shopee-as-named'`.execute(store.db)).rows[0].orders);
    expect(asNamedOrders).toBeGreaterThan(0);
  }, 240_000);

  it('names the preset with the header line of a known export below a title, imported without the preset', async () => {
    const error = await refusal(['orders', shopeeReport]);
    expect(error.message).toMatch(/The header seems to be on line 4 \(lines 1–3 look like a title\), and the file looks like a Shopee order export: import again with --header-line 4 --preset shopee-orders\.$/);
    expect(error.details).toMatchObject({ headerLine: 4, preset: 'shopee-orders' });
  }, 240_000);

  it('refuses a --header-line that is no line as a usage error naming the option', async () => {
    const zero = await cli(['import', 'orders', report, '--header-line', '0']);
    expect(zero.exitCode).toBe(1);
    expect(zero.stderr).toContain('--header-line takes a whole number from 1 to 10,000, e.g. --header-line 4, not 0.');
    const asJson = await cli(['--json', 'import', 'orders', report, '--header-line', 'four']);
    expect(asJson.exitCode).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--header-line' } });
  }, 240_000);
});
