import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { plantPopulation, plantedTruth } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { assignPersonas } from './assign.service.js';
import { adjustedRandIndex } from './cluster-quality.js';
import { discoverPersonas, type Discovery } from './discover.service.js';
import { getPersona, listPersonas, pinPersona, renamePersona } from './personas.service.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

describeEachStore('persona discovery', (context) => {
  const db = () => context.store.db;
  let discovery: Discovery;
  const assignments = async () => (await sql<{ customer_id: number; persona_id: number }>`select customer_id, persona_id from customer_persona order by customer_id`.execute(db())).rows
    .map((row) => ({ customerId: Number(row.customer_id), personaId: Number(row.persona_id) }));

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 2500, seed: 11, asOf, consentProfiling: true });
    discovery = await discoverPersonas(db(), { clock, seed: 3, sampleSize: 1500, silhouetteSample: 800 });
  }, 120_000);

  it('recovers the planted groups (adjusted Rand index ≥ 0.8) and picks their number by silhouette', async () => {
    expect(discovery.k).toBe(5);
    expect(discovery.candidates.map((candidate) => candidate.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const truth = await plantedTruth(db());
    const rows = await assignments();
    expect(rows).toHaveLength(2500);
    const ari = adjustedRandIndex(rows.map((row) => truth.get(row.customerId)!), rows.map((row) => row.personaId));
    expect(ari).toBeGreaterThanOrEqual(0.8);
  });

  it('names personas by what sets them apart and profiles them', async () => {
    const names = discovery.personas.map((persona) => persona.generatedName);
    expect(names.some((name) => name.includes('business') && name.includes('sandwich'))).toBe(true);
    expect(names.some((name) => name.includes('marketplace') && name.includes('tea'))).toBe(true);
    expect(names.some((name) => name.includes('affluent') && name.includes('beans'))).toBe(true);
    const office = discovery.personas.find((persona) => persona.generatedName.includes('business'))!;
    expect(office.profile.share).toBeGreaterThan(0.03);
    expect(office.profile.revenueShare).toBeGreaterThan(office.profile.share);
    expect(office.profile.age.knownShare).toBe(0);
    expect(office.profile.channels.map((channel) => channel.label).sort()).toEqual(['phone', 'web']);
    const young = discovery.personas.find((persona) => persona.generatedName.includes('young') && persona.generatedName.includes('mobile'))!;
    expect(young.profile.age.median).toBeLessThan(33);
    expect(young.profile.topCities[0].label).toBe('Jakarta');
    expect(young.profile.categories.map((category) => category.label)).toContain('coffee');
    const shares = discovery.personas.reduce((sum, persona) => sum + persona.profile.share, 0);
    expect(shares).toBeCloseTo(1, 6);
  });

  it('keeps a pinned persona with its name across rediscovery and retires the rest', async () => {
    const office = discovery.personas.find((persona) => persona.generatedName.includes('business'))!;
    await renamePersona(db(), office.personaId, { name: 'Office catering', description: 'Companies ordering lunch for staff' });
    await pinPersona(db(), office.personaId, true);
    const again = await discoverPersonas(db(), { clock, seed: 99, sampleSize: 1200, silhouetteSample: 600 });
    const kept = again.personas.find((persona) => persona.personaId === office.personaId);
    expect(kept).toMatchObject({ name: 'Office catering', isPinned: true });
    expect(kept!.profile.size).toBeGreaterThan(office.profile.size * 0.9);
    expect(again.personas.filter((persona) => persona.isPinned)).toHaveLength(1);
    const others = discovery.personas.filter((persona) => persona.personaId !== office.personaId);
    expect((await getPersona(db(), others[0].personaId)).isRetired).toBe(true);
    const listed = await listPersonas(db());
    expect(listed.model.model_id).toBe(again.modelId);
    expect(listed.personas.find((persona) => persona.personaId === office.personaId)?.description).toBe('Companies ordering lunch for staff');
  }, 120_000);

  it('lets a pinned persona nobody renamed take its new generated name, so it never reads as a given one', async () => {
    const current = await listPersonas(db());
    const unnamed = current.personas.find((persona) => !persona.isPinned)!;
    await pinPersona(db(), unnamed.personaId, true);
    // named by an earlier discovery, and never renamed
    await sql`update persona set name = 'stale generated name', generated_name = 'stale generated name' where persona_id = ${unnamed.personaId}`.execute(db());
    const again = await discoverPersonas(db(), { clock, seed: 5, sampleSize: 1200, silhouetteSample: 600 });
    const kept = again.personas.find((persona) => persona.personaId === unnamed.personaId)!;
    expect(kept.generatedName).not.toBe('stale generated name');
    expect(kept.name).toBe(kept.generatedName);
    expect(again.personas.find((persona) => persona.name === 'Office catering')).toBeDefined();
  }, 120_000);

  it('reassigns changed customers incrementally to what a full assignment gives', async () => {
    const full = await assignments();
    // forty customers start buying like offices do
    const changed = full.slice(0, 40).map((row) => row.customerId);
    await sql`update customer set kind = 'organization', birth_year = null, income_band = null where customer_id = any(${changed}::bigint[])`.execute(db());
    await sql`update customer_trait set phone_order_count = order_count, store_order_count = 0, web_order_count = 0, mobile_order_count = 0, marketplace_order_count = 0,
      revenue_minor = order_count * 900000 where customer_id = any(${changed}::bigint[])`.execute(db());
    await sql`delete from customer_category where customer_id = any(${changed}::bigint[])`.execute(db());
    await sql`insert into customer_category (customer_id, category, line_count, quantity, amount_minor)
      select customer_id, 'sandwich', order_count, order_count, revenue_minor from customer_trait where customer_id = any(${changed}::bigint[])`.execute(db());
    await sql`update customer set merged_into_customer_id = 1 where customer_id = ${full[50].customerId}`.execute(db());
    await assignPersonas(db(), [...changed, full[50].customerId], { asOf });
    const incremental = await assignments();
    await assignPersonas(db(), undefined, { asOf });
    expect(await assignments()).toEqual(incremental);
    expect(incremental.find((row) => row.customerId === full[50].customerId)).toBeUndefined();
    const office = (await listPersonas(db())).personas.find((persona) => persona.name === 'Office catering')!;
    const moved = incremental.filter((row) => changed.includes(row.customerId) && row.personaId === office.personaId);
    expect(moved.length).toBeGreaterThanOrEqual(36);
  }, 60_000);

  it('reports each persona\'s size as its members now, after orders placed a new buyer in one and a merge took one away', async () => {
    const sizes = async () => new Map((await listPersonas(db())).personas.map((persona) => [persona.personaId, persona.profile]));
    const before = await sizes();
    // a new buyer, shaped like an office, arrives with their first orders (as the ingest path places them)
    await sql`insert into customer (customer_id, kind, name, city, country, consent_profiling) values (90001, 'organization', 'PT Kantor Baru', 'Jakarta', 'ID', true)`.execute(db());
    await sql`insert into customer_trait (customer_id, first_purchase_at, last_purchase_at, purchase_days, order_count, revenue_minor, phone_order_count)
      values (90001, '2026-01-05T03:00:00Z', '2026-05-20T03:00:00Z', 8, 8, 7200000, 8)`.execute(db());
    await sql`insert into customer_category (customer_id, category, line_count, quantity, amount_minor) values (90001, 'sandwich', 8, 8, 7200000)`.execute(db());
    const leaving = (await assignments()).find((row) => row.customerId !== 90001)!;
    await sql`update customer set merged_into_customer_id = 90001 where customer_id = ${leaving.customerId}`.execute(db());
    await assignPersonas(db(), [90001, leaving.customerId], { asOf, skipProfiles: true });

    const counted = new Map<number, number>();
    for (const row of await assignments()) counted.set(row.personaId, (counted.get(row.personaId) ?? 0) + 1);
    const after = await sizes();
    const joined = (await assignments()).find((row) => row.customerId === 90001)!.personaId;
    expect(after.get(joined)!.size).toBe(before.get(joined)!.size + (joined === leaving.personaId ? 0 : 1));
    for (const [personaId, profile] of after) {
      expect(profile.size, `persona #${personaId}`).toBe(counted.get(personaId) ?? 0);
      expect(profile.share).toBeCloseTo((counted.get(personaId) ?? 0) / [...counted.values()].reduce((sum, count) => sum + count, 0), 12);
      expect((await getPersona(db(), personaId)).profile.size).toBe(profile.size);
    }
  }, 60_000);
});
