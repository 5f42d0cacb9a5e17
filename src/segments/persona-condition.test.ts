import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { renamePersona } from '../personas/index.js';
import { createSegment, getSegment, listSegmentMembers, previewSegment } from './index.js';

const asOf = new Date('2026-06-01T00:00:00Z');
const clock = fixedClock(asOf);

async function plantCustomers(db: Parameters<typeof createSegment>[0]): Promise<void> {
  // [id, agreed to email marketing]
  for (const [id, consentEmail] of [[1, false], [2, true], [3, true], [4, false], [5, true], [6, false]] as const) {
    await sql`insert into customer (customer_id, name, consent_email) values (${id}, ${`C${id}`}, ${consentEmail})`.execute(db);
  }
}

/** One discovery with two personas (and a retired one of an older discovery), and four of the six customers placed. */
async function plantPersonas(db: Parameters<typeof createSegment>[0]): Promise<void> {
  await sql`insert into persona_model (model_id, discovered_at, k, sample_size, population, feature_spec, candidates, is_current)
    values (1, ${asOf}, 2, 4, 4, '{}', '[]', false), (2, ${asOf}, 2, 4, 4, '{}', '[]', true)`.execute(db);
  await sql`insert into persona (persona_id, model_id, name, generated_name, centroid, profile, retired_at) values
    (10, 1, 'Old timers', 'Old timers', '{0}', '{}', ${asOf}),
    (11, 2, 'Bargain hunters', 'Bargain hunters', '{0}', '{}', null),
    (12, 2, 'Office buyers', 'Office buyers', '{1}', '{}', null)`.execute(db);
  await sql`insert into customer_persona (customer_id, persona_id, distance, assigned_at) values
    (1, 11, 0.1, ${asOf}), (2, 11, 0.2, ${asOf}), (3, 12, 0.1, ${asOf}), (4, 12, 0.3, ${asOf})`.execute(db);
}

describeEachStore('a segment condition on the buyer persona', (context) => {
  const db = () => context.store.db;
  beforeAll(async () => {
    await plantCustomers(db());
    await plantPersonas(db());
  });

  const members = async (name: string, filter: unknown) => {
    await createSegment(db(), { name, filter }, { actor: 'test', clock });
    return (await listSegmentMembers(db(), name, { limit: 100 })).items.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  };

  it.each([
    ['bargain hunters who agreed to email', { and: [{ field: 'persona', op: 'eq', value: 'bargain HUNTERS' }, { field: 'consent_email', op: 'eq', value: true }] }, [2]],
    ['not bargain hunters', { field: 'persona', op: 'neq', value: 'Bargain hunters' }, [3, 4, 5, 6]],
    ['either persona', { field: 'persona', op: 'in', value: ['Bargain hunters', 'office buyers'] }, [1, 2, 3, 4]],
    ['neither office buyers', { field: 'persona', op: 'nin', value: ['Office buyers'] }, [1, 2, 5, 6]],
    ['no persona', { field: 'persona', op: 'is_null', value: true }, [5, 6]],
    ['some persona', { field: 'persona', op: 'is_null', value: false }, [1, 2, 3, 4]],
    ['a persona starting with office', { field: 'persona', op: 'starts_with', value: 'office' }, [3, 4]],
  ])('"%s" has the customers placed in those personas', async (name, filter, expected) => {
    expect(await members(name, filter)).toEqual(expected);
  });

  it('refuses a name no current persona has, listing the names there are', async () => {
    for (const value of ['Bargain hunter', 'Old timers']) {
      const error = await createSegment(db(), { name: `unknown ${value}`, filter: { field: 'persona', op: 'eq', value } }, { actor: 'test', clock }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'SEGMENT_FILTER_INVALID', details: { problems: [{ path: 'filter.value', kind: 'not_one_of', params: { allowed: ['Bargain hunters', 'Office buyers'], value } }] } });
      expect((error as Error).message).toContain('Bargain hunters, Office buyers');
    }
    await expect(previewSegment(db(), { field: 'persona', op: 'in', value: ['Office buyers', 'nobody'] }, { clock })).rejects.toMatchObject({
      details: { problems: [{ path: 'filter.value[1]', kind: 'not_one_of' }] },
    });
  });

  it('keeps a segment on a persona through its rename: the saved filter follows the new name', async () => {
    expect(await members('office', { field: 'persona', op: 'in', value: ['office buyers'] })).toEqual([3, 4]);
    await renamePersona(db(), 12, { name: 'Desk lunchers' });
    expect((await getSegment(db(), 'office')).filter).toEqual({ field: 'persona', op: 'in', value: ['Desk lunchers'] });
    expect((await listSegmentMembers(db(), 'office', { limit: 100 })).items.map((row) => Number(row.customer_id)).sort()).toEqual([3, 4]);
    expect((await getSegment(db(), 'office')).member_count).toBe(2);
  });
});

describeEachStore('a segment condition on the persona before any discovery', (context) => {
  const db = () => context.store.db;
  beforeAll(async () => plantCustomers(db()));

  it('says to discover personas first instead of saving a segment of no one', async () => {
    const error = await createSegment(db(), { name: 'hunters', filter: { field: 'persona', op: 'eq', value: 'Bargain hunters' } }, { actor: 'test', clock })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'PERSONA_MODEL_MISSING', details: { field: 'persona' } });
    expect((error as Error).message).toContain('clientele personas discover');
  });
});
