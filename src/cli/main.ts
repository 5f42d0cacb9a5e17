import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { createCliRuntime } from './runtime.js';
import { exitCodeForError, exitCodes } from './exit-codes.js';
import { debugVariable, describeUnexpectedError, describeUsageError, printFailure, wantsJson } from './output.js';
import { registerAnalyticsCommands } from './commands/analytics.js';
import { registerApiKeysCommand } from './commands/api-keys.js';
import { registerCustomersCommand } from './commands/customers.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerImportCommand } from './commands/import.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerModelsCommand } from './commands/models.js';
import { registerRatesCommand } from './commands/rates.js';
import { registerRebuildCommand } from './commands/rebuild.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSegmentsCommand } from './commands/segments.js';
import { registerPersonasCommand } from './commands/personas.js';
import { registerUsersCommand } from './commands/users.js';

// package.json sits two levels up from both src/cli and build/cli.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('clientele')
  .description('Clientele: know and keep your real customers')
  .version(version, '-V, --version', 'print the version')
  .option('--json', 'print machine-readable JSON')
  .option('--db <url-or-directory>', 'store: a postgres:// URL or a directory for the embedded store (default DATABASE_URL or ./.clientele)')
  .exitOverride()
  .showHelpAfterError();
// before the subcommands are added, which copy it: under --json a usage error is printed once, as JSON on stdout (below)
program.configureOutput({ writeErr: (text) => (wantsJson(program) ? undefined : process.stderr.write(text)) });

const runtime = createCliRuntime(program);
registerServeCommand(program);
registerMigrateCommand(program, runtime);
registerImportCommand(program, runtime);
registerRebuildCommand(program, runtime);
registerCustomersCommand(program, runtime);
registerUsersCommand(program, runtime);
registerApiKeysCommand(program, runtime);
registerDemoCommand(program, runtime);
registerRatesCommand(program, runtime);
registerModelsCommand(program, runtime);
registerAnalyticsCommands(program, runtime);
registerSegmentsCommand(program, runtime);
registerPersonasCommand(program, runtime);

try {
  await program.parseAsync(process.argv);
  if (runtime.hasDataErrors()) process.exitCode = exitCodes.dataErrors;
} catch (error) {
  const json = wantsJson(program);
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? exitCodes.success : exitCodes.usage;
    if (json && error.exitCode !== 0) printFailure(describeUsageError(error, program), { json });
  } else {
    if (process.env[debugVariable]) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    const failure = describeUnexpectedError(error, { db: program.opts<{ db?: string }>().db });
    printFailure(failure, { json });
    process.exitCode = exitCodeForError(failure);
  }
}
