import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

const clock = fixedClock('2025-01-01T00:00:00Z');

// The web app's import of a lines file, or of an orders file of one row per line sorted by product, in
// batches of one open run sent as separate requests: an order whose first batch restated its lines as
// stored was counted unchanged, and a later batch changing one of its lines left it so. That batch now
// moves it to updated, so the batches' counts add up to the run's (write/order-counts.ts, settleOrderFates).
describeEachStore('an order of an open run changed by a later batch than its first', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    headers = (await createTestApiKey(context.store, ['ingest'], 'counted-across-batches')).headers;
  });
  afterAll(async () => app?.close());

  const ingest = async (entity: 'orders' | 'lines', records: object[], run?: { importId: number; firstLine: number }) => {
    const response = await app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload: {
      records, ...(run ? { importId: run.importId, lines: records.map((_, index) => run.firstLine + index) } : {}),
    } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  const openRun = async (entity: 'orders' | 'lines') => {
    const opened = await app.inject({ method: 'POST', url: '/api/imports', headers, payload: { entity, fileName: `${entity}.csv` } });
    expect(opened.statusCode, opened.body).toBe(201);
    return opened.json().import_id as number;
  };
  const close = async (importId: number) => {
    const response = await app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers, payload: { status: 'completed' } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  const orderOf = (order: string) => ({ order_id: order, customer_id: `${order}-C`, ordered_at: '2024-06-01T10:00:00Z' });
  // a lines file's row names its order alone (the orders are stored first); an orders file's row is its order's too
  const rowsOf = {
    lines: (order: string, sku: string, quantity = '1') => ({ order_id: order, sku, quantity, unit_price: '10', category: `Cat-${sku}` }),
    orders: (order: string, sku: string, quantity = '1') => ({ ...orderOf(order), sku, quantity, unit_price: '10' }),
  };

  it.each(['lines', 'orders'] as const)('moves the order of a %s run from unchanged to updated in the later batch, once, and leaves an order nothing changed unchanged', async (entity) => {
    const row = rowsOf[entity];
    const [first, second] = [`${entity}-1`, `${entity}-2`];
    if (entity === 'lines') await ingest('orders', [first, second].map((order) => ({ ...orderOf(order), amount: '30' })));
    await ingest(entity, [row(first, 'A'), row(first, 'B'), row(first, 'C'), row(second, 'A'), row(second, 'B')]);

    const run = await openRun(entity);
    expect(await ingest(entity, [row(first, 'A'), row(second, 'A')], { importId: run, firstLine: 2 }))
      .toMatchObject({ updated: 0, unchanged: 2, orders: { updated: 0, unchanged: 2 } });
    expect(await ingest(entity, [row(first, 'B', '4'), row(second, 'B')], { importId: run, firstLine: 4 }))
      .toMatchObject({ updated: 1, unchanged: 1, orders: { updated: 1, unchanged: -1 } });
    expect(await ingest(entity, [row(first, 'C', '4')], { importId: run, firstLine: 6 }))
      .toMatchObject({ updated: 1, unchanged: 0, orders: { updated: 0, unchanged: 0 } });
    expect(await close(run)).toMatchObject({
      status: 'completed', read_count: 5, updated_count: 2, unchanged_count: 3, order_updated_count: 1, order_unchanged_count: 1,
    });
  });
});
