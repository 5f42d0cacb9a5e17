import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type AuthHeaders } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { registerPersonaRoutes } from './personas.routes.js';

const asOf = new Date('2026-06-01T00:00:00Z');

// A `write` key may discover and edit personas but not read analytics or customers: a discovery's counts and
// a persona's profile, re-read after one customer's consent changed, would tell about that customer.
describeEachStore('persona writes answer figures only to callers who may read them', (context) => {
  let app: FastifyInstance;
  let writeOnly: AuthHeaders;
  let writeAndRead: AuthHeaders;
  let marketer: AuthHeaders;

  const discover = (headers: AuthHeaders) => app.inject({ method: 'POST', url: '/api/personas/discover', headers, payload: { k: 3, seed: 1 } });
  const patch = (personaId: number, headers: AuthHeaders) =>
    app.inject({ method: 'PATCH', url: `/api/personas/${personaId}`, headers, payload: { description: 'Edited by a test' } });

  beforeAll(async () => {
    await plantPopulation(context.store.db, { customers: 400, seed: 8, asOf, consentProfiling: true });
    app = await buildRoutesTestApp(context.store, fixedClock(asOf), [registerPersonaRoutes]);
    writeOnly = (await createTestApiKey(context.store, ['write'], 'persona-write')).headers;
    writeAndRead = (await createTestApiKey(context.store, ['write', 'read'], 'persona-write-read')).headers;
    marketer = (await signInAs(context.store, 'marketer')).headers;
  }, 120_000);
  afterAll(async () => app?.close());

  it('discovers and edits for a write key, answering the personas without counts or profiles', async () => {
    const discovered = await discover(writeOnly);
    expect(discovered.statusCode).toBe(200);
    const body = discovered.json();
    expect(Object.keys(body).sort()).toEqual(['k', 'modelId', 'personas', 'population', 'sampleSize', 'segments', 'segmentsAdvice', 'withoutConsent']);
    expect(body).toMatchObject({ modelId: expect.any(Number), k: 3, population: null, withoutConsent: null, sampleSize: null });
    expect(body.personas).toHaveLength(3);
    for (const persona of body.personas) expect(Object.keys(persona).sort()).toEqual(['isPinned', 'name', 'personaId']);
    const ids = body.personas.map((persona: { personaId: number }) => persona.personaId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    const edited = await patch(ids[0], writeOnly);
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ personaId: ids[0], description: 'Edited by a test', profile: null });
    // the writes happened
    const stored = await sql<{ description: string }>`select description from persona where persona_id = ${ids[0]}`.execute(context.store.db);
    expect(stored.rows[0].description).toBe('Edited by a test');
  });

  it('still answers the figures to staff and to a key that may also read', async () => {
    for (const headers of [marketer, writeAndRead]) {
      const discovered = (await discover(headers)).json();
      expect(discovered).toMatchObject({ population: expect.any(Number), withoutConsent: expect.any(Number), sampleSize: expect.any(Number) });
      expect(discovered.population).toBeGreaterThan(0);
      const edited = (await patch(discovered.personas[0].personaId, headers)).json();
      expect(edited.profile).toMatchObject({ size: expect.any(Number), share: expect.any(Number), revenueShare: expect.any(Number) });
    }
  });
});
