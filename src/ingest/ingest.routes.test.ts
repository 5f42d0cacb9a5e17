import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { validateAgainst, type OpenApiDocument } from '../../test/helpers/openapi.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

describeEachStore('order counts over HTTP', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  // 2 orders in 3 records (one per line item), and one record whose order names no customer
  const line = (order: string, sku: string, extra: Record<string, string> = {}) => ({
    order_id: order, customer_email: 'http-oc@example.com', ordered_at: '2024-06-01T10:00:00+07:00', sku, quantity: '1', unit_price: '100', ...extra,
  });
  const records = [line('H1', 'A'), line('H1', 'B'), line('H2', 'A'), line('H3', 'A', { customer_email: '' })];
  const send = (key: string, entity = 'orders', body: { records: object[] } = { records }) =>
    app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers: { ...ingestKey.headers, 'idempotency-key': key }, payload: body });

  it('answers the orders beside the records, and keeps them in the list of imports', async () => {
    const response = await send('orders-1');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ read: 4, inserted: 3, rejected: 1, orders: { inserted: 2, updated: 0, unchanged: 0, rejected: 1 } });
    const again = await send('orders-2');
    expect(again.json()).toMatchObject({ unchanged: 3, orders: { inserted: 0, updated: 0, unchanged: 2, rejected: 1 } });
    const customers = await send('customers-1', 'customers', { records: [{ customer_id: 'HC1', email: 'hc1@example.com' }] });
    expect(customers.json()).toMatchObject({ inserted: 1, orders: null });

    const runs = await app.inject({ method: 'GET', url: '/api/imports?limit=3', headers: admin.headers });
    expect(runs.json().items.map((run: Record<string, unknown>) => [run.entity, run.inserted_count, run.order_inserted_count, run.order_unchanged_count, run.order_rejected_count])).toEqual([
      ['customers', 1, null, null, null], ['orders', 0, 0, 2, 1], ['orders', 3, 2, 0, 1],
    ]);
  });

  it('replays an answer stored before orders were counted as it was sent', async () => {
    const first = await send('orders-1');
    expect(first.headers['idempotent-replayed']).toBe('true');
    const stored = await context.store.db.selectFrom('idempotency_record').select(['response']).where('idempotency_key', '=', 'orders-1').executeTakeFirstOrThrow();
    const { orders: _orders, ...legacy } = typeof stored.response === 'string' ? JSON.parse(stored.response) : stored.response;
    await context.store.db.updateTable('idempotency_record').set({ response: JSON.stringify(legacy) }).where('idempotency_key', '=', 'orders-1').execute();
    const replay = await send('orders-1');
    expect({ status: replay.statusCode, body: replay.json() }).toEqual({ status: 200, body: legacy });
    expect(replay.json()).not.toHaveProperty('orders');
    // and the published document allows it: `orders` is not required
    const document: OpenApiDocument = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const schema = document.paths['/api/ingest/{entity}'].post.responses['200'].content!['application/json'].schema!;
    expect(validateAgainst(schema, legacy, document)).toEqual([]);
    expect(validateAgainst(schema, { ...legacy, orders: { inserted: 2 } }, document)).not.toEqual([]);
  });
});
