import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openStore, type Store } from './client.js';
import { listMigrationFiles, migrate } from './migrate.js';
import { runAdmin } from './scratch-schema.js';

const serverUrl = process.env.TEST_DATABASE_URL;

/** A database of its own: the race is on an empty one, where no schema_migration table exists in any schema. */
async function withFreshDatabase(body: (url: string) => Promise<void>): Promise<void> {
  const name = `test_migrate_race_${randomBytes(4).toString('hex')}`;
  await runAdmin(serverUrl!, `create database ${name}`);
  try {
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    await body(url.toString());
  } finally {
    await runAdmin(serverUrl!, `drop database if exists ${name} with (force)`);
  }
}

// Only a server has several processes on one database; an embedded store is locked to one.
describe.skipIf(!serverUrl)('migrating an empty server database from several processes at once', () => {
  it('succeeds in every one, and applies each migration once', async () => {
    const files = await listMigrationFiles();
    for (let trial = 0; trial < 3; trial += 1) {
      await withFreshDatabase(async (url) => {
        const stores: Store[] = [];
        try {
          for (let i = 0; i < 4; i += 1) stores.push(await openStore(url));
          // connected beforehand, so their first statements reach the server together, as two starts' do
          await Promise.all(stores.map((store) => sql`select 1`.execute(store.db)));
          const results = await Promise.allSettled(stores.map((store) => migrate(store)));
          expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
          const outcomes = results.map((result) => (result as PromiseFulfilledResult<Awaited<ReturnType<typeof migrate>>>).value);
          expect(outcomes.reduce((sum, outcome) => sum + outcome.applied.length, 0)).toBe(files.length);
          for (const outcome of outcomes) expect(outcome.applied.length + outcome.alreadyApplied).toBe(files.length);
          const recorded = await sql<{ name: string }>`select name from schema_migration order by name`.execute(stores[0]!.db);
          expect(recorded.rows.map((row) => row.name)).toEqual(files);
        } finally {
          await Promise.all(stores.map((store) => store.close()));
        }
      });
    }
  }, 120_000);
});
