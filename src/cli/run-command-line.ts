import { CommanderError } from 'commander';
import { AppError, isAppError } from '../core/errors.js';
import { switchState } from '../core/env-switch.js';
import { exitCodeForError, exitCodes } from './exit-codes.js';
import { debugVariable, printFailure, wantsJson } from './output.js';
import { createProgram } from './program.js';
import { suggestCommandsFor, withStoreInError } from './store-command.js';
import { commandOf, describeUsageError, withCliField } from './usage-errors.js';

export type CommandLineOutcome = { exitCode: number; error: unknown };

/**
 * Runs one `clientele` command line as the process does (main.ts): a failure printed for the
 * reader (one line on stderr, or JSON on stdout under --json) and the exit code it gives, the
 * error itself kept for tests that run commands in their own process.
 */
export async function runCommandLine(argv: string[] = process.argv): Promise<CommandLineOutcome> {
  const { program, runtime } = createProgram();
  try {
    await program.parseAsync(argv);
    return { exitCode: runtime.hasDataErrors() ? exitCodes.dataErrors : exitCodes.success, error: null };
  } catch (error) {
    const json = wantsJson(program, argv);
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return { exitCode: exitCodes.success, error };
      const usage = describeUsageError(error, program, argv);
      // a command group without its subcommand has had its help printed (on stderr) in text mode: the list is the answer
      if (json) printFailure(usage, { json });
      else if (error.code !== 'commander.help') printFailure(new AppError(usage.code, `${usage.message} ${usage.details.hint}`, usage.details), { json });
      return { exitCode: exitCodes.usage, error };
    }
    // CLIENTELE_DEBUG=0 is off, as every on/off variable reads; an unknown word still asks for the trace
    if (switchState(process.env[debugVariable]) !== false) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    // an app error already says what to do; wording any other failure (a store that cannot be opened…) loads the store driver
    const failure = isAppError(error) ? error : (await import('./unexpected-error.js')).describeUnexpectedError(error, { db: program.opts<{ db?: string }>().db, argv });
    // a failure in parsing comes before the action's hook: its commands are given the store here
    suggestCommandsFor(program);
    const shown = withStoreInError(withCliField(failure, commandOf(program, argv.slice(2))));
    printFailure(shown, { json });
    // a command stopped by Ctrl-C or a supervisor: said on stderr under --json too, to whoever stopped it
    if (json && shown.code === 'CLI_INTERRUPTED') printFailure(shown, { json: false });
    return { exitCode: exitCodeForError(failure), error };
  }
}
