import { isAppError, kindOfCode } from '../core/errors.js';

/** 0 success, 1 usage error, 2 data errors (some rows rejected), 3 failure. */
export const exitCodes = { success: 0, usage: 1, dataErrors: 2, failure: 3 } as const;

/**
 * Codes the API answers 404 for but the command line made the mistake: a name
 * the program itself offers (a preset, a bundled data set) or a file named on
 * the command line. The documented contract (docs/import.md) calls these usage
 * errors; a missing customer or segment stays a failure (3).
 */
const usageCodes = new Set(['IMPORT_PRESET_NOT_FOUND', 'IMPORT_FILE_NOT_FOUND', 'DEMO_DATASET_NOT_FOUND']);

export function exitCodeForError(error: unknown): number {
  if (isAppError(error)) return usageCodes.has(error.code) || kindOfCode(error.code) === 'invalid' ? exitCodes.usage : exitCodes.failure;
  const code = (error as { code?: string }).code;
  if (typeof code === 'string' && code.startsWith('commander.')) return exitCodes.usage;
  return exitCodes.failure;
}
