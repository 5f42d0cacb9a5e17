import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

/** `clientele backup` and `clientele restore`: an embedded store's folder as one file, and back (docs/operations.md). */
export function registerBackupCommands(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('backup')
    .description('write a consistent copy of the embedded store to one file (stop `clientele serve` first; a server store: pg_dump)')
    .requiredOption('--out <file>', 'the backup file to write (.tar.gz); an existing file is not overwritten'), [
    ['clientele backup --db ./shop --out shop-2026-12-01.tar.gz', 'with the server stopped'],
  ]).action(async (options: { out: string }) => {
    const { backupEmbeddedStore } = await import('./backup-run.js');
    const result = await backupEmbeddedStore({ db: program.opts<{ db?: string }>().db, out: options.out });
    runtime.print(result, (r) => `Backed up the embedded store ${r.store} to ${r.file} (${r.bytes.toLocaleString('en')} bytes). Restore it with \`clientele restore ${r.file} --db <new folder>\`.`);
  });
  withExamples(program.command('restore')
    .description('make a new embedded store (--db, a new or empty folder) from a file `clientele backup` wrote')
    .argument('<file>', 'the backup file'), [
    ['clientele restore shop-2026-12-01.tar.gz --db ./shop-restored', 'then `clientele serve --db ./shop-restored`'],
  ]).action(async (file: string) => {
    const { restoreEmbeddedStore } = await import('./backup-run.js');
    const result = await restoreEmbeddedStore({ db: program.opts<{ db?: string }>().db, file });
    runtime.print(result, (r) => `Restored ${r.file} into the embedded store ${r.store}${r.pendingMigrations > 0 ? ` (its ${r.pendingMigrations} pending migration(s) are applied when it is next opened)` : ''}.`);
  });
}
