import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { VipCutoffs } from './customer-facts.js';
import { customerFactsQuery, type FactsScope } from './facts.sql.js';
import { findLaterCredits, purchaseDaysAsOf } from '../traits/index.js';
import type { TypePolicy } from './policy.js';
import { typesAsOf } from './customer-type-upsert.sql.js';
import { typeHistoryStartOf } from './type-history-start.sql.js';
import { typeChangeDating } from './type-change-time.sql.js';

/**
 * Session settings for one analysis transaction (`set local`, so they end with
 * it): JIT compilation costs seconds per statement here and never pays back on
 * queries that run once, and the default 4 MB work_mem spills the per-customer
 * hashes and sorts of a whole store to disk; so would the default 64 MB of
 * maintenance_work_mem the index builds of a first run's bulk load (1M
 * customers on the server: the first run took 52.3 s before, 49.4 s after,
 * its five index builds 3.5 s).
 */
export async function tuneForAnalysis(db: Kysely<Database>): Promise<void> {
  await sql`select set_config('jit', 'off', true), set_config('work_mem', ${analysisWorkMem}::text, true), set_config('maintenance_work_mem', ${analysisWorkMem}::text, true)`.execute(db);
}

/** Big enough that the per-customer hashes and sorts of a million customers stay in memory. */
const analysisWorkMem = '256MB';

/**
 * Materialises the facts of every customer for one full analysis into a
 * temporary table that types and RFM both read. A full run reads the rhythm
 * of customers whose purchase days have not changed since refreshRhythmCache
 * made it from customer_rhythm, and works out the rest from their purchase days.
 * Must run inside a transaction: the table is dropped on commit. Nothing joins
 * to it by key (every reader scans it whole), so it has no index.
 */
export async function createFactsTable(db: Kysely<Database>, scope: FactsScope): Promise<void> {
  const laterCredits = scope.customerIds === null ? await findLaterCredits(db, scope.asOf.instant) : null;
  await sql`drop table if exists pg_temp.analysis_fact`.execute(db);
  await sql`create temporary table analysis_fact on commit drop as ${customerFactsQuery({ ...scope, cachedRhythm: scope.customerIds === null, laterCredits })}`.execute(db);
}

/**
 * The VIP cut-offs over the real customers in analysis_fact, and how many
 * reach each (the VIP rules' conditions, classify.sql.ts), in one statement;
 * see computeVipCutoffs for the rule.
 */
export async function findVipCutoffs(db: Kysely<Database>, policy: TypePolicy): Promise<VipCutoffs> {
  const counted = await sql<{ count: number }>`select count(*)::int as count from analysis_fact where purchase_day_count > 0`.execute(db);
  const realCustomerCount = counted.rows[0].count;
  const position = Math.ceil((realCustomerCount * policy.vip.topPercent) / 100);
  if (position === 0) return { realCustomerCount, revenueCutoffMinor: null, frequencyCutoff: null, revenueReachedCount: 0, frequencyReachedCount: 0 };
  const result = await sql<{ revenue: number; frequency: number; revenue_reached: number; frequency_reached: number }>`
    with cutoff as (
      select
        (select window_revenue from analysis_fact where purchase_day_count > 0 order by window_revenue desc offset ${position - 1}::int limit 1)::bigint as revenue,
        (select window_days from analysis_fact where purchase_day_count > 0 order by window_days desc offset ${position - 1}::int limit 1)::int as frequency
    )
    select c.revenue, c.frequency,
      count(*) filter (where f.window_revenue > 0 and f.window_revenue >= c.revenue)::int as revenue_reached,
      count(*) filter (where f.window_days >= 2 and f.window_days >= c.frequency)::int as frequency_reached
    from cutoff c left join analysis_fact f on f.purchase_day_count > 0
    group by c.revenue, c.frequency`.execute(db);
  const row = result.rows[0];
  return {
    realCustomerCount, revenueCutoffMinor: Number(row.revenue), frequencyCutoff: Number(row.frequency),
    revenueReachedCount: row.revenue_reached, frequencyReachedCount: row.frequency_reached,
  };
}

export type HistoryChange = { entered: number; left: number };

export type TypeSpellRow = {
  type: string; entered_at: Date; left_at: Date | null; numbers: unknown; since_history_start: boolean;
  /** The customer's check before a change that has no day of its own (typeChangeDating); null for a rule-dated one. */
  entered_checked_last_at: Date | null; left_checked_last_at: Date | null;
};

/**
 * A customer's type spells in the order they were entered, each saying whether it begins
 * their history with a type already held (typeHistoryStartOf) rather than taken, each end
 * dated by the rule where the rule fixes it (typeChangeDating).
 */
export async function findTypeHistory(db: Kysely<Database>, customerId: number, timeZone: string): Promise<TypeSpellRow[]> {
  // JIT compiling off for this statement: it reads one customer's few spells through dozens of small subqueries,
  // whose summed cost, when the planner has no statistics (a store just loaded), passes the JIT thresholds by far:
  // compiling took 4.4 s of a 4.5 s probe on a 55k-customer server store, and the timeline makes two
  if (!db.isTransaction) return db.transaction().execute((transaction) => findTypeHistory(transaction, customerId, timeZone));
  const { jit } = (await sql<{ jit: string }>`select current_setting('jit', true) as jit`.execute(db)).rows[0] ?? { jit: null };
  if (jit !== null) await sql`select set_config('jit', 'off', true)`.execute(db);
  const rows = await readTypeHistory(db, customerId, timeZone);
  // the caller's transaction goes on as it was (a failure above ends it, the setting with it)
  if (jit !== null && jit !== 'off') await sql`select set_config('jit', ${jit}, true)`.execute(db);
  return rows;
}

async function readTypeHistory(db: Kysely<Database>, customerId: number, timeZone: string): Promise<TypeSpellRow[]> {
  const result = await sql<TypeSpellRow>`
    select h.type, entered.at as entered_at, left_.at as left_at, h.numbers, coalesce(h.entered_at = start.at, false) as since_history_start,
      case when h.entered_at = start.at then null else entered.checked_last_at end as entered_checked_last_at, left_.checked_last_at as left_checked_last_at
    from customer_type_history h cross join (select ${typeHistoryStartOf(customerId, timeZone)} as at) start
    cross join ${typeChangeDating('entered', sql`h.type`, sql`h.numbers`, sql`h.entered_at`, customerId, timeZone)} entered
    cross join ${typeChangeDating('left', sql`h.type`, sql`h.numbers`, sql`h.left_at`, customerId, timeZone)} left_
    where h.customer_id = ${customerId}::bigint order by h.entered_at, h.history_id`.execute(db);
  return result.rows;
}

export type TypeCombinationCount = {
  types: string[]; primaryType: string; customers: number; asOf: Date | null;
  /** Net revenue of the combination's customers over the 365 days ending on the report's as-of day. */
  revenueLast365DaysMinor: number;
  /** The same up to the as-of day, since their first purchase. */
  revenueLifetimeMinor: number;
};

/**
 * Days of the types report's recent revenue, the as-of day included: those of `report revenue`'s
 * default range and of the default VIP window, so the three read the same year.
 */
export const revenueWindowDays = 365;

/**
 * Customers per combination of types and primary type, with the latest as-of and their net revenue:
 * a few dozen rows that every per-type figure is a sum over (a customer holding several types adds
 * to each). Revenue is that of customer_purchase_day, as RFM's monetary value and `report revenue`
 * count it: verified orders (paid, partially refunded) less refunds, in the store currency as
 * converted on import, by store day up to the report's as-of day (the day its as-of instant closes,
 * worked out here as dayClosedBy does). One statement on one connection, where a query per figure
 * held several of the pool's connections for the length of a scan each (a second at 1M customers).
 */
export async function countTypeCombinations(db: Kysely<Database>, timeZone: string): Promise<TypeCombinationCount[]> {
  // the types are as of an analysis's day: a credit note dated after it has not given anything back by then
  const reportAsOf = await sql<{ instant: Date | null }>`select ${typesAsOf(sql`(select max(as_of) from customer_type)`)} as instant`.execute(db);
  const instant = reportAsOf.rows[0]?.instant;
  const laterCredits = instant ? await findLaterCredits(db, new Date(instant)) : null;
  const result = await sql<{ types: string[]; primary_type: string; customers: number; as_of: Date | null; window_revenue: string; lifetime_revenue: string }>`
    with combination as materialized (
      select types, primary_type, count(*)::int as customers, max(as_of) as row_as_of from customer_type group by types, primary_type
    ), report_day as (
      select ((${typesAsOf(sql`max(row_as_of)`)} - interval '1 millisecond') at time zone ${timeZone}::text)::date as day from combination
    ), customer_revenue as (
      -- a sum per customer first, then into the few dozen combinations: summing every purchase day straight
      -- into them hashed a text[] key per purchase day. Read in key order from the purchase days' covering key
      -- the per-customer sum streams; hashed instead (no visibility map yet) it spills, and still wins
      -- (100k customers on the server: 1.06-1.15 s before, 0.42 s streamed, 0.60-0.75 s hashed)
      select d.customer_id, sum(d.amount_minor) as lifetime_revenue,
        sum(d.amount_minor) filter (where d.day > r.day - ${revenueWindowDays}::int) as window_revenue
      from ${purchaseDaysAsOf(laterCredits, timeZone)} d join report_day r on d.day <= r.day
      group by d.customer_id
    ), combination_revenue as (
      select t.types, t.primary_type, sum(b.lifetime_revenue) as lifetime_revenue, sum(b.window_revenue) as window_revenue
      from customer_revenue b join customer_type t on t.customer_id = b.customer_id
      group by t.types, t.primary_type
    )
    select c.types, c.primary_type, c.customers, ${typesAsOf(sql`c.row_as_of`)} as as_of,
      coalesce(r.window_revenue, 0)::bigint as window_revenue, coalesce(r.lifetime_revenue, 0)::bigint as lifetime_revenue
    from combination c left join combination_revenue r on r.types = c.types and r.primary_type = c.primary_type`.execute(db);
  return result.rows.map((row) => ({
    types: row.types, primaryType: row.primary_type, customers: row.customers, asOf: row.as_of === null ? null : new Date(row.as_of),
    revenueLast365DaysMinor: Number(row.window_revenue), revenueLifetimeMinor: Number(row.lifetime_revenue),
  }));
}

export type AnalysisRunRecord = {
  asOf: { day: string; instant: Date }; policy: TypePolicy; cutoffs: VipCutoffs; counts: unknown; startedAt: Date;
  /** Customers scored for RFM by this run; absent when it scored none (the customer_rfm view reads the latest run that did). */
  rfmScored?: number;
};

/** The as-of day (YYYY-MM-DD) of the latest analysis, full or after a policy change; null before the first. */
export async function findLatestAnalysisDay(db: Kysely<Database>): Promise<string | null> {
  const result = await sql<{ day: string }>`select to_char(as_of_day, 'YYYY-MM-DD') as day from analysis_run order by run_id desc limit 1`.execute(db);
  return result.rows[0]?.day ?? null;
}

/** The latest day any analysis was run as of (a replay of an earlier day may have run since); null before the first. */
export async function findLatestAnalysedDay(db: Kysely<Database>): Promise<string | null> {
  const result = await sql<{ day: string | null }>`select to_char(max(as_of_day), 'YYYY-MM-DD') as day from analysis_run`.execute(db);
  return result.rows[0]?.day ?? null;
}

/** The latest analysis: the instant everyone was classified at (the end of its as-of day) and when it finished; null before the first. */
export async function findLatestAnalysisRun(db: Kysely<Database>): Promise<{ asOf: Date; finishedAt: Date } | null> {
  const result = await sql<{ as_of: Date; finished_at: Date }>`select as_of, finished_at from analysis_run order by run_id desc limit 1`.execute(db);
  const row = result.rows[0];
  return row ? { asOf: new Date(row.as_of), finishedAt: new Date(row.finished_at) } : null;
}

/** Records a full run; its VIP cut-offs are what the incremental path compares against. */
export async function recordAnalysisRun(db: Kysely<Database>, run: AnalysisRunRecord): Promise<number> {
  const result = await sql<{ run_id: number }>`
    insert into analysis_run (as_of, as_of_day, policy, real_customer_count, vip_revenue_cutoff_minor, vip_frequency_cutoff,
      vip_revenue_reached_count, vip_frequency_reached_count, rfm_scored, counts, started_at, finished_at)
    values (${run.asOf.instant}::timestamptz, ${run.asOf.day}::date, ${JSON.stringify(run.policy)}::jsonb, ${run.cutoffs.realCustomerCount}::int,
      ${run.cutoffs.revenueCutoffMinor}::bigint, ${run.cutoffs.frequencyCutoff}::int,
      ${run.cutoffs.revenueReachedCount ?? null}::int, ${run.cutoffs.frequencyReachedCount ?? null}::int, ${run.rfmScored ?? null}::int, ${JSON.stringify(run.counts)}::jsonb,
      ${run.startedAt}::timestamptz, now())
    returning run_id`.execute(db);
  return Number(result.rows[0].run_id);
}
