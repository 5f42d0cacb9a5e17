import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { encodeCursor } from '../core/cursor.js';
import { registerSegmentRoutes } from './segments.routes.js';
import { registerCustomerRoutes } from '../customers/customers.routes.js';
import { customerTypesByPrecedence } from '../analytics/customer-types.js';

describeEachStore('segments over HTTP', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let analyst: TestSession;
  let agent: TestSession;

  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes, registerCustomerRoutes]);
    marketer = await signInAs(context.store, 'marketer');
    analyst = await signInAs(context.store, 'analyst');
    agent = await signInAs(context.store, 'agent');
  });
  afterAll(async () => app?.close());

  const jakarta = { field: 'city', op: 'eq', value: 'Jakarta' };

  it('previews, creates, shows, lists members and refreshes a segment', async () => {
    const preview = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter: jakarta, sample: 5 } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ count: 2, total: 6, sample: [{ customer_id: 1 }, { customer_id: 4 }], isEstimate: false, interval: null });
    // an estimate says so; in a store this small its sample is every customer, so it is the count itself
    const estimate = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter: jakarta, count: 'estimate' } });
    expect(estimate.json()).toMatchObject({ count: 2, total: 6, isEstimate: true, interval: { low: 2, high: 2, confidence: 0.95 }, sampledCustomers: 6 });
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Jakarta', filter: jakarta } });
    expect(created.statusCode).toBe(201);
    const segmentId = created.json().segment.segment_id;
    expect(created.headers.location).toBe(`/api/segments/${segmentId}`);
    expect(created.json().refresh).toMatchObject({ entered: 2, members: 2 });
    const shown = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}`, headers: analyst.readHeaders });
    expect(shown.json().history).toHaveLength(2);
    // who entered, by name, not only by number
    expect(shown.json().history).toContainEqual(expect.objectContaining({ customer_id: 1, name: 'Ana Wijaya', change: 'entered' }));
    const members = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?limit=1`, headers: analyst.readHeaders });
    expect(members.json()).toMatchObject({ items: [{ customer_id: 1, name: 'Ana Wijaya' }], next: 1, nextCursor: expect.any(String) });
    // paged as every other list: the cursor it gave, back as `cursor`
    const second = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?limit=1&cursor=${members.json().nextCursor}`, headers: analyst.readHeaders });
    expect(second.json().items.map((item: { customer_id: number }) => item.customer_id)).not.toContain(1);
    // refused as every list's cursor is, with the same code: a bare customer id is `after`'s, not a cursor,
    // and a cursor of another segment's members does not page this one
    const otherSegments = encodeCursor(null, 1, `segment-members:${segmentId + 1}`);
    for (const forgedCursor of ['abc', '5', '99999999999', String(members.json().next), otherSegments]) {
      const forged = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?cursor=${forgedCursor}`, headers: analyst.readHeaders });
      expect({ cursor: forgedCursor, status: forged.statusCode, code: forged.json().error?.code, field: forged.json().error?.field }).toEqual({ cursor: forgedCursor, status: 400, code: 'PAGINATION_CURSOR_INVALID', field: 'cursor' });
    }
    // `next` still pages as `after`, to the same place as the cursor
    const afterNext = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?limit=1&after=${members.json().next}`, headers: analyst.readHeaders });
    expect(afterNext.json().items).toEqual(second.json().items);
    // `after` and `cursor` are the same position: both at once is refused, not one silently preferred
    const both = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?limit=1&after=1&cursor=${members.json().nextCursor}`, headers: analyst.readHeaders });
    expect({ status: both.statusCode, field: both.json().error.field, message: both.json().error.message }).toEqual({ status: 400, field: 'cursor', message: expect.stringContaining('not both') });
    const refreshed = await app.inject({ method: 'POST', url: `/api/segments/${segmentId}/refresh`, headers: marketer.headers });
    expect(refreshed.json()).toMatchObject({ entered: 0, left: 0, members: 2 });
    const listed = await app.inject({ method: 'GET', url: '/api/segments', headers: analyst.readHeaders });
    expect(listed.json().items.map((item: { name: string }) => item.name)).toEqual(['Jakarta']);
    const fields = await app.inject({ method: 'GET', url: '/api/segments/fields', headers: analyst.readHeaders });
    expect(fields.json().items.find((field: { name: string }) => field.name === 'rfm_segment')).toMatchObject({ type: 'text', isAvailable: true });
  });

  it('lists members as the customer list lists customers, with consent: what an export needs, in one request per page', async () => {
    await context.store.db.updateTable('customer').set({ phone: '+6281299990000', consent_sms: false, consent_whatsapp: true, consent_profiling: true }).where('customer_id', '=', 1).execute();
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Jakarta export', filter: jakarta } });
    const segmentId = created.json().segment.segment_id;
    const members = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?limit=1000`, headers: analyst.readHeaders });
    expect(members.statusCode).toBe(200);
    const [ana, office] = members.json().items;
    expect(ana).toEqual({
      customer_id: 1, kind: 'person', name: 'Ana Wijaya', email: 'ana@example.com', phone: '+6281299990000', city: 'Jakarta', country: 'ID', is_stub: false,
      created_at: expect.any(String), first_purchase_at: '2025-01-01T03:00:00.000Z', last_purchase_at: '2026-05-20T03:00:00.000Z',
      order_count: 5, revenue_minor: 500000, purchase_days: 5, is_real: true, types: ['vip', 'regular'], primary_type: 'vip', rfm_segment: 'Champions',
      consent_email: true, consent_sms: false, consent_whatsapp: true, consent_profiling: true, entered_at: smallStoreAsOf.toISOString(),
      clv_minor: null, p_alive: null, churn_risk: null, persona: null,
    });
    // never asked: null, not false; no analysis: no types
    expect(office).toMatchObject({ customer_id: 4, kind: 'organization', consent_email: null, consent_sms: null, consent_whatsapp: null, consent_profiling: null, types: null, rfm_segment: null, order_count: 10 });
    // every field the customer list gives, for the same customer
    const listed = (await app.inject({ method: 'GET', url: '/api/customers?q=ana', headers: analyst.readHeaders })).json().items.find((item: { customer_id: number }) => item.customer_id === 1);
    // and, for campaign tools, the predictions (none here)
    expect(ana).toEqual({ ...listed, entered_at: ana.entered_at, clv_minor: null, p_alive: null, churn_risk: null, persona: null });
  });

  it('refuses a name of digits only, which the CLI and links would read as a segment number', async () => {
    const jakarta = { field: 'city', op: 'eq', value: 'Jakarta' };
    for (const name of ['1', ' 42 ', '#7']) {
      const refused = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name, filter: jakarta } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: { code: 'SEGMENT_NAME_INVALID', field: 'name' } });
    }
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Top 100', filter: jakarta } });
    expect(created.statusCode).toBe(201);
    const segmentId = created.json().segment.segment_id;
    const renamed = await app.inject({ method: 'PATCH', url: `/api/segments/${segmentId}`, headers: marketer.headers, payload: { name: '100' } });
    expect(renamed.json()).toMatchObject({ error: { code: 'SEGMENT_NAME_INVALID' } });
    await app.inject({ method: 'DELETE', url: `/api/segments/${segmentId}`, headers: marketer.headers });
  });

  it('answers a bad filter with 400 naming the path and the problem', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter: { and: [{ field: 'city', op: 'like', value: 'J%' }] } } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'SEGMENT_FILTER_INVALID', field: 'filter.and[0].op' });
    expect(response.json().error.message).toContain('"like" is not an operator');
  });

  it('gives each problem of a bad filter a kind and the values it names, for a client to word in its own language', async () => {
    const filter = { and: [{ field: 'city', op: 'like', value: 'J%' }, { field: 'agee', op: 'gt', value: 3 }, { field: 'age', op: 'between', value: [40, 20] }] };
    const response = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Bad', filter } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.problems).toEqual([
      { path: 'filter.and[0].op', kind: 'unknown_operator', params: { op: 'like', field: 'city', allowed: ['eq', 'neq', 'in', 'nin', 'contains', 'starts_with', 'is_null'] }, message: expect.stringContaining('"like" is not an operator') },
      { path: 'filter.and[1].field', kind: 'unknown_field', params: { field: 'agee', suggestion: 'age' }, message: expect.stringContaining('unknown field "agee"') },
      { path: 'filter.and[2].value', kind: 'range_reversed', params: { low: 40, high: 20 }, message: expect.stringContaining('low ≤ high') },
    ]);
  });

  it('refuses a purchase window that holds no time with 400 naming it', async () => {
    const filter = { and: [{ field: 'city', op: 'eq', value: 'Jakarta' }, { purchased: { within: { from: '2026-11-01', to: '2026-11-01' } } }] };
    const response = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'SEGMENT_FILTER_INVALID', field: 'filter.and[1].purchased.within' });
    expect(response.json().error.details.problems).toEqual([
      { path: 'filter.and[1].purchased.within', kind: 'window_empty', params: { from: '"2026-11-01"', to: '"2026-11-01"' }, message: expect.stringContaining('holds no time') },
    ]);
  });

  it('takes a value of a closed list in any case and refuses one the list does not hold, as the customer list does', async () => {
    const preview = (filter: unknown) => app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter, sample: 5 } });
    const found = await preview({ and: [{ field: 'rfm_segment', op: 'eq', value: 'champions' }, { field: 'customer_types', op: 'contains', value: 'VIP' }] });
    expect({ status: found.statusCode, count: found.json().count }).toEqual({ status: 200, count: 1 });
    const typo = await preview({ or: [{ field: 'customer_types', op: 'contains', value: 'vipp' }, { purchased: { channel: 'webshop' } }] });
    expect(typo.statusCode).toBe(400);
    expect(typo.json().error.code).toBe('SEGMENT_FILTER_INVALID');
    expect(typo.json().error.details.problems).toEqual([
      { path: 'filter.or[0].value', kind: 'not_one_of', params: { allowed: [...customerTypesByPrecedence], value: 'vipp' }, message: expect.stringContaining('"vipp" is not a customer type; use one of: at_risk, lapsed, vip') },
      { path: 'filter.or[1].purchased.channel', kind: 'not_one_of', params: { allowed: ['store', 'web', 'mobile', 'marketplace', 'phone', 'other'], value: 'webshop' }, message: expect.stringContaining('is not an order channel') },
    ]);

    const list = (query: string) => app.inject({ method: 'GET', url: `/api/customers?${query}`, headers: analyst.readHeaders });
    const ids = async (query: string) => (await list(query)).json().items.map((item: { customer_id: number }) => item.customer_id);
    expect(await ids('type=VIP')).toEqual([1]);
    expect(await ids('rfmSegment=champions')).toEqual([1]);
    expect(await ids('channel=PHONE')).toEqual([4]);
    for (const [query, field, named] of [['type=vipp', 'type', 'at_risk, lapsed, vip'], ['rfmSegment=Champs', 'rfmSegment', 'Champions, Loyal'], ['channel=webshop', 'channel', 'store, web, mobile']]) {
      const refused = await list(query);
      expect({ query, status: refused.statusCode, error: refused.json().error }).toMatchObject({ query, status: 400, error: { code: 'REQUEST_INVALID', field } });
      expect(refused.json().error.message).toContain(named);
    }
  });

  it('refuses writes to readers and everything to strangers', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/segments' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/segments', headers: analyst.headers, payload: { name: 'x', filter: jakarta } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/segments/refresh', headers: agent.headers })).statusCode).toBe(403);
    const readKey = await createTestApiKey(context.store, ['read']);
    expect((await app.inject({ method: 'GET', url: '/api/segments', headers: readKey.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/api/segments/1', headers: readKey.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/segments/999', headers: analyst.readHeaders })).statusCode).toBe(404);
  });
});
