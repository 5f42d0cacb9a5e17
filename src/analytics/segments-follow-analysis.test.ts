import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { addDays, fixedClock } from '../core/clock.js';
import { createSegment, getSegment, listSegmentMembers } from '../segments/index.js';
import { rfmSegmentNames } from './rfm-segments.js';
import { analyze } from './analyze.service.js';
import { setTypePolicy } from './types.service.js';

const clock = fixedClock('2026-12-31T00:00:00Z');

describeEachStore('segments follow analyses and policy changes', (context) => {
  const db = () => context.store.db;

  /** Members as listed, and the stored count beside them. */
  async function membersOf(name: string): Promise<{ ids: number[]; count: number }> {
    const items = (await listSegmentMembers(db(), name, { limit: 1000 })).items;
    return { ids: items.map((row) => Number(row.customer_id)), count: (await getSegment(db(), name)).member_count };
  }

  async function customersWhere(query: ReturnType<typeof sql<{ customer_id: number }>>): Promise<number[]> {
    return (await query.execute(db())).rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  }

  it('recomputes segments on RFM segments with every analysis', async () => {
    await seedStore(db(), typesFixture);
    // a condition on RFM segments is refused until an analysis has scored someone (SEGMENT_SOURCE_MISSING)
    await analyze(db(), { asOf: addDays(typesAsOf, -60), clock });
    for (const name of rfmSegmentNames) await createSegment(db(), { name: `rfm ${name}`, filter: { field: 'rfm_segment', op: 'eq', value: name } }, { actor: 'test', clock });
    const held = async () => Object.fromEntries(await Promise.all(rfmSegmentNames.map(async (name) => [name, await membersOf(`rfm ${name}`)] as const)));
    const expected = async () => Object.fromEntries(await Promise.all(rfmSegmentNames.map(async (name) => {
      const ids = await customersWhere(sql<{ customer_id: number }>`select customer_id from customer_rfm where segment = ${name}`);
      return [name, { ids, count: ids.length }] as const;
    })));

    const first = await held();
    expect(Object.values(first).some((members) => members.count > 0)).toBe(true);
    expect(first).toEqual(await expected());
    // four months on, recency moves customers between RFM segments
    await analyze(db(), { asOf: addDays(typesAsOf, 60), clock });
    const second = await held();
    expect(second).not.toEqual(first);
    expect(second).toEqual(await expected());
  });

  it('recomputes segments on customer types when the policy changes', async () => {
    await seedStore(db(), typesFixture);
    await analyze(db(), { asOf: typesAsOf, clock });
    await createSegment(db(), { name: 'new customers', filter: { field: 'customer_types', op: 'contains', value: 'new' } }, { actor: 'test', clock });
    const newOnes = () => customersWhere(sql<{ customer_id: number }>`select customer_id from customer_type where 'new' = any(types)`);
    const before = await newOnes();
    expect(await membersOf('new customers')).toEqual({ ids: before, count: before.length });

    await setTypePolicy(db(), { newWithinDays: 31 }, { asOf: typesAsOf, clock });
    const after = await newOnes();
    expect(after.length).toBe(before.length + 1);
    expect(await membersOf('new customers')).toEqual({ ids: after, count: after.length });
  });
});
