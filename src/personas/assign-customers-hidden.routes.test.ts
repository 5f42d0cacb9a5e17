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

// A `write` key may place customers at personas but not read customers: which ids were placed, and why
// the others were not, would tell whether any customer exists, was merged, bought or agreed to profiling.
describeEachStore('persona assignment answers who was placed only to callers who may read customers', (context) => {
  let app: FastifyInstance;
  let writeOnly: AuthHeaders;
  let writeAndRead: AuthHeaders;
  let marketer: AuthHeaders;
  let buyerId: number;
  let refusedId: number;
  let leadId: number;
  const missingId = 999_999;

  const assign = (customerIds: number[] | undefined, headers: AuthHeaders) =>
    app.inject({ method: 'POST', url: '/api/personas/assign', headers, payload: customerIds ? { customerIds } : {} });
  const personaOf = async (customerId: number) =>
    (await sql<{ persona_id: number }>`select persona_id from customer_persona where customer_id = ${customerId}`.execute(context.store.db)).rows.length;

  beforeAll(async () => {
    await plantPopulation(context.store.db, { customers: 400, seed: 8, asOf, consentProfiling: true });
    app = await buildRoutesTestApp(context.store, fixedClock(asOf), [registerPersonaRoutes]);
    writeOnly = (await createTestApiKey(context.store, ['write'], 'assign-write')).headers;
    writeAndRead = (await createTestApiKey(context.store, ['write', 'read'], 'assign-write-read')).headers;
    marketer = (await signInAs(context.store, 'marketer')).headers;
    expect((await app.inject({ method: 'POST', url: '/api/personas/discover', headers: marketer, payload: { k: 3, seed: 1 } })).statusCode).toBe(200);
    const buyers = await sql<{ customer_id: string }>`
      select c.customer_id from customer c join customer_trait t using (customer_id)
      where t.order_count > 0 and c.consent_profiling and c.merged_into_customer_id is null order by c.customer_id limit 2`.execute(context.store.db);
    [buyerId, refusedId] = buyers.rows.map((row) => Number(row.customer_id));
    await sql`update customer set consent_profiling = false where customer_id = ${refusedId}`.execute(context.store.db);
    const lead = await sql<{ customer_id: string }>`insert into customer (customer_id, kind, name, consent_profiling) select max(customer_id) + 1, 'person', 'Only looked', true from customer returning customer_id`.execute(context.store.db);
    leadId = Number(lead.rows[0].customer_id);
  }, 120_000);
  afterAll(async () => app?.close());

  it('places a customer for a write key and answers every id alike, without counts or reasons', async () => {
    await sql`delete from customer_persona where customer_id = ${buyerId}`.execute(context.store.db);
    const answers = [];
    for (const customerIds of [[buyerId], [refusedId], [leadId], [missingId], [buyerId, leadId, missingId], undefined]) {
      const response = await assign(customerIds, writeOnly);
      expect(response.statusCode).toBe(200);
      answers.push(response.json());
    }
    for (const answer of answers) expect(answer).toEqual({ assigned: null, seconds: expect.any(Number), hasPersonas: true });
    // the write happened
    expect(await personaOf(buyerId)).toBe(1);
  });

  it('still says who was placed, and why not, to staff and to a key that may also read', async () => {
    for (const headers of [marketer, writeAndRead]) {
      const response = await assign([buyerId, refusedId, leadId, missingId], headers);
      expect(response.json()).toMatchObject({
        assigned: 1, hasPersonas: true,
        notAssigned: [
          { customerId: refusedId, reason: 'noProfilingConsent' },
          { customerId: leadId, reason: 'notBuyer' },
          { customerId: missingId, reason: 'notFound' },
        ],
      });
      expect((await assign(undefined, headers)).json().assigned).toBeGreaterThan(0);
    }
  });
});
