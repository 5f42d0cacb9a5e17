// Shopee and Tokopedia seller exports through `clientele import orders --preset …`, and --channel for a
// file without a channel column: what a review of real marketplace exports found stored as channel
// "other", their buyers apart only by the --source typed, and a returned Shopee order still paid.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';

const fixtures = new URL('../../../test/fixtures/ingest/', import.meta.url).pathname;
const directory = mkdtempSync(join(tmpdir(), 'clientele-import-marketplace-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

// an Indonesian shop's store, as its first command sets it up
const indonesianStore = { CLIENTELE_CURRENCY: 'IDR', CLIENTELE_TIMEZONE: 'Asia/Jakarta', CLIENTELE_DEFAULT_COUNTRY: 'ID' };

describeEachCliStore('importing marketplace exports', (context) => {
  const cli = (args: string[]) => runCliInProcess(context.db, args, indonesianStore);
  // the rejects beside this run's scratch files, not beside the fixtures
  const rejectsOf = (name: string) => ['--rejects', join(directory, `${context.kind}-${name}.rejects.csv`)];
  const ordersOf = (source: string) => context.withStore(async (store) => (await sql<{ external_id: string; channel: string; status: string; total_minor: number; refunded_minor: number; customer_id: number }>`
    select external_id, channel, status, total_minor::int as total_minor, refunded_minor::int as refunded_minor, customer_id
    from customer_order where source = ${source} order by external_id`.execute(store.db)).rows);
  const identitiesOf = (customerIds: number[]) => context.withStore(async (store) => (await sql<{ kind: string; namespace: string; value: string }>`
    select kind, namespace, value from customer_identity where customer_id in (${sql.join(customerIds)}) order by kind, value`.execute(store.db)).rows);

  it('imports a Shopee export with shopee-orders: marketplace orders of source shopee, buyers by username, a returned order refunded, masked phones no identity', async () => {
    const result = await cli(['import', 'orders', `${fixtures}shopee-orders.csv`, '--preset', 'shopee-orders', ...rejectsOf('shopee')]);
    expect(result.stderr).not.toMatch(/error/i);
    // the unpaid order (Belum Bayar) is the one reject
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toMatch(/read 9 rows {2}inserted 8 .*rejected 1/);
    expect(result.stdout).toContain('8 rows had a masked phone (e.g. line 2: ******7890), ignored: a masked number cannot tell buyers apart.');
    const orders = await ordersOf('shopee');
    expect(orders.map(({ external_id, channel, status, total_minor, refunded_minor }) => [external_id, channel, status, total_minor, refunded_minor])).toEqual([
      ['2511015ABCD123', 'marketplace', 'paid', 165_000, 0],
      // Selesai, and its return approved ("Permintaan Disetujui"): the buyer got the money back
      ['2511032EFGH456', 'marketplace', 'refunded', 130_000, 130_000],
      // Batal: the request approved was its cancellation
      ['2511053IJKL789', 'marketplace', 'cancelled', 75_000, 0],
      ['2511074MNOP012', 'marketplace', 'paid', 62_500, 0],
      // a cancellation asked for but not yet approved, and a complaint settled without a refund
      ['2511095QRST345', 'marketplace', 'paid', 110_000, 0],
      ['2511106UVWX678', 'marketplace', 'paid', 79_000, 0],
      ['2511128CDEF234', 'marketplace', 'refunded', 75_000, 75_000],
    ]);
    const customerOf = new Map(orders.map((order) => [order.external_id, order.customer_id]));
    // budi_s88's two orders are one customer's; sari.dewi's and andi_w's each their own, although all phones end alike
    expect(customerOf.get('2511128CDEF234')).toBe(customerOf.get('2511015ABCD123'));
    expect(new Set(customerOf.values()).size).toBe(4);
    expect(await identitiesOf([...new Set(customerOf.values())])).toEqual([
      { kind: 'external', namespace: 'shopee', value: 'andi_w' }, { kind: 'external', namespace: 'shopee', value: 'budi_s88' },
      { kind: 'external', namespace: 'shopee', value: 'rina_k' }, { kind: 'external', namespace: 'shopee', value: 'sari.dewi' },
    ]);
  }, 240_000);

  it('imports a Tokopedia export with tokopedia-orders: marketplace orders of source tokopedia, buyers by phone, two of one name apart, a masked phone rejected', async () => {
    const result = await cli(['--json', 'import', 'orders', `${fixtures}tokopedia-orders.csv`, '--preset', 'tokopedia-orders', ...rejectsOf('tokopedia')]);
    expect(result.exitCode).toBe(2);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ read: 7, rejected: 1, orders: { inserted: 5, rejected: 1 } });
    expect(summary.rejectCounts).toEqual([{ code: 'PHONE_MASKED', rows: 1, first: expect.objectContaining({ line: 7, field: 'customer_phone' }) }]);
    const orders = await ordersOf('tokopedia');
    expect(orders.map(({ external_id, channel, status, total_minor }) => [external_id, channel, status, total_minor])).toEqual([
      // each invoice totalled from its products
      ['INV/20251105/MPL/3782910374', 'marketplace', 'paid', 155_000],
      ['INV/20251109/MPL/3782911111', 'marketplace', 'paid', 110_000],
      ['INV/20251110/MPL/3782912222', 'marketplace', 'paid', 70_000],
      ['INV/20251111/MPL/3782913333', 'marketplace', 'cancelled', 75_000],
      ['INV/20251114/MPL/3782915555', 'marketplace', 'paid', 65_000],
    ]);
    const customerOf = new Map(orders.map((order) => [order.external_id, order.customer_id]));
    // the same phone is one buyer; another Budi Santoso, by another phone, is another
    expect(customerOf.get('INV/20251114/MPL/3782915555')).toBe(customerOf.get('INV/20251105/MPL/3782910374'));
    expect(customerOf.get('INV/20251109/MPL/3782911111')).not.toBe(customerOf.get('INV/20251105/MPL/3782910374'));
    const phones = (await identitiesOf([...new Set(customerOf.values())])).filter((identity) => identity.kind === 'phone').map((identity) => identity.value);
    expect(phones).toEqual(['+6281234567890', '+6281355667788', '+6281398765432', '+6285711223344']);
  }, 240_000);

  it('imports a Tokopedia export without Harga Jual (IDR) as whole invoices: one of two products once, its amount Total Penjualan, its rows\' Nomor and products no difference', async () => {
    const withoutUnitPrice = join(directory, `${context.kind}-tokopedia-no-unit-price.csv`);
    const table = readFileSync(`${fixtures}tokopedia-orders.csv`, 'utf8').trim().split('\n').map((line) => line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    const unitPrice = table[0].indexOf('Harga Jual (IDR)');
    // invoices of their own (INV-X/…): the store keeps the fixture's from the test above
    writeFileSync(withoutUnitPrice, table.map((cells) => cells.filter((_, index) => index !== unitPrice).join(',').replace(',INV/', ',INV-X/')).join('\n'));
    const result = await cli(['--json', 'import', 'orders', withoutUnitPrice, '--preset', 'tokopedia-orders', ...rejectsOf('tokopedia-no-unit-price')]);
    const summary = JSON.parse(result.stdout);
    // the masked phone is the one reject; the invoice's second row repeats its first
    expect(summary.rejectCounts).toEqual([{ code: 'PHONE_MASKED', rows: 1, first: expect.objectContaining({ line: 7 }) }]);
    expect(summary).toMatchObject({ read: 7, rejected: 1, orders: { inserted: 5, rejected: 1 } });
    expect((await ordersOf('tokopedia')).filter((order) => order.external_id.startsWith('INV-X/')).map(({ external_id, status, total_minor }) => [external_id, status, total_minor])).toEqual([
      // Total Penjualan: the invoice's total, its shipping included, written alike on both its rows
      ['INV-X/20251105/MPL/3782910374', 'paid', 165_000],
      ['INV-X/20251109/MPL/3782911111', 'paid', 122_000],
      ['INV-X/20251110/MPL/3782912222', 'paid', 79_000],
      ['INV-X/20251111/MPL/3782913333', 'cancelled', 85_000],
      ['INV-X/20251114/MPL/3782915555', 'paid', 75_000],
    ]);
  }, 240_000);

  // Kopi 2 × 65,000 on the first row, Gula 1 × 25,000 on the second: the returned product's line is refunded, the order partially
  it.each([['first', 0, 130_000], ['second', 1, 25_000]] as const)('stores a Shopee order of two products partially refunded, by its returned product, when its return is approved on its %s row only', async (which, returnedRow, refundedMinor) => {
    const file = join(directory, `${context.kind}-shopee-returned-${which}.csv`);
    const [header, ...rows] = readFileSync(`${fixtures}shopee-orders.csv`, 'utf8').split('\n').slice(0, 3);
    // an order of its own: the store keeps the fixture's from the test above
    const order = `2511015RET${returnedRow}`;
    const returned = rows.map((row, index) => (index === returnedRow ? row.replace('Selesai,,', 'Selesai,Permintaan Disetujui,') : row).replace('2511015ABCD123', order));
    writeFileSync(file, [header, ...returned].join('\n'));
    const result = await cli(['import', 'orders', file, '--preset', 'shopee-orders', ...rejectsOf(`shopee-returned-${which}`)]);
    expect(result.exitCode).toBe(0);
    expect((await ordersOf('shopee')).filter((stored) => stored.external_id === order).map(({ status, total_minor, refunded_minor }) => [status, total_minor, refunded_minor]))
      .toEqual([['partially_refunded', 165_000, refundedMinor]]);
  }, 240_000);

  it('gives --channel to every order whose row gives none, and keeps a row\'s own', async () => {
    const noChannelColumn = join(directory, `${context.kind}-bukalapak.csv`);
    writeFileSync(noChannelColumn, ['order_id,customer_email,ordered_at,amount', 'BL-1,ani@example.co.id,2025-11-01 10:00,50000', 'BL-2,eko@example.co.id,2025-11-02 10:00,75000'].join('\n'));
    const plain = await cli(['import', 'orders', noChannelColumn, '--source', 'bukalapak', '--channel', 'marketplace', ...rejectsOf('bukalapak')]);
    expect(plain.stderr).not.toMatch(/error/i);
    expect(plain.exitCode).toBe(0);
    expect((await ordersOf('bukalapak')).map((order) => [order.external_id, order.channel])).toEqual([['BL-1', 'marketplace'], ['BL-2', 'marketplace']]);

    const someChannels = join(directory, `${context.kind}-mixed.csv`);
    writeFileSync(someChannels, ['order_id,customer_email,ordered_at,amount,channel', 'MX-1,ani@example.co.id,2025-11-03 10:00,50000,web', 'MX-2,eko@example.co.id,2025-11-04 10:00,75000,', 'MX-3,eko@example.co.id,2025-11-05 10:00,25000,Toko'].join('\n'));
    const mixed = await cli(['import', 'orders', someChannels, '--source', 'mixed', '--channel', 'MARKETPLACE', ...rejectsOf('mixed')]);
    expect(mixed.exitCode).toBe(0);
    expect((await ordersOf('mixed')).map((order) => [order.external_id, order.channel])).toEqual([['MX-1', 'web'], ['MX-2', 'marketplace'], ['MX-3', 'store']]);
  }, 240_000);

  it('refuses a --channel it cannot apply as a usage error (exit 1), naming the option and what to do', async () => {
    const file = join(directory, `${context.kind}-refused.csv`);
    writeFileSync(file, 'order_id,customer_email,ordered_at,amount\nRF-1,ani@example.co.id,2025-11-01 10:00,50000\n');
    const unknown = await cli(['import', 'orders', file, '--channel', 'shopee']);
    expect(unknown.exitCode).toBe(1);
    expect(unknown.stderr).toContain('--channel takes one of store, web, mobile, marketplace, phone, other, e.g. --channel marketplace, not shopee.');
    const asJson = await cli(['--json', 'import', 'orders', file, '--channel', 'tiktok']);
    expect(asJson.exitCode).toBe(1);
    expect(JSON.parse(asJson.stdout || asJson.stderr)).toMatchObject({ error: { code: 'CLI_ARGUMENT_INVALID', field: '--channel' } });

    const customers = join(directory, `${context.kind}-customers.csv`);
    writeFileSync(customers, 'customer_id,name\nc1,Ani\n');
    const notOrders = await cli(['import', 'customers', customers, '--channel', 'web']);
    expect(notOrders.exitCode).toBe(1);
    expect(notOrders.stderr).toContain('--channel sets the channel of orders; a customers file has no order channel. Leave out --channel.');

    const overPreset = await cli(['import', 'orders', `${fixtures}shopee-orders.csv`, '--preset', 'shopee-orders', '--channel', 'web', ...rejectsOf('shopee-web')]);
    expect(overPreset.exitCode).toBe(1);
    expect(overPreset.stderr).toContain('--channel web would change no order: the shopee-orders preset sets every order\'s channel itself (marketplace). Leave out --channel, or import without the preset');
    // nothing of the refused runs was stored
    expect(await ordersOf('import')).toEqual([]);
  }, 240_000);
});
