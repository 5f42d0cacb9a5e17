/**
 * PostgreSQL ends one of two transactions that wait on each other (deadlock_detected) or that a
 * serializable snapshot cannot order (serialization_failure), and the one it ended succeeds when
 * run again: the other has committed by then.
 */
const retryableCodes = new Set(['40P01', '40001']);

const codeOf = (error: unknown): unknown => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);

/** Whether PostgreSQL ended the transaction so that another could go on, and running it again is the remedy. */
export function isRetryableConflict(error: unknown): boolean {
  const code = codeOf(error);
  return typeof code === 'string' && retryableCodes.has(code);
}

/**
 * Runs a whole transaction (`work` must begin and commit it, and keep no state of its own
 * between attempts) again when PostgreSQL ended it to break a deadlock with another; after
 * `attempts` tries the last error is thrown. Waits a few random milliseconds between tries
 * so that the two do not meet again in step.
 */
export async function retryingConflicts<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
