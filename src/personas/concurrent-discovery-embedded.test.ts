import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { createTestStore } from '../../test/helpers/stores.js';
import type { Store } from '../db/client.js';
import { fixedClock } from '../core/clock.js';
import { discoverPersonas } from './discover.service.js';

const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));
const options = { clock, k: 3, sampleSize: 400, silhouetteSample: 200 };

// Two staff members of one embedded server asking for a discovery at once: both requests ran side by
// side in the one process, and the second's insert of the new current model failed on
// persona_model_current_key, a 500 to its user.
describe('persona discoveries asked at once of one embedded store', () => {
  let store: Store;
  let dispose = async () => {};

  beforeAll(async () => {
    ({ store, dispose } = await createTestStore('embedded'));
    await plantPopulation(store.db, { customers: 600, seed: 7, asOf: clock.now(), consentProfiling: true });
    await discoverPersonas(store.db, { ...options, seed: 1 });
  }, 240_000);

  afterAll(() => dispose());

  it('run one after the other: both succeed, the second on the model the first stored', async () => {
    const results = await Promise.allSettled([discoverPersonas(store.db, { ...options, seed: 2 }), discoverPersonas(store.db, { ...options, seed: 3 })]);
    expect(results.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []))).toEqual([]);
    const models = await store.db.selectFrom('persona_model').select(['model_id', 'is_current']).orderBy('model_id').execute();
    expect(models.map((model) => model.is_current)).toEqual([false, false, true]);
    const active = await sql<{ model_id: string }>`select distinct model_id from persona where retired_at is null`.execute(store.db);
    expect(active.rows.map((row) => Number(row.model_id))).toEqual([Number(models[2].model_id)]);
  }, 180_000);
});
