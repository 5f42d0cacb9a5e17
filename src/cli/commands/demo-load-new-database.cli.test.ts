import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { openStore } from '../../db/client.js';
import { listMigrationFiles, migrate, migrationsDirectory, pendingMigrations } from '../../db/migrate.js';
import { createScratchSchema, runAdmin } from '../../db/scratch-schema.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0)) await cleanUp();
});

async function scratch(): Promise<{ url: string; schema: string }> {
  const created = await createScratchSchema(serverUrl!, 'test');
  cleanUps.push(created.drop);
  return created;
}

async function pendingIn(url: string): Promise<number> {
  const store = await openStore(url);
  try {
    return (await pendingMigrations(store)).length;
  } finally {
    await store.close();
  }
}

describe.skipIf(!serverUrl)('clientele demo load into a server database [server]', () => {
  it('migrates one with nothing in it, as a new directory, and says the data set\'s own settings', async () => {
    const { url } = await scratch();
    const loaded = await runCliInProcess(url, ['demo', 'load', 'cdnow']);
    expect(loaded.error).toBeNull();
    expect(loaded.exitCode).toBe(0);
    expect(await pendingIn(url)).toBe(0);
    // the notice gives the settings in force after the load, never the defaults it was created with
    expect(loaded.stderr).toContain('New store: currency USD, time zone America/New_York, phone country US (the demo data’s own);');
    expect(loaded.stderr).not.toContain('IDR');
    expect(loaded.stderr).not.toContain('(the defaults)');
    // nor does the load say it replaced settings a store it created had only by default
    expect(loaded.stdout).not.toContain('Store settings replaced');
    expect(loaded.stdout).not.toContain('IDR');
  }, 240_000);

  it('says nothing of a new store after `clientele migrate` made it: the load\'s own line says what it replaced', async () => {
    const { url } = await scratch();
    const migrated = await runCliInProcess(url, ['migrate']);
    expect(migrated.exitCode).toBe(0);
    expect(migrated.stderr).toContain('New store: currency IDR');
    const loaded = await runCliInProcess(url, ['demo', 'load', 'synthetic', '--customers', '40']);
    expect(loaded.error).toBeNull();
    expect(loaded.stderr).not.toContain('New store');
  }, 240_000);

  it('still refuses one holding an older Clientele schema: migrating it is `clientele migrate`\'s', async () => {
    const { url } = await scratch();
    const earlier = mkdtempSync(join(tmpdir(), 'clientele-migrations-'));
    cleanUps.push(async () => rmSync(earlier, { recursive: true, force: true }));
    const files = await listMigrationFiles();
    for (const file of files.slice(0, 3)) copyFileSync(join(migrationsDirectory, file), join(earlier, file));
    const store = await openStore(url);
    try {
      await migrate(store, earlier);
    } finally {
      await store.close();
    }
    const loaded = await runCliInProcess(url, ['demo', 'load', 'synthetic', '--customers', '40']);
    expect(loaded.exitCode).not.toBe(0);
    expect(loaded.error).toMatchObject({ code: 'STORE_MIGRATIONS_PENDING_UNAVAILABLE' });
    expect((loaded.error as { message: string }).message).toContain('Run `clientele migrate`, then this command again');
    expect(await pendingIn(url)).toBe(files.length - 3);
  }, 240_000);

  it('refuses one holding another application\'s tables, and creates nothing in it', async () => {
    const { url, schema } = await scratch();
    await runAdmin(serverUrl!, `create table ${schema}.their_table (id int)`);
    const loaded = await runCliInProcess(url, ['demo', 'load', 'synthetic', '--customers', '40']);
    expect(loaded.error).toMatchObject({ code: 'STORE_MIGRATIONS_PENDING_UNAVAILABLE' });
    // why it was not migrated as an empty one is, and what to do
    expect((loaded.error as { message: string }).message).toContain('It already holds tables that are not Clientele\'s, so it was not migrated by itself: use an empty database');
    const store = await openStore(url);
    try {
      expect(await pendingMigrations(store)).toEqual(await listMigrationFiles());
    } finally {
      await store.close();
    }
  }, 240_000);

  it('leaves other commands refusing a database with nothing in it', async () => {
    const { url } = await scratch();
    const shown = await runCliInProcess(url, ['settings', 'show']);
    expect(shown.error).toMatchObject({ code: 'STORE_MIGRATIONS_PENDING_UNAVAILABLE' });
  }, 240_000);
});

describe('clientele import into a new embedded store', () => {
  it('still says the new store\'s settings are the defaults', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'clientele-cli-'));
    cleanUps.push(() => rm(parent, { recursive: true, force: true }));
    const orders = join(parent, 'orders.csv');
    await writeFile(orders, 'order_id,customer_id,ordered_at,amount\no1,c1,2026-01-02T10:00:00+07:00,150000\n');
    const imported = await runCliInProcess(join(parent, 'store'), ['import', 'orders', orders]);
    expect(imported.exitCode).toBe(0);
    expect(imported.stderr).toContain('New store: currency IDR, time zone Asia/Jakarta, phone country ID (the defaults);');
  }, 240_000);
});
