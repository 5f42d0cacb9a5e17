import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CanonicalRow, ImportEntity, Reject } from '../canonical.js';
import { parseFile } from '../rows/parse-file.js';
import { testContext } from '../rows/test-context.js';
import { incomeBand } from './customer-personality.js';
import { findPreset, listPresets } from './index.js';
import { presetMappingOf } from './preset.js';
import { withPresetChannel } from './preset-channel.js';
import { shopeeOrderStatus } from './shopee-status.js';
import { scratchFiles } from '../../../test/helpers/import-files.js';

const root = new URL('../../../', import.meta.url).pathname;
const datasets = `${root}data/datasets/`;
const fixtures = `${root}test/fixtures/ingest/`;

async function parseAll<E extends ImportEntity>(entity: E, path: string, preset: string, context = testContext) {
  const rows: CanonicalRow[E][] = [];
  const rejects: Reject[] = [];
  let maskedPhones = 0;
  for await (const batch of parseFile(entity, path, { preset, context })) {
    rows.push(...batch.rows);
    rejects.push(...batch.rejects);
    maskedPhones += batch.maskedPhones.rows;
  }
  return { rows, rejects, maskedPhones };
}

describe('listPresets', () => {
  it('describes every preset and finds them by name', () => {
    expect(listPresets().map((preset) => preset.name)).toEqual(['shopify-orders', 'shopee-orders', 'tokopedia-orders', 'uci-online-retail', 'cdnow', 'groceries', 'customer-personality']);
    expect(listPresets().every((preset) => preset.description.length > 20)).toBe(true);
    expect(() => findPreset('woocommerce')).toThrow(expect.objectContaining({ code: 'IMPORT_PRESET_NOT_FOUND' }));
  });

  it('refuses a preset for another entity', async () => {
    await expect(parseFile('customers', `${fixtures}groceries.csv`, { preset: 'groceries', context: testContext }).next()).rejects.toMatchObject({ code: 'IMPORT_OPTION_INVALID' });
  });
});

describe('shopify-orders', () => {
  it('copies order fields from the first row of an order to its other line rows', async () => {
    const { rows, rejects } = await parseAll('orders', `${fixtures}shopify-orders.csv`, 'shopify-orders');
    expect(rows.map((row) => [row.externalId, row.orderLine?.productName, row.totalMinor, row.status, row.channel])).toEqual([
      ['#1001', 'Linen shirt', 5000, 'paid', 'web'],
      ['#1001', 'Wool scarf', 5000, 'paid', 'web'],
      ['#1002', 'Winter coat', 123450, 'partially_refunded', 'store'],
    ]);
    expect(rows[1]).toMatchObject({
      source: 'shopify', currency: 'EUR', discountMinor: 450, promotionCode: 'SPRING10',
      customer: [{ kind: 'email', value: 'ana@example.com' }, { kind: 'phone', value: '+37121234567' }],
      orderLine: { sku: 'WS-02', quantity: 1, unitPriceMinor: 1950 },
    });
    expect(rows[0].orderedAt.toISOString()).toBe('2024-03-01T09:15:22.000Z');
    expect(rows[2].refundedMinor).toBe(20000);
    expect(rejects).toEqual([
      expect.objectContaining({ line: 5, field: 'status', reason: expect.stringContaining('not a completed purchase') }),
      expect.objectContaining({ line: 6, field: 'customer_id', reason: expect.stringContaining('no customer to attribute') }),
    ]);
  });
});

describe('shopify-orders on a file re-saved with semicolons (the review\'s shopify-eu.csv)', () => {
  const files = scratchFiles('shopify-semicolons');
  const header = 'Name;Email;Financial Status;Paid at;Fulfillment Status;Currency;Subtotal;Shipping;Taxes;Total;Discount Code;Discount Amount;Created at;Lineitem quantity;Lineitem name;Lineitem price;Lineitem sku;Billing Name;Billing Phone;Refunded Amount;Source';
  const eu = files.file('shopify-eu.csv', `\ufeff${header}\n`
    + '#1001; Janis.Berzins@Example.LV ;paid;2026-03-01 10:00:00 +0200;fulfilled;EUR;30,00;0,00;6,30;36,30;SPRING;3,00;2026-03-01 10:00:00 +0200;2;Kafija;12,50;K-1;Jānis Bērziņš;+371 2612 3456;0,00;web\n'
    + '#1001;;;;;;;;;;;;;1;Maize;8,00;M-1;;;;\n');
  const first = (path: string, options: { delimiter?: string } = {}) => parseFile('orders', path, { preset: 'shopify-orders', context: testContext, ...options }).next();

  it("reads it with the preset, whose comma the header does not hold", async () => {
    const { rows, rejects } = await parseAll('orders', eu, 'shopify-orders');
    expect(rejects).toEqual([]);
    expect(rows.map((row) => [row.externalId, row.orderLine?.productName, row.orderLine?.unitPriceMinor, row.totalMinor])).toEqual([['#1001', 'Kafija', 1250, 3630], ['#1001', 'Maize', 800, 3630]]);
  });

  it('says to give --delimiter when the header was read as one column holding semicolons, and suggests no preset when one is in use', async () => {
    const error = await first(eu, { delimiter: ',' }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'IMPORT_COLUMN_MISSING' });
    expect((error as Error).message).toContain("the file is separated by \";\", not as it was read. Import again with --delimiter ';'.");
    expect((error as Error).message).not.toContain('preset');
    const other = await first(files.file('other.csv', 'Order Number,Order Date,Order Total\n1,2026-03-01,10\n')).catch((caught: unknown) => caught);
    expect(other).toMatchObject({ code: 'IMPORT_COLUMN_MISSING' });
    expect((other as Error).message).toContain('The shopify-orders preset reads its export\'s own columns: check the file is one, or map a column with --map field=Column');
    expect((other as Error).message).not.toContain('use a --preset');
  });
});

// a shop in Jakarta selling in rupiah, as the marketplaces' sellers are
const jakarta = { ...testContext, currency: 'IDR', defaultCountry: 'ID', timeZone: 'Asia/Jakarta' };

describe('shopee-orders', () => {
  it('reads a Shopee export as marketplace orders of source shopee, buyers by username, their masked phones ignored', async () => {
    const { rows, rejects, maskedPhones } = await parseAll('orders', `${fixtures}shopee-orders.csv`, 'shopee-orders', jakarta);
    expect(rows.map((row) => [row.externalId, row.status, row.channel, row.totalMinor, row.orderLine?.unitPriceMinor, row.orderLine?.quantity])).toEqual([
      ['2511015ABCD123', 'paid', 'marketplace', 165_000, 65_000, 2],
      ['2511015ABCD123', 'paid', 'marketplace', 165_000, 25_000, 1],
      ['2511032EFGH456', 'refunded', 'marketplace', 130_000, 120_000, 1],
      ['2511053IJKL789', 'cancelled', 'marketplace', 75_000, 65_000, 1],
      ['2511074MNOP012', 'paid', 'marketplace', 62_500, 25_000, 2],
      ['2511095QRST345', 'paid', 'marketplace', 110_000, 110_000, 1],
      ['2511106UVWX678', 'paid', 'marketplace', 79_000, 70_000, 1],
      ['2511128CDEF234', 'refunded', 'marketplace', 75_000, 65_000, 1],
    ]);
    expect(rows[0]).toMatchObject({
      source: 'shopee', currency: 'IDR', customerName: 'Budi Santoso', customer: [{ kind: 'external', namespace: 'shopee', value: 'budi_s88' }],
      orderLine: { sku: 'KG-250', productName: 'Kopi Arabika Gayo 250g' },
    });
    expect(rows[0].orderedAt.toISOString()).toBe('2025-11-01T02:15:00.000Z');
    expect(rows.every((row) => row.customer.every((identity) => identity.kind !== 'phone'))).toBe(true);
    expect(maskedPhones).toBe(8);
    expect(rejects).toEqual([expect.objectContaining({ line: 9, field: 'status', code: 'STATUS_NOT_PURCHASE' })]);
  });

  it.each([
    ['Selesai', null, 'Selesai'],
    ['Selesai', 'Permintaan Disetujui', 'refunded'],
    ['Selesai', 'Pengembalian Dana Berhasil', 'refunded'],
    ['Perlu Dikirim', 'Pembatalan Disetujui', 'cancelled'],
    // a cancellation the buyer asked for and Shopee approved: the order's own status says so
    ['Batal', 'Permintaan Disetujui', 'Batal'],
    // open, refused or settled requests leave the order as its status says
    ['Perlu Dikirim', 'Menunggu Persetujuan', 'Perlu Dikirim'],
    ['Selesai', 'Permintaan Ditolak', 'Selesai'],
    ['Selesai', 'Masalah Diselesaikan', 'Selesai'],
    [null, null, null],
  ])('reads Status Pesanan %j with Status Pembatalan/ Pengembalian %j as %j', (orderStatus, returnStatus, status) => {
    expect(shopeeOrderStatus(orderStatus, returnStatus)).toBe(status);
  });

  // an order of two products whose return is approved on one product's row only: that product's line is refunded, the
  // order partially (Kopi 2 × 65,000; Gula 1 × 25,000; the order's 165,000 with shipping); on every row, cancelled whole
  const files = scratchFiles('shopee-one-row-returned');
  const [header, kopi, gula] = readFileSync(`${fixtures}shopee-orders.csv`, 'utf8').split('\n');
  const returned = (row: string) => row.replace('Selesai,,', 'Selesai,Permintaan Disetujui,');
  const cancelled = (row: string) => row.replace('Selesai,,', 'Batal,Permintaan Disetujui,');
  it.each([
    ['on its first row', 'partially_refunded', 130_000, [returned(kopi), gula]],
    ['on its second row', 'partially_refunded', 25_000, [kopi, returned(gula)]],
    ['on both its rows', 'refunded', 165_000, [returned(kopi), returned(gula)]],
    ['on its first row and its cancellation on its second', 'cancelled', 0, [returned(kopi), cancelled(gula)]],
  ] as const)('reads a Shopee order of two products whose return is approved %s as %s on every row', async (name, status, refundedMinor, rows) => {
    const path = files.file(`${name.replaceAll(' ', '-')}.csv`, [header, ...rows].join('\n'));
    const parsed = await parseAll('orders', path, 'shopee-orders', jakarta);
    expect(parsed.rejects).toEqual([]);
    expect(parsed.rows.map((row) => [row.externalId, row.status, row.totalMinor, row.refundedMinor])).toEqual([
      ['2511015ABCD123', status, 165_000, refundedMinor],
      ['2511015ABCD123', status, 165_000, refundedMinor],
    ]);
  });
});

describe('tokopedia-orders', () => {
  it('reads a Tokopedia export as marketplace orders of source tokopedia totalled from their products, buyers by phone', async () => {
    const { rows, rejects } = await parseAll('orders', `${fixtures}tokopedia-orders.csv`, 'tokopedia-orders', jakarta);
    expect(rows.map((row) => [row.externalId, row.status, row.channel, row.source, row.currency, row.customer])).toEqual([
      ['INV/20251105/MPL/3782910374', 'paid', 'marketplace', 'tokopedia', 'IDR', [{ kind: 'phone', value: '+6281234567890' }]],
      ['INV/20251105/MPL/3782910374', 'paid', 'marketplace', 'tokopedia', 'IDR', [{ kind: 'phone', value: '+6281234567890' }]],
      ['INV/20251109/MPL/3782911111', 'paid', 'marketplace', 'tokopedia', 'IDR', [{ kind: 'phone', value: '+6281398765432' }]],
      ['INV/20251110/MPL/3782912222', 'paid', 'marketplace', 'tokopedia', 'IDR', [{ kind: 'phone', value: '+6285711223344' }]],
      ['INV/20251111/MPL/3782913333', 'cancelled', 'marketplace', 'tokopedia', 'IDR', [{ kind: 'phone', value: '+6281355667788' }]],
      ['INV/20251114/MPL/3782915555', 'paid', 'marketplace', 'tokopedia', 'IDR', [{ kind: 'phone', value: '+6281234567890' }]],
    ]);
    expect(rows[0]).toMatchObject({ totalMinor: null, customerName: 'Budi Santoso', orderLine: { sku: 'KG-250', quantity: 2, unitPriceMinor: 65_000 } });
    expect(rows[0].orderedAt.toISOString()).toBe('2025-11-05T03:15:00.000Z');
    expect(rejects).toEqual([expect.objectContaining({ line: 7, field: 'customer_phone', code: 'PHONE_MASKED' })]);
  });

  const tokopediaFiles = scratchFiles('tokopedia-statuses');
  const [tokopediaHeader, firstProduct, secondProduct] = readFileSync(`${fixtures}tokopedia-orders.csv`, 'utf8').split('\n');
  const withStatus = (row: string, status: string) => row.replace('Pesanan Selesai', status);

  it.each(['Pesanan Baru', 'Menunggu Konfirmasi'])('reads an invoice %j with its payment date as paid, and one without as no purchase yet', async (status) => {
    const unpaid = withStatus(firstProduct, status).replace('05-11-2025 10:15:00', '').replace('INV/20251105/MPL/3782910374', 'INV/UNPAID');
    const path = tokopediaFiles.file(`${status.replaceAll(' ', '-')}.csv`, [tokopediaHeader, withStatus(firstProduct, status), withStatus(secondProduct, status), unpaid].join('\n'));
    const { rows, rejects } = await parseAll('orders', path, 'tokopedia-orders', jakarta);
    expect(rows.map((row) => [row.externalId, row.status])).toEqual([['INV/20251105/MPL/3782910374', 'paid'], ['INV/20251105/MPL/3782910374', 'paid']]);
    // rejected for what it is, no purchase yet, not for the payment date Tokopedia has not written yet
    expect(rejects).toEqual([expect.objectContaining({ line: 4, field: 'status', column: 'Status Terakhir', code: 'STATUS_NOT_PURCHASE', params: { value: status, unpaid: 'no_payment_date', dateColumn: 'Tanggal Pembayaran' } })]);
    expect(rejects[0].reason).toBe(`Status Terakhir (status) "${status}" with no Tanggal Pembayaran (the payment date): the buyer has not paid yet, so the invoice is not imported; import it again once it is paid`);
    expect(rejects[0]).not.toHaveProperty('also');
  });

  it('refunds the lines of an invoice\'s returned product only, its total being the sum of its products', async () => {
    // Kopi 2 × 65,000 kept, Gula 1 × 25,000 returned: 25,000 of the invoice's 155,000 refunded
    const path = tokopediaFiles.file('one-returned.csv', [tokopediaHeader, firstProduct, withStatus(secondProduct, 'Dikembalikan')].join('\n'));
    const { rows, rejects } = await parseAll('orders', path, 'tokopedia-orders', jakarta);
    expect(rejects).toEqual([]);
    expect(rows.map((row) => [row.status, row.totalMinor, row.refundedMinor])).toEqual([['partially_refunded', null, 25_000], ['partially_refunded', null, 25_000]]);
  });

  it('reads the amount from Total Penjualan (IDR) of an export without the unit price', () => {
    const headers = ['Nomor Invoice', 'Tanggal Pembayaran', 'Status Terakhir', 'Nama Produk', 'Total Penjualan (IDR)', 'Nama Pembeli', 'No Telp Pembeli'];
    expect(presetMappingOf(findPreset('tokopedia-orders'), headers)).toMatchObject({ amount: 'Total Penjualan (IDR)', product_name: 'Nama Produk' });
    expect(presetMappingOf(findPreset('tokopedia-orders'), [...headers, 'Harga Jual (IDR)'])).not.toHaveProperty('amount');
  });
});

describe('a preset\'s channel', () => {
  it('is read from a column of its own, which the web import maps and sends as the CLI reads it; a preset without one is as it was', () => {
    const shopee = findPreset('shopee-orders');
    expect(shopee.channel).toBe('marketplace');
    expect(presetMappingOf(shopee, ['No. Pesanan'])).toMatchObject({ channel: '=channel' });
    expect(shopee.createTransform!()({ 'No. Pesanan': '1', 'Status Pesanan': 'Selesai' }, 2)).toEqual({ values: expect.objectContaining({ '=channel': 'marketplace' }) });
    expect(withPresetChannel(shopee).createTransform!()({ 'No. Pesanan': '1' }, 2)).toEqual({ values: expect.objectContaining({ '=channel': 'marketplace' }) });
    const groceries = findPreset('groceries');
    expect(withPresetChannel(groceries)).toBe(groceries);
  });
});

describe('uci-online-retail', () => {
  it('reads the bundled 8,000-row sample: 2,290 rows without a customer are rejected', async () => {
    const { rows, rejects } = await parseAll('orders', `${datasets}online-retail/online_retail_sample.csv`, 'uci-online-retail');
    expect(rows.length + rejects.length).toBe(8000);
    expect(rejects).toHaveLength(2290);
    expect(rejects.every((reject) => reject.field === 'customer_id' && reject.reason.includes('no one to attribute'))).toBe(true);
    expect(new Set(rows.map((row) => row.customer[0].value)).size).toBe(277);
    expect(rows[0]).toMatchObject({
      line: 2, externalId: '536365', currency: 'GBP', totalMinor: null, status: 'paid', location: 'United Kingdom',
      customer: [{ kind: 'external', namespace: 'online-retail', value: '17850' }],
      orderLine: { sku: '85123A', productName: 'WHITE HANGING HEART T-LIGHT HOLDER', quantity: 6, unitPriceMinor: 255 },
    });
  });

  it('turns C invoices into credit notes with positive quantities', async () => {
    const { rows, rejects } = await parseAll('orders', `${fixtures}uci-online-retail.csv`, 'uci-online-retail');
    const creditNote = rows.find((row) => row.externalId === 'C536379');
    expect(creditNote).toMatchObject({ status: 'credit_note', refundedMinor: 0, orderLine: { quantity: 1, unitPriceMinor: 2750 }, customer: [{ value: '14527' }] });
    expect(rejects.map((reject) => reject.line)).toEqual([6]);
  });

  it('keeps an ordinary invoice of negative quantities a refund of itself, not a credit note', async () => {
    const file = scratchFiles('uci-negative').file('retail.csv', [
      'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
      '536999,22139,RETROSPOT TEA SET,-2,2010-12-01 12:00:00,4.95,14527.0,United Kingdom',
    ].join('\n'));
    const { rows } = await parseAll('orders', file, 'uci-online-retail');
    expect(rows).toEqual([expect.objectContaining({ externalId: '536999', status: 'refunded', orderLine: expect.objectContaining({ quantity: 2, unitPriceMinor: 495 }) })]);
  });
});

describe('cdnow', () => {
  it('reads CDNOW_master.txt: 69,659 orders of 23,570 customers in USD', async () => {
    const { rows, rejects } = await parseAll('orders', `${datasets}cdnow/CDNOW_master.txt`, 'cdnow');
    expect(rejects).toEqual([]);
    expect(rows).toHaveLength(69659);
    expect(new Set(rows.map((row) => row.customer[0].value)).size).toBe(23570);
    expect(new Set(rows.map((row) => row.externalId)).size).toBe(69659);
    expect(rows.filter((row) => row.totalMinor === 0)).toHaveLength(80);
    expect(rows[2]).toMatchObject({ externalId: '00002-19970112-2', totalMinor: 7700, currency: 'USD', channel: 'other' });
  });

  it('reads CDNOW_sample.txt, detecting its extra column, with the same order ids as the master', async () => {
    const { rows, rejects } = await parseAll('orders', `${datasets}cdnow/CDNOW_sample.txt`, 'cdnow');
    expect(rejects).toEqual([]);
    expect(rows).toHaveLength(6919);
    expect(new Set(rows.map((row) => row.customer[0].value)).size).toBe(2357);
    expect(rows[0]).toMatchObject({ line: 1, externalId: '00004-19970101-1', totalMinor: 2933 });
    const master = await parseAll('orders', `${fixtures}cdnow-master.txt`, 'cdnow');
    expect(master.rows.map((row) => row.orderedAt.toISOString())).toEqual(['1996-12-31T22:00:00.000Z', '1997-01-11T22:00:00.000Z', '1997-01-11T22:00:00.000Z']);
  });
});

describe('groceries', () => {
  it('reads 38,765 item rows into baskets per member and day', async () => {
    const { rows, rejects } = await parseAll('orders', `${datasets}groceries/Groceries_dataset.csv`, 'groceries');
    expect(rejects).toEqual([]);
    expect(rows).toHaveLength(38765);
    expect(new Set(rows.map((row) => row.externalId)).size).toBe(14963);
    expect(new Set(rows.map((row) => row.customer[0].value)).size).toBe(3898);
    expect(new Set(rows.map((row) => row.orderLine?.category)).size).toBe(167);
    expect(rows.some((row) => row.orderLine?.category?.endsWith(' '))).toBe(false);
    expect(rows[0]).toMatchObject({ externalId: '1808-21-07-2015', currency: 'EUR', totalMinor: null, orderLine: { productName: 'tropical fruit', quantity: 1, unitPriceMinor: 0 } });
  });

  it('rejects an impossible date, naming the part that does not exist', async () => {
    const { rejects } = await parseAll('orders', `${fixtures}groceries.csv`, 'groceries');
    expect(rejects).toEqual([expect.objectContaining({ line: 5, field: 'ordered_at', code: 'DATE_NOT_ON_CALENDAR', reason: expect.stringContaining('is not a real date or time') })]);
  });
});

describe('customer-personality', () => {
  it('reads 2,240 customers; the 3 implausible birth years are rejected', async () => {
    const { rows, rejects } = await parseAll('customers', `${datasets}customer-personality/marketing_campaign.csv`, 'customer-personality');
    expect(rows.length + rejects.length).toBe(2240);
    expect(rejects.map((reject) => reject.field)).toEqual(['birth_year', 'birth_year', 'birth_year']);
    expect(rows.filter((row) => row.incomeBand === null)).toHaveLength(24);
    expect(rows[0]).toMatchObject({
      refs: [{ kind: 'external', namespace: 'customer-personality', value: '5524' }],
      birthYear: 1957, incomeBand: '50k-75k',
      attributes: { education: 'Graduation', marital_status: 'Single', kids_at_home: 0, teens_at_home: 0 },
    });
    expect(rows[0].createdAt?.toISOString()).toBe('2012-09-03T21:00:00.000Z');
  });

  it.each([[null, null], ['', null], ['1730', '<25k'], ['58138', '50k-75k'], ['666666', '100k+']])('bands income %j as %j', (raw, band) => {
    expect(incomeBand(raw)).toBe(band);
  });
});
