import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openStore } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding a new, migrated embedded store's data directory (see test/helpers/stores.ts). */
    embeddedImagePath: string;
  }
}

/**
 * Runs initdb and the migrations once for the whole run: each embedded test
 * store then starts as a copy of this one (1–2 s saved per store, and there is
 * one per suite that runs on both stores). Built afresh every run, from the
 * migrations as they are now.
 */
export default async function setup(project: TestProject) {
  const directory = mkdtempSync(join(tmpdir(), 'clientele-test-image-'));
  const path = join(directory, 'migrated-store.tar');
  const store = await openStore('memory://');
  try {
    await migrate(store);
    const image = await store.pglite!.dumpDataDir('none');
    writeFileSync(path, Buffer.from(await image.arrayBuffer()));
  } finally {
    await store.close();
  }
  project.provide('embeddedImagePath', path);
  return () => rmSync(directory, { recursive: true, force: true });
}
