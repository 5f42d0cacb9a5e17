import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

const clock = fixedClock('2025-01-01T00:00:00Z');

// The web app's import of an orders file of one row per line, sorted by product, batches of one
// open run sent as separate requests: an order whose first batch restated its lines as stored was
// counted unchanged, and a later batch changing one of its lines left it so. That batch now moves
// it to updated, so the batches' counts add up to the run's (write/write-orders.ts, settleOrderFates).
describeEachStore('an order of an open orders run changed by a later batch than its first', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    headers = (await createTestApiKey(context.store, ['ingest'], 'orders-counted')).headers;
  });
  afterAll(async () => app?.close());

  const row = (order: string, sku: string, quantity = '1') => ({ order_id: order, customer_id: `${order}-C`, ordered_at: '2024-06-01T10:00:00Z', sku, quantity, unit_price: '10' });
  const ingest = async (records: object[], run?: { importId: number; firstLine: number }) => {
    const response = await app.inject({ method: 'POST', url: '/api/ingest/orders', headers, payload: {
      records, ...(run ? { importId: run.importId, lines: records.map((_, index) => run.firstLine + index) } : {}),
    } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const openRun = async () => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity: 'orders', fileName: 'orders.csv' } });
    expect(opened.statusCode, opened.body).toBe(201);
    return opened.json().import_id as number;
  };
  const close = async (importId: number) => {
    const response = await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status: 'completed' } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it('moves the order from unchanged to updated in the later batch, once, and leaves an order nothing changed unchanged', async () => {
    await ingest([row('OC-1', 'A'), row('OC-1', 'B'), row('OC-1', 'C'), row('OC-2', 'A'), row('OC-2', 'B')]);

    const run = await openRun();
    expect(await ingest([row('OC-1', 'A'), row('OC-2', 'A')], { importId: run, firstLine: 2 }))
      .toMatchObject({ updated: 0, unchanged: 2, orders: { updated: 0, unchanged: 2 } });
    expect(await ingest([row('OC-1', 'B', '4'), row('OC-2', 'B')], { importId: run, firstLine: 4 }))
      .toMatchObject({ updated: 1, unchanged: 1, orders: { updated: 1, unchanged: -1 } });
    expect(await ingest([row('OC-1', 'C', '4')], { importId: run, firstLine: 6 }))
      .toMatchObject({ updated: 1, unchanged: 0, orders: { updated: 0, unchanged: 0 } });
    expect(await close(run)).toMatchObject({
      status: 'completed', read_count: 5, updated_count: 2, unchanged_count: 3, order_updated_count: 1, order_unchanged_count: 1,
    });
  });
});
