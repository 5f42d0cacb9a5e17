import { resolve } from 'node:path';
import { CommanderError } from 'commander';
import { AppError, isAppError } from '../core/errors.js';
import { loadConfig } from '../core/config.js';
import { isServerUrl, redactPassword, serverUrlProblem } from '../db/client.js';
import { fileAbove } from '../db/store-directory.js';
import { connectionReasons } from '../db/store-unreachable.js';
import { debugVariable } from './output.js';

/**
 * Words an error the code did not expect. The two a user meets most — a store
 * that cannot be opened and a file that cannot be read — are named with what to
 * do; anything else keeps its message on one line.
 */
export function describeUnexpectedError(error: unknown, options: { db?: string; argv?: string[] } = {}): AppError {
  if (isAppError(error)) return error;
  if (error instanceof CommanderError) return new AppError('CLI_ARGUMENT_INVALID', error.message.replace(/^error:\s*/, ''), { commander: error.code });
  const failure = error as NodeJS.ErrnoException & { errors?: Array<NodeJS.ErrnoException> };
  const code = failure.code ?? failure.errors?.[0]?.code;
  const target = options.db ?? storeTarget();
  if (isServerUrl(target) && code === 'ERR_INVALID_URL') {
    // the URL the user gave, not our code: "INTERNAL_ERROR: Invalid URL" named neither the setting nor the fault
    const setting = options.db === undefined ? 'DATABASE_URL' : '--db';
    return new AppError(setting === '--db' ? 'CLI_ARGUMENT_INVALID' : 'CONFIG_INVALID', `${setting} cannot be opened: ${serverUrlProblem(target) ?? 'it is not a valid URL'}.`, { field: setting });
  }
  if (isServerUrl(target) && code && refusalReasons[code]) {
    // the server answered: the same URL gets the same answer until it is changed, so this is not a failure to retry (exit 3)
    const setting = options.db === undefined ? 'DATABASE_URL' : '--db';
    const { reason, fix } = refusalReasons[code];
    return new AppError('STORE_CONNECTION_INVALID', `Cannot open ${redactPassword(target)}: ${reason}. Retrying will not help: fix ${setting} (${fix}).`, { field: setting });
  }
  if (isServerUrl(target) && code && connectionReasons[code]) {
    return new AppError('STORE_CONNECTION_UNAVAILABLE', `Cannot connect to ${redactPassword(target)}: ${connectionReasons[code]}. Check that the server is running and the URL (host, port, user, database) is right.`, { field: '--db' });
  }
  if (!isServerUrl(target) && failure.syscall === 'mkdir' && failure.path !== undefined) {
    if (code === 'EEXIST' && resolve(failure.path) === resolve(target)) {
      return new AppError('STORE_NOT_A_DIRECTORY', `--db ${target} is a file, not a store directory. Give a directory (created when missing) or a postgres:// URL.`, { field: '--db' });
    }
    const inTheWay = code === 'ENOTDIR' ? fileAbove(target) : null;
    if (inTheWay) {
      return new AppError('STORE_NOT_A_DIRECTORY', `--db ${target} cannot be a store directory: ${inTheWay} is a file, not a directory. Give a directory (created when missing) or a postgres:// URL.`, { field: '--db', file: inTheWay });
    }
    return new AppError('STORE_DIRECTORY_UNAVAILABLE', `Cannot create the store directory ${target}: ${fileReasons[code ?? ''] ?? failure.message}. Give another directory or a postgres:// URL.`, { field: '--db' });
  }
  const args = (options.argv ?? process.argv).slice(2);
  const named = failure.path !== undefined && args.some((arg) => arg !== target && resolve(arg) === resolve(failure.path!));
  const output = failure.path === undefined ? null : outputOptionOf(args, failure.path);
  if ((named || output) && code && fileReasons[code]) {
    if (output) {
      return new AppError('CLI_FILE_UNWRITABLE', `Cannot write ${failure.path} (${output}): ${fileReasons[code]}. Give a path in a directory that exists and that you may write to.`, { field: output, file: failure.path });
    }
    return new AppError('CLI_FILE_UNREADABLE', `Cannot read ${failure.path}: ${fileReasons[code]}. Check the path and its permissions.`, { file: failure.path });
  }
  const message = String((error as Error)?.message ?? error).split('\n')[0];
  return new AppError('INTERNAL_ERROR', `${message} (set ${debugVariable}=1 for the stack trace)`);
}

/** The options whose value is a file the command writes: a failure there is a write, not a read. */
const outputOptions = ['--rejects', '--csv'];

function outputOptionOf(args: string[], path: string): string | null {
  for (const [index, arg] of args.entries()) {
    const [option, inline] = arg.split(/=(.*)/s, 2);
    if (!outputOptions.includes(option!)) continue;
    const value = inline ?? args[index + 1];
    if (value !== undefined && resolve(value) === resolve(path)) return option!;
  }
  return null;
}

/** The server's answers that name the URL as wrong (PostgreSQL's SQLSTATE): unlike a server that is down, they do not pass. */
const refusalReasons: Record<string, { reason: string; fix: string }> = {
  '28P01': { reason: 'the password was refused', fix: 'its user and password' },
  '28000': { reason: 'the server refused this user', fix: 'its user, or let the user connect' },
  '3D000': { reason: 'the database does not exist', fix: 'the database name, or create the database first' },
};

const fileReasons: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is a file',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

function storeTarget(): string {
  try {
    return loadConfig().database;
  } catch {
    return '';
  }
}
