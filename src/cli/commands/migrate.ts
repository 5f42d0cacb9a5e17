import type { Command } from 'commander';
import type { CliRuntime } from '../runtime.js';
import { withExamples } from '../examples.js';

export function registerMigrateCommand(program: Command, runtime: CliRuntime): void {
  withExamples(program.command('migrate').description('apply pending database migrations'), [
    ['clientele migrate --db postgres://clientele@db.internal/clientele', 'before starting a new version\'s servers'],
  ]).action(async () => {
    const { migrate } = await import('../../db/migrate.js');
    // Migrating is this command's job, so it opens the store without the pending-migration guard;
    // opening migrates, so what it applied is the command's result (asked again, it said "Up to date").
    const result = await runtime.withStore(async ({ store, runtime: opened }) => opened.migration ?? migrate(store), { autoMigrate: true, bulk: true });
    runtime.print(result, (r) => (r.applied.length ? `Applied ${r.applied.length} migration(s):\n  ${r.applied.join('\n  ')}` : `Up to date (${r.alreadyApplied} migrations applied before).`));
  });
}
