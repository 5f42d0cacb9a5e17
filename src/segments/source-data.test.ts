import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { registerSegmentRoutes } from './segments.routes.js';

// a migrated store always has the columns of types, RFM and predictions; before `analyze` or a
// prediction run they are empty, and a condition on them said "0 of N" instead of what is missing
describeEachStore('conditions on types, RFM and predictions before their data exists', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;

  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    // the state of a store before its first analysis and prediction run
    await sql`delete from customer_rfm_score`.execute(context.store.db);
    await sql`delete from customer_type`.execute(context.store.db);
    await sql`delete from analysis_run`.execute(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes]);
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const preview = async (filter: unknown) => app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter } });
  const availability = async () => {
    const fields = await app.inject({ method: 'GET', url: '/api/segments/fields', headers: analyst.headers });
    return Object.fromEntries(fields.json().items.map((field: { name: string; isAvailable: boolean }) => [field.name, field.isAvailable]));
  };

  it('refuses them with SEGMENT_SOURCE_MISSING naming how to get the data, and lists them as unavailable', async () => {
    const types = await preview({ field: 'customer_types', op: 'contains', value: 'vip' });
    expect(types.json().error).toMatchObject({ code: 'SEGMENT_SOURCE_MISSING', field: 'customer_types', details: { source: 'type' } });
    expect(types.json().error.message).toContain('clientele analyze');
    const rfm = await preview({ field: 'rfm_segment', op: 'eq', value: 'Champions' });
    expect(rfm.json().error).toMatchObject({ code: 'SEGMENT_SOURCE_MISSING', details: { source: 'rfm' } });
    const alive = await preview({ field: 'p_alive', op: 'gt', value: 0.5 });
    expect(alive.json().error).toMatchObject({ code: 'SEGMENT_SOURCE_MISSING', field: 'p_alive', details: { source: 'prediction' } });
    expect(alive.json().error.message).toContain('clientele models predict');
    // a condition under `not` is no different: it would match everyone for the same missing reason
    expect((await preview({ not: { field: 'p_alive', op: 'gt', value: 0.5 } })).json().error.code).toBe('SEGMENT_SOURCE_MISSING');
    expect(await availability()).toMatchObject({ customer_types: false, rfm_segment: false, p_alive: false, clv_minor: false, city: true, order_count: true });
  });

  it('accepts them once an analysis and a prediction run have filled them', async () => {
    const db = context.store.db;
    await sql`
      insert into analysis_run (as_of, as_of_day, policy, real_customer_count, rfm_scored, counts, started_at, finished_at)
      values ('2026-06-01T00:00:00Z', '2026-06-01', '{}', 2, 0, '{}', '2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')`.execute(db);
    const fit = await db.insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: '2026-05-31', params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 2,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    await db.insertInto('customer_prediction').values({
      customer_id: 1, model_fit_id: Number(fit.model_fit_id), p_alive: 0.9, expected_purchases_90d: 1, clv_minor: 1000, clv_horizon_days: 365, churn_risk: 'low', as_of: '2026-06-01',
    }).execute();
    expect((await preview({ field: 'customer_types', op: 'contains', value: 'vip' })).json()).toMatchObject({ count: 0 });
    expect((await preview({ field: 'p_alive', op: 'gt', value: 0.5 })).json()).toMatchObject({ count: 1 });
    expect(await availability()).toMatchObject({ customer_types: true, rfm_segment: true, p_alive: true });
  });
});
