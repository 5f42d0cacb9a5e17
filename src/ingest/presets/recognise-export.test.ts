import { describe, expect, it } from 'vitest';
import { readHeaderCandidates, type HeaderCandidate } from '../readers/read-records.js';
import { canonicalFields } from '../rows/fields.js';
import { presetReaderOptions } from '../rows/parse-file.js';
import { findPreset, listPresets } from './index.js';
import { adviseOnHeader, explainHeaderAdvice, exportNames, recogniseExport } from './recognise-export.js';

const fixtures = new URL('../../../test/fixtures/ingest/', import.meta.url).pathname;

/** A fixture's header as the preset's reader splits it. */
async function headerOf(file: string, preset: string): Promise<string[]> {
  const [first] = await readHeaderCandidates(`${fixtures}${file}`, presetReaderOptions(findPreset(preset).reader), 1);
  return first.headers;
}

const tokopediaHeader = () => headerOf('tokopedia-orders.csv', 'tokopedia-orders');

describe('recogniseExport', () => {
  it.each([
    ['shopee-orders.csv', 'shopee-orders', 'orders'],
    ['tokopedia-orders.csv', 'tokopedia-orders', 'orders'],
    ['shopify-orders.csv', 'shopify-orders', 'orders'],
    ['uci-online-retail.csv', 'uci-online-retail', 'orders'],
    ['cdnow-master.txt', 'cdnow', 'orders'],
    ['groceries.csv', 'groceries', 'orders'],
    ['customer-personality.csv', 'customer-personality', 'customers'],
  ])('recognises %s as the export %s reads', async (file, preset, entity) => {
    expect(recogniseExport(await headerOf(file, preset))).toEqual({ preset, entity });
  });

  it('names every preset\'s export, for the advice to say what the file looks like', () => {
    expect(listPresets().map(({ name }) => name).filter((name) => exportNames[name] === undefined)).toEqual([]);
  });

  it.each([
    ['a canonical orders file', ['order_id', 'customer_id', 'customer_email', 'ordered_at', 'amount', 'currency', 'channel', 'status']],
    ['a canonical orders file lacking its amount', ['order_id', 'customer_id', 'ordered_at', 'currency']],
    ['every canonical orders column', canonicalFields.orders],
    ['every canonical customers column', canonicalFields.customers],
    // the columns Shopify's preset needs, under names any shop's file may have: no export's own
    ['common names that Shopify also uses', ['Name', 'Email', 'Created at', 'Total']],
    ['a till\'s own export', ['Invoice', 'Date', 'Customer', 'Total', 'Cashier']],
    ['a header-less file\'s placeholder names', ['column_1', 'column_2', 'column_3', 'column_4', 'column_5']],
  ])('recognises no export in %s', (_name, headers) => {
    expect(recogniseExport(headers)).toBeNull();
  });

  it('recognises no export in a file lacking a column its preset needs, however many of its names it has', async () => {
    const headers = (await tokopediaHeader()).filter((header) => header !== 'Nomor Invoice');
    expect(recogniseExport(headers)).toBeNull();
  });

  it('leaves out the preset the file was imported with', async () => {
    expect(recogniseExport(await tokopediaHeader(), 'tokopedia-orders')).toBeNull();
    expect(recogniseExport(await tokopediaHeader(), 'shopee-orders')).toEqual({ preset: 'tokopedia-orders', entity: 'orders' });
  });
});

describe('adviseOnHeader', () => {
  const title: HeaderCandidate[] = [{ line: 1, headers: ['Laporan Penjualan'] }, { line: 2, headers: ['Periode: 01-11-2025 - 30-11-2025'] }];
  const orders = { entity: 'orders' as const, headerLine: 1, mapping: {} };

  it('names the preset of a header that is its export', async () => {
    expect(adviseOnHeader({ ...orders, preset: null }, [{ line: 1, headers: await tokopediaHeader() }]))
      .toEqual({ preset: { preset: 'tokopedia-orders', entity: 'orders' }, headerLine: null });
  });

  it('finds the header below a title that passes the check with the preset given', async () => {
    const candidates = [...title, { line: 4, headers: await tokopediaHeader() }];
    expect(adviseOnHeader({ ...orders, preset: findPreset('tokopedia-orders') }, candidates)).toEqual({ preset: null, headerLine: 4 });
  });

  it('finds the header below a title that is a preset\'s export when none is given', async () => {
    const candidates = [...title, { line: 4, headers: await tokopediaHeader() }];
    expect(adviseOnHeader({ ...orders, preset: null }, candidates)).toEqual({ preset: { preset: 'tokopedia-orders', entity: 'orders' }, headerLine: 4 });
  });

  it('finds a canonical header below a title, read with the --map given', () => {
    const candidates = [...title, { line: 3, headers: ['Sale Key', 'customer_id', 'ordered_at', 'amount'] }];
    expect(adviseOnHeader({ ...orders, preset: null }, candidates)).toBeNull();
    expect(adviseOnHeader({ ...orders, preset: null, mapping: { order_id: 'Sale Key' } }, candidates)).toEqual({ preset: null, headerLine: 3 });
  });

  it('gives no advice when no line of the file passes, nor for the header that was read', () => {
    expect(adviseOnHeader({ ...orders, preset: null }, [...title, { line: 3, headers: ['order_id', 'customer_id', 'ordered_at'] }])).toBeNull();
    // read from line 3 already: that it would pass is no advice
    expect(adviseOnHeader({ ...orders, headerLine: 3, preset: null }, [...title, { line: 3, headers: ['order_id', 'customer_id', 'ordered_at', 'amount'] }])).toBeNull();
  });
});

describe('explainHeaderAdvice', () => {
  const tokopedia = { preset: 'tokopedia-orders', entity: 'orders' as const };

  it.each([
    ['no preset given', 'orders', { preset: tokopedia, headerLine: null }, null, {
      sentence: 'It looks like a Tokopedia seller sales report: import it with --preset tokopedia-orders.',
      hint: 'Add --preset tokopedia-orders.', details: { preset: 'tokopedia-orders' },
    }],
    ['another preset given', 'orders', { preset: tokopedia, headerLine: null }, 'shopee-orders', {
      sentence: 'The shopee-orders preset reads Shopee\'s export, but this file looks like a Tokopedia seller sales report: use --preset tokopedia-orders.',
      hint: 'Use --preset tokopedia-orders.', details: { preset: 'tokopedia-orders' },
    }],
    ['an export of another entity', 'customers', { preset: { preset: 'shopify-orders', entity: 'orders' as const }, headerLine: null }, null, {
      sentence: 'It looks like a Shopify orders export, a file of orders: import it with import orders --preset shopify-orders.',
      hint: 'Run import orders --preset shopify-orders.', details: { preset: 'shopify-orders', entity: 'orders' },
    }],
    ['a header below a title', 'orders', { preset: null, headerLine: 4 }, 'tokopedia-orders', {
      sentence: 'The header seems to be on line 4 (lines 1–3 look like a title): import again with --header-line 4.',
      hint: 'Add --header-line 4.', details: { headerLine: 4 },
    }],
    ['a header below one title line', 'orders', { preset: null, headerLine: 2 }, null, {
      sentence: 'The header seems to be on line 2 (line 1 looks like a title): import again with --header-line 2.',
      hint: 'Add --header-line 2.', details: { headerLine: 2 },
    }],
    ['an export\'s header below a title', 'orders', { preset: tokopedia, headerLine: 4 }, null, {
      sentence: 'The header seems to be on line 4 (lines 1–3 look like a title), and the file looks like a Tokopedia seller sales report: import again with --header-line 4 --preset tokopedia-orders.',
      hint: 'Add --header-line 4 --preset tokopedia-orders.', details: { preset: 'tokopedia-orders', headerLine: 4 },
    }],
  ] as const)('says what to import with: %s', (_name, entity, advice, given, expected) => {
    expect(explainHeaderAdvice(entity, advice, given)).toEqual(expected);
  });
});
