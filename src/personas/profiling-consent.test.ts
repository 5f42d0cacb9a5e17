import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { updateCustomer } from '../customers/customers.service.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { discoverPersonas, type Discovery } from './discover.service.js';
import { findCustomerPersona } from './persona-members.repo.js';
import { loadRawSample } from './persona-features.repo.js';
import { findCurrentModel } from './personas.repo.js';
import { getPersona, listPersonaMembers, readDiscoveryReadiness } from './personas.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

// Profiling needs consent: a refusal (false) and "never asked" (null) both keep a buyer out of personas.
describeEachStore('personas and profiling consent', (context) => {
  const db = () => context.store.db;
  let discovery: Discovery;
  const idsWhere = async (condition: ReturnType<typeof sql>) => (await sql<{ customer_id: number }>`select customer_id from customer where ${condition} order by customer_id`.execute(db())).rows.map((row) => Number(row.customer_id));
  const assigned = async () => (await sql<{ customer_id: number }>`select customer_id from customer_persona order by customer_id`.execute(db())).rows.map((row) => Number(row.customer_id));

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 600, seed: 21, asOf, consentProfiling: true });
    // two buyers in five have not agreed: one refused, one was never asked; they all live in a town of their own,
    // so a discovery that looked at them would see the town
    await sql`update customer set consent_profiling = case customer_id % 5 when 0 then false when 1 then null else true end`.execute(db());
    await sql`update customer set city = 'Kota Tanpa Izin' where consent_profiling is not true`.execute(db());
    // planted with their own ids: customers the importer creates come after them
    await sql`select setval(pg_get_serial_sequence('customer', 'customer_id'), (select max(customer_id) from customer))`.execute(db());
    discovery = await discoverPersonas(db(), { clock, seed: 2, k: 3, silhouetteSample: 300 });
  }, 120_000);

  it('fits and assigns only buyers who agreed, and says how many were left out', async () => {
    const agreed = await idsWhere(sql`consent_profiling is true`);
    expect(agreed).toHaveLength(360);
    expect(discovery).toMatchObject({ population: 360, withoutConsent: 240, sampleSize: 360 });
    expect(await assigned()).toEqual(agreed);
    // neither the fitting sample nor the population statistics the features are scaled by hold anyone else
    const sample = await loadRawSample(db(), { hasHousehold: false, size: 10_000, seed: 2 });
    expect(sample.map((customer) => customer.customerId)).toEqual(agreed);
    expect(Object.keys((await findCurrentModel(db()))!.spec.context.cityCustomers)).not.toContain('Kota Tanpa Izin');
    for (const persona of discovery.personas) expect(persona.profile.topCities.map((city) => city.label)).not.toContain('Kota Tanpa Izin');
    expect(discovery.personas.reduce((sum, persona) => sum + persona.profile.size, 0)).toBe(360);
    expect(await readDiscoveryReadiness(db())).toEqual({ minimumBuyers: 24, buyers: 24, withoutConsent: 240 });
  });

  it('places a buyer whose orders arrive in a persona only when they agreed to profiling', async () => {
    await ingestRecords(db(), 'customers', [
      { email: 'agreed@example.com', name: 'Agreed', consent_profiling: 'yes' },
      { email: 'refused@example.com', name: 'Refused', consent_profiling: 'no' },
    ], { actor: 'test', clock });
    const order = (id: string, email: string) => ({ order_id: id, customer_email: email, ordered_at: '2026-05-20T10:00:00+07:00', channel: 'mobile', amount: '45000' });
    // the third has no customer record: known from the order alone, never asked
    await ingestRecords(db(), 'orders', [order('N1', 'agreed@example.com'), order('N2', 'refused@example.com'), order('N3', 'stranger@example.com')], { actor: 'test', clock });
    const customerOf = async (email: string) => (await idsWhere(sql`email = ${email}`))[0];
    const [agreed, refused, stranger] = [await customerOf('agreed@example.com'), await customerOf('refused@example.com'), await customerOf('stranger@example.com')];
    expect((await sql<{ n: number }>`select count(*)::int as n from customer_trait where order_count > 0 and customer_id = any(${[agreed, refused, stranger]}::bigint[])`.execute(db())).rows[0].n).toBe(3);
    const placed = await assigned();
    expect(placed).toContain(agreed);
    expect(placed).not.toContain(refused);
    expect(placed).not.toContain(stranger);
    expect(await findCustomerPersona(db(), stranger)).toBeNull();
  }, 60_000);

  it('leaves out a member who withdraws consent at once, and for good at their next assignment', async () => {
    const [withdrawing] = await idsWhere(sql`email = 'agreed@example.com'`);
    const persona = (await findCustomerPersona(db(), withdrawing))!;
    expect(persona).not.toBeNull();
    const size = (await getPersona(db(), persona.persona_id)).profile.size;
    const members = (await listPersonaMembers(db(), persona.persona_id, { limit: 1000 })).items.map((item) => item.customer_id);
    expect(members).toContain(withdrawing);
    await updateCustomer(db(), withdrawing, { consentProfiling: false });
    // before any reassignment: no longer counted, listed or shown
    expect((await getPersona(db(), persona.persona_id)).profile.size).toBe(size - 1);
    expect((await listPersonaMembers(db(), persona.persona_id, { limit: 1000 })).items.map((item) => item.customer_id)).toEqual(members.filter((id) => id !== withdrawing));
    expect(await findCustomerPersona(db(), withdrawing)).toBeNull();
    // the planted 240, the refusal and the stranger of the orders above, and now them
    expect((await readDiscoveryReadiness(db())).withoutConsent).toBe(243);
    // their next order reconsiders them: the stale assignment goes
    await ingestRecords(db(), 'orders', [{ order_id: 'W1', customer_email: 'agreed@example.com', ordered_at: '2026-05-21T10:00:00+07:00', channel: 'web', amount: '30000' }], { actor: 'test', clock });
    expect(await assigned()).not.toContain(withdrawing);
  }, 60_000);
});
