import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsDirectory } from './migrate.js';

/**
 * A new embedded store can start as a copy of an empty, migrated one (PGlite's
 * `dumpDataDir`) instead of running initdb and every migration: about 1 s
 * against 5 s in WASM. The copy is kept under build/ (made by `npm run build`
 * and by the test run's set-up) and named after what it was made from — the
 * PGlite build and every migration file's name and text — so a store is never
 * started from a copy another PGlite or other migrations made; without a
 * matching copy a new store runs initdb as before.
 */
export const storeTemplateDirectory = fileURLToPath(new URL('../../build/store-template/', import.meta.url));

export function storeTemplatePath(migrations = migrationsDirectory): string {
  return join(storeTemplateDirectory, `store-${storeTemplateKey(migrations)}.tar`);
}

/** The matching template, or undefined when none has been made for this PGlite and these migrations. */
export function readStoreTemplate(): Blob | undefined {
  const path = storeTemplatePath();
  if (!existsSync(path)) return undefined;
  return new Blob([readFileSync(path)]);
}

function storeTemplateKey(migrations: string): string {
  const hash = createHash('sha256');
  hash.update(pgliteVersion());
  for (const name of readdirSync(migrations).sort()) {
    hash.update(`\0${name}\0`);
    hash.update(readFileSync(join(migrations, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

function pgliteVersion(): string {
  // the package exports no package.json: find it above its entry point
  let directory = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(directory, 'package.json')) && dirname(directory) !== directory) directory = dirname(directory);
  return (JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string }).version;
}
