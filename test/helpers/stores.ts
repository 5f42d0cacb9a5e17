import { afterAll, beforeAll, describe } from 'vitest';
import { openStore, shortCommandSharedBuffers, type Store, type StoreKind } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';

const serverUrl = process.env.TEST_DATABASE_URL;
let warnedAboutServer = false;

export type TestStore = { store: Store; kind: StoreKind };

/**
 * A fresh, migrated store: an in-memory PGlite, or a new schema on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped by `dispose`).
 */
export async function createTestStore(kind: StoreKind): Promise<{ store: Store; dispose: () => Promise<void> }> {
  if (kind === 'embedded') {
    // a copy of the migrated template test/setup/embedded-image.ts made sure of
    const store = await openStore('memory://', { embeddedSharedBuffers: testSharedBuffers });
    await migrate(store);
    return { store, dispose: () => store.close() };
  }
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const scratch = await createScratchSchema(serverUrl, 'test');
  const store = await openStore(scratch.url);
  await migrate(store);
  return {
    store,
    dispose: async () => {
      await store.close();
      await scratch.drop();
    },
  };
}

/** Test stores hold a few thousand rows: a small buffer pool starts them half a second sooner. */
export const testSharedBuffers = shortCommandSharedBuffers;

export function testStoreKinds(): StoreKind[] {
  if (serverUrl) return ['embedded', 'server'];
  if (!warnedAboutServer) {
    warnedAboutServer = true;
    console.warn('PostgreSQL server suite skipped: TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test).');
  }
  return ['embedded'];
}

/**
 * Runs the same suite against every available store. `context.store` is valid
 * inside tests (set in beforeAll).
 */
export function describeEachStore(name: string, body: (context: StoreContext) => void): void {
  describeEachStoreOpenedBy(name, createTestStore, body);
}

export type StoreContext = { readonly store: Store; readonly kind: StoreKind };

/** The same, with stores `open` gives (a store migrated part-way, say), disposed of after the suite. */
export function describeEachStoreOpenedBy(
  name: string,
  open: (kind: StoreKind) => Promise<{ store: Store; dispose: () => Promise<void> }>,
  body: (context: StoreContext) => void,
): void {
  for (const kind of testStoreKinds()) {
    describe(`${name} [${kind}]`, () => {
      let current: Store | undefined;
      let dispose: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        ({ store: current, dispose } = await open(kind));
      }, 240_000);
      afterAll(async () => {
        await dispose?.();
      });
      body({
        get store() {
          if (!current) throw new Error('store not ready');
          return current;
        },
        kind,
      });
    });
  }
}
