import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { fixedClock } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import { loadSyntheticDemo } from './load-demo.js';

const serverUrl = process.env.TEST_DATABASE_URL;

// `clientele demo load synthetic` run by two processes on one empty database (or one beside a
// `serve --demo`): both found the store empty and both loaded it, every import run twice
describe.runIf(serverUrl)('demo loads of two processes into one empty PostgreSQL database', () => {
  const stores: Store[] = [];
  let drop = async () => {};

  beforeAll(async () => {
    const scratch = await createScratchSchema(serverUrl!, 'demo_race');
    drop = scratch.drop;
    stores.push(await openStore(scratch.url), await openStore(scratch.url));
    await migrate(stores[0]);
  }, 120_000);

  afterAll(async () => {
    for (const store of stores) await store.close();
    await drop();
  });

  it('load it once: the other waits, then is refused as a load into a store that is not empty', async () => {
    const options = { customers: 300, seed: 5, clock: fixedClock('2026-03-01T12:00:00Z'), actor: 'test' };
    const results = await Promise.allSettled(stores.map((store) => loadSyntheticDemo(store.db, options)));
    const codes = results.map((result) => (result.status === 'fulfilled' ? 'loaded' : (result.reason as { code?: string }).code ?? String(result.reason)));
    expect(codes.sort()).toEqual(['DEMO_STORE_NOT_EMPTY_CONFLICT', 'loaded']);
    const { db } = stores[0];
    const imports = await db.selectFrom('import_run').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(imports.n)).toBe(5);
    expect((await getStoreSettings(db)).demoDataset).toBe('synthetic');
  }, 240_000);
});
