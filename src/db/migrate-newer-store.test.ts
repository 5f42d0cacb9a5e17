import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openRuntime } from '../runtime/open-runtime.js';
import { startServer } from '../server/start-server.js';
import { openStore } from './client.js';
import { listMigrationFiles, migrate, pendingMigrations } from './migrate.js';
import { createScratchSchema } from './scratch-schema.js';

// A store a newer Clientele had migrated was opened, migrated and served silently by an older one.

const serverUrl = process.env.TEST_DATABASE_URL;
const directory = mkdtempSync(join(tmpdir(), 'clientele-newer-store-'));
const drops: Array<() => Promise<void>> = [];
afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  for (const drop of drops) await drop();
});

const future = '209901010000_future_change.sql';

/** A migrated store that a newer version then migrated once more. */
async function newerStore(location: string): Promise<void> {
  const store = await openStore(location);
  try {
    await migrate(store);
    await sql`insert into schema_migration (name) values (${future})`.execute(store.db);
  } finally {
    await store.close();
  }
}

const refusal = { code: 'STORE_NEWER_VERSION_UNAVAILABLE', message: expect.stringMatching(new RegExp(`newer version of Clientele.*${future}.*Upgrade Clientele.*restore a backup made by this version`)) };

const stores: Array<[string, () => Promise<string>]> = [
  ['embedded', async () => join(directory, `store-${Math.random().toString(36).slice(2)}`)],
];
if (serverUrl) {
  stores.push(['server', async () => {
    const scratch = await createScratchSchema(serverUrl, 'newer_store');
    drops.push(scratch.drop);
    return scratch.url;
  }]);
}

describe.each(stores)('a store a newer version migrated (%s)', (_kind, newLocation) => {
  it('is refused by migrate and by pendingMigrations, naming the unknown migration, and nothing is applied', async () => {
    const location = await newLocation();
    await newerStore(location);
    const store = await openStore(location);
    try {
      const before = await sql<{ count: string }>`select count(*)::text as count from schema_migration`.execute(store.db);
      await expect(migrate(store)).rejects.toMatchObject({ ...refusal, details: { unknownMigrations: [future] } });
      await expect(pendingMigrations(store)).rejects.toMatchObject(refusal);
      const after = await sql<{ count: string }>`select count(*)::text as count from schema_migration`.execute(store.db);
      expect(after.rows[0]!.count).toBe(before.rows[0]!.count);
      expect(Number(after.rows[0]!.count)).toBe((await listMigrationFiles()).length + 1);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('is refused by every command (opening it, migrating or not) and by the server\'s start', async () => {
    const location = await newLocation();
    await newerStore(location);
    await expect(openRuntime({ db: location })).rejects.toMatchObject(refusal);
    await expect(openRuntime({ db: location, autoMigrate: true })).rejects.toMatchObject(refusal);
    await expect(startServer({ db: location, port: 0, host: '127.0.0.1', demo: false, logLevel: 'silent' })).rejects.toMatchObject(refusal);
    // the refusal closed the store: it opens again (an embedded store's lock was released)
    const store = await openStore(location);
    await store.close();
  }, 120_000);
});
