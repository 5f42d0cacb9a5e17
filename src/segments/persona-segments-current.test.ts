import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { fixedClock } from '../core/clock.js';
import { keepProfileDerivedCurrent } from '../customers/keep-segments-current.js';
import { discoverPersonas, pinPersona } from '../personas/index.js';
import { createSegment, getSegment, listSegmentMembers } from './index.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

// Segments on personas follow every write of customer_persona, as segments on RFM follow an analysis.
describeEachStore('segments on personas after personas are assigned again', (context) => {
  const db = () => context.store.db;
  const segmentMembers = async (name: string) => (await listSegmentMembers(db(), name, { limit: 1000 })).items.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  const placedIn = async (personaId: number) => (await sql<{ customer_id: number }>`select customer_id from customer_persona where persona_id = ${personaId} order by customer_id`.execute(db()))
    .rows.map((row) => Number(row.customer_id));

  beforeAll(async () => {
    await plantPopulation(db(), { customers: 300, seed: 11, asOf, consentProfiling: true });
  }, 60_000);

  it('refreshes them in the rediscovery that places customers anew', async () => {
    const first = await discoverPersonas(db(), { clock, seed: 3, k: 2, sampleSize: 300, silhouetteSample: 200 });
    const kept = first.personas[0];
    await pinPersona(db(), kept.personaId, true);
    await createSegment(db(), { name: 'kept persona', filter: { field: 'persona', op: 'eq', value: kept.name } }, { actor: 'test', clock });
    const before = await placedIn(kept.personaId);
    expect(await segmentMembers('kept persona')).toEqual(before);

    await discoverPersonas(db(), { clock, seed: 5, k: 4, sampleSize: 300, silhouetteSample: 200 });
    const after = await placedIn(kept.personaId);
    // the pinned persona keeps its name and number but shares its customers with more personas now
    expect(after).not.toEqual(before);
    expect(await segmentMembers('kept persona')).toEqual(after);
    // a name nobody gave follows the new discovery's words, and the saved filter follows the name
    const { rows: [{ name }] } = await sql<{ name: string }>`select name from persona where persona_id = ${kept.personaId}`.execute(db());
    expect((await getSegment(db(), 'kept persona')).filter).toEqual({ field: 'persona', op: 'eq', value: name });
  }, 120_000);

  it('refreshes them when a profile edit takes a customer out of their persona', async () => {
    await createSegment(db(), { name: 'no persona', filter: { field: 'persona', op: 'is_null' } }, { actor: 'test', clock });
    expect(await segmentMembers('no persona')).toEqual([]);
    await sql`update customer set consent_profiling = false where customer_id = 7`.execute(db());
    await db().transaction().execute((trx) => keepProfileDerivedCurrent(trx, [7], clock));
    expect(await segmentMembers('no persona')).toEqual([7]);
  });
});
