import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
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

/**
 * The folders under `root` (itself included) that group or others may enter. (PostgreSQL writes a
 * few files of its own, 0666, while the store is open: no one else reaches them in those folders.)
 */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stats = lstatSync(path);
    if (!stats.isDirectory()) return;
    if ((stats.mode & 0o077) !== 0) found.push(path);
    for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(root);
  return found;
}

/** A tar archive's entries as they are written (header and padded data), up to its end blocks. */
function tarEntries(tar: Buffer): Array<{ name: string; bytes: Buffer }> {
  const entries: Array<{ name: string; bytes: Buffer }> = [];
  let offset = 0;
  while (offset + 512 <= tar.length && tar.subarray(offset, offset + 512).some((byte) => byte !== 0)) {
    const header = tar.subarray(offset, offset + 512);
    const name = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    const size = Number.parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    const length = 512 + Math.ceil(size / 512) * 512;
    entries.push({ name, bytes: tar.subarray(offset, offset + length) });
    offset += length;
  }
  return entries;
}

/** One tar entry: a file ('0'), a symbolic link ('2') or a folder ('5'). */
function tarEntry(name: string, type: '0' | '2' | '5', data = Buffer.alloc(0), link = ''): Buffer {
  const header = Buffer.alloc(512);
  const octal = (value: number, length: number) => `${value.toString(8).padStart(length - 1, '0')}\0`;
  header.write(name, 0, 'latin1');
  header.write(octal(type === '5' ? 0o700 : 0o600, 8), 100, 'latin1');
  header.write(octal(0, 8), 108, 'latin1');
  header.write(octal(0, 8), 116, 'latin1');
  header.write(octal(data.length, 12), 124, 'latin1');
  header.write(octal(1_700_000_000, 12), 136, 'latin1');
  header.write('        ', 148, 'latin1');
  header.write(type, 156, 'latin1');
  header.write(link, 157, 'latin1');
  header.write('ustar\u000000', 257, 'latin1');
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  const padded = Buffer.alloc(Math.ceil(data.length / 512) * 512);
  data.copy(padded);
  return Buffer.concat([header, padded]);
}

/** The backup's archive with its entries changed by `change`, written to a new file. */
function rewrittenBackup(name: string, change: (entries: Array<{ name: string; bytes: Buffer }>) => Buffer[]): string {
  const entries = tarEntries(gunzipSync(readFileSync(backup)));
  const path = join(directory, name);
  writeFileSync(path, gzipSync(Buffer.concat([...change(entries), Buffer.alloc(1024)])));
  return path;
}

describe('what a backup and a restore leave readable, and what a restore refuses', () => {
  it('writes the backup, and the restored store, for their owner alone', async () => {
    const file = join(directory, 'owner-only.tar.gz');
    await backupEmbeddedStore({ db: shop, out: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // the store itself, made from the template
    expect(openToOthers(shop)).toEqual([]);
    const restored = join(directory, 'owner-only');
    await restoreEmbeddedStore({ db: restored, file });
    expect(openToOthers(restored)).toEqual([]);
    // the files the backup held: 0666 in it
    expect(statSync(join(restored, 'PG_VERSION')).mode & 0o777).toBe(0o600);
    expect(statSync(join(restored, 'postgresql.conf')).mode & 0o777).toBe(0o600);
  }, 120_000);

  it('refuses to back up when <out>.partial is there, says what to do, and leaves that file alone', async () => {
    const file = join(directory, 'partial.tar.gz');
    writeFileSync(`${file}.partial`, 'another backup, being written');
    const error = await backupEmbeddedStore({ db: shop, out: file }).then(() => null, (failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'BACKUP_FILE_EXISTS', details: { file: `${file}.partial` } });
    expect((error as Error).message).toContain(`delete ${file}.partial`);
    expect(readFileSync(`${file}.partial`, 'utf8')).toBe('another backup, being written');
    expect(existsSync(file)).toBe(false);
  }, 60_000);

  it('refuses a backup cut short with RESTORE_FILE_INVALID alone, no error left unhandled, and leaves nothing behind', async () => {
    const cut = join(directory, 'cut.tar.gz');
    const whole = readFileSync(backup);
    writeFileSync(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const target = join(directory, 'from-cut');
      await expect(restoreEmbeddedStore({ db: target, file: cut })).rejects.toMatchObject({ code: 'RESTORE_FILE_INVALID' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(existsSync(target)).toBe(false);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
  }, 60_000);

  it('refuses a backup missing a table\'s file as damaged, before saying it restored it, and removes what it wrote', async () => {
    const opened = await openStore(shop);
    const customerFile = (await sql<{ path: string }>`select pg_relation_filepath('customer') as path`.execute(opened.db)).rows[0]!.path;
    await opened.close();
    const tampered = rewrittenBackup('tampered.tar.gz', (entries) => entries.filter((entry) => entry.name !== `/${customerFile}`).map((entry) => entry.bytes));
    const target = join(directory, 'from-tampered');
    const error = await restoreEmbeddedStore({ db: target, file: tampered }).then(() => null, (failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'RESTORE_FILE_INVALID' });
    expect((error as Error).message).toContain('the backup is damaged');
    expect((error as Error).message).toContain(customerFile);
    expect(existsSync(target)).toBe(false);
    // nor beside it: the working folder the store was unpacked in is gone too
    expect(existsSync(`${target}.restoring-${process.pid}`)).toBe(false);
  }, 120_000);

  it.each([
    ['a symbolic link', 'symlink', () => tarEntry('/base/link', '2', Buffer.alloc(0), '/etc/passwd')],
    ['an absolute path outside a store', 'absolute', () => tarEntry('/etc/cron.d/clientele', '0', Buffer.from('* * * * * root true\n'))],
    ['a path climbing out of the folder', 'climbing', () => tarEntry('/base/../../outside', '0', Buffer.from('x'))],
  ])('refuses a backup holding %s, writing nothing', async (_what, name, entry) => {
    const file = rewrittenBackup(`${name}.tar.gz`, (entries) => [...entries.map((each) => each.bytes), entry()]);
    const target = join(directory, `from-${name}`);
    await expect(restoreEmbeddedStore({ db: target, file })).rejects.toMatchObject({ code: 'RESTORE_FILE_INVALID', message: expect.stringContaining('Nothing was restored') });
    expect(existsSync(target)).toBe(false);
  }, 60_000);

  it('restores an archive rewritten without changes (the checks above refuse the change, not the rewriting)', async () => {
    const file = rewrittenBackup('rewritten.tar.gz', (entries) => entries.map((entry) => entry.bytes));
    const target = join(directory, 'from-rewritten');
    await expect(restoreEmbeddedStore({ db: target, file })).resolves.toMatchObject({ store: target });
    expect(await storeName(target)).toBe('Kopi Senja');
  }, 120_000);
});

// A restore builds the store beside --db and renames it into place (restore-kill.cli.test.ts kills one part way).
describe('what a restore finds at and beside its folder', () => {
  const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

  it('restores into a folder holding only the lock of a process that is gone (a creation, or an earlier restore, cut short)', async () => {
    const target = join(directory, 'lock-only');
    mkdirSync(target);
    writeFileSync(join(target, lockFileName), JSON.stringify({ pid: deadPid(), host: hostname(), command: 'clientele restore shop.tar.gz', since: '2026-12-01T00:00:00Z' }));
    await expect(restoreEmbeddedStore({ db: target, file: backup })).resolves.toMatchObject({ store: target });
    expect(readdirSync(target)).not.toContain(lockFileName);
    expect(await storeName(target)).toBe('Kopi Senja');
  }, 120_000);

  it('refuses to open or restore into a folder a running restore is building, and makes no store there', async () => {
    const target = join(directory, 'being-restored');
    const restorer = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      mkdirSync(`${target}.restoring-${restorer.pid}`);
      await expect(openRuntime({ db: target })).rejects.toMatchObject({ code: 'STORE_IN_USE_CONFLICT', message: expect.stringContaining(`process ${restorer.pid}`) });
      await expect(restoreEmbeddedStore({ db: target, file: backup })).rejects.toMatchObject({ code: 'STORE_IN_USE_CONFLICT' });
      expect(existsSync(target)).toBe(false);
      expect(existsSync(`${target}.restoring-${restorer.pid}`)).toBe(true);
    } finally {
      restorer.kill('SIGKILL');
    }
  }, 60_000);

  it('does not open or back up a restore\'s working folder as a store', async () => {
    const working = join(directory, `left.restoring-${deadPid()}`);
    mkdirSync(working);
    await expect(openRuntime({ db: working })).rejects.toMatchObject({ code: 'STORE_RESTORE_UNFINISHED_CONFLICT', message: expect.stringContaining(join(directory, 'left')) });
    await expect(backupEmbeddedStore({ db: working, out: join(directory, 'left.tar.gz') })).rejects.toMatchObject({ code: 'STORE_RESTORE_UNFINISHED_CONFLICT' });
    expect(readdirSync(working)).toEqual([]);
  }, 60_000);
});
