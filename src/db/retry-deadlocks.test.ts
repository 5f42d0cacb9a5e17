import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { Database } from './schema.js';
import { isRetryableConflict, retryingConflicts } from './retry-deadlocks.js';

/** A transaction taking two locks, the second after the other transaction took its first: on a server, a deadlock. */
async function lockBoth(db: Kysely<Database>, first: number, second: number, attempts: number[]): Promise<string> {
  attempts.push(first);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(727299, ${first}::int)`.execute(trx);
    await sql`select pg_sleep(0.2)`.execute(trx);
    await sql`select pg_advisory_xact_lock(727299, ${second}::int)`.execute(trx);
    return `${first}${second}`;
  });
}

describeEachStore('transactions PostgreSQL ends to break a deadlock', (context) => {
  it('fails one of two transactions waiting on each other when not run again', async () => {
    const db = context.store.db;
    const settled = await Promise.allSettled([lockBoth(db, 1, 2, []), lockBoth(db, 2, 1, [])]);
    const failed = settled.filter((result) => result.status === 'rejected');
    // the embedded store has one connection: the two run one after the other and never meet
    expect(failed.length).toBe(context.kind === 'server' ? 1 : 0);
    for (const result of failed) expect(isRetryableConflict((result as PromiseRejectedResult).reason)).toBe(true);
  });

  it('completes both when the one ended is run again whole', async () => {
    const db = context.store.db;
    const attempts: number[] = [];
    const results = await Promise.all([
      retryingConflicts(() => lockBoth(db, 1, 2, attempts)),
      retryingConflicts(() => lockBoth(db, 2, 1, attempts)),
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
