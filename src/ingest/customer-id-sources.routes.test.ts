import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';

// The web import offers these as its Source choice: orders sent under another source than their
// customers' find no one and make new customers.
describeEachStore('the sources of the stored customer ids', (context) => {
  let app: FastifyInstance;
  let headers: AuthHeaders;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    headers = (await createTestApiKey(context.store, ['ingest'], 'id-sources')).headers;
  });
  afterAll(async () => app?.close());

  const send = (entity: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/ingest/${entity}`, headers, payload });
  const sources = async () => (await app.inject({ method: 'GET', url: '/api/ingest/sources', headers })).json();

  it('lists each source with its count of customer ids, the most first, a family column under its own name, and emails not at all', async () => {
    await expect(sources()).resolves.toEqual({ sources: [] });
    await send('customers', { source: 'shop', records: [{ customer_id: 'C1' }, { customer_id: 'C2', 'external_id.loyalty_card': 'L-2' }] });
    await send('customers', { source: 'till', records: [{ customer_id: 'T1' }, { customer_id: 'T2' }, { customer_id: 'T3', email: 't3@example.com' }] });
    await expect(sources()).resolves.toEqual({ sources: [{ source: 'till', ids: 3 }, { source: 'shop', ids: 2 }, { source: 'loyalty_card', ids: 1 }] });
  });
});
