import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { Database } from './schema.js';
import { isRetryableConflict, retryingConflicts } from './retry-deadlocks.js';

/**
 * Resolves for each of `parties` callers once all have called it, and at once after that: two
 * transactions meet at it holding their first locks, so the second locks cross whatever the
 * machine's load (a fixed sleep let one finish before the other began).
 */
function meetingPoint(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => { open = resolve; });
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return opened;
  };
}

/**
 * A transaction taking two locks, the second once the other transaction has taken its first: on a
 * server, a deadlock. The embedded store's one connection runs them one after the other, so they
 * must not wait for each other there (`meet` is then null).
 */
async function lockBoth(db: Kysely<Database>, first: number, second: number, attempts: number[], meet: (() => Promise<void>) | null): Promise<string> {
  attempts.push(first);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(727299, ${first}::int)`.execute(trx);
    await meet?.();
    await sql`select pg_advisory_xact_lock(727299, ${second}::int)`.execute(trx);
    return `${first}${second}`;
  });
}

describeEachStore('transactions PostgreSQL ends to break a deadlock', (context) => {
  it('fails one of two transactions waiting on each other when not run again', async () => {
    const db = context.store.db;
    const meet = context.kind === 'server' ? meetingPoint(2) : null;
    const settled = await Promise.allSettled([lockBoth(db, 1, 2, [], meet), lockBoth(db, 2, 1, [], meet)]);
    const failed = settled.filter((result) => result.status === 'rejected');
    // the embedded store has one connection: the two run one after the other and never meet
    expect(failed.length).toBe(context.kind === 'server' ? 1 : 0);
    for (const result of failed) expect(isRetryableConflict((result as PromiseRejectedResult).reason)).toBe(true);
  });

  it('completes both when the one ended is run again whole', async () => {
    const db = context.store.db;
    const attempts: number[] = [];
    // the one run again finds the meeting point passed
    const meet = context.kind === 'server' ? meetingPoint(2) : null;
    const results = await Promise.all([
      retryingConflicts(() => lockBoth(db, 1, 2, attempts, meet)),
      retryingConflicts(() => lockBoth(db, 2, 1, attempts, meet)),
    ]);
    expect(results).toEqual(['12', '21']);
    expect(attempts.length).toBe(context.kind === 'server' ? 3 : 2);
  });

  it('does not run again what failed for another reason', async () => {
    let runs = 0;
    await expect(retryingConflicts(async () => { runs += 1; throw Object.assign(new Error('unique'), { code: '23505' }); })).rejects.toThrow('unique');
    expect(runs).toBe(1);
  });
});
