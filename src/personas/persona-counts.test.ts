import { sql, type RawBuilder } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { buyerCounts, countBuyers } from './persona-features.repo.js';
import { countPersonaMembers, personaMemberCounts } from './persona-members.repo.js';

const asOf = new Date('2026-06-01T00:00:00Z');

// GET /api/personas counts these on every call: they must not read every (wide) customer row.
describeEachStore('the counts GET /api/personas makes', (context) => {
  const db = () => context.store.db;
  let modelId: number;
  const planOf = (statement: RawBuilder<unknown>, settings: RawBuilder<unknown>[]) => db().transaction().execute(async (trx) => {
    for (const setting of settings) await setting.execute(trx);
    return (await sql<{ 'QUERY PLAN': string }>`explain ${statement}`.execute(trx)).rows.map((row) => row['QUERY PLAN']).join('\n');
  });
  const countOf = async (condition: RawBuilder<unknown>) => (await sql<{ n: number }>`select count(*)::int as n ${condition}`.execute(db())).rows[0].n;

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 5_000, seed: 8, asOf, consentProfiling: true });
    await sql`update customer set consent_profiling = case customer_id % 5 when 0 then false when 1 then null else true end`.execute(db());
    // and a few customers who are not buyers, and one merged away
    await sql`update customer_trait set order_count = 0 where customer_id % 50 = 3`.execute(db());
    await sql`update customer set merged_into_customer_id = 2 where customer_id = 7`.execute(db());
    modelId = Number((await sql<{ model_id: number }>`
      insert into persona_model (discovered_at, k, sample_size, population, feature_spec, candidates)
      values (${asOf}::timestamptz, 3, 100, 100, '{}'::jsonb, '[]'::jsonb) returning model_id`.execute(db())).rows[0].model_id);
    await sql`
      insert into persona (model_id, name, generated_name, centroid, profile)
      select ${modelId}, 'P' || n, 'P' || n, '{0}'::float8[], '{}'::jsonb from generate_series(1, 3) n`.execute(db());
    // placed when they all agreed: those who have not since keep their rows until the next assignment
    await sql`
      insert into customer_persona (customer_id, persona_id, distance, assigned_at)
      select c.customer_id, (select min(persona_id) from persona where model_id = ${modelId}) + c.customer_id % 3, 0, ${asOf}::timestamptz
      from customer c join customer_trait t on t.customer_id = c.customer_id where t.order_count > 0`.execute(db());
    await sql`analyze customer, customer_trait, customer_persona, persona`.execute(db());
  }, 240_000);

  it('counts the buyers who agreed, no further than asked, and those left out', async () => {
    const buyers = sql`from customer c join customer_trait t on t.customer_id = c.customer_id where c.merged_into_customer_id is null and t.order_count > 0`;
    const agreed = await countOf(sql`${buyers} and c.consent_profiling`);
    const leftOut = await countOf(sql`${buyers} and coalesce(c.consent_profiling, false) = false`);
    expect(agreed).toBeGreaterThan(2_000);
    expect(await countBuyers(db())).toEqual({ profiled: agreed, withoutConsent: leftOut });
    expect(await countBuyers(db(), { profiledUpTo: 24 })).toEqual({ profiled: 24, withoutConsent: leftOut });
  });

  it('counts each persona\'s members who still agree', async () => {
    const members = await sql<{ persona_id: number; n: number }>`
      select cp.persona_id, count(*)::int as n from customer_persona cp join customer c on c.customer_id = cp.customer_id
      where c.consent_profiling and c.merged_into_customer_id is null group by 1 order by 1`.execute(db());
    expect([...(await countPersonaMembers(db(), modelId)).entries()].sort((a, b) => a[0] - b[0]))
      .toEqual(members.rows.map((row) => [Number(row.persona_id), row.n]));
  });

  it.each([
    ['the buyers', () => buyerCounts({ profiledUpTo: 24 }), ['customer_profiling_consent_idx', 'customer_without_profiling_consent_idx'], []],
    // at this size the planner rightly reads the members' customers whole; at 100k it takes the index
    // (the figures in docs/personas.md), so here it is only asked whether the index can answer
    ['the members', () => personaMemberCounts(modelId), ['customer_profiling_consent_idx'], [sql`set local enable_seqscan = off`]],
  ] as const)('reads consent for %s from its narrow indexes, not from every customer row', async (_, statement, indexes, settings) => {
    const plan = await planOf(statement(), [...settings]);
    for (const index of indexes) expect(plan).toContain(index);
    expect(plan).not.toMatch(/Seq Scan on customer c\b/);
  });
});
