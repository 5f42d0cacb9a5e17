import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { stringify } from 'safe-stable-stringify';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { AppError } from '../core/errors.js';

/**
 * How long an answer is kept for a retry. As with Stripe's keys, a day covers any client's retries;
 * after it the same key starts a new request (imports stay idempotent by their external ids), and an
 * erasure has fewer stored answers to search.
 */
export const answerKeptForHours = 24;
const keptFor = sql.raw(`interval '${answerKeptForHours} hours'`);
// Sweeping on every write would add a statement to each; once a minute per store keeps the table to about a day's keys.
const sweepEveryMs = 60_000;
const lastSweepAt = new WeakMap<object, number>();

export const idempotencyKeyHeader = z.string().max(200).optional()
  .describe(`Any unique string (at most 200 characters) to make a retry safe: a request repeated with the same key and body gets the first answer again, for ${answerKeptForHours} hours; the same key with another body is refused (409).`);

export type StoredResponse = { statusCode: number; body: unknown };

/** Stores the answer in the write's own transaction, so that the write and its record commit together. */
export type RememberAnswer = (trx: Kysely<Database>, response: StoredResponse) => Promise<void>;

/**
 * Runs a write once per (caller, Idempotency-Key): a retry with the same key and
 * body gets the first response again; the same key with another body is refused.
 * A write that calls `remember` inside its transaction commits its record with
 * it (a crash after the commit cannot leave a write without its record);
 * otherwise the record is stored after the write.
 */
export async function withIdempotency(
  db: Kysely<Database>,
  request: {
    key: string | undefined; principal: string; body: unknown;
    /**
     * The same body as other endpoints sharing these keys would hash it (the ingest of another
     * entity), each with its endpoint's name: a key reused there is refused naming that endpoint
     * rather than a body that did not change.
     */
    elsewhere?: Array<{ endpoint: string; body: unknown }>;
  },
  run: (remember: RememberAnswer) => Promise<StoredResponse>,
): Promise<StoredResponse & { isReplay: boolean }> {
  if (!request.key) return { ...(await run(async () => undefined)), isReplay: false };
  const key = request.key;
  if (key.length > 200) throw new AppError('INGEST_IDEMPOTENCY_KEY_INVALID', 'The Idempotency-Key header may be at most 200 characters.', { field: 'Idempotency-Key' });
  const requestHash = hashOf(request.body);
  const isSameBody = (hash: string, body: unknown) => hash === hashOf(body) || hash === legacyHashOf(body);
  const replay = async () => {
    const previous = await db.selectFrom('idempotency_record').selectAll().select(sql<boolean>`created_at < now() - ${keptFor}`.as('is_expired'))
      .where('principal', '=', request.principal).where('idempotency_key', '=', key).executeTakeFirst();
    if (!previous) return undefined;
    if (previous.is_expired) {
      await db.deleteFrom('idempotency_record').where('principal', '=', request.principal).where('idempotency_key', '=', key)
        .where(sql<boolean>`created_at < now() - ${keptFor}`).execute();
      return undefined;
    }
    if (previous.request_hash !== requestHash && previous.request_hash !== legacyHashOf(request.body)) {
      const endpoint = request.elsewhere?.find((other) => isSameBody(previous.request_hash, other.body))?.endpoint;
      if (endpoint) {
        throw new AppError('INGEST_IDEMPOTENCY_MISMATCH', `The Idempotency-Key "${key}" was already used for ${endpoint}, a different endpoint, with this body. Use a new key for this request, or send it to ${endpoint} to get that answer again.`, { field: 'Idempotency-Key', endpoint });
      }
      throw new AppError('INGEST_IDEMPOTENCY_MISMATCH', `The Idempotency-Key "${key}" was already used with a different request body. Use a new key for a new request, or send the first body again to get its answer.`, { field: 'Idempotency-Key' });
    }
    const body = typeof previous.response === 'string' ? JSON.parse(previous.response) : previous.response;
    return { statusCode: previous.status_code, body, isReplay: true };
  };
  const first = await replay();
  if (first) return first;
  const store = (executor: Kysely<Database>, response: StoredResponse) => executor.insertInto('idempotency_record')
    .values({ idempotency_key: key, principal: request.principal, request_hash: requestHash, status_code: response.statusCode, response: JSON.stringify(response.body) })
    .onConflict((conflict) => conflict.columns(['principal', 'idempotency_key']).doNothing())
    .returning('idempotency_key')
    .executeTakeFirst();
  let isRemembered = false;
  try {
    const response = await run(async (trx, answer) => {
      // a same-key request that ran alongside committed first: this write rolls back and answers as its replay
      if (!(await store(trx, answer))) throw new LostToSameKey();
      isRemembered = true;
    });
    if (!isRemembered) await store(db, response);
    // the write has committed: a sweep that fails is the next minute's to do, not this request's error
    await sweepExpiredAnswers(db).catch(() => 0);
    return { ...response, isReplay: false };
  } catch (error) {
    if (!(error instanceof LostToSameKey)) throw error;
    const stored = await replay();
    if (!stored) throw new AppError('INTERNAL_IDEMPOTENCY', `The answer to Idempotency-Key "${key}" was not found after its write; retry the request.`);
    return stored;
  }
}

class LostToSameKey extends Error {}

/** Deletes the answers kept past their day, at most once a minute per store; `force` sweeps now. */
export async function sweepExpiredAnswers(db: Kysely<Database>, options: { force?: boolean } = {}): Promise<number> {
  const now = Date.now();
  if (!options.force && now - (lastSweepAt.get(db) ?? 0) < sweepEveryMs) return 0;
  lastSweepAt.set(db, now);
  const deleted = await db.deleteFrom('idempotency_record').where(sql<boolean>`created_at < now() - ${keptFor}`).executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

// Object keys sorted at every depth: a retry whose client wrote the same JSON with its keys in another order
// (another serialiser, a map rebuilt) is the same request (stringify's default is deterministic). Array order
// stays, as records' order is meaningful.
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const hashOf = (body: unknown) => sha256(stringify(body ?? null));
/**
 * The hash answers stored before keys were sorted (the body's JSON.stringify, keys as sent): such an
 * answer, kept for a day, still replays to a retry of its body sent as before. One more hash of the
 * body on a repeated key only (no new request pays it); once no such answer is kept, this can go.
 */
const legacyHashOf = (body: unknown) => sha256(JSON.stringify(body ?? null));
