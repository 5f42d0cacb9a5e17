import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';

describeEachStore('ingest retries with keys reordered, and repeats of an order naming what they sent', (context) => {
  let app: FastifyInstance;
  let headers: Record<string, string>;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest'], 'retries')).headers;
  });
  afterAll(async () => app?.close());

  const send = (payload: object, key?: string) => app.inject({
    method: 'POST', url: '/api/ingest/orders', headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) }, payload,
  });

  it('replays a retry whose JSON has its keys in another order, and still refuses another body', async () => {
    const first = await send({ source: 'shop', records: [{ order_id: 'R-1', customer_email: 'r1@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '10' }] }, 'reordered-1');
    expect(first.json()).toMatchObject({ inserted: 1 });
    // the same request, its client's serialiser writing the keys in another order, at both depths
    const retry = await send({ records: [{ amount: '10', ordered_at: '2024-06-01T10:00:00Z', customer_email: 'r1@example.com', order_id: 'R-1' }], source: 'shop' }, 'reordered-1');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const other = await send({ records: [{ amount: '11', ordered_at: '2024-06-01T10:00:00Z', customer_email: 'r1@example.com', order_id: 'R-1' }], source: 'shop' }, 'reordered-1');
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('INGEST_IDEMPOTENCY_MISMATCH');
  });

  it('still replays an answer stored with the hash of the body as sent, from before keys were sorted', async () => {
    const record = { order_id: 'R-2', customer_email: 'r2@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '10' };
    const first = await send({ records: [record] }, 'stored-before');
    expect(first.json()).toMatchObject({ inserted: 1 });
    // as an answer stored by the earlier version was hashed: JSON.stringify of { entity, ...body }, keys as sent
    const legacyHash = createHash('sha256').update(JSON.stringify({ entity: 'orders', records: [record] })).digest('hex');
    await context.store.db.updateTable('idempotency_record').set({ request_hash: legacyHash }).where('idempotency_key', '=', 'stored-before').execute();
    const retry = await send({ records: [record] }, 'stored-before');
    expect(retry.statusCode).toBe(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect((await send({ records: [{ ...record, amount: '12' }] }, 'stored-before')).statusCode).toBe(409);
  });

  it('names the status a repeated order sent, not the refunded_amount it never sent', async () => {
    const order = { order_id: 'R-3', customer_email: 'r3@example.com', ordered_at: '2024-06-01T10:00:00Z', amount: '10' };
    const response = await send({ records: [{ ...order, status: 'paid' }, { ...order, status: 'refunded' }, { ...order, status: 'paid', refunded_amount: '4' }] });
    const [refunded, partly] = response.json().rejects;
    expect(refunded).toMatchObject({ index: 1, code: 'ORDER_DUPLICATE_IN_FILE', params: { column: 'status', value: 'refunded', firstValue: 'paid' } });
    expect(refunded.reason).toBe('Duplicate order id R-3 with a different status: "refunded" here, "paid" as item 1 of this batch. Keep one row per order.');
    expect(refunded.reason).not.toContain('refunded_amount');
    // a refund the record did send is still named, each value as sent: the first record sent none
    expect(partly).toMatchObject({ index: 2, code: 'ORDER_DUPLICATE_IN_FILE', params: { column: 'refunded_amount', value: '4', firstValue: '' } });
  });
});
