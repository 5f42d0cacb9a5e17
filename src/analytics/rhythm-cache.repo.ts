import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { fillRhythmCacheStatement, fillWholeRhythmCacheStatement, refreshRhythmWindowsStatement, staleRhythmWindowsQuery, type CustomerRange } from './facts.sql.js';
import type { TypePolicy } from './policy.js';

export type RhythmCacheRefresh = { made: number; windowsMoved: number; parts: number };

/**
 * Brings customer_rhythm up to date for a full analysis as of `asOfDay`, in
 * transactions of its own before the analysis starts: rows for the customers
 * whose purchase days changed since they were made (every customer the first
 * time, or after the loyal rule's period length changed), and VIP window sums
 * moved to the day. The analysis itself only reads the cache and works out
 * from purchase days whatever changed in between (facts.sql.ts), so committing
 * this early never makes it wrong; it only spares it the work.
 *
 * Each transaction first takes a SHARE lock on customer_purchase_day: a row
 * made from purchase days that an import changes while it is made would
 * otherwise outlive the import's trigger (which cannot see, and so cannot
 * delete, a row not yet committed) and be read as valid ever after. Imports
 * wait for the lock, which is held for milliseconds on a daily run.
 *
 * A whole store is made in two halves by customer id on two connections (a
 * server store works on them at once; the embedded store, with one connection,
 * one after the other), split at the median from the planner's statistics.
 */
export async function refreshRhythmCache(db: Kysely<Database>, policy: TypePolicy, asOfDay: string): Promise<RhythmCacheRefresh> {
  const wholeStore = !(await sql<{ held: boolean }>`
    select exists (select 1 from customer_rhythm where period_months = ${policy.loyal.periodMonths}::int) as held`.execute(db)).rows[0].held;
  let made = 0;
  let parts = 1;
  if (wholeStore) {
    const ranges = db.isTransaction ? [{}] : await halvesByCustomer(db);
    parts = ranges.length;
    const counts = await Promise.all(ranges.map((range) => underPurchaseDayLock(db, async (transaction) =>
      Number((await fillWholeRhythmCacheStatement(policy, asOfDay, range).execute(transaction)).numAffectedRows ?? 0))));
    made = counts.reduce((sum, count) => sum + count, 0);
  }
  const windowsMoved = await underPurchaseDayLock(db, async (transaction) => {
    if (!wholeStore) made = Number((await fillRhythmCacheStatement(policy, asOfDay).execute(transaction)).numAffectedRows ?? 0);
    const stale = (await staleRhythmWindowsQuery(policy, asOfDay).execute(transaction)).rows.map((row) => Number(row.customer_id));
    if (stale.length > 0) await refreshRhythmWindowsStatement(policy, asOfDay, stale).execute(transaction);
    return stale.length;
  });
  // sized for the facts statement's plan: a few rows made on a quiet day, everyone on the first
  if (made > 1000 || windowsMoved > 10_000) await sql`analyze customer_rhythm`.execute(db);
  return { made, windowsMoved, parts };
}

async function underPurchaseDayLock<T>(db: Kysely<Database>, work: (transaction: Kysely<Database>) => Promise<T>): Promise<T> {
  const locked = async (transaction: Kysely<Database>) => {
    await sql`lock table customer_purchase_day in share mode`.execute(transaction);
    return work(transaction);
  };
  return db.isTransaction ? locked(db) : db.transaction().execute(locked);
}

/**
 * Two customer id ranges holding about half the purchase days each, from the
 * median of the customer_id histogram the planner keeps; one range for the
 * whole store when there are no statistics yet.
 */
async function halvesByCustomer(db: Kysely<Database>): Promise<CustomerRange[]> {
  const result = await sql<{ median: string | null }>`
    select (histogram_bounds::text::bigint[])[(cardinality(histogram_bounds::text::bigint[]) + 1) / 2]::text as median
    from pg_stats where schemaname = current_schema() and tablename = 'customer_purchase_day' and attname = 'customer_id'`.execute(db);
  const median = result.rows[0]?.median;
  if (median === null || median === undefined) return [{}];
  return [{ below: Number(median) }, { from: Number(median) }];
}
