import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { listMigrationFiles } from '../../src/db/migrate.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';

const serverUrl = process.env.TEST_DATABASE_URL;
if (!serverUrl) console.warn('clientele migrate on a server skipped: TEST_DATABASE_URL is not set.');

describe.skipIf(!serverUrl)('clientele migrate on a PostgreSQL server', { timeout: 120_000 }, () => {
  it('lists the migrations it applied to a new schema, then says it is up to date', async () => {
    const scratch = await createScratchSchema(serverUrl!, 'cli_migrate');
    try {
      const files = await listMigrationFiles();
      // a command other than migrate never changes a server's schema by surprise
      const refused = await runCli(['--db', scratch.url, '--json', 'customers', 'list']);
      expect({ code: refused.code, error: JSON.parse(refused.stdout).error.code }).toEqual({ code: 1, error: 'STORE_MIGRATIONS_PENDING_UNAVAILABLE' });
      expect(JSON.parse(refused.stdout).error.message).toMatch(/Run `clientele .*migrate`, then this command again/);
      // opening the store for the command migrated it, and the command said "Up to date" for all of them
      const first = await runCli(['--db', scratch.url, '--json', 'migrate']);
      expect({ code: first.code, result: JSON.parse(first.stdout) }).toEqual({ code: 0, result: { applied: files, alreadyApplied: 0 } });
      const again = await runCli(['--db', scratch.url, 'migrate']);
      expect({ code: again.code, stdout: again.stdout.trim() }).toEqual({ code: 0, stdout: `Up to date (${files.length} migrations applied before).` });
    } finally {
      await scratch.drop();
    }
  });
});
