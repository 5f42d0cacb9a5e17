import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// An orders batch says where its buyer lives as an orders file does: customer_city, customer_region, customer_country.
describeEachStore('an orders batch with the buyer\'s place', (context) => {
  let app: FastifyInstance;
  let headers: AuthHeaders;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest', 'read'], 'buyer-place')).headers;
  });
  afterAll(async () => app?.close());

  const send = (entity: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload });
  const placeOf = async (customerId: string) => (await sql<{ city: string | null; region: string | null; country: string | null }>`
    select c.city, c.region, c.country from customer_identity i join customer c on c.customer_id = i.customer_id
    where i.kind = 'external' and i.namespace = 'shop' and i.value = ${customerId}`.execute(context.store.db)).rows[0];

  it('gives a buyer it creates their place, reads none of it as an ignored field, and leaves a described customer\'s alone', async () => {
    expect((await send('customers', { source: 'shop', records: [{ customer_id: 'C1', city: 'Tallinn' }] })).json()).toMatchObject({ inserted: 1 });
    const order = (id: string, customerId: string) => ({
      order_id: id, customer_id: customerId, ordered_at: '2024-06-01T10:00:00Z', amount: '10',
      customer_city: 'Kaunas', customer_region: 'Kauno apskritis', customer_country: 'Lithuania',
    });
    const response = await send('orders', { source: 'shop', records: [order('B-1', 'C1'), order('B-2', 'C2')] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ inserted: 2, rejected: 0, createdCustomers: 1 });
    expect(response.json().ignoredFields ?? []).toEqual([]);
    expect(await placeOf('C2')).toEqual({ city: 'Kaunas', region: 'Kauno apskritis', country: 'LT' });
    expect(await placeOf('C1')).toEqual({ city: 'Tallinn', region: null, country: null });
  });

  it('documents the fields in the orders record of the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const text = JSON.stringify(document);
    for (const field of ['customer_city', 'customer_region', 'customer_country']) expect(text).toContain(`"${field}":{`);
  });
});
