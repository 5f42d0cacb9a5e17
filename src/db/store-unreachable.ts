import { AppError } from '../core/errors.js';

/** The socket's and the server's reasons a store cannot be reached now, in words (the CLI says them). */
export const connectionReasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'unknown host',
  EAI_AGAIN: 'the host name cannot be resolved now',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the server closed the connection',
  '57P03': 'the server is starting up or shutting down',
};
// a write to a connection the server closed fails so under a running server, never on opening one
const networkCodes = new Set([...Object.keys(connectionReasons), 'EPIPE']);
const serverCodes = new Set(['57P01', '57P02', '57P03', '3D000']);
// node-postgres says a connection lost mid-query, or never made in time, in words only, without a code
const driverWording = /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|timeout exceeded when trying to connect)/;

/**
 * Whether a failed query failed because the store's server could not be reached or went away,
 * rather than because of the query: an outage to wait out, not a bug. The socket's errors name
 * the network's reason; the server's own (SQLSTATE) say it is shutting down, starting up, or that
 * the database is gone (dropped under a running server).
 */
export function isStoreUnreachable(error: unknown): boolean {
  return unreachableCause(error) !== null;
}

/** The code or words that mark the failure as the store being unreachable, looking into the errors it wraps. */
export function unreachableCause(error: unknown, depth = 0): string | null {
  if (!(error instanceof Error) || depth > 3) return null;
  const code = (error as NodeJS.ErrnoException).code;
  // SQLSTATE class 08: connection exceptions
  if (typeof code === 'string' && (networkCodes.has(code) || serverCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return code;
  if (driverWording.test(error.message)) return error.message;
  // connecting to a name with several addresses (localhost: ::1 and 127.0.0.1) fails with each one's error
  const wrapped = [...((error as { errors?: unknown[] }).errors ?? []), error.cause];
  for (const inner of wrapped) {
    const cause = unreachableCause(inner, depth + 1);
    if (cause) return cause;
  }
  return null;
}

/** How long a client is asked to wait before trying again: a restart or a failover takes seconds. */
export const storeRetryAfterSeconds = 10;

/**
 * The API's answer: the code the CLI gives for the same outage, and words for whoever reads them
 * in the web app. The reason stays in the log; the store's address is not the caller's business.
 */
export function storeUnreachableError(): AppError {
  return new AppError('STORE_CONNECTION_UNAVAILABLE', `The database cannot be reached right now, so nothing can be read or saved. Try again in ${storeRetryAfterSeconds} seconds; if it keeps happening, tell your administrator.`);
}
