import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// The API builds its rows as a file import does: a phone a marketplace masked is no identity there either.
describeEachStore('masked phones over HTTP', (context) => {
  let app: FastifyInstance;
  let ingestKey: { headers: Record<string, string> };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2026-12-31T00:00:00Z') });
    ingestKey = await createTestApiKey(context.store, ['ingest']);
  });
  afterAll(async () => app?.close());

  it('keeps three buyers of one masked number apart by their ids, stores no phone, and rejects the buyer known only by it', async () => {
    const record = (order: string, customer: string, phone: string) => ({ order_id: order, customer_id: customer, customer_phone: phone, ordered_at: '2026-11-01T10:00:00+07:00', amount: '10000' });
    const response = await app.inject({
      method: 'POST', url: '/api/ingest/orders', headers: { ...ingestKey.headers, 'idempotency-key': 'masked-1' },
      payload: { records: [record('H1', 'ani_w', '0812-3456-7***'), record('H2', 'bambang88', '0812-3456-7***'), record('H3', 'citra.s', '0812-3456-7***'), record('H4', '', '0812-3456-7***')] },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ read: 4, inserted: 3, rejected: 1, rejects: [expect.objectContaining({ index: 3, field: 'customer_phone', code: 'PHONE_MASKED', params: { field: 'customer_phone', value: '0812-3456-7***' } })] });
    const orders = await context.store.db.selectFrom('customer_order').select(['external_id', 'customer_id']).where('external_id', 'in', ['H1', 'H2', 'H3']).execute();
    expect(new Set(orders.map((order) => order.customer_id)).size).toBe(3);
    expect(await context.store.db.selectFrom('customer_identity').select('value').where('kind', '=', 'phone').execute()).toEqual([]);
  });
});
