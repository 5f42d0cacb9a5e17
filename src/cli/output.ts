import type { Command, CommanderError } from 'commander';
import { AppError, errorBodyOf } from '../core/errors.js';

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

/** A commander parse error (unknown option, missing argument…) as an app error naming the help to read. */
export function describeUsageError(error: CommanderError, program: Command, argv: string[] = process.argv): AppError {
  const words = ['clientele', ...commandPathOf(program, argv.slice(2))].join(' ');
  const message = error.code === 'commander.help' ? `Give a command. Run \`${words} --help\` for the list.` : error.message.replace(/^error:\s*/, '');
  return new AppError('CLI_ARGUMENT_INVALID', message, { commander: error.code, hint: `Run \`${words} --help\` for its usage.` });
}

/** The subcommand words of `args` (`import`, `api-keys create`…), for the help to point at. */
function commandPathOf(program: Command, args: string[]): string[] {
  const path: string[] = [];
  let current = program;
  for (const arg of args) {
    if (arg.startsWith('-')) continue;
    const next = current.commands.find((command) => command.name() === arg || command.aliases().includes(arg));
    if (!next) {
      if (path.length > 0) break;
      continue;
    }
    path.push(next.name());
    current = next;
  }
  return path;
}
