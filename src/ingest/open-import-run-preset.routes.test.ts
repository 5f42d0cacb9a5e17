import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// The web app's UCI import counted its rows as the CLI does, but recorded 0 rejected orders and no
// preset: the rows its preset refused were counted at the close as rows only, and the run was opened without its format.
describeEachStore('an open import run read with a preset', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  let agent: TestSession;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    admin = await signInAs(context.store, 'admin');
    agent = await signInAs(context.store, 'agent');
    ingestKey = await createTestApiKey(context.store, ['ingest'], 'preset-runs');
  });
  afterAll(async () => app?.close());

  const open = (payload: Record<string, unknown>, headers: Record<string, string> = ingestKey.headers) => app.inject({ method: 'POST', url: '/api/imports', headers, payload });
  const close = (importId: number, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers: ingestKey.headers, payload });
  const line = (invoice: string, customer: string) => ({
    order_id: invoice, customer_id: customer, ordered_at: '2010-12-01T08:26:00Z', sku: '85123A', quantity: '6', unit_price: '2.55', status: 'paid', channel: 'web',
  });

  it('records the preset, and counts the orders of the rows the sender refused that no batch named as rejected orders', async () => {
    const opened = await open({ entity: 'orders', fileName: 'online_retail_sample.csv', preset: 'UCI-Online-Retail' });
    expect(opened.statusCode).toBe(201);
    const run = opened.json();
    expect(run).toMatchObject({ preset: 'uci-online-retail', order_rejected_count: 0 });
    const batch = await app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: ingestKey.headers,
      payload: { importId: run.import_id, source: 'online-retail', lines: [2, 3], records: [line('536365', '17850'), line('536366', '17850')] },
    });
    expect(batch.json()).toMatchObject({ inserted: 2, orders: { inserted: 2, rejected: 0 } });
    // three rows refused in the browser: two of one invoice no batch named, one of another
    const closed = await close(run.import_id, { status: 'completed', rejectedBySender: 3, rejectedOrdersBySender: 2 });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'completed', preset: 'uci-online-retail', read_count: 5, rejected_count: 3, inserted_count: 2, order_inserted_count: 2, order_rejected_count: 2 });
    const listed = (await app.inject({ method: 'GET', url: `/api/imports/${run.import_id}`, headers: admin.headers })).json();
    expect(listed).toMatchObject({ preset: 'uci-online-retail', order_rejected_count: 2 });
  });

  it('refuses an unknown preset, a preset of another entity and rejected orders beyond the rows refused, naming the field', async () => {
    const unknown = await open({ entity: 'orders', preset: 'woocommerce' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toMatchObject({ code: 'IMPORT_PRESET_NOT_FOUND', field: 'preset' });
    const otherEntity = await open({ entity: 'customers', preset: 'uci-online-retail' });
    expect(otherEntity.statusCode).toBe(400);
    expect(otherEntity.json().error).toMatchObject({ code: 'IMPORT_OPTION_INVALID', field: 'preset' });
    expect(otherEntity.json().error.message).toContain('imports orders, not customers');

    const customers = (await open({ entity: 'customers' })).json();
    const noOrders = await close(customers.import_id, { status: 'completed', rejectedBySender: 1, rejectedOrdersBySender: 1 });
    expect(noOrders.statusCode).toBe(400);
    expect(noOrders.json().error).toMatchObject({ code: 'IMPORT_OPTION_INVALID', field: 'rejectedOrdersBySender' });
    const orders = (await open({ entity: 'orders' })).json();
    const tooMany = await close(orders.import_id, { status: 'failed', rejectedBySender: 1, rejectedOrdersBySender: 2 });
    expect(tooMany.json().error).toMatchObject({ code: 'IMPORT_OPTION_INVALID', field: 'rejectedOrdersBySender' });
    // nothing of a refused close was counted: the run is still open
    expect((await app.inject({ method: 'GET', url: `/api/imports/${orders.import_id}`, headers: admin.headers })).json()).toMatchObject({ status: 'running', read_count: 0, order_rejected_count: 0 });
  });

  it('opens a run with a preset only for a caller who may import', async () => {
    expect((await app.inject({ method: 'POST', url: '/api/imports', payload: { entity: 'orders', preset: 'uci-online-retail' } })).statusCode).toBe(401);
    expect((await open({ entity: 'orders', preset: 'uci-online-retail' }, agent.headers)).statusCode).toBe(403);
    const allowed = await open({ entity: 'orders', preset: 'uci-online-retail' }, admin.headers);
    expect(allowed.statusCode).toBe(201);
    expect(allowed.json()).toMatchObject({ preset: 'uci-online-retail', started_by: expect.stringMatching(/^user:/) });
  });
});
