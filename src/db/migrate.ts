import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Store } from './client.js';

export const migrationsDirectory = fileURLToPath(new URL('../../db/migrations/', import.meta.url));

export type MigrationResult = { applied: string[]; alreadyApplied: number };

/** The advisory lock that makes migrating one process at a time per database. */
const migrationLock = 727274;

const migrationNamePattern = /^\d{12}_[a-z0-9_]+\.sql$/;

export async function listMigrationFiles(directory = migrationsDirectory): Promise<string[]> {
  const names = await readdir(directory);
  return names.filter((name) => migrationNamePattern.test(name)).sort();
}

/**
 * Applies pending migrations in name order, each in its own transaction with its
 * record, under an advisory lock so two processes starting together do not race.
 */
export async function migrate(store: Store, directory = migrationsDirectory): Promise<MigrationResult> {
  // under the lock: two first starts at once both created the table, and one failed on pg_type's unique index
  await store.runScript(`
    select pg_advisory_xact_lock(${migrationLock});
    create table if not exists schema_migration (
      name text primary key,
      applied_at timestamptz not null default now()
    );`);
  const files = await listMigrationFiles(directory);
  // before anything is applied: a newer version's schema is not this version's to change
  const doneNames = await appliedMigrationNames(store);
  refuseNewerStore(store, doneNames, files);
  const applied: string[] = [];
  let alreadyApplied = 0;
  for (const name of files) {
    // read once above, not once per file; one another process applies meanwhile is caught by the guard below
    if (doneNames.has(name)) {
      alreadyApplied += 1;
      continue;
    }
    const body = await readFile(join(directory, name), 'utf8');
    const quotedName = name.replace(/'/g, "''");
    // The name comes from our own migrations folder and matches a strict pattern.
    try {
      await store.runScript(`
        select pg_advisory_xact_lock(${migrationLock});
        do $guard$ begin
          if exists (select 1 from schema_migration where name = '${quotedName}') then
            raise exception 'clientele: migration already applied';
          end if;
        end $guard$;
        ${body}
        ;
        insert into schema_migration (name) values ('${quotedName}');`);
      applied.push(name);
    } catch (error) {
      // Another process applied it between our check and our lock.
      if (String((error as Error).message).includes('clientele: migration already applied')) alreadyApplied += 1;
      else throw error;
    }
  }
  return { applied, alreadyApplied };
}

export async function pendingMigrations(store: Store, directory = migrationsDirectory): Promise<string[]> {
  const files = await listMigrationFiles(directory);
  const exists = await sql<{ present: boolean }>`select to_regclass('schema_migration') is not null as present`.execute(store.db);
  if (!exists.rows[0]?.present) return files;
  const doneNames = await appliedMigrationNames(store);
  refuseNewerStore(store, doneNames, files);
  return files.filter((name) => !doneNames.has(name));
}

async function appliedMigrationNames(store: Store): Promise<Set<string>> {
  const done = await sql<{ name: string }>`select name from schema_migration`.execute(store.db);
  return new Set(done.rows.map((row) => row.name));
}

/**
 * Refuses a store that a newer version of Clientele migrated: it records migrations this version
 * does not have, so its schema is not the one this version's queries and migrations expect, and
 * using it (or migrating it) could lose or damage data. Retrying never helps; upgrading does.
 */
function refuseNewerStore(store: Store, appliedNames: Set<string>, files: string[]): void {
  const known = new Set(files);
  const unknown = [...appliedNames].filter((name) => !known.has(name)).sort();
  if (unknown.length === 0) return;
  const listed = `${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? `, … (${unknown.length} in all)` : ''}`;
  throw new AppError('STORE_NEWER_VERSION_UNAVAILABLE',
    `The store at ${store.location} was migrated by a newer version of Clientele: it records ${unknown.length} migration(s) this version does not have (${listed}). `
    + 'Nothing was changed. Upgrade Clientele to the version that wrote the store (or a later one), or restore a backup made by this version (see docs/operations.md).',
    { unknownMigrations: unknown, hint: 'upgrade Clientele, or restore a backup made by this version' });
}
