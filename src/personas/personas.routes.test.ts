import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { createTestApiKey, signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildRoutesTestApp } from '../../test/fixtures/segments/test-app.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { fixedClock } from '../core/clock.js';
import { encodeCursor } from '../core/cursor.js';
import { registerCustomerRoutes } from '../customers/customers.routes.js';
import { registerPersonaRoutes } from './personas.routes.js';

const asOf = new Date('2026-06-01T00:00:00Z');

describeEachStore('personas over HTTP', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let analyst: TestSession;

  beforeAll(async () => {
    await plantPopulation(context.store.db, { customers: 400, seed: 8, asOf, consentProfiling: true });
    app = await buildRoutesTestApp(context.store, fixedClock(asOf), [registerPersonaRoutes, registerCustomerRoutes]);
    marketer = await signInAs(context.store, 'marketer');
    analyst = await signInAs(context.store, 'analyst');
  }, 60_000);
  afterAll(async () => app?.close());

  it('lists no personas before the first discovery, then discovers, lists, renames and pins', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/personas', headers: analyst.readHeaders });
    expect(before.statusCode).toBe(200);
    // the store has enough buyers, counted no further than the minimum
    expect(before.json()).toEqual({ model: null, personas: [], discovery: { minimumBuyers: 24, buyers: 24, withoutConsent: 0 } });
    expect((await app.inject({ method: 'POST', url: '/api/personas/discover', headers: analyst.headers, payload: { k: 5 } })).statusCode).toBe(403);
    const discovered = await app.inject({ method: 'POST', url: '/api/personas/discover', headers: marketer.headers, payload: { k: 5, seed: 1 } });
    expect(discovered.statusCode).toBe(200);
    const personaId = discovered.json().personas[0].personaId;
    const patched = await app.inject({ method: 'PATCH', url: `/api/personas/${personaId}`, headers: marketer.headers, payload: { name: 'Main street', isPinned: true } });
    expect(patched.json()).toMatchObject({ name: 'Main street', isPinned: true });
    expect((await app.inject({ method: 'PATCH', url: `/api/personas/${personaId}`, headers: analyst.headers, payload: { name: 'x' } })).statusCode).toBe(403);
    const listed = await app.inject({ method: 'GET', url: '/api/personas', headers: analyst.readHeaders });
    expect(listed.json().personas).toHaveLength(5);
    expect(listed.json().discovery).toEqual({ minimumBuyers: 24, buyers: 24, withoutConsent: 0 });
    // every field the profile holds is answered (an undocumented one would be left out of the answer)
    const profileFields = ['age', 'averageOrders', 'averageRevenueMinor', 'categories', 'channels', 'customerTypes', 'household', 'incomes', 'revenueShare', 'share', 'size', 'topCities', 'traits', 'typicalIncome'];
    const shown = await app.inject({ method: 'GET', url: `/api/personas/${personaId}`, headers: analyst.readHeaders });
    for (const profile of [discovered.json().personas[0].profile, listed.json().personas[0].profile, shown.json().profile]) expect(Object.keys(profile).sort()).toEqual(profileFields);
    expect(listed.json().personas[0].profile).toMatchObject({ age: { knownShare: expect.any(Number) }, traits: expect.arrayContaining([expect.objectContaining({ word: expect.any(String), difference: expect.any(Number) })]) });
    const tried = { k: 5, silhouette: expect.any(Number), inertia: expect.any(Number) };
    expect(listed.json().model.candidates).toEqual([tried]);
    expect(discovered.json()).toMatchObject({ silhouette: expect.any(Number), candidates: [tried], seconds: { fit: expect.any(Number), assign: expect.any(Number), total: expect.any(Number) } });
    expect(discovered.json().personas[0].generatedName).toEqual(expect.any(String));
    expect((await app.inject({ method: 'GET', url: '/api/personas/424242', headers: analyst.readHeaders })).statusCode).toBe(404);
  }, 120_000);

  it('refuses to give a persona the name another persona of the same discovery has, whatever its case', async () => {
    const { personas } = (await app.inject({ method: 'GET', url: '/api/personas', headers: analyst.readHeaders })).json() as { personas: Array<{ personaId: number; name: string }> };
    const named = personas.find((persona) => persona.name === 'Main street')!;
    const other = personas.find((persona) => persona.personaId !== named.personaId)!;
    const taken = await app.inject({ method: 'PATCH', url: `/api/personas/${other.personaId}`, headers: marketer.headers, payload: { name: '  MAIN street ', description: 'Shops' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({
      code: 'PERSONA_NAME_EXISTS', field: 'name', details: { personaId: named.personaId },
      message: `Persona #${named.personaId} of the same discovery is already called "Main street" (names are compared ignoring case): choose another name.`,
    });
    // nothing of the refused change is kept
    expect((await app.inject({ method: 'GET', url: `/api/personas/${other.personaId}`, headers: analyst.readHeaders })).json()).toMatchObject({ name: other.name, description: null });
    // a persona may change the case of its own name, and another may take a name nobody has
    expect((await app.inject({ method: 'PATCH', url: `/api/personas/${named.personaId}`, headers: marketer.headers, payload: { name: 'MAIN STREET' } })).json()).toMatchObject({ name: 'MAIN STREET' });
    expect((await app.inject({ method: 'PATCH', url: `/api/personas/${other.personaId}`, headers: marketer.headers, payload: { name: 'Side street' } })).statusCode).toBe(200);
  });

  it('pages through the members of a persona for a campaign, and says on a customer which persona they belong to', async () => {
    const { personas } = (await app.inject({ method: 'GET', url: '/api/personas', headers: analyst.readHeaders })).json() as { personas: Array<{ personaId: number; name: string; profile: { size: number } }> };
    const persona = personas[0];
    const stored = (await sql<{ customer_id: number }>`select customer_id from customer_persona where persona_id = ${persona.personaId} order by customer_id`.execute(context.store.db)).rows.map((row) => Number(row.customer_id));
    expect(stored.length).toBe(persona.profile.size);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await app.inject({ method: 'GET', url: `/api/personas/${persona.personaId}/members?limit=25${cursor ? `&cursor=${cursor}` : ''}`, headers: analyst.readHeaders });
      expect(response.statusCode).toBe(200);
      const page = response.json() as { items: Array<{ customer_id: number; email: string; consent_profiling: boolean; assigned_at: string; order_count: number }>; next: number | null; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(25);
      for (const item of page.items) expect(item).toMatchObject({ consent_profiling: true, assigned_at: asOf.toISOString(), email: expect.stringMatching(/@planted\.test$/) });
      seen.push(...page.items.map((item) => item.customer_id));
      expect(page.nextCursor === null).toBe(page.next === null);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBeGreaterThan(1);
    expect(seen).toEqual(stored);
    // `after` pages as the cursor does
    const afterFirst = await app.inject({ method: 'GET', url: `/api/personas/${persona.personaId}/members?limit=2&after=${stored[0]}`, headers: analyst.readHeaders });
    expect(afterFirst.json().items.map((item: { customer_id: number }) => item.customer_id)).toEqual(stored.slice(1, 3));
    // both, even naming different places: refused rather than one silently winning
    for (const query of [`after=${stored[0]}&cursor=${stored[5]}`, `after=${stored[0]}&cursor=${stored[0]}`]) {
      const both = await app.inject({ method: 'GET', url: `/api/personas/${persona.personaId}/members?limit=2&${query}`, headers: analyst.readHeaders });
      expect(both.statusCode).toBe(400);
      expect(both.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'cursor', message: expect.stringContaining('not both') });
    }

    const member = await app.inject({ method: 'GET', url: `/api/customers/${stored[0]}`, headers: analyst.readHeaders });
    expect(member.statusCode).toBe(200);
    expect(member.json().persona).toEqual({ persona_id: persona.personaId, name: persona.name });
    // a customer who never bought has no persona
    await sql`insert into customer (customer_id, kind, name, consent_profiling) values (90001, 'person', 'Lead', true)`.execute(context.store.db);
    expect((await app.inject({ method: 'GET', url: '/api/customers/90001', headers: analyst.readHeaders })).json().persona).toBeNull();
  });

  it('says why customers asked for by id were not placed', async () => {
    const buyer = await sql<{ customer_id: string }>`
      select c.customer_id from customer c join customer_trait t using (customer_id)
      where t.order_count > 0 and c.consent_profiling and c.merged_into_customer_id is null order by c.customer_id limit 1`.execute(context.store.db);
    const buyerId = Number(buyer.rows[0].customer_id);
    const lead = await sql<{ customer_id: string }>`insert into customer (customer_id, kind, name, consent_profiling) select max(customer_id) + 1, 'person', 'Only looked', true from customer returning customer_id`.execute(context.store.db);
    const leadId = Number(lead.rows[0].customer_id);
    const response = await app.inject({ method: 'POST', url: '/api/personas/assign', headers: marketer.headers, payload: { customerIds: [buyerId, leadId, 999_999] } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      assigned: 1, hasPersonas: true,
      notAssigned: [
        { customerId: leadId, reason: 'notBuyer', message: `customer ${leadId} has no paid order: personas describe buyers` },
        { customerId: 999_999, reason: 'notFound', message: 'customer 999999 does not exist' },
      ],
    });
    // everyone: no list of ids, so no list of those left out
    const everyone = (await app.inject({ method: 'POST', url: '/api/personas/assign', headers: marketer.headers, payload: {} })).json();
    expect(everyone.hasPersonas).toBe(true);
    expect(everyone).not.toHaveProperty('notAssigned');
  }, 120_000);

  it('refuses the members of a persona that does not exist, and to callers without analytics:read', async () => {
    const missing = await app.inject({ method: 'GET', url: '/api/personas/424242/members', headers: analyst.readHeaders });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('PERSONA_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: '/api/personas/1/members' })).statusCode).toBe(401);
    const ingestOnly = await createTestApiKey(context.store, ['ingest']);
    const forbidden = await app.inject({ method: 'GET', url: '/api/personas/1/members', headers: ingestOnly.headers });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('AUTH_FORBIDDEN');
    // only a cursor this persona's members list gave out: not a bare customer id (that is `after`), nor another persona's
    for (const cursor of ['abc', '5', '99999999999', encodeCursor(null, 5, 'persona-members:2'), encodeCursor(null, 5, 'segment-members:1')]) {
      const badCursor = await app.inject({ method: 'GET', url: `/api/personas/1/members?cursor=${cursor}`, headers: analyst.readHeaders });
      expect({ cursor, status: badCursor.statusCode, code: badCursor.json().error?.code }).toEqual({ cursor, status: 400, code: 'PAGINATION_CURSOR_INVALID' });
    }
  });

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
    // two buyers agreed to profiling, one refused and one was never asked; a lead and the merged duplicate agreed, but count for nothing
    await sql`update customer set consent_profiling = case when customer_id in (1, 4, 3, 7) then true when customer_id = 2 then false end`.execute(context.store.db);
    app = await buildRoutesTestApp(context.store, fixedClock(smallStoreAsOf), [registerPersonaRoutes]);
    marketer = await signInAs(context.store, 'marketer');
  }, 60_000);
  afterAll(async () => app?.close());

  it('says before any discovery that the store has too few buyers, and the discovery is still refused', async () => {
    const listed = await app.inject({ method: 'GET', url: '/api/personas', headers: marketer.readHeaders });
    expect(listed.statusCode).toBe(200);
    // four customers with a paid order, two of whom agreed to profiling; the merged duplicate and those who never bought do not count
    expect(listed.json()).toEqual({ model: null, personas: [], discovery: { minimumBuyers: 24, buyers: 2, withoutConsent: 2 } });
    const refused = await app.inject({ method: 'POST', url: '/api/personas/discover', headers: marketer.headers, payload: {} });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({
      code: 'PERSONA_TOO_FEW_CUSTOMERS', message: 'Persona discovery needs at least 24 buyers who agreed to profiling; this store has 2 (and 2 more who have not agreed to profiling). Only buyers whose consent_profiling is yes are placed in personas: even with the recorded consent of all 2 buyers who have not agreed, it needs 20 more buyers who agree.',
    });
  });
});
