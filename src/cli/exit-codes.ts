import { isAppError, kindOfCode, type ErrorKind } from '../core/errors.js';

/**
 * What a script should do after a command: 0 success; 1 the request cannot be done as asked, so
 * fix the command or its input (the same command again gets the same answer); 2 data errors, some
 * rows rejected and the rest stored; 3 failure, where retrying later may help.
 */
export const exitCodes = { success: 0, usage: 1, dataErrors: 2, failure: 3 } as const;

const exitCodeByKind: Record<ErrorKind, number> = {
  invalid: exitCodes.usage,
  unauthenticated: exitCodes.usage,
  forbidden: exitCodes.usage,
  not_found: exitCodes.usage,
  conflict: exitCodes.usage,
  rate_limited: exitCodes.failure,
  unavailable: exitCodes.failure,
  internal: exitCodes.failure,
};

/**
 * Conflicts with another process's work rather than with the request: they end when that work
 * does, so the same command later succeeds, and a script should retry rather than change it.
 */
const busyCodes = new Set(['STORE_IN_USE_CONFLICT', 'SETTINGS_STORE_BUSY_CONFLICT']);

/**
 * A store that is there but not ready for the command: unavailable to a server's client (503), yet
 * the same command later gets the same answer until someone runs `clientele migrate`, so a script
 * should not retry it.
 */
const needsActionCodes = new Set(['STORE_MIGRATIONS_PENDING_UNAVAILABLE']);

/** The signals a long command stops at cleanly (stop-signals.ts), and the exit codes a shell gives a process they end: 128 + the signal's number. */
export type StopSignal = 'SIGINT' | 'SIGTERM';
export const signalExitCodes: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

export function exitCodeForError(error: unknown): number {
  if (isAppError(error)) {
    // stopped by a signal: exit as the signal would have, so a shell or a supervisor reads it as such
    if (error.code === 'CLI_INTERRUPTED') return signalExitCodes[error.details.signal as StopSignal] ?? signalExitCodes.SIGINT;
    if (busyCodes.has(error.code)) return exitCodes.failure;
    if (needsActionCodes.has(error.code)) return exitCodes.usage;
    return exitCodeByKind[kindOfCode(error.code)];
  }
  const code = (error as { code?: string } | null)?.code;
  if (typeof code === 'string' && code.startsWith('commander.')) return exitCodes.usage;
  return exitCodes.failure;
}
