import type { Command } from 'commander';
import { errorBodyOf, type AppError } from '../core/errors.js';

/** Set to print the stack of an unexpected failure; by default the CLI prints one line. */
export const debugVariable = 'CLIENTELE_DEBUG';

/** Whether the command line asks for JSON; read from argv too, since commander may fail before it parses `--json`. */
export function wantsJson(program: Command, argv: string[] = process.argv): boolean {
  if (program.opts<{ json?: boolean }>().json === true) return true;
  const args = argv.slice(2);
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--json');
}

/**
 * Prints a failure as the API would word it: under --json one object in the
 * API's error shape, `{ error: { code, message, field?, details? } }`, on
 * stdout, else one line on stderr. Whatever the failure, the reader gets a code and what to do, never a
 * stack trace (unless CLIENTELE_DEBUG is set).
 */
export function printFailure(error: AppError, options: { json: boolean }): void {
  if (options.json) {
    process.stdout.write(`${JSON.stringify(errorBodyOf(error), null, 2)}\n`);
    return;
  }
  const where = [error.details.file, error.details.line].filter((part) => part !== undefined).join(':');
  process.stderr.write(`error ${error.code}${where ? ` (${where})` : ''}: ${error.message}\n`);
}

/**
 * A reader that stops early (`clientele customers --help | head -3`) closes the pipe: the rest of the
 * output is not wanted, so it is dropped instead of failing as an unhandled EPIPE with a stack trace.
 * The process is not ended there: a command still closes its store (an embedded one writes itself
 * back on close) and ends with its own exit code, 0 when it succeeded. Stderr too: an import's
 * progress lines under `2>&1 | head` must not kill it between batches.
 */
export function dropOutputToClosedReaders(streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}
