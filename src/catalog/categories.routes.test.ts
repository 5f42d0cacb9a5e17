import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { registerSegmentRoutes } from '../segments/segments.routes.js';
import { registerCategoryRoutes } from './categories.routes.js';

const clock = fixedClock('2026-06-01T00:00:00Z');

/** One order line as the order feed sends it; an order's total is the sum of its lines. */
const line = (order: string, email: string, category: string | null, unitPrice: number, extra: Record<string, string> = {}) => ({
  order_id: order, customer_email: email, ordered_at: '2026-05-01T10:00:00+07:00', sku: `SKU-${order}-${category ?? 'none'}`,
  product_name: `Product ${category ?? 'without category'}`, ...(category === null ? {} : { category }), quantity: '2', unit_price: String(unitPrice), ...extra,
});

describeEachStore('product categories over HTTP', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    await ingestRecords(context.store.db, 'orders', [
      line('A1', 'ana@example.com', 'coffee', 100), line('A1', 'ana@example.com', 'pastry', 300),
      // one category written in another case: the segment filter treats them as one
      line('B1', 'budi@example.com', 'Coffee', 150),
      // a cancelled order is no purchase: Citra has bought tea, not coffee
      line('C1', 'citra@example.com', 'coffee', 100, { status: 'cancelled' }),
      line('C2', 'citra@example.com', 'tea', 50),
      // a line without a category is counted by the facts as "uncategorised", which no filter can name
      line('D1', 'dewi@example.com', 'pastry', 300), line('D1', 'dewi@example.com', null, 70),
      // two orders of one category: one customer
      line('E1', 'eko@example.com', 'coffee', 100), line('E2', 'eko@example.com', 'coffee', 100),
    ], { actor: 'test', clock });
    app = await buildRoutesTestApp(context.store, clock, [registerCategoryRoutes, registerSegmentRoutes]);
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const categories = async (headers: AuthHeaders, query = '') => app.inject({ method: 'GET', url: `/api/categories${query}`, headers });

  it('lists the categories customers bought, most customers first, with what their lines came to', async () => {
    const response = await categories(analyst.readHeaders);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [
        // Ana 2 × 100, Budi 2 × 150, Eko 2 × (2 × 100); not Citra's cancelled order
        { category: 'coffee', customers: 3, revenueMinor: 200 + 300 + 400 },
        { category: 'pastry', customers: 2, revenueMinor: 600 + 600 },
        { category: 'tea', customers: 1, revenueMinor: 100 },
      ],
    });
  });

  it('counts for each category exactly the customers a purchase condition on it finds', async () => {
    const items: Array<{ category: string; customers: number }> = (await categories(analyst.readHeaders)).json().items;
    for (const { category, customers } of items) {
      const preview = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter: { purchased: { category: [category] } } } });
      expect({ category, count: preview.json().count }).toEqual({ category, count: customers });
    }
  });

  it('gives at most `limit` categories and refuses a limit out of range', async () => {
    const limited = await categories(analyst.readHeaders, '?limit=2');
    expect(limited.json().items.map((item: { category: string }) => item.category)).toEqual(['coffee', 'pastry']);
    const tooMany = await categories(analyst.readHeaders, '?limit=1001');
    expect({ status: tooMany.statusCode, field: tooMany.json().error.field }).toEqual({ status: 400, field: 'limit' });
    expect((await categories(analyst.readHeaders, '?limit=0')).statusCode).toBe(400);
  });

  it('answers a read API key, and refuses an ingest-only key and a caller without credentials', async () => {
    const reader = await createTestApiKey(context.store, ['read']);
    expect((await categories(reader.headers)).statusCode).toBe(200);
    const feed = await createTestApiKey(context.store, ['ingest']);
    const refused = await categories(feed.headers);
    expect({ status: refused.statusCode, code: refused.json().error.code }).toEqual({ status: 403, code: 'AUTH_FORBIDDEN' });
    const anonymous = await categories({});
    expect(anonymous.statusCode).toBe(401);
  });
});
