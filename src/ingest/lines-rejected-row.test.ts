import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { createTestApiKey, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from './import-file.service.js';

// A lines file states all of an order's lines: one bad row ("1 pcs") was rejected alone, the
// order's other rows stored, and the stored line the bad row restated removed as not restated.
// The order is now rejected whole, as an orders file's line rows are (ORDER_ROW_REJECTED).
const files = scratchFiles('lines-rejected-row');

describeEachStore('a lines file with a rejected row', (context) => {
  const db = () => context.store.db;
  let app: FastifyInstance;
  let headers: AuthHeaders;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest', 'read'], 'lines-rejected-row')).headers;
  });
  afterAll(async () => app?.close());

  const skusOf = async (order: string) => (await sql<{ sku: string }>`
    select l.sku from order_line l join customer_order o using (customer_id, order_id) where o.external_id = ${order} order by l.line_no`.execute(db())).rows.map((row) => row.sku);

  it('rejects the order\'s other rows and keeps its stored lines, counting the order rejected (a file import)', async () => {
    const orders = files.file('orders.csv', 'order_id,customer_id,ordered_at,amount\nL1,K1,2026-11-01,30000\nL2,K1,2026-11-02,10000\n');
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: orders })).toMatchObject({ inserted: 2, rejected: 0 });
    const good = files.file('good.csv', 'order_id,sku,quantity,unit_price\nL1,S1,1,10000\nL1,S2,1,10000\nL1,S4,1,10000\n');
    expect(await importFile(db(), { ...importDefaults, entity: 'lines', file: good })).toMatchObject({ inserted: 3, rejected: 0 });

    const bad = files.file('bad.csv', 'order_id,sku,quantity,unit_price\nL1,S1,1,10000\nL1,S2,1,10000\nL1,S4,1 pcs,10000\nL2,S9,2,5000\n');
    const summary = await importFile(db(), { ...importDefaults, entity: 'lines', file: bad });
    expect(summary).toMatchObject({ read: 4, inserted: 1, rejected: 3, orders: { inserted: 0, updated: 1, unchanged: 0, rejected: 1 } });
    expect(summary.rejectsSample.map((reject) => [reject.line, reject.code])).toEqual([[2, 'ORDER_ROW_REJECTED'], [3, 'ORDER_ROW_REJECTED'], [4, 'QUANTITY_HAS_UNIT']]);
    expect(summary.rejectsSample[0]).toMatchObject({
      field: 'order_id', params: { line: 4, order: 'L1' },
      reason: 'line 4, another row of order L1, was rejected, so none of the order\'s rows is stored (its total and lines would miss that row); fix line 4 and import all of the order\'s rows again',
    });
    expect(await skusOf('L1')).toEqual(['S1', 'S2', 'S4']);
    expect(await skusOf('L2')).toEqual(['S9']);
  });

  it('does the same for a batch sent to POST /api/ingest/lines, counting the rejects', async () => {
    const orders = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: { records: [{ order_id: 'A1', customer_id: 'K1', ordered_at: '2026-11-01', amount: '30000' }] } });
    expect(orders.json()).toMatchObject({ inserted: 1, rejected: 0 });
    const line = (sku: string, quantity: string) => ({ order_id: 'A1', sku, quantity, unit_price: '10000' });
    const good = await app.inject({ method: 'POST', url: '/api/ingest/lines', headers, payload: { records: [line('S1', '1'), line('S2', '1'), line('S4', '1')] } });
    expect(good.json()).toMatchObject({ inserted: 3, rejected: 0 });

    const bad = await app.inject({ method: 'POST', url: '/api/ingest/lines', headers, payload: { records: [line('S1', '1'), line('S2', '1'), line('S4', '1 pcs')] } });
    expect(bad.statusCode).toBe(200);
    expect(bad.json()).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 0, rejected: 3, orders: { updated: 0, rejected: 1 } });
    expect(bad.json().rejects.map((reject: { index: number; code: string }) => [reject.index, reject.code])).toEqual([[0, 'ORDER_ROW_REJECTED'], [1, 'ORDER_ROW_REJECTED'], [2, 'QUANTITY_HAS_UNIT']]);
    expect(bad.json().rejects[0].reason).toBe('item 3 of this batch, another row of order A1, was rejected, so none of the order\'s rows is stored (its total and lines would miss that row); fix item 3 and send all of the order\'s rows again');
    const run = await app.inject({ method: 'GET', url: `/api/imports/${bad.json().importId}`, headers });
    expect(run.json()).toMatchObject({ rejected_count: 3, order_rejected_count: 1 });
    expect(await skusOf('A1')).toEqual(['S1', 'S2', 'S4']);
  });

  it('tells an API caller to send the lines under the order\'s source in the request\'s "source" field', async () => {
    await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: { source: 'web', records: [{ order_id: 'W1', customer_id: 'K1', ordered_at: '2026-11-01', amount: '10000' }] } });
    const lines = await app.inject({ method: 'POST', url: '/api/ingest/lines', headers, payload: { source: 'shop', records: [{ order_id: 'W1', sku: 'S1', quantity: '1', unit_price: '10000' }] } });
    expect(lines.json().rejects[0]).toMatchObject({
      code: 'LINE_ORDER_UNKNOWN', params: { order: 'W1', source: 'shop', storedUnder: 'web' },
      reason: 'Order W1 is not in the store under the source "shop"; it is under the source "web". Send the lines under that source ("source": "web" in the request).',
    });
  });
});
