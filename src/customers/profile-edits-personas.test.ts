import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { assignPersonas, discoverPersonas } from '../personas/index.js';
import { buildApp } from '../server/app.js';
import { updateCustomer } from './customers.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

// The stored assignment, not a read that filters by consent: an export or a report must not find it either.
describeEachStore('persona assignment follows profile edits', (context) => {
  const db = () => context.store.db;
  let app: FastifyInstance;
  let admin: TestSession;
  const storedPersona = async (customerId: number) => (await db().selectFrom('customer_persona').select('persona_id')
    .where('customer_id', '=', customerId).executeTakeFirst())?.persona_id ?? null;
  /** The planted customer of a group (see planted-population.ts) with the lowest id. */
  const plantedOf = async (group: number) => Number((await sql<{ customer_id: number }>`
    select min(customer_id) as customer_id from customer where email like ${`g${group}.%@planted.test`}`.execute(db())).rows[0].customer_id);

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 300, seed: 5, asOf, consentProfiling: true });
    await sql`select setval(pg_get_serial_sequence('customer', 'customer_id'), (select max(customer_id) from customer))`.execute(db());
    await discoverPersonas(db(), { clock, seed: 3, k: 3, silhouetteSample: 300 });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
  }, 120_000);
  afterAll(async () => app?.close());

  it('removes the persona of a customer who withdraws consent to profiling at once, and places them again when they give it', async () => {
    const customerId = await plantedOf(0);
    const persona = await storedPersona(customerId);
    expect(persona).not.toBeNull();

    await updateCustomer(db(), customerId, { consentProfiling: false }, [], { clock });
    expect(await storedPersona(customerId)).toBeNull();
    await updateCustomer(db(), customerId, { consentProfiling: true }, [], { clock });
    expect(await storedPersona(customerId)).toBe(persona);
  });

  it('removes the persona when consent is withdrawn over HTTP', async () => {
    const customerId = await plantedOf(2);
    expect(await storedPersona(customerId)).not.toBeNull();
    const patched = await app.inject({ method: 'PATCH', url: `/api/customers/${customerId}`, headers: admin.headers, payload: { consentProfiling: false } });
    expect(patched.statusCode).toBe(200);
    expect(await storedPersona(customerId)).toBeNull();
  });

  it('moves a customer whose profile changed to the persona their new profile places them in', async () => {
    // an office caterer (an organization, no age or income) becomes a young person with a modest income in a small town
    const customerId = await plantedOf(1);
    const before = await storedPersona(customerId);
    expect(before).not.toBeNull();

    await updateCustomer(db(), customerId, { kind: 'person', birthYear: 2004, incomeBand: '<5M', city: 'Kediri' }, [], { clock });
    const after = await storedPersona(customerId);
    expect(after).not.toBe(before);
    // where a fresh assignment puts them
    await assignPersonas(db(), [customerId], { asOf, skipProfiles: true });
    expect(await storedPersona(customerId)).toBe(after);
  });

  it('leaves the assignment untouched when only an identity is added', async () => {
    const customerId = await plantedOf(4);
    const before = await db().selectFrom('customer_persona').select(['persona_id', 'assigned_at']).where('customer_id', '=', customerId).executeTakeFirstOrThrow();
    await updateCustomer(db(), customerId, {}, [{ kind: 'external', namespace: 'loyalty_card', value: 'LC-1' }], { clock: fixedClock('2026-07-01T00:00:00Z') });
    expect(await db().selectFrom('customer_persona').select(['persona_id', 'assigned_at']).where('customer_id', '=', customerId).executeTakeFirstOrThrow()).toEqual(before);
  });
});
