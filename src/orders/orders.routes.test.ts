import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

describeEachStore('reading an order back over HTTP', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;
  let agent: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    owner = await signInAs(context.store, 'owner');
    agent = await signInAs(context.store, 'agent');
    const ingest = (entity: string, records: object[], source?: string) =>
      app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers: owner.headers, payload: { records, ...(source ? { source } : {}) } });
    expect((await ingest('customers', [{ customer_id: 'C1', name: 'Ayu', email: 'ayu@example.com' }])).statusCode).toBe(200);
    const orders = [
      { order_id: 'W-1', customer_id: 'C1', amount: '57000', ordered_at: '2024-03-02T04:00:00Z', channel: 'web', promotion_code: 'RAMADAN' },
      { order_id: 'W-2', customer_id: 'C1', amount: '12000', ordered_at: '2024-04-02T04:00:00Z', channel: 'store' },
      // a till export's day without a time
      { order_id: 'W-3', customer_id: 'C1', amount: '8000', ordered_at: '2024-04-05', channel: 'store' },
    ];
    expect((await ingest('orders', orders)).statusCode).toBe(200);
    const lines = [
      { order_id: 'W-1', line_no: '1', sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: '2', unit_price: '12000' },
      { order_id: 'W-1', line_no: '2', sku: 'ROTI-1', product_name: 'Roti bakar', category: 'bakery', quantity: '1', unit_price: '33000' },
    ];
    expect((await ingest('lines', lines)).statusCode).toBe(200);
    // the same external id in another system is another order
    expect((await ingest('orders', [{ order_id: 'W-1', customer_id: 'S9', amount: '5000', ordered_at: '2024-05-01T04:00:00Z' }], 'shop')).statusCode).toBe(200);
  });
  afterAll(async () => app?.close());

  const lookup = (source: string, externalId: string, headers = agent.readHeaders) =>
    app.inject({ method: 'GET', url: '/api/orders/lookup', query: { source, externalId }, headers });

  it('answers an ingested order with its lines, by its external id and by its id, as the timeline has it', async () => {
    const found = await lookup('api', 'W-1');
    expect(found.statusCode, found.body).toBe(200);
    const order = found.json();
    expect(order).toMatchObject({
      source: 'api', external_id: 'W-1', channel: 'web', status: 'paid', promotion_code: 'RAMADAN', recipient_customer_id: null,
      ordered_at: '2024-03-02T04:00:00.000Z', is_date_only: false,
      lines: [
        { line_no: 1, sku: 'KOPI-1', product_name: 'Kopi susu', category: 'coffee', quantity: 2 },
        { line_no: 2, sku: 'ROTI-1', product_name: 'Roti bakar', category: 'bakery', quantity: 1 },
      ],
    });
    const byId = await app.inject({ method: 'GET', url: `/api/orders/${order.order_id}`, headers: agent.readHeaders });
    expect(byId.statusCode).toBe(200);
    expect(byId.json()).toEqual(order);
    // the same amounts, in the same minor units, as the customer's timeline shows for this order
    const timeline = await app.inject({ method: 'GET', url: `/api/customers/${order.customer_id}/timeline`, headers: agent.readHeaders });
    const entry = timeline.json().items.find((item: { kind: string; id: number }) => item.kind === 'order' && item.id === order.order_id);
    expect(entry.detail).toMatchObject({ externalId: 'W-1', amountMinor: order.amount_minor, totalMinor: order.total_minor, currency: order.currency });
    expect(entry.detail.lines.map((line: { unitPriceMinor: number }) => line.unitPriceMinor)).toEqual(order.lines.map((line: { unit_price_minor: number }) => line.unit_price_minor));
    // a day without a time is said as such, as the timeline does, not as a midnight sale
    const dateOnly = (await lookup('api', 'W-3')).json();
    expect(dateOnly.is_date_only).toBe(true);
    const dateOnlyEntry = timeline.json().items.find((item: { kind: string; id: number }) => item.kind === 'order' && item.id === dateOnly.order_id);
    expect(dateOnlyEntry.detail.isDateOnly).toBe(true);
    const other = await lookup('shop', 'W-1');
    expect(other.json()).toMatchObject({ source: 'shop', external_id: 'W-1', lines: [] });
    expect(other.json().order_id).not.toBe(order.order_id);
  });

  it('answers 404 ORDER_NOT_FOUND saying where to find an order id', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/orders/999999', headers: agent.readHeaders });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error).toMatchObject({ code: 'ORDER_NOT_FOUND', field: 'orderId', message: expect.stringContaining('Order #999999 does not exist') });
    expect(missing.json().error.message).toContain('GET /api/orders/lookup');
    // matched exactly, as imports match it
    const unknown = await lookup('api', 'w-1');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'ORDER_NOT_FOUND', field: 'externalId', message: expect.stringContaining('No order from source "api" has the id "w-1"') });
    expect((await app.inject({ method: 'GET', url: '/api/orders/abc', headers: agent.readHeaders })).statusCode).toBe(400);
  });

  it('needs a caller who may read customers', async () => {
    const order = (await lookup('api', 'W-2')).json();
    expect((await app.inject({ method: 'GET', url: `/api/orders/${order.order_id}` })).statusCode).toBe(401);
    const ingestKey = await createTestApiKey(context.store, ['ingest']);
    const refused = await app.inject({ method: 'GET', url: `/api/orders/${order.order_id}`, headers: ingestKey.headers });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details).toMatchObject({ permission: 'customers:read' });
    expect((await lookup('api', 'W-2', ingestKey.headers)).statusCode).toBe(403);
    const readKey = await createTestApiKey(context.store, ['read']);
    expect((await app.inject({ method: 'GET', url: `/api/orders/${order.order_id}`, headers: readKey.headers })).json()).toMatchObject({ external_id: 'W-2', amount_minor: order.amount_minor });
  });
});
