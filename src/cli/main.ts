import { CommanderError } from 'commander';
import { isAppError } from '../core/errors.js';
import { exitCodeForError, exitCodes } from './exit-codes.js';
import { debugVariable, describeUsageError, printFailure, wantsJson } from './output.js';
import { createProgram } from './program.js';

const { program, runtime } = createProgram();

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
    // an app error already says what to do; wording any other failure (a store that cannot be opened…) loads the store driver
    const failure = isAppError(error) ? error : (await import('./unexpected-error.js')).describeUnexpectedError(error, { db: program.opts<{ db?: string }>().db });
    printFailure(failure, { json });
    process.exitCode = exitCodeForError(failure);
  }
}
