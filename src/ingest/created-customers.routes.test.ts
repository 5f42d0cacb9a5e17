import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// Orders sent without the source their customers were imported with find no one and make new
// customers: the batch summary and the run say how many, so the sender can see it happened.
describeEachStore('a batch counts the customers it created', (context) => {
  let app: FastifyInstance;
  let headers: AuthHeaders;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest', 'read'], 'created-customers')).headers;
  });
  afterAll(async () => app?.close());

  const send = (entity: string, payload: Record<string, unknown>, extra: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers: { ...headers, ...extra }, payload });
  const order = (id: string, customerId: string) => ({ order_id: id, customer_id: customerId, ordered_at: '2024-06-01T10:00:00Z', amount: '10' });
  const customerCount = async () => Number((await context.store.db.selectFrom('customer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('counts customers a customers batch describes first, and none for orders that find them in their source', async () => {
    const customers = await send('customers', { source: 'shop', records: [{ customer_id: 'C1', name: 'Ana' }, { customer_id: 'C2', name: 'Budi' }] });
    expect(customers.json()).toMatchObject({ inserted: 2, createdCustomers: 2 });
    const orders = await send('orders', { source: 'shop', records: [order('S-1', 'C1'), order('S-2', 'C2'), order('S-3', 'C1')] });
    expect(orders.json()).toMatchObject({ inserted: 3, rejected: 0, createdCustomers: 0 });
    const run = await app.inject({ method: 'GET', url: `/api/imports/${orders.json().importId}`, headers });
    expect(run.json()).toMatchObject({ inserted_count: 3, created_customer_count: 0 });
  });

  it('counts the new customers of orders sent without their customers\' source, in the run too, and answers a replay the same count', async () => {
    const before = await customerCount();
    const first = await send('orders', { records: [order('A-1', 'C1'), order('A-2', 'C2'), order('A-3', 'C1')] }, { 'idempotency-key': 'created-customers-1' });
    expect(first.json()).toMatchObject({ inserted: 3, rejected: 0, createdCustomers: 2 });
    expect(await customerCount()).toBe(before + 2);
    const run = await app.inject({ method: 'GET', url: `/api/imports/${first.json().importId}`, headers });
    expect(run.json()).toMatchObject({ created_customer_count: 2 });

    const replay = await send('orders', { records: [order('A-1', 'C1'), order('A-2', 'C2'), order('A-3', 'C1')] }, { 'idempotency-key': 'created-customers-1' });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    expect(replay.json().createdCustomers).toBe(2);

    // the same orders again without a key: stored already, nobody new
    const again = await send('orders', { records: [order('A-1', 'C1'), order('A-2', 'C2'), order('A-3', 'C1')] });
    expect(again.json()).toMatchObject({ unchanged: 3, createdCustomers: 0 });
    expect(await customerCount()).toBe(before + 2);
  });

  it('does not count a customer created for a row it then rejected', async () => {
    // S-1 is C1's in source shop: a row giving it to someone new is refused, and that someone is not kept
    const refused = await send('orders', { source: 'shop', records: [order('S-1', 'C9'), order('S-9', 'C8')] });
    expect(refused.json()).toMatchObject({ inserted: 1, rejected: 1, createdCustomers: 1 });
    expect(refused.json().rejects[0]).toMatchObject({ code: 'ORDER_OTHER_CUSTOMER' });

    const event = (id: string, email: string, detail: string) => ({ event_id: id, customer_email: email, kind: 'signup', occurred_at: '2024-05-01T10:00:00Z', detail });
    expect((await send('events', { records: [event('E-1', 'e1@example.com', 'web')] })).json()).toMatchObject({ inserted: 1, createdCustomers: 1 });
    const changed = await send('events', { records: [event('E-1', 'e2@example.com', 'shop'), event('E-2', 'e3@example.com', 'web')] });
    expect(changed.json()).toMatchObject({ inserted: 1, rejected: 1, createdCustomers: 1 });
    expect(changed.json().rejects[0]).toMatchObject({ code: 'EVENT_CHANGED' });
  });
});
