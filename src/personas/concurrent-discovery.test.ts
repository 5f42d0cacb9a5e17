import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../test/helpers/eventually.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { fixedClock } from '../core/clock.js';
import { discoverPersonas } from './discover.service.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const clock = fixedClock(new Date('2026-06-01T00:00:00Z'));
const options = { clock, k: 3, sampleSize: 400, silhouetteSample: 200 };

// Two servers on one database, each asked to discover personas at once: the second's insert of the
// new current model failed on persona_model_current_key, a 500 to its user.
describe.runIf(serverUrl)('persona discoveries of two processes sharing a server store', () => {
  // named, so that what the two processes' connections wait for can be read in pg_stat_activity
  const applicationName = `discovery_${randomBytes(4).toString('hex')}`;
  const stores: Store[] = [];
  let url = '';
  let drop = async () => {};

  beforeAll(async () => {
    const scratch = await createScratchSchema(serverUrl!, 'discovery_race');
    drop = scratch.drop;
    const named = new URL(scratch.url);
    named.searchParams.set('application_name', applicationName);
    url = named.toString();
    stores.push(await openStore(url), await openStore(url));
    await migrate(stores[0]);
    await plantPopulation(stores[0].db, { customers: 600, seed: 7, asOf: clock.now(), consentProfiling: true });
    await discoverPersonas(stores[0].db, { ...options, seed: 1 });
  }, 240_000);

  afterAll(async () => {
    for (const store of stores) await store.close();
    await drop();
  });

  it('run one after the other: both succeed, the second on the model the first stored', async () => {
    const [first, second] = stores;
    // a third session holds the current model's row, so both discoveries reach their transaction before either stores
    // anything: the race the two servers ran into by chance, made certain
    const holder = new pg.Client({ connectionString: url });
    // not the holder, whose transaction would read pg_stat_activity as it was at its first look
    const watcher = new pg.Client({ connectionString: serverUrl });
    await holder.connect();
    await watcher.connect();
    try {
      await holder.query('begin');
      await holder.query('select model_id from persona_model where is_current for update');
      const discoveries = [discoverPersonas(first.db, { ...options, seed: 2 }), discoverPersonas(second.db, { ...options, seed: 3 })];
      discoveries.forEach((discovery) => discovery.catch(() => undefined));
      const waiting = async () => Number((await watcher.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where application_name = $1 and wait_event_type = 'Lock'", [applicationName],
      )).rows[0].n);
      // the one for the row, the other for it too, or (one at a time) for the discovery lock
      await eventually(async () => (await waiting()) >= 2, 60_000, 'both discoveries waiting');
      await holder.query('commit');
      const failures = (await Promise.allSettled(discoveries)).flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
      // was: error: duplicate key value violates unique constraint "persona_model_current_key"
      expect(failures).toEqual([]);
    } finally {
      await holder.end();
      await watcher.end();
    }

    const { db } = first;
    const models = await db.selectFrom('persona_model').select(['model_id', 'is_current']).orderBy('model_id').execute();
    expect(models.map((model) => model.is_current)).toEqual([false, false, true]);
    // the later discovery retired the personas of the one before it, not only those of the first model
    const active = await sql<{ model_id: string }>`select distinct model_id from persona where retired_at is null`.execute(db);
    expect(active.rows.map((row) => Number(row.model_id))).toEqual([Number(models[2].model_id)]);
  }, 180_000);
});
