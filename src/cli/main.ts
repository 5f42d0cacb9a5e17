import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { isAppError } from '../core/errors.js';
import { createCliRuntime } from './runtime.js';
import { exitCodeForError, exitCodes } from './exit-codes.js';
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
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : exitCodes.usage;
  } else {
    const json = program.opts<{ json?: boolean }>().json;
    if (isAppError(error)) {
      const where = [error.details.file, error.details.line].filter((part) => part !== undefined).join(':');
      if (json) process.stdout.write(`${JSON.stringify({ error: { code: error.code, message: error.message, ...error.details } }, null, 2)}\n`);
      else process.stderr.write(`error ${error.code}${where ? ` (${where})` : ''}: ${error.message}\n`);
    } else {
      process.stderr.write(`error: ${(error as Error).stack ?? String(error)}\n`);
    }
    process.exitCode = exitCodeForError(error);
  }
}
