import { readFileSync } from 'node:fs';
import { AppError } from '../../core/errors.js';

/**
 * An option's text as given, or, written `@path`, the file's: a file that cannot be read is the
 * caller's mistake to correct (exit 1, the path named), not an internal error.
 */
export function textOrAtFile(value: string, what: string): string {
  if (!value.startsWith('@')) return value;
  const path = value.slice(1);
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('CLI_ARGUMENT_INVALID', `The ${what} file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); check the path after @.`);
  }
}
