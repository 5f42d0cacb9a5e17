import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client.js';
import { lockFileName } from '../../db/store-lock.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import { changeStoreSettings } from '../../settings/change-settings.service.js';
import { backupEmbeddedStore, restoreEmbeddedStore } from './backup-run.js';

// There was no way to back up an embedded store but copying its folder, which is unsafe while it runs.

const directory = mkdtempSync(join(tmpdir(), 'clientele-backup-'));
const shop = join(directory, 'shop');
const backup = join(directory, 'shop.tar.gz');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

beforeAll(async () => {
  const runtime = await openRuntime({ db: shop, autoMigrate: true });
  try {
    await changeStoreSettings(runtime.db, { name: 'Kopi Senja' }, 'cli:test');
  } finally {
    await runtime.store.close();
  }
}, 120_000);

async function storeName(location: string): Promise<string> {
  const runtime = await openRuntime({ db: location });
  try {
    return runtime.settings.name;
  } finally {
    await runtime.store.close();
  }
}

describe('backing up an embedded store and restoring it', () => {
  it('writes one file, and restores it into a new folder that opens with the same data and no stray lock', async () => {
    const written = await backupEmbeddedStore({ db: shop, out: backup });
    expect(written).toMatchObject({ store: shop, file: backup, bytes: expect.any(Number) });
    expect(written.bytes).toBeGreaterThan(10_000);
    expect(existsSync(`${backup}.partial`)).toBe(false);
    // the store was closed again: its lock given back
    expect(existsSync(join(shop, lockFileName))).toBe(false);

    const restored = join(directory, 'restored');
    await expect(restoreEmbeddedStore({ db: restored, file: backup })).resolves.toEqual({ store: restored, file: backup, pendingMigrations: 0 });
    expect(readdirSync(restored)).not.toContain(lockFileName);
    expect(await storeName(restored)).toBe('Kopi Senja');
  }, 120_000);

  it('never overwrites a backup file, nor restores over a folder that holds anything', async () => {
    await expect(backupEmbeddedStore({ db: shop, out: backup })).rejects.toMatchObject({ code: 'BACKUP_FILE_EXISTS' });
    await expect(restoreEmbeddedStore({ db: shop, file: backup })).rejects.toMatchObject({ code: 'RESTORE_TARGET_EXISTS', message: expect.stringContaining('move its folder aside') });
    expect(await storeName(shop)).toBe('Kopi Senja');
  }, 60_000);

  it('refuses a server store, naming pg_dump', async () => {
    await expect(backupEmbeddedStore({ db: 'postgres://clientele@db.internal/clientele', out: join(directory, 'server.tar.gz') }))
      .rejects.toMatchObject({ code: 'BACKUP_SERVER_STORE_INVALID', message: expect.stringContaining('pg_dump --format=custom') });
    await expect(restoreEmbeddedStore({ db: 'postgres://clientele@db.internal/clientele', file: backup }))
      .rejects.toMatchObject({ code: 'RESTORE_SERVER_STORE_INVALID', message: expect.stringContaining('pg_restore') });
  });

  it('refuses a folder that holds no store, and makes none there', async () => {
    const empty = join(directory, 'empty');
    mkdirSync(empty);
    await expect(backupEmbeddedStore({ db: empty, out: join(directory, 'empty.tar.gz') })).rejects.toMatchObject({ code: 'BACKUP_STORE_NOT_FOUND' });
    expect(readdirSync(empty)).toEqual([]);
  });

  it('refuses a file that is not a backup, and leaves nothing behind', async () => {
    const junk = join(directory, 'junk.tar.gz');
    writeFileSync(junk, 'not a backup');
    const target = join(directory, 'from-junk');
    await expect(restoreEmbeddedStore({ db: target, file: junk })).rejects.toMatchObject({ code: 'RESTORE_FILE_INVALID' });
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('refuses the backup of a store a newer version migrated, and leaves nothing behind', async () => {
    const newer = join(directory, 'newer');
    const store = await openStore(newer);
    await sql`insert into schema_migration (name) values ('209901010000_future_change.sql')`.execute(store.db);
    await store.close();
    const newerBackup = join(directory, 'newer.tar.gz');
    await backupEmbeddedStore({ db: newer, out: newerBackup });
    const target = join(directory, 'from-newer');
    await expect(restoreEmbeddedStore({ db: target, file: newerBackup })).rejects.toMatchObject({ code: 'STORE_NEWER_VERSION_UNAVAILABLE' });
    expect(existsSync(target)).toBe(false);
  }, 120_000);

  it('holds the restored store by its own lock while it is open, not the lock the backup carried', async () => {
    const target = join(directory, 'held');
    const openedFrom = new Date().toISOString();
    const store = await openStore(target, { startImage: new Blob([readFileSync(backup)]) });
    try {
      // the image's lock is the backup's, taken in the first test: this one is taken now
      const holder = JSON.parse(readFileSync(join(target, lockFileName), 'utf8')) as { pid: number; since: string; directory: string };
      expect(holder).toMatchObject({ pid: process.pid, directory: expect.stringContaining('held') });
      expect(holder.since >= openedFrom).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('tells a folder it cannot write as such, not as a bad backup, and leaves the folder as it was', async () => {
    const readOnly = join(directory, 'read-only');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o555);
    try {
      await expect(restoreEmbeddedStore({ db: readOnly, file: backup })).rejects.toMatchObject({ code: 'STORE_NOT_WRITABLE_UNAVAILABLE' });
      expect(existsSync(readOnly)).toBe(true);
    } finally {
      chmodSync(readOnly, 0o755);
    }
  }, 60_000);
});
