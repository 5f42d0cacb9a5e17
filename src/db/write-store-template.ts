import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, shortCommandSharedBuffers } from './client.js';
import { migrate } from './migrate.js';
import { storeTemplateDirectory, storeTemplatePath } from './store-template.js';

/**
 * Makes the template new embedded stores start from (see store-template.ts),
 * unless one for this PGlite and these migrations exists; removes templates
 * made from anything else. Returns its path.
 */
export async function ensureStoreTemplate(): Promise<string> {
  const path = storeTemplatePath();
  if (existsSync(path)) return path;
  const store = await openStore('memory://', { embeddedSharedBuffers: shortCommandSharedBuffers, useStoreTemplate: false });
  let image: Blob;
  try {
    await migrate(store);
    image = await store.pglite!.dumpDataDir('none');
  } finally {
    await store.close();
  }
  mkdirSync(storeTemplateDirectory, { recursive: true });
  // written aside and renamed: a process opening a store meanwhile sees the whole file or none
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  renameSync(partial, path);
  for (const name of readdirSync(storeTemplateDirectory)) {
    if (join(storeTemplateDirectory, name) !== path && !name.endsWith('.partial')) rmSync(join(storeTemplateDirectory, name), { force: true });
  }
  return path;
}
