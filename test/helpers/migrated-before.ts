import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { openStore, type Store, type StoreKind } from '../../src/db/client.js';
import { listMigrationFiles, migrate, migrationsDirectory } from '../../src/db/migrate.js';
import type { Database } from '../../src/db/schema.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';
import { describeEachStoreOpenedBy, type StoreContext } from './stores.js';

/**
 * A new store migrated up to just before `migrationFile` (the earlier files copied to a temporary
 * directory), for a test to write rows as they were then and `migrateRest` over them. `dispose`
 * closes the store, drops its schema on a server and removes the directory.
 */
async function openStoreMigratedBefore(kind: StoreKind, migrationFile: string): Promise<{ store: Store; migrateRest: () => Promise<unknown>; dispose: () => Promise<void> }> {
  const earlier = mkdtempSync(join(tmpdir(), 'clientele-migrations-'));
  let store: Store | undefined;
  let dropSchema: (() => Promise<void>) | undefined;
  const dispose = async () => {
    await store?.close();
    await dropSchema?.();
    rmSync(earlier, { recursive: true, force: true });
  };
  try {
    for (const file of await listMigrationFiles()) if (file < migrationFile) copyFileSync(join(migrationsDirectory, file), join(earlier, file));
    if (kind === 'embedded') store = await openStore('memory://', { useStoreTemplate: false }); // the template holds every migration
    else {
      const scratch = await createScratchSchema(process.env.TEST_DATABASE_URL!, 'test');
      dropSchema = scratch.drop;
      store = await openStore(scratch.url);
    }
    await migrate(store, earlier);
  } catch (error) {
    await dispose();
    throw error;
  }
  const migrated = store;
  return { store: migrated, migrateRest: () => migrate(migrated), dispose };
}

/**
 * Runs a suite against every available store after `seed` wrote rows into a store migrated up to
 * just before `migrationFile` and the rest of the migrations ran. `context.store` is valid inside tests.
 */
export function describeMigrationFromBefore(
  name: string,
  migrationFile: string,
  seed: (db: Kysely<Database>) => Promise<void>,
  body: (context: StoreContext) => void,
): void {
  describeEachStoreOpenedBy(name, async (kind) => {
    const before = await openStoreMigratedBefore(kind, migrationFile);
    try {
      await seed(before.store.db);
      await before.migrateRest();
    } catch (error) {
      await before.dispose();
      throw error;
    }
    return { store: before.store, dispose: before.dispose };
  }, body);
}
