import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../core/errors.js';
import { loadConfig } from '../../core/config.js';
import { isServerUrl, openStore, redactPassword, shortCommandSharedBuffers } from '../../db/client.js';
import { pendingMigrations } from '../../db/migrate.js';
import { lockFileName } from '../../db/store-lock.js';

const pgDumpHint = 'A server store is backed up with PostgreSQL\'s own tools: pg_dump --format=custom --file=clientele.dump "$DATABASE_URL", restored with pg_restore --no-owner --dbname=<new database> clientele.dump (docs/operations.md).';

function embeddedTarget(db: string | undefined, command: 'backup' | 'restore'): string {
  const target = db ?? loadConfig(process.env).database;
  if (isServerUrl(target)) {
    throw new AppError(`${command.toUpperCase()}_SERVER_STORE_INVALID`, `${command === 'backup' ? 'Backing up' : 'Restoring'} here works on an embedded store (a folder), and ${redactPassword(target)} is a PostgreSQL server store. ${pgDumpHint}`, { field: '--db', hint: 'pg_dump / pg_restore' });
  }
  if (target === 'memory://' || target.trim() === '') {
    throw new AppError(`${command.toUpperCase()}_STORE_INVALID`, `clientele ${command} needs an embedded store's folder: give --db <folder>.`, { field: '--db' });
  }
  return target;
}

/**
 * A consistent image of an embedded store's data directory (PGlite's dumpDataDir, gzip'd tar),
 * written to a new file. The store is opened as any command opens it, so a running server's lock
 * refuses it: what a running server holds in memory is not on disk yet.
 */
export async function backupEmbeddedStore({ db, out }: { db?: string; out: string }): Promise<{ store: string; file: string; bytes: number }> {
  const target = embeddedTarget(db, 'backup');
  if (!existsSync(join(target, 'PG_VERSION'))) {
    throw new AppError('BACKUP_STORE_NOT_FOUND', `There is no embedded store at ${target} to back up (a store's folder holds PG_VERSION). Check --db, CLIENTELE_DATA_DIR or the current directory (./.clientele).`, { field: '--db', directory: target });
  }
  if (existsSync(out)) throw new AppError('BACKUP_FILE_EXISTS', `${out} exists already: give --out a new file (a backup never overwrites one).`, { field: '--out', file: out });
  const store = await openStore(target, { useStoreTemplate: false, embeddedSharedBuffers: shortCommandSharedBuffers });
  const partial = `${out}.partial`;
  try {
    const image = await store.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await image.arrayBuffer());
    // written whole, then named: a backup cut short is never taken for one
    writeFileSync(partial, bytes, { flag: 'wx' });
    renameSync(partial, out);
    return { store: target, file: out, bytes: bytes.length };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    await store.close();
  }
}

/**
 * A new embedded store at --db (a missing or empty folder) from a backup file. A backup of a store a
 * newer version migrated is refused as such a store is, and nothing is left behind.
 */
export async function restoreEmbeddedStore({ db, file }: { db?: string; file: string }): Promise<{ store: string; file: string; pendingMigrations: number }> {
  const target = embeddedTarget(db, 'restore');
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('RESTORE_FILE_NOT_FOUND', `There is no backup file ${file}.`, { file });
  const existed = existsSync(target);
  if (existed && (!statSync(target).isDirectory() || readdirSync(target).length > 0)) {
    throw new AppError('RESTORE_TARGET_EXISTS', `${target} is not a new or empty folder: a restore never writes over a store. Give --db a new folder; to replace a store, stop Clientele, move its folder aside, and restore into its place (docs/operations.md).`, { field: '--db', directory: target });
  }
  const image = new Blob([readFileSync(file)]);
  const removeTarget = () => (existed ? readdirSync(target).forEach((entry) => rmSync(join(target, entry), { recursive: true, force: true })) : rmSync(target, { recursive: true, force: true }));
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(target, { startImage: image, embeddedSharedBuffers: shortCommandSharedBuffers });
  } catch (error) {
    // the store's own refusals are about the folder, not the file: another process holds it (whose
    // store this now is: nothing is removed), or it cannot be written; they are told as they are
    if (error instanceof AppError) {
      if (error.code !== 'STORE_IN_USE_CONFLICT' && !existed) rmSync(target, { recursive: true, force: true });
      throw error;
    }
    removeTarget();
    throw new AppError('RESTORE_FILE_INVALID', `${file} could not be restored: it is not a file the backup command wrote, or it is damaged (${(error as Error).message}).`, { file });
  }
  let pending: string[];
  try {
    pending = await pendingMigrations(store);
  } catch (error) {
    await store.close();
    removeTarget();
    throw error;
  }
  await store.close();
  // the image held the lock of the process that wrote it; openStore wrote this one's over it and close gave
  // it back, so a lock still there is that old one
  const lock = join(target, lockFileName);
  if (existsSync(lock)) unlinkSync(lock);
  return { store: target, file, pendingMigrations: pending.length };
}
