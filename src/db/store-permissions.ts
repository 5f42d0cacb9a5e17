import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * An embedded store's folder holds every customer, staff account and API key hash: it is its
 * owner's alone. PGlite writes the files it unpacks (the template a new store starts from, a
 * backup being restored) and those PostgreSQL creates with mode 0666 in 0755 folders, readable
 * and writable by any user of the machine; the folder Clientele creates is 0700, and this takes
 * group and other permissions off everything in it (folders 0700, files 0600).
 */

/** The permission bits no one but the store's owner should have. */
const othersBits = 0o077;

/** Whether the store's folder itself lets others in: the cheap check made on each open (one stat). */
export function isStoreFolderOpenToOthers(directory: string): boolean {
  try {
    return (lstatSync(directory).mode & othersBits) !== 0;
  } catch {
    return false;
  }
}

/** Changes a path's mode; node's chmodSync, replaced in tests to play a folder another user owns. */
export type ChangeMode = (path: string, mode: number) => void;

/**
 * Takes group and other permissions off the store's folder and everything in it. Links are neither
 * changed nor followed (chmod would change what they point to, which the store does not own).
 * Returns the paths it could not change (another user owns them), at most a few, or [] when done.
 */
export function tightenStoreTree(directory: string, changeMode: ChangeMode = chmodSync): string[] {
  const failed: string[] = [];
  const visit = (path: string): void => {
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      return; // gone meanwhile
    }
    if (stats.isSymbolicLink()) return;
    const mode = stats.mode & 0o7777;
    if ((mode & othersBits) !== 0) {
      try {
        changeMode(path, mode & ~othersBits);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        failed.push(path);
        // a folder of another user's: one warning says what to do, a walk over thousands of files adds nothing
        if (path === directory) return;
      }
    }
    if (!stats.isDirectory()) return;
    let entries: string[];
    try {
      entries = readdirSync(path);
    } catch {
      return;
    }
    for (const entry of entries) visit(join(path, entry));
  };
  visit(directory);
  return failed;
}

/** The warning when the store's permissions could not be tightened: which folder, and the commands that do it. */
export function openToOthersWarning(directory: string, failed: readonly string[]): string {
  const example = failed[0] === directory || failed.length === 0 ? '' : ` (${failed[0]}${failed.length > 1 ? ` and ${failed.length - 1} more` : ''})`;
  return `The embedded store ${directory} can be read by other users of this machine${example}, and this process may not change that (another user owns it). `
    + `It holds personal data and staff credentials: as its owner, run \`chmod -R go-rwx ${directory}\` (docs/operations.md).`;
}

/**
 * Makes the store's folder its owner's alone, warning once if it cannot. `always`: walk the
 * whole tree (a store just made from an image); otherwise only when the folder itself is open to
 * others, which keeps opening a store to one stat.
 */
export function protectStoreFolder(directory: string, warn: (message: string) => void, { always = false, changeMode = chmodSync }: { always?: boolean; changeMode?: ChangeMode } = {}): void {
  if (!always && !isStoreFolderOpenToOthers(directory)) return;
  const failed = tightenStoreTree(directory, changeMode);
  if (failed.length > 0) warn(openToOthersWarning(directory, failed));
}
