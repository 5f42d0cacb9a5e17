import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { registerPersonaRoutes } from './personas.routes.js';

const asOf = new Date('2026-06-01T00:00:00Z');

describeEachStore('personas over HTTP', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let analyst: TestSession;

  beforeAll(async () => {
    await plantPopulation(context.store.db, { customers: 400, seed: 8, asOf });
    app = await buildRoutesTestApp(context.store, fixedClock(asOf), [registerPersonaRoutes]);
    marketer = await signInAs(context.store, 'marketer');
    analyst = await signInAs(context.store, 'analyst');
  }, 60_000);
  afterAll(async () => app?.close());

  it('lists no personas before the first discovery, then discovers, lists, renames and pins', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/personas', headers: analyst.readHeaders });
    expect(before.statusCode).toBe(200);
    // the store has enough buyers, counted no further than the minimum
    expect(before.json()).toEqual({ model: null, personas: [], discovery: { minimumBuyers: 24, buyers: 24 } });
    expect((await app.inject({ method: 'POST', url: '/api/personas/discover', headers: analyst.headers, payload: { k: 5 } })).statusCode).toBe(403);
    const discovered = await app.inject({ method: 'POST', url: '/api/personas/discover', headers: marketer.headers, payload: { k: 5, seed: 1 } });
    expect(discovered.statusCode).toBe(200);
    const personaId = discovered.json().personas[0].personaId;
    const patched = await app.inject({ method: 'PATCH', url: `/api/personas/${personaId}`, headers: marketer.headers, payload: { name: 'Main street', isPinned: true } });
    expect(patched.json()).toMatchObject({ name: 'Main street', isPinned: true });
    expect((await app.inject({ method: 'PATCH', url: `/api/personas/${personaId}`, headers: analyst.headers, payload: { name: 'x' } })).statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: '/api/personas', headers: analyst.readHeaders });
    expect(listed.json().personas).toHaveLength(5);
    expect(listed.json().discovery).toEqual({ minimumBuyers: 24, buyers: 24 });
    expect((await app.inject({ method: 'GET', url: '/api/personas/424242', headers: analyst.readHeaders })).statusCode).toBe(404);
  }, 120_000);

  it('answers drift for readers and refuses strangers', async () => {
    const payload = { group: { kind: 'all' }, before: { from: '2025-01-01', to: '2025-07-01' }, after: { from: '2026-01-01', to: '2026-06-01' } };
    const drift = await app.inject({ method: 'POST', url: '/api/drift', headers: analyst.headers, payload });
    expect(drift.statusCode).toBe(200);
    expect(drift.json().attributes.map((attribute: { attribute: string }) => attribute.attribute)).toContain('channel');
    expect((await app.inject({ method: 'POST', url: '/api/drift', payload })).statusCode).toBe(401);
    const bad = await app.inject({ method: 'POST', url: '/api/drift', headers: analyst.headers, payload: { ...payload, group: { kind: 'team' } } });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses period days that do not exist instead of rolling them over', async () => {
    const send = (before: object) => app.inject({ method: 'POST', url: '/api/drift', headers: analyst.headers, payload: { before, after: { from: '2026-01-01', to: '2026-06-01' } } });
    for (const [before, field] of [[{ from: '2026-02-30', to: '2026-03-31' }, 'before.from'], [{ from: '2025-01-01', to: '2025-13-01T00:00:00Z' }, 'before.to'], [{ from: '2025-01-01', to: 'soon' }, 'before.to']] as const) {
      const response = await send(before);
      expect(response.statusCode, JSON.stringify(before)).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'REQUEST_INVALID', field });
    }
    expect((await send({ from: '2024-02-29', to: '2025-06-30T12:00:00+07:00' })).statusCode).toBe(200);
  });
});

describeEachStore('personas over HTTP on a store with few buyers', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;

  beforeAll(async () => {
    await seedSmallStore(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerPersonaRoutes]);
    marketer = await signInAs(context.store, 'marketer');
  }, 60_000);
  afterAll(async () => app?.close());

  it('says before any discovery that the store has too few buyers, and the discovery is still refused', async () => {
    const listed = await app.inject({ method: 'GET', url: '/api/personas', headers: marketer.readHeaders });
    expect(listed.statusCode).toBe(200);
    // four customers with a paid order; the merged duplicate and those who never bought do not count
    expect(listed.json()).toEqual({ model: null, personas: [], discovery: { minimumBuyers: 24, buyers: 4 } });
    const refused = await app.inject({ method: 'POST', url: '/api/personas/discover', headers: marketer.headers, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'PERSONA_TOO_FEW_CUSTOMERS', message: 'Persona discovery needs at least 24 buyers; this store has 4.' });
  });
});
