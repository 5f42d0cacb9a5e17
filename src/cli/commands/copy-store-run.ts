import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../core/errors.js';
import { loadConfig } from '../../core/config.js';
import { isServerUrl, looksLikeUrl, openStore, redactPassword } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { copyStore, type CopyProgress } from '../../db/store-copy.js';
import type { CliRuntime } from '../runtime.js';
import { shellWord } from '../../core/shell-words.js';
import { runStoppable } from '../stop-signals.js';

export type CopyStoreAnswer = { from: string; to: string; tables: number; rows: number; sequences: number; replacedSettings: number; seconds: number };

/** A progress bar on a terminal; plain lines elsewhere, one per table (a log or a pipe). */
async function progressFor(runtime: CliRuntime): Promise<(progress: CopyProgress) => void> {
  if (runtime.isJson()) return () => undefined;
  if (!process.stderr.isTTY) {
    let table = '';
    return (progress) => {
      if (progress.table !== table) process.stderr.write(`copying ${progress.table}\n`);
      table = progress.table;
    };
  }
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} rows | {table} | {eta_formatted} left', stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
  let started = false;
  return (progress) => {
    if (!started) bar.start(Math.max(progress.totalRows, 1), 0, { table: progress.table });
    started = true;
    bar.update(progress.copiedRows, { table: progress.table });
    if (progress.copiedRows >= progress.totalRows) bar.stop();
  };
}

/**
 * Copies the store --db names into the one --to names: the source is opened as every command
 * opens it (migrated; an embedded store a server holds is refused by its lock), the target is
 * made or opened and migrated, then copyStore writes it in one transaction.
 */
export async function copyStoreInto(runtime: CliRuntime, options: { db?: string; to: string }): Promise<CopyStoreAnswer> {
  const from = options.db ?? loadConfig(process.env).database;
  const to = options.to.trim();
  if (to === '' || to === 'memory://') throw new AppError('STORE_COPY_TARGET_INVALID', 'Give --to a postgres:// URL of an empty database or a new folder.', { field: '--to' });
  if (looksLikeUrl(to) && !isServerUrl(to)) throw new AppError('STORE_COPY_TARGET_INVALID', `--to ${redactPassword(to)} is neither a postgres:// URL nor a folder.`, { field: '--to' });
  if (sameStore(from, to)) throw new AppError('STORE_COPY_TARGET_INVALID', 'The source (--db) and the target (--to) are the same store: give --to a new database or folder.', { field: '--to' });
  // a mistyped --db would otherwise become a new, empty store, copied for nothing
  if (!isServerUrl(from) && from !== 'memory://' && !existsSync(join(from, 'PG_VERSION'))) {
    throw new AppError('STORE_COPY_SOURCE_NOT_FOUND', `There is no embedded store at ${from} to copy (a store's folder holds PG_VERSION). Check --db, CLIENTELE_DATA_DIR or the current directory (./.clientele).`, { field: '--db', directory: from });
  }
  const onProgress = await progressFor(runtime);
  // the target is written in one transaction: stopped before it commits, it keeps none of the copy; a
  // signal while the target committed, or after: the copy is whole
  return runStoppable({
    what: 'the copy (the target keeps none of it)',
    stopped: (signal) => new AppError('CLI_INTERRUPTED',
      `Copy stopped by ${signal} before it committed: ${redactPassword(to)} holds none of the source's rows (it is as empty as it was), and the source is as it was. `
      + 'Run the same command again to copy: it is safe to rerun.', { signal, field: '--to' }),
    done: 'the copy was committed',
  }, (stopIfAsked) => runtime.withStore(async ({ db: source }): Promise<CopyStoreAnswer> => {
    const started = performance.now();
    const target = await openStore(to);
    try {
      await migrate(target);
      const copied = await copyStore(source, target.db, { onProgress, stopIfAsked });
      return { from: redactPassword(from), to: redactPassword(to), tables: copied.tables.length, rows: copied.rows, sequences: copied.sequences, replacedSettings: copied.replacedSettings, seconds: Math.round((performance.now() - started) / 100) / 10 };
    } finally {
      await target.close();
    }
  }, { bulk: true }));
}

function sameStore(from: string, to: string): boolean {
  if (isServerUrl(from) || isServerUrl(to)) return from === to;
  return resolve(from) === resolve(to);
}

/** What was copied, and the command that starts on the copy: pasted as written, the URL's `?` and `&` or the folder's space stay one word. */
export function describeCopy(answer: CopyStoreAnswer): string {
  const use = isServerUrl(answer.to) ? `DATABASE_URL=${shellWord(answer.to)} clientele serve` : `clientele serve --db ${shellWord(answer.to)}`;
  return `Copied ${answer.rows.toLocaleString('en')} rows in ${answer.tables} tables from ${answer.from} to ${answer.to} in ${answer.seconds} s; every table checked row for row.\n`
    + `The source is as it was. Start Clientele on the copy with: ${use}`;
}
