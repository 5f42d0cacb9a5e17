import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { hasAgreedTo } from '../customers/consent-kinds.js';
import { registerSegmentRoutes } from './segments.routes.js';

// The CLI's `segments members --csv --consent` and the web export chose who may be sent a campaign;
// the API answered "Unknown query parameter consent", and its members carried no predictions.
describeEachStore('segment members over HTTP, for a campaign', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  let segmentId: number;
  type Member = { customer_id: number; consent_email: boolean | null; consent_whatsapp: boolean | null; clv_minor: number | null; p_alive: number | null; churn_risk: string | null; persona: string | null };
  const members = async (query: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?${query}`, headers: analyst.readHeaders });
    return { status: response.statusCode, body: response.json() as { items: Member[]; nextCursor: string | null; error?: { field?: string; message: string } } };
  };

  beforeAll(async () => {
    const db = context.store.db;
    await seedSmallStore(db);
    const fit = await db.insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: '2026-05-31', params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 1,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    await db.insertInto('customer_prediction').values({
      customer_id: 1, model_fit_id: Number(fit.model_fit_id), p_alive: 0.8, expected_purchases_90d: 1, clv_minor: 250000, clv_horizon_days: 365, next_purchase_day: '2026-06-10', churn_risk: 'low', as_of: '2026-05-31',
    }).execute();
    await sql`insert into persona_model (model_id, discovered_at, k, sample_size, population, feature_spec, candidates) values (1, ${smallStoreAsOf}, 1, 2, 2, '{}', '[]')`.execute(db);
    await sql`insert into persona (persona_id, model_id, name, generated_name, centroid, profile) values (1, 1, 'Office buyers', 'g1', '{0}', '{}')`.execute(db);
    await sql`insert into customer_persona (customer_id, persona_id, distance, assigned_at) values (1, 1, 0, ${smallStoreAsOf}), (4, 1, 0, ${smallStoreAsOf})`.execute(db);
    // customer 4 keeps a persona row from before they withdrew consent to profiling
    await sql`update customer set consent_profiling = true where customer_id = 1`.execute(db);
    await sql`update customer set consent_email = true where customer_id = 5`.execute(db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes]);
    const marketer = await signInAs(context.store, 'marketer');
    analyst = await signInAs(context.store, 'analyst');
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Indonesia', filter: { field: 'country', op: 'eq', value: 'ID' } } });
    segmentId = created.json().segment.segment_id;
  });
  afterAll(async () => app?.close());

  it('lists only the members who agreed to the consent asked for, as the CLI and the web export judge, in full pages, and to no one without credentials', async () => {
    const everyone = await members('limit=100');
    expect(everyone.body.items.map((member) => member.customer_id)).toEqual([1, 2, 4, 5, 6]);
    const agreed = await members('consent=email&limit=100');
    expect(agreed.status).toBe(200);
    expect(agreed.body.items.map((member) => member.customer_id)).toEqual(everyone.body.items.filter((member) => hasAgreedTo(member, 'email')).map((member) => member.customer_id));
    expect(agreed.body.items.map((member) => member.customer_id)).toEqual([1, 5]);
    // a page is filled with consenting members, not cut to those among the first N members
    const firstPage = await members('consent=email&limit=1');
    const nextPage = await members(`consent=email&limit=1&cursor=${firstPage.body.nextCursor}`);
    expect([firstPage.body.items[0].customer_id, nextPage.body.items[0].customer_id]).toEqual([1, 5]);
    expect((await members('consent=sms')).body.items).toEqual([]);
    // WhatsApp as SMS: only a recorded yes, and each member says their answer
    await sql`update customer set consent_whatsapp = case customer_id when 2 then true when 4 then false else null end`.execute(context.store.db);
    const onWhatsapp = await members('consent=whatsapp&limit=100');
    expect(onWhatsapp.status).toBe(200);
    expect(onWhatsapp.body.items.map((member) => [member.customer_id, member.consent_whatsapp])).toEqual([[2, true]]);
    expect((await members('limit=100')).body.items.map((member) => member.consent_whatsapp)).toEqual([null, true, false, null, null]);
    await sql`update customer set consent_whatsapp = null`.execute(context.store.db);
    const anonymous = await app.inject({ method: 'GET', url: `/api/segments/${segmentId}/members?consent=email` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('refuses a consent it does not know, naming the parameter and the kinds', async () => {
    const refused = await members('consent=fax');
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toMatch(/consent/);
    expect(refused.body.error?.message).toMatch(/email/);
  });

  it('gives each member the predictions and persona a campaign tool syncs, empty where there are none', async () => {
    const items = (await members('limit=100')).body.items;
    const byId = new Map(items.map((member) => [member.customer_id, member]));
    expect(byId.get(1)).toMatchObject({ clv_minor: 250000, p_alive: 0.8, churn_risk: 'low', persona: 'Office buyers' });
    // no consent to profiling: no persona named, whatever the old assignment says
    expect(byId.get(4)).toMatchObject({ clv_minor: null, p_alive: null, churn_risk: null, persona: null });
  });
});
