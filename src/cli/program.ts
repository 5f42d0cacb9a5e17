import { readFileSync } from 'node:fs';
import { Command, Help } from 'commander';
import { createCliRuntime } from './runtime.js';
import { wantsJson } from './output.js';
import { withExamples } from './examples.js';
import { refuseRepeatedValues } from './single-value-options.js';
import { suggestCommandsFor } from './store-command.js';
import { nameParserRefusals } from './usage-errors.js';
import { registerAnalyticsCommands } from './commands/analytics.js';
import { registerApiKeysCommand } from './commands/api-keys.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerCopyStoreCommand } from './commands/copy-store.js';
import { registerCustomersCommand } from './commands/customers.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerImportCommand } from './commands/import.js';
import { registerImportsCommand } from './commands/imports.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerOrdersCommand } from './commands/orders.js';
import { registerModelsCommand } from './commands/models.js';
import { registerRatesCommand } from './commands/rates.js';
import { registerSettingsCommand } from './commands/settings.js';
import { registerRebuildCommand } from './commands/rebuild.js';
import { registerServeCommand } from './commands/serve.js';
import { registerSegmentsCommand } from './commands/segments.js';
import { registerPersonasCommand } from './commands/personas.js';
import { registerUsersCommand } from './commands/users.js';

// package.json sits two levels up from both src/cli and build/cli.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The `clientele` command tree, not yet parsed: main.ts runs it, tests read it (help, examples). */
export function createProgram() {
  const program = new Command('clientele')
    .description('Clientele: know and keep your real customers')
    .version(version, '-V, --version', 'print the version')
    .option('--json', 'print machine-readable JSON')
    .option('--db <url-or-directory>', 'store: a postgres:// URL or a directory for the embedded store (default: DATABASE_URL, else the directory CLIENTELE_DATA_DIR, else ./.clientele)')
    .exitOverride();
  withExamples(program, [
    ['clientele demo load cdnow --db ./cdnow', 'a real public data set in a new store'],
    ['clientele analyze --db ./cdnow', 'types, RFM and alerts for everyone'],
    ['clientele report types --db ./cdnow'],
    ['clientele serve --db ./cdnow', 'the web app and API on http://127.0.0.1:3000'],
  ], 'Getting started')
    .addHelpText('after', '\nEvery command takes --json; `clientele <command> --help` shows its options and examples.'
      + '\nA new store (the first command on a new --db directory or database) takes its currency, time zone and phone country from'
      + '\nCLIENTELE_CURRENCY, CLIENTELE_TIMEZONE and CLIENTELE_DEFAULT_COUNTRY (default IDR, Asia/Jakarta, ID); `clientele settings set` changes them before the first orders.');
  // before the subcommands are added, which copy it: a usage error is printed once, by run-command-line.ts in the project's
  // error form (as JSON on stdout under --json), not in commander's words
  program.configureOutput({ writeErr: (text) => (wantsJson(program) ? undefined : process.stderr.write(text)), outputError: () => undefined });
  // copied to the subcommands as well: commander's help does not say which options a command cannot run without
  program.configureHelp({ optionDescription: (option) => `${new Help().optionDescription(option)}${option.mandatory ? ' (required)' : ''}` });

  const runtime = createCliRuntime(program);
  registerServeCommand(program);
  registerMigrateCommand(program, runtime);
  registerBackupCommands(program, runtime);
  registerCopyStoreCommand(program, runtime);
  registerImportCommand(program, runtime);
  registerImportsCommand(program, runtime);
  registerRebuildCommand(program, runtime);
  registerCustomersCommand(program, runtime);
  registerOrdersCommand(program, runtime);
  registerUsersCommand(program, runtime);
  registerApiKeysCommand(program, runtime);
  registerAuditCommand(program, runtime);
  registerDemoCommand(program, runtime);
  registerSettingsCommand(program, runtime);
  registerRatesCommand(program, runtime);
  registerModelsCommand(program, runtime);
  registerAnalyticsCommands(program, runtime);
  registerSegmentsCommand(program, runtime);
  registerPersonasCommand(program, runtime);
  // an option of one value given twice is refused in every command, where commander keeps the last
  refuseRepeatedValues(program);
  // a value a parser refuses is named as typed (--days, <user>) in the project's error form
  nameParserRefusals(program);
  // the commands a command line suggests name its --db (store-command.ts); none is left over from an earlier command line in the same process
  suggestCommandsFor(program);
  program.hook('preAction', () => suggestCommandsFor(program));
  return { program, runtime };
}
