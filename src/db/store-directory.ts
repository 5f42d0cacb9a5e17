import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../core/errors.js';
import { lockFileName } from './store-lock.js';

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
    return;
  }
  if (existsSync(join(directory, dataDirectoryMark))) return;
  const entries = readdirSync(directory);
  // a lock without a store: a store being created now (the lock refuses a second opener) or a creation cut short
  if (entries.includes(lockFileName)) return;
  if (entries.length === 0) return;
  const shown = entries.slice(0, 3).join(', ') + (entries.length > 3 ? `, … (${entries.length} entries)` : '');
  throw new AppError('STORE_NOT_A_DIRECTORY', `${named} is a directory that holds other files (${shown}) and no Clientele store (a store's directory holds ${dataDirectoryMark}). Check the path; for a new store give a new or empty directory.`, details);
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
