import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Store } from '../db/client.js';
import type { Database } from '../db/schema.js';

/**
 * Counts attempts per key in fixed one-window buckets, in this process's memory: what the
 * embedded store, which one process serves, counts with (`createAttemptCounter`). A restart resets
 * it, which an attacker cannot trigger.
 */
export type AttemptLimiter = {
  /** Records an attempt; false when the key has used up its window. */
  tryAttempt: (key: string, now: Date) => boolean;
  /**
   * Records an attempt, and says whether it is the window's first refusal: worth
   * auditing once, where auditing every refusal would let a flood flood the log.
   */
  attempt: (key: string, now: Date) => { isAllowed: boolean; isFirstRefusal: boolean };
  /** Records an attempt; the key's attempts in its window so far, this one included, and when the window began. */
  count: (key: string, now: Date) => WindowCount;
};

/** A key's attempts in its current window, the one just counted included. */
export type WindowCount = { count: number; windowStart: Date };

/** One attempt counted by an `AttemptCounter`. */
export type CountedAttempt = WindowCount & { isAllowed: boolean; isFirstRefusal: boolean };

/**
 * Counts one limit's attempts per key for the whole store, however many processes serve it: the
 * routes ask it the same way on either store. Resolves only once the attempt is counted: a store
 * error while counting rejects, and the caller answers it as any other (503 while the store is
 * unreachable), never letting the attempt through uncounted.
 */
export type AttemptCounter = { max: number; windowMs: number; attempt: (key: string, now: Date) => Promise<CountedAttempt> };

/** The count's verdict: allowed up to `max`, and the attempt just past it is the window's one first refusal. */
export function judgeAttempt(count: number, max: number): { isAllowed: boolean; isFirstRefusal: boolean } {
  return { isAllowed: count <= max, isFirstRefusal: count === max + 1 };
}

export function createAttemptLimiter(options: { max: number; windowMs: number }): AttemptLimiter {
  const buckets = new Map<string, { windowStart: number; count: number }>();
  const count: AttemptLimiter['count'] = (key, now) => {
    const time = now.getTime();
    // Drop stale buckets as we go so the map cannot grow without bound.
    if (buckets.size > 10_000) for (const [staleKey, bucket] of buckets) if (time - bucket.windowStart >= options.windowMs) buckets.delete(staleKey);
    const bucket = buckets.get(key);
    if (!bucket || time - bucket.windowStart >= options.windowMs) {
      buckets.set(key, { windowStart: time, count: 1 });
      return { count: 1, windowStart: new Date(time) };
    }
    bucket.count += 1;
    return { count: bucket.count, windowStart: new Date(bucket.windowStart) };
  };
  const attempt: AttemptLimiter['attempt'] = (key, now) => judgeAttempt(count(key, now).count, options.max);
  return { attempt, count, tryAttempt: (key, now) => attempt(key, now).isAllowed };
}

/**
 * One limit's counter for a store. The embedded store is served by this process alone: it counts
 * in memory, with no write per attempt. A server store may be served by several processes behind
 * one address: it counts in `attempt_window`, one statement per attempt, so each process sees the
 * others' attempts and the window's first refusal is one process's alone. `name` tells the limits
 * apart in that table: lowercase words and hyphens.
 */
export function createAttemptCounter(store: Pick<Store, 'kind' | 'db'>, options: { name: string; max: number; windowMs: number }): AttemptCounter {
  const { max, windowMs } = options;
  if (store.kind === 'embedded') {
    const limiter = createAttemptLimiter({ max, windowMs });
    return { max, windowMs, attempt: async (key, now) => withVerdict(limiter.count(key, now), max) };
  }
  const prefix = `${options.name}:`;
  let lastSweepAt = Number.NEGATIVE_INFINITY;
  return {
    max,
    windowMs,
    attempt: async (key, now) => {
      const counted = await countInStore(store.db, prefix + digestOf(key), now, windowMs);
      // a key met once is never counted again and stays until a sweep: once a window per limit and process is enough
      if (now.getTime() - lastSweepAt >= windowMs) {
        lastSweepAt = now.getTime();
        await deleteEndedWindows(store.db, prefix, new Date(now.getTime() - windowMs));
      }
      return withVerdict(counted, max);
    },
  };
}

/** Whole seconds until a counted attempt's window ends, at least 1 and at most the window: what Retry-After says. */
export function secondsLeftInWindow(counted: WindowCount, windowMs: number, now: Date): number {
  const left = counted.windowStart.getTime() + windowMs - now.getTime();
  // another process's clock may run a little ahead of or behind this one's
  return Math.min(Math.ceil(windowMs / 1000), Math.max(1, Math.ceil(left / 1000)));
}

function withVerdict(counted: WindowCount, max: number): CountedAttempt {
  return { ...counted, ...judgeAttempt(counted.count, max) };
}

/**
 * Counts the attempt and returns the window it fell in, in one statement: the row's lock orders
 * attempts from any process, so each gets its own count and exactly one gets `max + 1`. A window
 * that has ended is replaced by a new one starting now, as the in-memory buckets are.
 */
async function countInStore(db: Kysely<Database>, key: string, now: Date, windowMs: number): Promise<WindowCount> {
  const endedBy = new Date(now.getTime() - windowMs);
  const hasEnded = sql<boolean>`attempt_window.window_start <= ${endedBy}`;
  const row = await db.insertInto('attempt_window')
    .values({ key, window_start: now, count: 1 })
    .onConflict((conflict) => conflict.column('key').doUpdateSet({
      window_start: sql<Date>`case when ${hasEnded} then excluded.window_start else attempt_window.window_start end`,
      count: sql<number>`case when ${hasEnded} then 1 else attempt_window.count + 1 end`,
    }))
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();
  return { count: row.count, windowStart: row.window_start };
}

async function deleteEndedWindows(db: Kysely<Database>, prefix: string, endedBy: Date): Promise<void> {
  await db.deleteFrom('attempt_window').where(sql<boolean>`starts_with(key, ${prefix})`).where('window_start', '<=', endedBy).execute();
}

/**
 * The counted key as stored: a digest, so the table does not hold the staff emails and addresses
 * it counts. Unkeyed, since every process must reach the same row: it keeps them from whoever
 * reads the table, not from one who tries candidates (the audit log holds them in clear anyway).
 */
function digestOf(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
