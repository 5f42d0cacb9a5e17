import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { registerSegmentRoutes } from './segments.routes.js';

describeEachStore('the persona field over HTTP', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let analyst: TestSession;
  const personaField = async () => (await app.inject({ method: 'GET', url: '/api/segments/fields', headers: analyst.readHeaders })).json()
    .items.find((field: { name: string }) => field.name === 'persona');
  const hunters = { field: 'persona', op: 'eq', value: 'bargain hunters' };

  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerSegmentRoutes]);
    marketer = await signInAs(context.store, 'marketer');
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('is not offered before personas are discovered, and a filter naming it says to discover them', async () => {
    expect(await personaField()).toEqual(expect.objectContaining({ type: 'text', source: 'persona', isAvailable: false }));
    expect(await personaField()).not.toHaveProperty('choices');
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Hunters', filter: hunters } });
    expect(created.json().error).toMatchObject({ code: 'PERSONA_MODEL_MISSING', field: 'persona', message: expect.stringContaining('clientele personas discover') });
  });

  it('offers the current persona names as choices, takes one in any case and refuses another name', async () => {
    const db = context.store.db;
    await sql`insert into persona_model (model_id, discovered_at, k, sample_size, population, feature_spec, candidates) values (1, ${smallStoreAsOf}, 2, 2, 2, '{}', '[]')`.execute(db);
    await sql`insert into persona (persona_id, model_id, name, generated_name, centroid, profile) values (1, 1, 'Bargain hunters', 'g1', '{0}', '{}'), (2, 1, 'Office buyers', 'g2', '{1}', '{}')`.execute(db);
    await sql`insert into customer_persona (customer_id, persona_id, distance, assigned_at) values (1, 1, 0, ${smallStoreAsOf}), (2, 2, 0, ${smallStoreAsOf})`.execute(db);
    expect(await personaField()).toMatchObject({ isAvailable: true, choices: ['Bargain hunters', 'Office buyers'] });
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: marketer.headers, payload: { name: 'Hunters', filter: hunters } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ segment: { filter: { value: 'Bargain hunters' } }, refresh: { members: 1 } });
    const unknown = await app.inject({ method: 'POST', url: '/api/segments/preview', headers: analyst.headers, payload: { filter: { ...hunters, value: 'Hunters' } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'SEGMENT_FILTER_INVALID', details: { problems: [{ path: 'filter.value', params: { allowed: ['Bargain hunters', 'Office buyers'] } }] } });
  });

  it('lists the field only to those who may read segments', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/segments/fields' })).statusCode).toBe(401);
  });
});
