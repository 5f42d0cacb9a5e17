import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { setCurrencyRate } from '../settings/index.js';
import { importFile } from './import-file.service.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-amount-limit-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const clock = fixedClock('2026-06-01T00:00:00Z');

// The test store's currency is IDR: amounts go up to 10,000,000,000,000 rupiah.
describeEachStore('amounts an import derives stay within the amount limit', (context) => {
  let app: FastifyInstance;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    ingestKey = await createTestApiKey(context.store, ['ingest']);
    await setCurrencyRate(context.store.db, 'EUR', 20_000);
  });
  afterAll(async () => app?.close());

  const importCsv = async (name: string, text: string, entity: 'orders' | 'lines' = 'orders') => {
    const file = join(directory, name);
    writeFileSync(file, text);
    return importFile(context.store.db, { entity, file, source: name, actor: 'test', clock, rejectsPath: null });
  };
  const storedTotals = async (source: string) => (await context.store.db.selectFrom('customer_order').select(['external_id', 'total_minor', 'amount_minor'])
    .where('source', '=', source).orderBy('external_id').execute()).map((order) => [order.external_id, Number(order.total_minor), Number(order.amount_minor)]);
  const rejectsOf = (summary: { rejectsSample: Array<{ line: number; field: string | null; code: string }> }) => summary.rejectsSample.map((reject) => [reject.line, reject.field, reject.code]);

  it('refuses a line whose unit_price × quantity passes the limit, naming its line, and stores the other orders (the review\'s lines-big-idr.csv)', async () => {
    const summary = await importCsv('big-line.csv', 'order_id,ordered_at,customer_email,unit_price,quantity\n'
      + 'OK1,2026-03-01,ok@x.id,15000,1\nBIG1,2026-03-01,big@x.id,9999999999999,999999\n');
    expect(summary).toMatchObject({ read: 2, inserted: 1, rejected: 1 });
    expect(rejectsOf(summary)).toEqual([[3, 'unit_price', 'AMOUNT_TOO_LARGE']]);
    // the row's currency and its decimals, as an amount too large gives them, for the app's example of how IDR amounts are written
    expect(summary.rejectsSample[0].params).toEqual({ field: 'unit_price', value: '9999999999999 × 999999', currency: 'IDR', currencyDecimals: 0 });
    expect(summary.rejectsSample[0].reason).toBe('unit_price "9999999999999" × quantity "999999" is more than an amount may be (10,000,000,000,000 IDR); '
      + 'check the unit_price and quantity columns hold prices and counts, not ids or totals');
    expect(await storedTotals('big-line.csv')).toEqual([['OK1', 15000, 15000]]);
  });

  it('refuses every row of an order whose lines, each within the limit, add up past it', async () => {
    const summary = await importCsv('big-sum.csv', 'order_id,ordered_at,customer_email,unit_price,quantity\n'
      + 'M1,2026-03-01,m@x.id,6000000000000,1\nM1,2026-03-01,m@x.id,6000000000000,1\nM2,2026-03-01,m@x.id,5000000000000,2\n');
    expect(summary).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(rejectsOf(summary)).toEqual([[2, 'unit_price', 'AMOUNT_TOO_LARGE'], [3, 'unit_price', 'AMOUNT_TOO_LARGE']]);
    expect(await storedTotals('big-sum.csv')).toEqual([['M2', 10_000_000_000_000, 10_000_000_000_000]]);
  });

  it('refuses an order whose amounts pass the limit once converted into the store currency, naming the field', async () => {
    // 1,000,000,000 EUR is within the limit in euros, 20,000,000,000,000 rupiah is not
    const summary = await importCsv('converted.csv', 'order_id,ordered_at,customer_email,currency,amount,discount_amount\n'
      + 'E1,2026-03-01,e@x.lv,EUR,1000000000,\nE2,2026-03-01,e@x.lv,EUR,10,\nE3,2026-03-01,e@x.lv,EUR,10,700000000\n');
    expect(rejectsOf(summary)).toEqual([[2, 'amount', 'AMOUNT_TOO_LARGE'], [4, 'discount_amount', 'AMOUNT_TOO_LARGE']]);
    expect(summary.rejectsSample[0].reason).toBe('The amount of order E1, converted from EUR into the store currency IDR, comes to more than an amount may be (10,000,000,000,000 IDR); '
      + "check the amounts and the row's currency, and the rate of EUR (`clientele rates list`)");
    const lines = await importCsv('converted-lines.csv', 'order_id,ordered_at,customer_email,currency,unit_price,quantity\n'
      + 'E4,2026-03-01,e@x.lv,EUR,600000000,1\nE5,2026-03-01,e@x.lv,EUR,300000000,1\nE5,2026-03-01,e@x.lv,EUR,300000000,1\nE6,2026-03-01,e@x.lv,EUR,2.5,2\n');
    expect(rejectsOf(lines)).toEqual([[2, 'unit_price', 'AMOUNT_TOO_LARGE'], [3, 'unit_price', 'AMOUNT_TOO_LARGE'], [4, 'unit_price', 'AMOUNT_TOO_LARGE']]);
    expect(await storedTotals('converted.csv')).toEqual([['E2', 1000, 200_000]]);
    expect(await storedTotals('converted-lines.csv')).toEqual([['E6', 500, 100_000]]);
  });

  it('refuses a line of a lines file that passes the limit converted into the store currency, and its order\'s other lines with it', async () => {
    await importCsv('for-lines.csv', 'order_id,ordered_at,customer_email,currency,amount\nL1,2026-03-01,l@x.lv,EUR,10\n');
    const summary = await importCsv('for-lines.csv', 'order_id,sku,currency,unit_price,quantity\nL1,A,EUR,900000000,1\nL1,B,EUR,5,1\n', 'lines');
    // a lines file states all of an order's lines: stored without A, the order would lose a stored A
    expect(rejectsOf(summary)).toEqual([[2, 'unit_price', 'AMOUNT_TOO_LARGE'], [3, 'order_id', 'ORDER_ROW_REJECTED']]);
    expect(await context.store.db.selectFrom('order_line').select(['sku']).where('sku', 'in', ['A', 'B']).execute()).toEqual([]);
  });

  it('answers a batch over HTTP with the rejects rather than a 500, and stores its other orders', async () => {
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers,
      payload: { records: [
        { order_id: 'H1', ordered_at: '2026-03-01', customer_email: 'h@x.id', unit_price: '15000', quantity: '1' },
        { order_id: 'H2', ordered_at: '2026-03-01', customer_email: 'h@x.id', unit_price: '9999999999999', quantity: '999999' },
      ] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ inserted: 1, rejected: 1 });
    expect(response.json().rejects).toEqual([expect.objectContaining({ line: 2, field: 'unit_price', code: 'AMOUNT_TOO_LARGE' })]);
  });
});
