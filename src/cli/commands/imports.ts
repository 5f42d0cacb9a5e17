import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { table } from '../format.js';
import { idOf, wholeNumberIn } from '../option-values.js';
import { withExamples } from '../examples.js';

type ImportRunRow = Awaited<ReturnType<typeof import('../../ingest/import-runs.repo.js').listImportRuns>>[number];

// Rows are records (an orders export has one per line item); the orders column counts orders, and is empty for other files;
// new customers is empty for runs made before it was counted.
const runRow = (run: ImportRunRow) => ({
  id: run.import_id, started: run.started_at, data: run.entity, file: run.file_name ?? '(API batch)', status: run.status,
  rows: run.read_count, new: run.inserted_count, updated: run.updated_count, unchanged: run.unchanged_count, rejected: run.rejected_count,
  'new orders': run.order_inserted_count ?? '', 'new customers': run.created_customer_count ?? '', by: run.started_by,
});

export function registerImportsCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('imports')
    .description('the imports made so far, newest first: file, status (interrupted: its process is gone) and counts')
    .option('--limit <n>', 'how many (1 to 200)', wholeNumberIn(1, 200, '--limit 20'), 20)
    .option('--before <id>', 'only runs older than this id (the next page)', idOf('an import id')), [
    ['clientele imports', 'did last night\'s files arrive, and how many rows were rejected?'],
    ['clientele imports --json --limit 200'],
  ])
    .action(async (options: { limit: number; before?: number }) => {
      // loaded when the command runs: the import runs' module brings in the importer's writers
      const { listImportRuns } = await import('../../ingest/import-runs.repo.js');
      const runs = await runtime.withStore(({ db }) => listImportRuns(db, { limit: options.limit, beforeId: options.before, canReadStaffEmails: true }));
      runtime.print(runs, (rows: ImportRunRow[]) => table(rows.map(runRow)));
    });
}
