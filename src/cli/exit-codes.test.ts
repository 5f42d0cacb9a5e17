import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { AppError, kindOfCode, type ErrorKind } from '../core/errors.js';
import { exitCodeForError } from './exit-codes.js';
import { statusByKind } from '../server/plugins/error-handler.js';

// a Record so that a new kind fails to compile here until its exit code is decided
const casesByKind: Record<ErrorKind, { codes: string[]; exitCode: number }> = {
  // STORE_CONNECTION_INVALID: a server that refused the URL (no such database, user or password) answers the same until it is fixed
  invalid: { codes: ['IMPORT_COLUMN_MISSING', 'CLI_ARGUMENT_INVALID', 'SEGMENT_FILTER_INVALID', 'STORE_CONNECTION_INVALID', 'SETTINGS_RATE_OF_STORE_CURRENCY'], exitCode: 1 },
  unauthenticated: { codes: ['AUTH_REQUIRED', 'AUTH_INVALID_CREDENTIALS', 'AUTH_SESSION_EXPIRED'], exitCode: 1 },
  forbidden: { codes: ['AUTH_FORBIDDEN', 'API_KEY_SCOPE_FORBIDDEN'], exitCode: 1 },
  not_found: { codes: ['CUSTOMER_NOT_FOUND', 'SEGMENT_NOT_FOUND', 'IMPORT_PRESET_NOT_FOUND', 'IMPORT_FILE_NOT_FOUND', 'DEMO_DATASET_NOT_FOUND'], exitCode: 1 },
  conflict: { codes: ['SEGMENT_NAME_EXISTS', 'CUSTOMER_IDENTITY_CONFLICT', 'SETTINGS_FIXED_CONFLICT', 'CUSTOMER_ALREADY_MERGED', 'USER_DISABLED_CONFLICT'], exitCode: 1 },
  rate_limited: { codes: ['AUTH_RATE_LIMITED', 'HEAVY_WORK_SERVER_RATE_LIMITED'], exitCode: 3 },
  unavailable: { codes: ['STORE_CONNECTION_UNAVAILABLE', 'STORE_DIRECTORY_UNAVAILABLE'], exitCode: 3 },
  internal: { codes: ['INTERNAL_ERROR'], exitCode: 3 },
};
const cases = Object.entries(casesByKind).flatMap(([kind, { codes, exitCode }]) => codes.map((code) => [kind, code, exitCode] as const));

describe('exitCodeForError', () => {
  it.each(cases)('gives an error of kind %s (%s) exit %i', (kind, code, exitCode) => {
    expect(kindOfCode(code)).toBe(kind);
    expect(exitCodeForError(new AppError(code, 'message'))).toBe(exitCode);
  });

  it('gives 3 to a conflict with another process\'s work, which ends by itself, so retrying helps', () => {
    for (const code of ['STORE_IN_USE_CONFLICT', 'SETTINGS_STORE_BUSY_CONFLICT']) {
      expect(kindOfCode(code)).toBe('conflict');
      expect(exitCodeForError(new AppError(code, 'message'))).toBe(3);
    }
  });

  it('gives 1 to a store not migrated, which stays so however often the command is retried, and the API still 503', () => {
    expect(kindOfCode('STORE_MIGRATIONS_PENDING_UNAVAILABLE')).toBe('unavailable');
    expect(statusByKind[kindOfCode('STORE_MIGRATIONS_PENDING_UNAVAILABLE')]).toBe(503);
    expect(exitCodeForError(new AppError('STORE_MIGRATIONS_PENDING_UNAVAILABLE', 'message'))).toBe(1);
  });

  it('gives 1 to a command line commander refused', () => {
    expect(exitCodeForError(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--bogus'"))).toBe(1);
    expect(exitCodeForError(new CommanderError(1, 'commander.missingArgument', "error: missing required argument 'file'"))).toBe(1);
  });

  it('gives 3 to an error that is not an AppError, whatever it carries', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    for (const error of [new Error('boom'), new TypeError('x is undefined'), refused, 'a thrown string', null, undefined]) {
      expect(exitCodeForError(error)).toBe(3);
    }
  });
});
