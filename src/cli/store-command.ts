import type { Command } from 'commander';
import { AppError } from '../core/errors.js';
import { shellWord, storeShown } from '../core/shell-words.js';

/**
 * The store a suggested command must name to reach the store the reader is on. Only a store given
 * with --db: one from DATABASE_URL or CLIENTELE_DATA_DIR is found again by the same command in the
 * same shell, and a URL the environment holds (with its password) is not written out.
 */
let storeOption: string | null = null;
let commandNames: ReadonlySet<string> = new Set();

/** Set as a command line runs (its action, or its failure) from the program's parsed --db and its command names. */
export function suggestCommandsFor(program: Command): void {
  storeOption = program.opts<{ db?: string }>().db ?? null;
  commandNames = new Set(program.commands.flatMap((command) => [command.name(), ...command.aliases()]));
}

/** `clientele <words>` as the reader can run it on this store: `clientele --db ./riga settings set --country LV`. */
export function clienteleCommand(words: string): string {
  return `clientele ${storeOption === null ? '' : `--db ${shellWord(storeShown(storeOption))} `}${words}`;
}

/**
 * The `clientele <command> …` a domain wrote into a message (an error, an import reject's reason)
 * given the store option too; one that names its own store (`clientele --db ./demo-store …`) is kept.
 */
export function withStoreInCommands(text: string): string {
  if (storeOption === null) return text;
  // a quoted value ("…": a cell, a file name) is the reader's own text, never rewritten; nor a word
  // inside a path (`/opt/clientele import.csv`): a command starts the text or follows a space, ` or (
  return text.split(/("[^"]*")/).map((part) => (part.length >= 2 && part.startsWith('"') && part.endsWith('"') ? part : part.replace(
    /(^|[\s`(])clientele ([a-z][a-z-]*)/g,
    (match, before: string, command: string) => (commandNames.has(command) ? `${before}${clienteleCommand(command)}` : match),
  ))).join('');
}

/**
 * A failure's message and hint with runnable commands. SETTINGS_FIXED_CONFLICT's command is for a
 * new store, not this one (whose settings it just refused to change), so it is left as written.
 */
export function withStoreInError(error: AppError): AppError {
  if (storeOption === null || error.code === 'SETTINGS_FIXED_CONFLICT') return error;
  const hint = typeof error.details.hint === 'string' ? { hint: withStoreInCommands(error.details.hint) } : {};
  const shown = new AppError(error.code, withStoreInCommands(error.message), { ...error.details, ...hint });
  shown.stack = error.stack;
  return shown;
}
