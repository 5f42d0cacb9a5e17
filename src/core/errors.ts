/**
 * One error type for the whole product. Each domain declares its codes in its
 * own `*.errors.ts`; the HTTP error handler and the CLI map codes to statuses
 * and exit codes in one table each.
 */
export type ErrorDetails = {
  field?: string;
  file?: string;
  line?: number;
  hint?: string;
  [key: string]: unknown;
};

export class AppError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/**
 * The one shape an error is told in, by the API (error-handler.ts) and by the CLI under --json:
 * the field at fault beside the code and message, every other detail under `details`, so a
 * detail can never stand in for the code or the message.
 */
export type ErrorBodyOf = { error: { code: string; message: string; field?: string; details?: Record<string, unknown> } };

export function errorBodyOf(error: AppError): ErrorBodyOf {
  const { field, ...details } = error.details;
  return { error: { code: error.code, message: error.message, ...(field ? { field } : {}), ...(Object.keys(details).length ? { details } : {}) } };
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The broad kind of an error, from which HTTP statuses and exit codes follow. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const kindBySuffix: Array<[RegExp, ErrorKind]> = [
  [/_(NOT_FOUND)$/, 'not_found'],
  [/^AUTH_(REQUIRED|INVALID_CREDENTIALS|SESSION_EXPIRED)$/, 'unauthenticated'],
  [/_(FORBIDDEN|CSRF_INVALID)$/, 'forbidden'],
  [/_(CONFLICT|EXISTS|ALREADY_MERGED|IDEMPOTENCY_MISMATCH)$/, 'conflict'],
  [/_RATE_LIMITED$/, 'rate_limited'],
  [/_UNAVAILABLE$/, 'unavailable'],
  [/^INTERNAL/, 'internal'],
];

/** Every code not matched above is a problem with the caller's input. */
export function kindOfCode(code: string): ErrorKind {
  for (const [pattern, kind] of kindBySuffix) if (pattern.test(code)) return kind;
  return 'invalid';
}
