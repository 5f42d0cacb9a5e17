import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { compileFilter, matchingCustomers } from './compile-filter.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { parseFilter } from './filter-schema.js';
import { registerSegmentRoutes } from './segments.routes.js';

// `{"field": "consent_email", "op": "neq", "value": false}` matched the customers never asked (null) beside
// those who said yes, and exporting the segment's "everyone" sent them a campaign. A consent is a
// recorded yes or it is a no, as the customer list's and the members export's consent filters count it.
// The small store's email consent: 1 yes, 2 no, 3 to 6 never asked (7 is merged away).
describeEachStore('a consent condition', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes]);
    marketer = await signInAs(context.store, 'marketer');
  });
  afterAll(async () => app?.close());

  const ids = async (filter: unknown) => {
    const compiled = compileFilter(parseFilter(filter), { asOf: smallStoreAsOf, catalog: await loadFilterCatalog(context.store.db) });
    const result = await matchingCustomers(compiled).execute(context.store.db);
    return result.rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  };
  const agreed = (op: string, value: boolean) => ({ field: 'consent_email', op, value });

  it('counts a customer never asked as a no: only a recorded yes is a yes', async () => {
    expect(await ids(agreed('neq', false))).toEqual([1]);
    expect(await ids(agreed('eq', true))).toEqual([1]);
    expect(await ids(agreed('eq', false))).toEqual([2, 3, 4, 5, 6]);
    expect(await ids(agreed('neq', true))).toEqual([2, 3, 4, 5, 6]);
    // `not` stays the exact complement, and is_null still finds those never asked
    expect(await ids({ not: agreed('neq', false) })).toEqual([2, 3, 4, 5, 6]);
    expect(await ids({ not: agreed('eq', false) })).toEqual([1]);
    expect(await ids({ or: [agreed('neq', false), { field: 'city', op: 'eq', value: 'Bandung' }] })).toEqual([1, 2]);
    expect(await ids({ field: 'consent_email', op: 'is_null' })).toEqual([3, 4, 5, 6]);
    expect(await ids({ field: 'consent_email', op: 'is_null', value: false })).toEqual([1, 2]);
  });

  it('previews and saves a segment of "not refused" as those who agreed, without the never asked', async () => {
    const filter = { and: [{ field: 'country', op: 'eq', value: 'ID' }, agreed('neq', false)] };
    const preview = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: marketer.headers, payload: { filter, sample: 10 } });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ count: 1, sample: [{ customer_id: 1 }] });
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Email not refused', filter } });
    expect(created.statusCode).toBe(201);
    const segmentId = created.json().segment.segment_id as number;
    const members = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?limit=100`, headers: marketer.headers });
    expect((members.json() as { items: Array<{ customer_id: number }> }).items.map((member) => member.customer_id)).toEqual([1]);
  });
  // A 12.12 sale's target group in Indonesia: who may be messaged on WhatsApp and has a number to message
  it('counts WhatsApp consent as SMS consent, and "has a phone" is phone is_null false', async () => {
    const db = context.store.db;
    await db.updateTable('customer').set({ consent_whatsapp: true }).where('customer_id', 'in', [1, 3, 6]).execute();
    await db.updateTable('customer').set({ consent_whatsapp: false }).where('customer_id', '=', 2).execute();
    await db.updateTable('customer').set({ phone: '+6281234567890' }).where('customer_id', 'in', [1, 2, 4]).execute();
    await db.updateTable('customer').set({ phone: '+6281298765432' }).where('customer_id', '=', 3).execute();
    const whatsapp = (op: string, value: boolean) => ({ field: 'consent_whatsapp', op, value });
    expect(await ids(whatsapp('eq', true))).toEqual([1, 3, 6]);
    expect(await ids(whatsapp('neq', false))).toEqual([1, 3, 6]);
    expect(await ids(whatsapp('eq', false))).toEqual([2, 4, 5]);
    expect(await ids({ field: 'consent_whatsapp', op: 'is_null' })).toEqual([4, 5]);
    expect(await ids({ field: 'phone', op: 'is_null', value: false })).toEqual([1, 2, 3, 4]);
    expect(await ids({ field: 'phone', op: 'is_null' })).toEqual([5, 6]);
    // has an email: the email field's is_null false (3 has none)
    expect(await ids({ field: 'email', op: 'is_null', value: false })).toEqual([1, 2, 4, 5, 6]);
    expect(await ids({ field: 'phone', op: 'starts_with', value: '+62812987' })).toEqual([3]);

    const filter = { and: [whatsapp('eq', true), { field: 'phone', op: 'is_null', value: false }] };
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'WhatsApp 12.12', filter } });
    expect(created.statusCode).toBe(201);
    const segmentId = created.json().segment.segment_id as number;
    const members = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?limit=100&consent=whatsapp`, headers: marketer.headers });
    expect(members.statusCode).toBe(200);
    const items = (members.json() as { items: Array<{ customer_id: number; consent_whatsapp: boolean | null }> }).items;
    expect(items).toEqual([expect.objectContaining({ customer_id: 1, consent_whatsapp: true }), expect.objectContaining({ customer_id: 3, consent_whatsapp: true })]);
    // a withdrawal leaves the group
    await db.updateTable('customer').set({ consent_whatsapp: false }).where('customer_id', '=', 3).execute();
    expect(await ids(filter)).toEqual([1]);
  });
});
