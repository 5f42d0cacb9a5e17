import { readFileSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { CanonicalOrder, Reject } from '../canonical.js';
import { parseFile } from '../rows/parse-file.js';
import { testContext } from '../rows/test-context.js';
import { scratchFiles } from '../../../test/helpers/import-files.js';

// Where each export says its buyer lives: Shopee's and Tokopedia's delivery address, Shopify's billing address.
const fixtures = new URL('../../../test/fixtures/ingest/', import.meta.url);
const files = scratchFiles('buyer-place-presets');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

async function parseOrders(path: string, preset: string) {
  const rows: CanonicalOrder[] = [];
  const rejects: Reject[] = [];
  for await (const batch of parseFile('orders', path, { preset, context: { ...testContext, currency: 'IDR', defaultCountry: 'ID', timeZone: 'Asia/Jakarta' } })) {
    rows.push(...batch.rows);
    rejects.push(...batch.rejects);
  }
  return { rows, rejects };
}
const placesOf = (rows: CanonicalOrder[]) => rows.map((row) => [row.externalId, row.customerCity, row.customerRegion, row.customerCountry]);

describe('the buyer\'s place in a marketplace export', () => {
  it('reads Shopee\'s Kota/Kabupaten and Provinsi as written', async () => {
    const { rows } = await parseOrders(new URL('shopee-orders.csv', fixtures).pathname, 'shopee-orders');
    expect(placesOf(rows).slice(0, 3)).toEqual([
      ['2511015ABCD123', 'KOTA JAKARTA SELATAN', 'DKI JAKARTA', null], ['2511015ABCD123', 'KOTA JAKARTA SELATAN', 'DKI JAKARTA', null],
      ['2511032EFGH456', 'KOTA BANDUNG', 'JAWA BARAT', null],
    ]);
  });

  it('reads Tokopedia\'s Kota and Provinsi only when the recipient is the buyer, not a gift\'s address', async () => {
    const [header, first, second] = readFileSync(new URL('tokopedia-orders.csv', fixtures), 'utf8').split('\n');
    const gift = second.replace('INV/20251105/MPL/3782910374', 'INV/20251106/MPL/1').replace('Budi Santoso,0812****7890', 'Sri Wahyuni,0811****2222');
    const { rows, rejects } = await parseOrders(files.file('tokopedia.csv', [header, first, gift].join('\n')), 'tokopedia-orders');
    expect(rejects).toEqual([]);
    expect(placesOf(rows)).toEqual([['INV/20251105/MPL/3782910374', 'Jakarta Selatan', 'DKI Jakarta', null], ['INV/20251106/MPL/1', null, null, null]]);
  });
});

describe('the buyer\'s place in a Shopify export', () => {
  const header = 'Name,Email,Financial Status,Created at,Total,Lineitem quantity,Lineitem name,Lineitem price,Billing City,Billing Province,Billing Country';

  it('reads the billing address, the province\'s name when the export has it, onto every line row of the order', async () => {
    const withName = files.file('shopify-names.csv', [
      `${header},Billing Province Name`,
      '#1,ana@example.com,paid,2024-03-01 10:15:22 +0700,50000,1,Kopi,30000,Jakarta Selatan,JK,ID,DKI Jakarta',
      '#1,,,,,1,Teh,20000,,,,',
    ].join('\n'));
    expect(placesOf((await parseOrders(withName, 'shopify-orders')).rows)).toEqual([['#1', 'Jakarta Selatan', 'DKI Jakarta', 'ID'], ['#1', 'Jakarta Selatan', 'DKI Jakarta', 'ID']]);

    const withCode = files.file('shopify-codes.csv', [header, '#2,jo@example.com,paid,2024-03-01 10:15:22 +0100,50,1,Shirt,50,Rīga,,LV'].join('\n'));
    expect(placesOf((await parseOrders(withCode, 'shopify-orders')).rows)).toEqual([['#2', 'Rīga', null, 'LV']]);
  });
});
