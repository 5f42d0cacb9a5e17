import { isAppError, kindOfCode } from '../core/errors.js';

/** 0 success, 1 usage error, 2 data errors (some rows rejected), 3 failure. */
export const exitCodes = { success: 0, usage: 1, dataErrors: 2, failure: 3 } as const;

export function exitCodeForError(error: unknown): number {
  if (isAppError(error)) return kindOfCode(error.code) === 'invalid' ? exitCodes.usage : exitCodes.failure;
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) return exitCodes.usage;
  return exitCodes.failure;
}
