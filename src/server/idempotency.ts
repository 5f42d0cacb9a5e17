import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';

export type StoredResponse = { statusCode: number; body: unknown };

/**
 * Runs a write once per (caller, Idempotency-Key): a retry with the same key and
 * body gets the first response again; the same key with another body is refused.
 */
export async function withIdempotency(
  db: Kysely<Database>,
  request: { key: string | undefined; principal: string; body: unknown },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse & { isReplay: boolean }> {
  if (!request.key) return { ...(await run()), isReplay: false };
  if (request.key.length > 200) throw new AppError('INGEST_IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header may be at most 200 characters.', { field: 'Idempotency-Key' });
  const requestHash = createHash('sha256').update(JSON.stringify(request.body ?? null)).digest('hex');
  const previous = await db.selectFrom('idempotency_record').selectAll()
    .where('principal', '=', request.principal).where('idempotency_key', '=', request.key).executeTakeFirst();
  if (previous) {
    if (previous.request_hash !== requestHash) {
      throw new AppError('INGEST_IDEMPOTENCY_MISMATCH', `The Idempotency-Key "${request.key}" was already used with a different request body. Use a new key for a new batch.`, { field: 'Idempotency-Key' });
    }
    const body = typeof previous.response === 'string' ? JSON.parse(previous.response) : previous.response;
    return { statusCode: previous.status_code, body, isReplay: true };
  }
  const response = await run();
  await db.insertInto('idempotency_record')
    .values({ idempotency_key: request.key, principal: request.principal, request_hash: requestHash, status_code: response.statusCode, response: JSON.stringify(response.body) })
    .onConflict((conflict) => conflict.columns(['principal', 'idempotency_key']).doNothing())
    .execute();
  return { ...response, isReplay: false };
}
