import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './client.js';
import { listMigrationFiles, migrationsDirectory, pendingMigrations } from './migrate.js';
import { readStoreTemplate, storeTemplatePath } from './store-template.js';
import { ensureStoreTemplate } from './write-store-template.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-store-template-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

describe('the store template new embedded stores start from', () => {
  it('is named after the migrations: the same files give the same name, a changed or added file another', () => {
    const copy = join(workDir, 'migrations');
    cpSync(migrationsDirectory, copy, { recursive: true });
    expect(storeTemplatePath(copy)).toBe(storeTemplatePath());
    const [first] = readdirSync(copy).sort();
    writeFileSync(join(copy, first), '-- edited\n', { flag: 'a' });
    const edited = storeTemplatePath(copy);
    expect(edited).not.toBe(storeTemplatePath());
    writeFileSync(join(copy, '209901010000_later.sql'), 'select 1;\n');
    expect(storeTemplatePath(copy)).not.toBe(edited);
  });

  it('starts a new store directory migrated, as a copy of the template, and leaves the template as it was', async () => {
    const path = await ensureStoreTemplate();
    expect(path).toBe(storeTemplatePath());
    const before = (await readStoreTemplate()!.arrayBuffer()).byteLength;
    const directory = join(workDir, 'store');
    const store = await openStore(directory, { embeddedSharedBuffers: '16MB' });
    try {
      expect(await pendingMigrations(store)).toEqual([]);
      const applied = await sql<{ name: string }>`select name from schema_migration order by name`.execute(store.db);
      expect(applied.rows.map((row) => row.name)).toEqual(await listMigrationFiles());
      // a working store of its own: written here, not into the template
      await sql`insert into customer (kind, name) values ('person', 'Ada')`.execute(store.db);
    } finally {
      await store.close();
    }
    const reopened = await openStore(directory, { embeddedSharedBuffers: '16MB' });
    try {
      const names = await sql<{ name: string }>`select name from customer`.execute(reopened.db);
      expect(names.rows).toEqual([{ name: 'Ada' }]);
    } finally {
      await reopened.close();
    }
    expect((await readStoreTemplate()!.arrayBuffer()).byteLength).toBe(before);
    const fresh = await openStore('memory://', { embeddedSharedBuffers: '16MB' });
    try {
      expect((await sql<{ n: number }>`select count(*)::int as n from customer`.execute(fresh.db)).rows[0].n).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('is left aside on request: a test of a migration starts from a store without any', async () => {
    await ensureStoreTemplate();
    const store = await openStore('memory://', { embeddedSharedBuffers: '16MB', useStoreTemplate: false });
    try {
      expect(await pendingMigrations(store)).toEqual(await listMigrationFiles());
    } finally {
      await store.close();
    }
  });
});
