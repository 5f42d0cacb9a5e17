import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError, type ErrorDetails } from '../core/errors.js';
import { shellWord } from '../core/shell-words.js';
import { isRunningHere, lockFileName } from './store-lock.js';

/** PostgreSQL's mark of a data directory: a directory holding it is a store. */
const dataDirectoryMark = 'PG_VERSION';

/**
 * Refuses a place where an embedded store cannot be, before anything is created or written
 * there: a file, a path under a file, or a directory holding other files and no store (PGlite
 * would write its data files among them; a mistyped --db that names a project folder did).
 * A missing or empty directory is fine: it becomes a new store. `field` is the option or
 * variable the directory was given with (null: the default), which the message names.
 */
export function checkStoreDirectory(directory: string, field: string | null): void {
  const named = field ? `${field} ${directory}` : `${directory} (the default store directory)`;
  const details = { ...(field ? { field } : {}), directory };
  const found = statOrNull(directory);
  if (found && !found.isDirectory()) {
    throw new AppError('STORE_NOT_A_DIRECTORY', `${named} is a file, not a store directory. Give a directory (created when missing) or a postgres:// URL.`, details);
  }
  if (!found) {
    const inTheWay = fileAbove(directory);
    if (inTheWay) {
      throw new AppError('STORE_NOT_A_DIRECTORY', `${named} cannot be a store directory: ${inTheWay} is a file, not a directory. Give a directory (created when missing) or a postgres:// URL.`, { ...details, file: inTheWay });
    }
    refuseRestoreInTheWay(directory, named, details);
    return;
  }
  const restoring = restoreOfWorkingFolder(directory);
  if (restoring) throw workingFolderGiven(named, restoring, details);
  if (existsSync(join(directory, dataDirectoryMark))) return;
  const entries = readdirSync(directory);
  // a lock without a store: a store being created now (the lock refuses a second opener) or a creation cut short
  // (a restore never writes into its target: it leaves its working folder beside it, looked for here)
  if (entries.length === 0 || entries.includes(lockFileName)) {
    refuseRestoreInTheWay(directory, named, details);
    return;
  }
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '');
  throw new AppError('STORE_NOT_A_DIRECTORY', `${named} is a directory that holds other files (${shown}) and no Clientele store (a store's directory holds ${dataDirectoryMark}). Check the path; for a new store give a new or empty directory.`, details);
}

/**
 * A restore builds its store in a working folder beside the target, named after the target and the
 * restoring process (`shop.restoring-4242`), and renames it into place once it is whole and checked:
 * a restore cut short (killed) leaves the target as it was, and the working folder, which the next
 * restore into that target removes once its process is gone. A working folder is never a store.
 */
const restoringMark = '.restoring-';

export type RestoreWorkingFolder = { folder: string; target: string; pid: number; running: boolean };

/** The working folder of a restore into `target` by process `pid` (absolute: `.` has no sibling). */
export function restoreWorkingFolder(target: string, pid: number = process.pid): string {
  const absolute = resolve(target);
  return join(dirname(absolute), `${basename(absolute)}${restoringMark}${pid}`);
}

/** The restore whose working folder `folder` is, known by its name, else null. */
export function restoreOfWorkingFolder(folder: string): RestoreWorkingFolder | null {
  const absolute = resolve(folder);
  const match = /^(.+)\.restoring-(\d+)$/.exec(basename(absolute));
  if (!match) return null;
  const pid = Number(match[2]);
  return { folder: absolute, target: join(dirname(absolute), match[1]!), pid, running: isRunningHere(pid) };
}

/** The working folders of restores into `target` found beside it, each with whether its process still runs. */
export function restoreWorkingFoldersOf(target: string): RestoreWorkingFolder[] {
  const absolute = resolve(target);
  let names: string[];
  try {
    names = readdirSync(dirname(absolute));
  } catch {
    return [];
  }
  const prefix = `${basename(absolute)}${restoringMark}`;
  return names.filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => restoreOfWorkingFolder(join(dirname(absolute), name))!);
}

/** A restore running into this place. */
export function restoreRunning(named: string, restore: RestoreWorkingFolder, details: ErrorDetails): AppError {
  return new AppError('STORE_IN_USE_CONFLICT', `${named} is being restored: \`clientele restore\` (process ${restore.pid}) writes the store in ${restore.folder} and moves it into place once it is whole. `
    + `Wait for the restore to finish, then run this again. If no restore is running, delete ${restore.folder}.`, { ...details, file: restore.folder, pid: restore.pid });
}

/**
 * A place with no store yet and a restore's working folder beside it: a command there would make a new,
 * empty store, and whoever restored into it would take the restored data for lost.
 */
function refuseRestoreInTheWay(directory: string, named: string, details: ErrorDetails): void {
  const [restore] = restoreWorkingFoldersOf(directory).sort((a, b) => Number(b.running) - Number(a.running));
  if (!restore) return;
  if (restore.running) throw restoreRunning(named, restore, details);
  throw new AppError('STORE_RESTORE_UNFINISHED_CONFLICT', `${named} holds no store: a \`clientele restore\` into it was cut short (its process ${restore.pid} is gone) and restored nothing; its working folder ${restore.folder} is left. `
    + `Run the same restore again into ${directory} (clientele restore <backup file>), which removes that folder first; to start a new, empty store there instead, delete ${restore.folder}.`, { ...details, file: restore.folder, pid: restore.pid });
}

/** A restore's working folder given as a store: one being written, or half of one left by a restore cut short. */
export function workingFolderGiven(named: string, restore: RestoreWorkingFolder, details: ErrorDetails): AppError {
  if (restore.running) return restoreRunning(named, restore, details);
  return new AppError('STORE_RESTORE_UNFINISHED_CONFLICT', `${named} is the working folder of a \`clientele restore\` into ${restore.target} that was cut short (its process ${restore.pid} is gone): it is not a store, and may hold half of one. `
    + `Run the restore again into ${restore.target} (clientele --db ${shellWord(restore.target)} restore <backup file>), which removes this folder first, or delete it.`, { ...details, file: restore.folder, pid: restore.pid });
}

/** The nearest existing ancestor of a missing path when it is a file (`notes.txt` in `notes.txt/store`), else null. */
export function fileAbove(path: string): string | null {
  let current = path;
  while (dirname(current) !== current) {
    current = dirname(current);
    try {
      return statSync(current).isDirectory() ? null : current;
    } catch (error) {
      // missing too: look further up; any other failure (permission denied) says nothing of a file in the way
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') return null;
    }
  }
  return null;
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTDIR: a part of the path is a file, which fileAbove names
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw error;
  }
}
