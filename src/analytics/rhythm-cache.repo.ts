import { sql, type Kysely, type RawBuilder } from 'kysely';
import { servesConcurrentQueries } from '../db/client.js';
import type { Database } from '../db/schema.js';
import {
  fillRhythmCacheStatement, fillWholeRhythmCacheStatement, refreshRhythmWindowsStatement, rhythmlessCustomersQuery, staleRhythmWindowsQuery, type CustomerRange,
} from './facts.sql.js';
import type { TypePolicy } from './policy.js';
import { tuneForAnalysis } from './types.repo.js';

export type RhythmCacheRefresh = {
  made: number;
  windowsMoved: number;
  /** Transactions the rows were made in: two for a whole store split at its median customer. */
  parts: number;
  /** Parts left undone because imports held purchase days longer than lockTimeout. */
  skipped: number;
};

/**
 * How long a refresh waits for imports writing purchase days before leaving
 * the cache as it is (the analysis then works those customers out itself).
 * While it waits, later imports queue behind it, so the wait is kept short.
 */
const lockTimeout = '2s';

/**
 * Brings customer_rhythm up to date for a full analysis as of `asOfDay`, in
 * transactions of its own before the analysis starts: rows for the customers
 * whose purchase days changed since they were made (every customer the first
 * time, or after the loyal rule's period length changed), and VIP window sums
 * moved to the day. The analysis itself only reads the cache and works out
 * from purchase days whatever changed in between (facts.sql.ts), so
 * committing this early never makes it wrong; it only spares it the work.
 *
 * Rows are made under a SHARE lock on customer_purchase_day: a row made from
 * purchase days that an import changes while it is made would otherwise
 * outlive the import's trigger (which cannot see, and so cannot delete, a row
 * not yet committed) and be read as valid ever after. Imports wait for the
 * lock while the rows are made: on a daily run only the customers who bought
 * since the last one (found before the lock is taken); for a whole store, the
 * length of the fill (0.5 s a half at 100k customers on the server). A refresh
 * that cannot have the lock within lockTimeout leaves that part undone.
 *
 * On a server a whole store is made in two halves by customer id on two
 * connections at once, split at the median from the planner's statistics;
 * the embedded store, with one connection, makes it in one pass.
 */
export async function refreshRhythmCache(db: Kysely<Database>, policy: TypePolicy, asOfDay: string): Promise<RhythmCacheRefresh> {
  if (db.isTransaction) throw new Error('refreshRhythmCache commits as it goes: call it outside a transaction');
  const wholeStore = !(await sql<{ held: boolean }>`
    select exists (select 1 from customer_rhythm where period_months = ${policy.loyal.periodMonths}::int) as held`.execute(db)).rows[0].held;
  const fills = wholeStore
    ? (servesConcurrentQueries(db) ? await halvesByCustomer(db) : [{}]).map((range) => fillWholeRhythmCacheStatement(policy, asOfDay, range))
    : await changedCustomersFill(db, policy, asOfDay);
  const counts = await Promise.all(fills.map((fill) => underPurchaseDayLock(db, async (transaction) => Number((await fill.execute(transaction)).numAffectedRows ?? 0))));
  const made = counts.reduce<number>((sum, count) => sum + (count ?? 0), 0);
  // Only rows that exist are updated, so no table lock: an import that forgets one meanwhile
  // either waits for the update's row lock and then deletes the row, or deleted it first.
  const windowsMoved = await db.transaction().execute(async (transaction) => {
    await tuneForAnalysis(transaction);
    const stale = (await staleRhythmWindowsQuery(policy, asOfDay).execute(transaction)).rows.map((row) => Number(row.customer_id));
    if (stale.length > 0) await refreshRhythmWindowsStatement(policy, asOfDay, stale).execute(transaction);
    return stale.length;
  });
  // sized for the facts statement's plan: a few rows made on a quiet day, everyone on the first
  if (made > 1000 || windowsMoved > 10_000) await sql`analyze customer_rhythm`.execute(db);
  return { made, windowsMoved, parts: fills.length, skipped: counts.filter((count) => count === null).length };
}

/** The fill for the customers without a row, found before any lock is taken; none when there are none. */
async function changedCustomersFill(db: Kysely<Database>, policy: TypePolicy, asOfDay: string): Promise<RawBuilder<unknown>[]> {
  const customerIds = (await rhythmlessCustomersQuery(policy).execute(db)).rows.map((row) => Number(row.customer_id));
  return customerIds.length > 0 ? [fillRhythmCacheStatement(policy, asOfDay, customerIds)] : [];
}

/** Runs `work` under the SHARE lock in a transaction of its own; null when the lock was not had in time. */
async function underPurchaseDayLock(db: Kysely<Database>, work: (transaction: Kysely<Database>) => Promise<number>): Promise<number | null> {
  try {
    return await db.transaction().execute(async (transaction) => {
      await tuneForAnalysis(transaction);
      await sql`select set_config('lock_timeout', ${lockTimeout}::text, true)`.execute(transaction);
      await sql`lock table customer_purchase_day in share mode`.execute(transaction);
      return work(transaction);
    });
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return null; // lock_not_available
    throw error;
  }
}

/**
 * Two customer id ranges holding about half the purchase days each, from the
 * median of the customer_id histogram the planner keeps; one range for the
 * whole store when there are no statistics yet.
 */
export async function halvesByCustomer(db: Kysely<Database>): Promise<CustomerRange[]> {
  const result = await sql<{ median: string | null }>`
    select (histogram_bounds::text::bigint[])[(cardinality(histogram_bounds::text::bigint[]) + 1) / 2]::text as median
    from pg_stats where schemaname = current_schema() and tablename = 'customer_purchase_day' and attname = 'customer_id'`.execute(db);
  const median = result.rows[0]?.median;
  if (median === null || median === undefined) return [{}];
  return [{ below: Number(median) }, { from: Number(median) }];
}
