import { closeSync, openSync, readFileSync, realpathSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../core/errors.js';

/**
 * An embedded store is one PostgreSQL in one process: PGlite keeps the data
 * in memory and writes it back to the directory, so a second process on the
 * same directory (a `clientele` command while `clientele serve` runs) works
 * on its own copy: what it writes is lost when the other writes later, and
 * mixing the two once left a store that no longer opened. A lock file in the
 * directory keeps it to one process; a second one is refused with what to do.
 *
 * A lock whose process is gone (killed, crashed) is taken over: a killed
 * import must be able to run again. Within one process the lock is held once
 * per open store, so opening a store twice at the same time is refused too.
 *
 * The lock names the store's own folder (its absolute path): copying a running store's folder
 * copies its lock, and the copy then said it was open in the process that had the original open.
 * A lock naming another folder of this machine is the original's: it is replaced, with a warning
 * that the copy was taken while the store was open, so it may lack that process's latest writes.
 */
export const lockFileName = 'clientele.lock';

type LockHolder = { pid: number; host: string; command: string; since: string; directory?: string };

const heldHere = new Set<string>();

/**
 * Takes the directory's lock or throws STORE_IN_USE_CONFLICT; returns the function that gives it back.
 * `warn` is told when the lock found was copied from another folder (process warnings without it).
 */
export function lockEmbeddedStore(directory: string, warn: (message: string) => void = (message) => process.emitWarning(message)): () => void {
  const path = join(directory, lockFileName);
  const ownDirectory = absoluteDirectory(directory);
  if (heldHere.has(path)) throw inUse(directory, path, ownHolder(ownDirectory));
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if (tryCreate(path, ownDirectory)) {
      heldHere.add(path);
      const release = () => {
        process.off('exit', release);
        if (!heldHere.delete(path)) return;
        // only our own lock: a process that took over a lock we lost must keep it
        if (readHolder(path)?.pid === process.pid) unlinkQuietly(path);
      };
      process.on('exit', release);
      return release;
    }
    const holder = readHolder(path);
    if (holder && isCopiedLock(holder, ownDirectory)) {
      warn(copiedWarning(directory, holder));
      unlinkQuietly(path);
      continue;
    }
    if (holder && isAlive(holder)) throw inUse(directory, path, holder);
    // the holder is gone (or the file is unreadable, half-written by a process killed while
    // writing it): remove it and try again; two processes doing this race on the exclusive create
    unlinkQuietly(path);
  }
  throw inUse(directory, path, readHolder(path));
}

/**
 * Writes this process's lock again over whatever a store image brought into the folder: a backup
 * holds the lock of the process that wrote it (dead by now), which another process would take as
 * stale and remove while this one still has the store open. Only for a lock this process holds.
 */
export function rewriteHeldLock(directory: string): void {
  const path = join(directory, lockFileName);
  if (!heldHere.has(path)) return;
  writeFileSync(path, JSON.stringify(ownHolder(absoluteDirectory(directory))));
}

/** The store folder's absolute path, links resolved, as a lock records it. */
function absoluteDirectory(directory: string): string {
  try {
    return realpathSync(directory);
  } catch {
    return resolve(directory);
  }
}

/**
 * Whether a lock was written for another folder of this machine: the folder was copied (or
 * restored from a copy) with its lock. A lock of another machine is never second-guessed (a
 * shared folder has another path there), nor one naming this very folder by another path
 * (a link, a bind mount), nor one naming a folder that no longer exists (a store moved while
 * open is still the one its process writes to).
 */
function isCopiedLock(holder: LockHolder, ownDirectory: string): boolean {
  if (!holder.directory || holder.host !== hostname()) return false;
  if (holder.directory === ownDirectory) return false;
  try {
    const theirs = statSync(holder.directory);
    const ours = statSync(ownDirectory);
    return theirs.isDirectory() && !(theirs.dev === ours.dev && theirs.ino === ours.ino);
  } catch {
    return false;
  }
}

function copiedWarning(directory: string, holder: LockHolder): string {
  return `The embedded store ${directory} held a lock copied from ${holder.directory} (process ${holder.pid}${holder.command ? `, ${holder.command}` : ''}, since ${holder.since}): `
    + 'this folder appears to have been copied while another process had the store open, so it may be missing recent writes, or hold them half-written. '
    + 'The copied lock was replaced. A copy made while Clientele runs is not a safe backup: stop every Clientele process using the store, then copy the folder (docs/operations.md).';
}

function tryCreate(path: string, ownDirectory: string): boolean {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(descriptor, JSON.stringify(ownHolder(ownDirectory)));
  } finally {
    closeSync(descriptor);
  }
  return true;
}

function ownHolder(directory: string): LockHolder {
  return { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(' ').slice(0, 200), since: new Date().toISOString(), directory };
}

function readHolder(path: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string'
      ? { pid: parsed.pid, host: parsed.host, command: String(parsed.command ?? ''), since: String(parsed.since ?? ''), ...(typeof parsed.directory === 'string' ? { directory: parsed.directory } : {}) }
      : null;
  } catch {
    return null;
  }
}

/** Another machine's process cannot be looked at: its lock counts as held. */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  // this process holds none of its locks twice (heldHere), so a file naming it is a leftover
  if (holder.pid === process.pid) return false;
  return processExists(holder.pid);
}

/**
 * Whether process `pid` of this machine runs (this one does), judged as a lock's holder is: a
 * restore's working folder is named after its process (store-directory.ts), as a lock names its holder.
 */
export function isRunningHere(pid: number): boolean {
  // 0 would ask about this process's group
  return pid === process.pid || (pid > 0 && processExists(pid));
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the directory's lock when its process is gone (or it is half-written, or copied from another
 * folder), as taking the lock would; throws STORE_IN_USE_CONFLICT when a live process holds it. For a
 * folder that is to be replaced whole (a restore's target holding a lock alone, left by a creation cut short).
 */
export function removeStaleLock(directory: string): void {
  const path = join(directory, lockFileName);
  const holder = readHolder(path);
  if (heldHere.has(path)) throw inUse(directory, path, holder);
  if (holder && !isCopiedLock(holder, absoluteDirectory(directory)) && isAlive(holder)) throw inUse(directory, path, holder);
  unlinkQuietly(path);
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function inUse(directory: string, path: string, holder: LockHolder | null): AppError {
  const who = holder ? `process ${holder.pid} on ${holder.host}${holder.command ? ` (${holder.command})` : ''}, since ${holder.since}` : 'another process';
  return new AppError(
    'STORE_IN_USE_CONFLICT',
    `The embedded store ${directory} is open in ${who}. An embedded store serves one process at a time: ` +
      'stop that process first, or while `clientele serve` runs do the same through the web app or the REST API ' +
      '(to share one store between a server and commands, use a PostgreSQL server: DATABASE_URL=postgres://…). ' +
      `If no Clientele process is running, delete ${path}.`,
    { file: path, holder },
  );
}
