import { accessSync, closeSync, constants as fsConstants, existsSync, openSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { recordAudit } from '../../auth/audit.js';
import { cliActor } from '../cli-actor.js';
import { AppError } from '../../core/errors.js';
import { loadConfig } from '../../core/config.js';
import { isServerUrl, openStore, redactPassword, shortCommandSharedBuffers, type Store } from '../../db/client.js';
import { pendingMigrations } from '../../db/migrate.js';
import { restoreOfWorkingFolder, restoreRunning, restoreWorkingFolder, restoreWorkingFoldersOf, workingFolderGiven } from '../../db/store-directory.js';
import { lockFileName, removeStaleLock } from '../../db/store-lock.js';
import { runStoppable } from '../stop-signals.js';

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
 * The gzip header's MTIME (RFC 1952): the instant the backup was taken, carried by the file itself, so a
 * restore can say when however the file was copied since (`file` and `gzip -lv` show it too). Not
 * covered by the gzip checksum, which is of the data; a header with its own checksum (FHCRC) is left alone.
 */
const gzipTimeOffset = 4;
const isGzip = (bytes: Buffer) => bytes.length >= 10 && bytes[0] === 0x1f && bytes[1] === 0x8b;
function stampGzipTime(bytes: Buffer, at: Date): void {
  if (isGzip(bytes) && (bytes[3]! & 0x02) === 0) bytes.writeUInt32LE(Math.floor(at.getTime() / 1000), gzipTimeOffset);
}
function gzipTimeOf(bytes: Buffer): Date | null {
  const seconds = isGzip(bytes) ? bytes.readUInt32LE(gzipTimeOffset) : 0;
  return seconds > 0 ? new Date(seconds * 1000) : null;
}

/**
 * A consistent image of an embedded store's data directory (PGlite's dumpDataDir, gzip'd tar),
 * written to a new file. The store is opened as any command opens it, so a running server's lock
 * refuses it: what a running server holds in memory is not on disk yet. Once the file is whole, the
 * copy is recorded in the store's audit log (`store.backup`: who, the file, its size); the entry is
 * not in the copy itself. A copy that cannot be recorded is not kept.
 */
export async function backupEmbeddedStore({ db, out }: { db?: string; out: string }): Promise<{ store: string; file: string; bytes: number }> {
  const target = embeddedTarget(db, 'backup');
  const restoring = restoreOfWorkingFolder(target);
  if (restoring) throw workingFolderGiven(`--db ${target}`, restoring, { field: '--db', directory: target });
  if (!existsSync(join(target, 'PG_VERSION'))) {
    throw new AppError('BACKUP_STORE_NOT_FOUND', `There is no embedded store at ${target} to back up (a store's folder holds PG_VERSION). Check --db, CLIENTELE_DATA_DIR or the current directory (./.clientele).`, { field: '--db', directory: target });
  }
  if (existsSync(out)) throw new AppError('BACKUP_FILE_EXISTS', `${out} exists already: give --out a new file (a backup never overwrites one).`, { field: '--out', file: out });
  const partial = `${out}.partial`;
  // not ours to remove: a backup cut short, or one being written now
  if (existsSync(partial)) throw partialExists(out, partial);
  // stopped before the file is named, a backup leaves no file and the store as it was; a signal while
  // the file was named or after: the backup is whole
  return runStoppable({
    what: 'the backup (no file is left)',
    stopped: (signal) => new AppError('CLI_INTERRUPTED',
      `Backup stopped by ${signal}: no backup was written (${out} was not made), and the store is as it was. Run the same command again to back up: it is safe to rerun.`, { signal, field: '--out' }),
    done: 'the backup was written',
  }, (stopIfAsked) => writeBackup(target, out, partial, stopIfAsked));
}

async function writeBackup(target: string, out: string, partial: string, stopIfAsked: () => Promise<void>): Promise<{ store: string; file: string; bytes: number }> {
  const store = await openStore(target, { useStoreTemplate: false, embeddedSharedBuffers: shortCommandSharedBuffers });
  let created = false;
  let written = false;
  try {
    const takenAt = new Date();
    await stopIfAsked();
    const image = await store.pglite!.dumpDataDir('gzip');
    const bytes = Buffer.from(await image.arrayBuffer());
    await stopIfAsked();
    stampGzipTime(bytes, takenAt);
    // written whole, then named: a backup cut short is never taken for one. It holds the whole store
    // (customers, staff accounts, API key hashes): readable by its owner alone
    let descriptor: number;
    try {
      descriptor = openSync(partial, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw partialExists(out, partial);
      throw error;
    }
    created = true;
    try {
      writeFileSync(descriptor, bytes);
    } finally {
      closeSync(descriptor);
    }
    renameSync(partial, out);
    created = false;
    written = true;
    await recordAudit(store.db, { actor: cliActor(), action: 'store.backup', entity: 'backup', entityId: basename(out), detail: { file: resolve(out), bytes: bytes.length } });
    return { store: target, file: out, bytes: bytes.length };
  } catch (error) {
    // only the file this run created: another's is left as it is
    if (created) rmSync(partial, { force: true });
    if (written) rmSync(out, { force: true });
    throw error;
  } finally {
    await store.close();
  }
}

function partialExists(out: string, partial: string): AppError {
  return new AppError('BACKUP_FILE_EXISTS', `${partial} exists already: a backup to ${out} is being written by another process, or one was cut short. `
    + `If no backup is running, delete ${partial} and run the backup again, or give --out another file.`, { field: '--out', file: partial });
}

/** The folders and files at the top of a PostgreSQL data directory (and the store's lock): a backup's entries all start with one. */
const storeTopLevel = /^(PG_VERSION|base|global|pg_[a-z_]+|pg_(hba|ident)\.conf|postgresql(\.auto)?\.conf|postmaster\.(pid|opts)|backup_label|tablespace_map|current_logfiles|clientele\.lock)$/;

const tarBlock = 512;

/**
 * A backup file's tar image, unpacked from its gzip and checked entry by entry before PGlite is given
 * it: PGlite unpacks what it is given into the store's folder without a question. A file cut short
 * made its gzip stream fail outside any handler (a stack trace after the clean error); an entry that is
 * a link, of another kind, or with a name outside a store's folder (an absolute path, `..`) was written
 * into the folder as a junk file. Such a file is refused whole, before anything is written.
 */
export function checkedBackupImage(file: string, content: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  const invalid = (why: string) => new AppError('RESTORE_FILE_INVALID', `${file} could not be restored: it is not a file the backup command wrote, or it is damaged (${why}). Nothing was restored.`, { file, reason: why });
  let tar = content;
  if (content.length >= 2 && content[0] === 0x1f && content[1] === 0x8b) {
    try {
      tar = gunzipSync(content);
    } catch (error) {
      throw invalid(`its compressed data cannot be read: ${(error as Error).message}`);
    }
  }
  let offset = 0;
  let sawVersion = false;
  let ended = false;
  while (offset + tarBlock <= tar.length) {
    const header = tar.subarray(offset, offset + tarBlock);
    if (header.every((byte) => byte === 0)) {
      ended = true;
      break;
    }
    const field = (start: number, length: number) => {
      const bytes = header.subarray(start, start + length);
      const end = bytes.indexOf(0);
      return bytes.subarray(0, end === -1 ? length : end).toString('latin1');
    };
    const name = field(0, 100);
    if (!isUstarMagic(header)) throw invalid(`the entry at byte ${offset} is not a tar entry`);
    // the checksum as PGlite's tar reader counts it: the header's first 500 bytes, its own field as spaces
    let sum = 0;
    for (let index = 0; index < 500; index += 1) sum += index >= 148 && index < 156 ? 0x20 : header[index]!;
    if (Number.parseInt(field(148, 8).trim() || 'x', 8) !== sum) throw invalid(`the entry ${name || `at byte ${offset}`} fails its checksum`);
    const type = header[156];
    const isFile = type === 0 || type === 0x30;
    const isDirectory = type === 0x35;
    if (!isFile && !isDirectory) {
      const kind = type === 0x32 ? 'a symbolic link' : type === 0x31 ? 'a hard link' : `an entry of type "${String.fromCharCode(type ?? 0)}"`;
      throw invalid(`the entry ${name} is ${kind}; a backup holds only files and folders`);
    }
    if (field(345, 131) !== '') throw invalid(`the entry ${name} has a long name this restore does not read`);
    // PGlite names its entries from the store's folder: "/base/5/1259"
    const relative = name.replace(/^\.?\//, '');
    const path = isDirectory ? relative.replace(/\/$/, '') : relative;
    const parts = path.split('/');
    // an entry for the folder itself ("./", as tar -C <folder> . names it) is the one without a name
    const isTheFolder = path === '' && isDirectory;
    if (!isTheFolder && (parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\')) || !storeTopLevel.test(parts[0]!))) {
      throw invalid(`the entry ${name} lies outside a store's folder`);
    }
    if (path === 'PG_VERSION' && isFile) sawVersion = true;
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    if (!Number.isSafeInteger(size) || size < 0 || (isDirectory && size !== 0)) throw invalid(`the entry ${name} has an invalid size`);
    if (offset + tarBlock + size > tar.length) throw invalid(`it is cut short, in the entry ${name}`);
    offset += tarBlock + Math.ceil(size / tarBlock) * tarBlock;
  }
  if (!ended && offset < tar.length) throw invalid('it is cut short');
  if (!sawVersion) throw invalid('it holds no PG_VERSION, which every store has');
  return tar;
}

/** POSIX's "ustar\000" (the 00 also as spaces or zero bytes) or old GNU's "ustar  \0", as PGlite's tar reader takes them. */
function isUstarMagic(header: Buffer): boolean {
  if (header.subarray(257, 262).toString('latin1') !== 'ustar') return false;
  const [five, six, seven] = [header[262], header[263], header[264]];
  if (five === 0) return [six, seven].every((byte) => byte === 0x30 || byte === 0x20 || byte === 0);
  return five === 0x20 && six === 0x20 && seven === 0;
}

/**
 * Reads every relation of the restored store before it is called restored: a backup missing a
 * file (a table's, an index's) opened as any store, and failed later on the first query that
 * read it ("could not open file base/5/16416"). Every relation with storage must have its file in
 * the folder, and every table of the store's schema is read through.
 */
async function damageOf(store: Store, directory: string): Promise<string | null> {
  const relations = await sql<{ name: string; path: string }>`
    select c.oid::regclass::text as name, pg_relation_filepath(c.oid) as path
    from pg_class c where pg_relation_filepath(c.oid) is not null`.execute(store.db);
  const missing = relations.rows.filter((relation) => !existsSync(join(directory, relation.path)));
  if (missing.length > 0) {
    return `the file${missing.length === 1 ? '' : 's'} of ${missing.slice(0, 3).map((relation) => `${relation.name} (${relation.path})`).join(', ')}${missing.length > 3 ? ` and ${missing.length - 3} more` : ''} ${missing.length === 1 ? 'is' : 'are'} missing`;
  }
  const tables = await sql<{ name: string }>`
    select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'm') order by c.relname`.execute(store.db);
  for (const table of tables.rows) {
    try {
      await sql`select count(*) from ${sql.raw(table.name)}`.execute(store.db);
    } catch (error) {
      return `${table.name} cannot be read: ${(error as Error).message}`;
    }
  }
  return null;
}

/** The working folders this process is restoring into now: named after it, yet not leftovers. */
const restoringHere = new Set<string>();

/**
 * A new embedded store at --db (a missing or empty folder) from a backup file. A backup of a store a
 * newer version migrated is refused as such a store is, and nothing is left behind. The restored
 * store's audit log records it (`store.restore`: who, from which file, when that backup was taken).
 *
 * The store is unpacked, opened, checked and closed in a working folder beside --db, then renamed
 * into place (store-directory.ts): written straight into --db, a restore killed part way left a lone
 * lock there (the retry refused as "not empty", any other command made a new, empty store in it) or
 * half a store that no longer opened. Now a restore cut short leaves --db as it was.
 */
export async function restoreEmbeddedStore({ db, file }: { db?: string; file: string }): Promise<{ store: string; file: string; pendingMigrations: number }> {
  const target = embeddedTarget(db, 'restore');
  if (!existsSync(file) || !statSync(file).isFile()) throw new AppError('RESTORE_FILE_NOT_FOUND', `There is no backup file ${file}.`, { file });
  const place = restorePlace(target);
  // checked and unpacked here: PGlite is given the plain tar, which it writes as it is
  const content = readFileSync(file);
  const image = new Blob([checkedBackupImage(file, content)]);
  const takenAt = gzipTimeOf(content);
  removeRestoreLeftovers(target, place);
  const working = restoreWorkingFolder(place);
  restoringHere.add(working);
  // stopped before the rename, a restore leaves --db as it was; a signal while the store was moved
  // into place or after: the restore is whole
  try {
    return await runStoppable({
      what: 'the restore (--db is left as it was)',
      stopped: (signal) => new AppError('CLI_INTERRUPTED',
        `Restore stopped by ${signal}: nothing was restored, and ${target} is as it was (the store being built beside it was removed). Run the same command again to restore: it is safe to rerun.`, { signal, field: '--db' }),
      done: 'the restore was complete',
    }, async (stopIfAsked) => {
      await stopIfAsked();
      const pending = await restoreInto(working, image, file, takenAt);
      await stopIfAsked();
      moveIntoPlace(working, place, target);
      return { store: target, file, pendingMigrations: pending };
    });
  } catch (error) {
    rmSync(working, { recursive: true, force: true });
    throw error;
  } finally {
    restoringHere.delete(working);
  }
}

/**
 * Where the restored store goes: --db itself, links resolved (the rename replaces what it names), when it
 * is a folder this user may replace that is empty, or holds a lone lock of a process gone (a store's
 * creation cut short). Its parent must be writable: the working folder is made there.
 */
function restorePlace(target: string): string {
  const existed = existsSync(target);
  const place = existed ? realpathSync(target) : resolve(target);
  if (existed) {
    const entries = statSync(place).isDirectory() ? readdirSync(place) : null;
    if (entries === null || entries.some((entry) => entry !== lockFileName)) {
      throw new AppError('RESTORE_TARGET_EXISTS', `${target} is not a new or empty folder: a restore never writes over a store. Give --db a new folder; to replace a store, stop Clientele, move its folder aside, and restore into its place (docs/operations.md).`, { field: '--db', directory: target });
    }
    // a folder this user may not write is told so, and left as it was, though its parent would let the rename replace it
    if (!isWritable(place)) throw restoreNotWritable(target, place, `${target} is not writable`);
    if (entries.length > 0) removeStaleLock(place);
  }
  const parent = dirname(place);
  if (existsSync(parent) && !isWritable(parent)) {
    throw restoreNotWritable(target, parent, `the folder it is in, ${parent}, is not writable, and the restore builds the store beside ${target} before it moves it into place`);
  }
  return place;
}

function isWritable(path: string): boolean {
  try {
    // as the store's own check: PGlite reads the permission bits, as root too
    if ((statSync(path).mode & 0o222) === 0) return false;
    accessSync(path, fsConstants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function restoreNotWritable(target: string, path: string, why: string): AppError {
  return new AppError('STORE_NOT_WRITABLE_UNAVAILABLE', `Cannot restore into ${target}: ${why}. Give the user running Clientele write permission there (chmod u+w ${path}), or give --db a new folder in a writable place.`, { field: '--db', directory: target, file: path });
}

/** The working folders of earlier restores into this place whose process is gone; one still running refuses this restore. */
function removeRestoreLeftovers(target: string, place: string): void {
  for (const leftover of restoreWorkingFoldersOf(place)) {
    // named after this process yet not being restored by it: left by an earlier process of the same number
    const running = leftover.pid === process.pid ? restoringHere.has(leftover.folder) : leftover.running;
    if (running) throw restoreRunning(`--db ${target}`, leftover, { field: '--db', directory: target });
    rmSync(leftover.folder, { recursive: true, force: true });
  }
}

/** Unpacks, opens, checks and records the restore in `working`; closes it; returns how many migrations it lacks. */
async function restoreInto(working: string, image: Blob, file: string, takenAt: Date | null): Promise<number> {
  let store: Store;
  try {
    store = await openStore(working, { startImage: image, embeddedSharedBuffers: shortCommandSharedBuffers });
  } catch (error) {
    // the store's own refusals are about the folder, not the file (it cannot be written): told as they are
    if (error instanceof AppError) throw error;
    throw new AppError('RESTORE_FILE_INVALID', `${file} could not be restored: it is not a file the backup command wrote, or it is damaged (${(error as Error).message}).`, { file });
  }
  let pending: string[];
  try {
    let damage: string | null;
    try {
      damage = await damageOf(store, working);
    } catch (error) {
      damage = (error as Error).message;
    }
    if (damage !== null) {
      throw new AppError('RESTORE_FILE_INVALID', `${file} could not be restored: the backup is damaged (${damage}). Nothing was restored: restore an earlier backup.`, { file, reason: damage });
    }
    pending = await pendingMigrations(store);
    await recordAudit(store.db, {
      actor: cliActor(), action: 'store.restore', entity: 'backup', entityId: basename(file),
      detail: { file: resolve(file), ...(takenAt ? { takenAt: takenAt.toISOString() } : {}) },
    });
  } finally {
    await store.close();
  }
  // the image held the lock of the process that wrote it; openStore wrote this one's over it and close gave
  // it back, so a lock still there is that old one
  const lock = join(working, lockFileName);
  if (existsSync(lock)) unlinkSync(lock);
  return pending.length;
}

/**
 * The one step that makes the restore visible: a folder's rename is atomic, and replaces an empty
 * folder. A folder written into meanwhile (another process made a store there) is left to it.
 */
function moveIntoPlace(working: string, place: string, target: string): void {
  try {
    renameSync(working, place);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      throw new AppError('RESTORE_TARGET_EXISTS', `${target} was written to while the backup was being restored (another process made a store there?): a restore never writes over a store, and nothing was restored. Give --db a new folder.`, { field: '--db', directory: target });
    }
    // a mount point, or a folder on another filesystem, cannot be replaced by a rename
    if (code === 'EXDEV' || code === 'EBUSY') {
      throw new AppError('RESTORE_TARGET_EXISTS', `${target} cannot take the restored store: it is a mount point or on another filesystem than its parent (${code}), so the store built beside it cannot be moved into place. Nothing was restored. Give --db a new folder inside it, for example ${join(target, 'store')}.`, { field: '--db', directory: target });
    }
    throw error;
  }
}
