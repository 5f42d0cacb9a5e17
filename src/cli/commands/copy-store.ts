import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

/** `clientele copy-store`: every row of one store into a new one (docs/operations.md, "Moving to a PostgreSQL server"). */
export function registerCopyStoreCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('copy-store')
    .description('copy the whole store (--db) into a new, empty one: an embedded store onto a PostgreSQL server, or back')
    .requiredOption('--to <url-or-directory>', 'the new store: a postgres:// URL of an empty database, or a new folder'), [
    ['clientele copy-store --db ./shop --to postgres://clientele@db.internal/shop', 'then run `clientele serve` with DATABASE_URL set to that URL'],
    ['clientele copy-store --db "$DATABASE_URL" --to ./shop-copy', "a server store's data in a folder, to look at on a laptop"],
  ]).action(async (options: { to: string }) => {
    const { copyStoreInto, describeCopy } = await import('./copy-store-run.js');
    const result = await copyStoreInto(runtime, { db: program.opts<{ db?: string }>().db, to: options.to });
    runtime.print(result, describeCopy);
  });
}
