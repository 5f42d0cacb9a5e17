import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { classifiedTypesQuery, type ClassifySqlContext } from './classify.sql.js';
import type { VipCutoffs } from './customer-facts.js';
import { customerFactsQuery, type FactsScope } from './facts.sql.js';
import type { TypePolicy } from './policy.js';

/**
 * Session settings for one analysis transaction (`set local`, so they end with
 * it): JIT compilation costs seconds per statement here and never pays back on
 * queries that run once, and the default 4 MB work_mem spills the per-customer
 * hashes and sorts of a whole store to disk.
 */
export async function tuneForAnalysis(db: Kysely<Database>, workMem: string): Promise<void> {
  await sql`select set_config('jit', 'off', true), set_config('work_mem', ${workMem}::text, true)`.execute(db);
}

/**
 * Materialises the facts of every customer for one full analysis into a
 * temporary table that types and RFM both read (one pass over purchase days).
 * Must run inside a transaction: the table is dropped on commit.
 */
export async function createFactsTable(db: Kysely<Database>, scope: FactsScope): Promise<void> {
  await sql`drop table if exists pg_temp.analysis_fact`.execute(db);
  await sql`create temporary table analysis_fact on commit drop as ${customerFactsQuery(scope)}`.execute(db);
  // anti-joins against it (customers no longer scored) probe this instead of rescanning the table
  // when a freshly written target table still has the statistics of an empty one
  await sql`alter table analysis_fact add primary key (customer_id)`.execute(db);
  // fresh statistics so the planner sizes the joins below for the real row count;
  // only the columns anything joins or filters on (sampling every column costs more)
  await sql`analyze analysis_fact (customer_id, purchase_day_count)`.execute(db);
}

/** The VIP cut-offs over the real customers in analysis_fact; see computeVipCutoffs for the rule. */
export async function findVipCutoffs(db: Kysely<Database>, policy: TypePolicy): Promise<VipCutoffs> {
  const counted = await sql<{ count: number }>`select count(*)::int as count from analysis_fact where purchase_day_count > 0`.execute(db);
  const realCustomerCount = counted.rows[0].count;
  const position = Math.ceil((realCustomerCount * policy.vip.topPercent) / 100);
  if (position === 0) return { realCustomerCount, revenueCutoffMinor: null, frequencyCutoff: null };
  const result = await sql<{ revenue: number; frequency: number }>`
    select
      (select window_revenue from analysis_fact where purchase_day_count > 0 order by window_revenue desc offset ${position - 1}::int limit 1)::bigint as revenue,
      (select window_days from analysis_fact where purchase_day_count > 0 order by window_days desc offset ${position - 1}::int limit 1)::int as frequency`.execute(db);
  return { realCustomerCount, revenueCutoffMinor: Number(result.rows[0].revenue), frequencyCutoff: Number(result.rows[0].frequency) };
}

const typeColumns = sql`customer_id, types, primary_type, explanation, reasons, numbers, as_of`;

/**
 * Writes classified rows into customer_type, touching only rows that differ
 * (a re-run or a quiet day rewrites nothing), and records every customer whose
 * row was inserted, changed or removed in pg_temp.analysis_changed: only they
 * can need a history change.
 */
function storeTypesStatement(classified: RawBuilder<unknown>, asOfInstant: Date, removeOthers: boolean): RawBuilder<{ classified: number }> {
  // counting the temporary table rather than the CTE keeps a full run's CTE from being materialised
  const counted = removeOthers ? sql`(select count(*) from analysis_type)` : sql`(select count(*) from classified)`;
  const removed = removeOthers
    ? sql`delete from customer_type t where not exists (select 1 from analysis_type a where a.customer_id = t.customer_id) returning t.customer_id`
    : sql`select null::bigint as customer_id where false`;
  return sql`
    with classified as (${classified}), removed as (${removed}), stored as (
      insert into customer_type as t (${typeColumns})
      select customer_id, types, primary_type, explanation, reasons, numbers, ${asOfInstant}::timestamptz from classified
      on conflict on constraint customer_type_pkey do update set
        types = excluded.types, primary_type = excluded.primary_type, explanation = excluded.explanation,
        reasons = excluded.reasons, numbers = excluded.numbers, as_of = excluded.as_of, updated_at = now()
      where (t.types, t.primary_type, t.explanation, t.reasons, t.numbers, t.as_of)
        is distinct from (excluded.types, excluded.primary_type, excluded.explanation, excluded.reasons, excluded.numbers, excluded.as_of)
      returning t.customer_id
    ), noted as (
      insert into analysis_changed (customer_id)
      select customer_id from stored union select customer_id from removed
      on conflict do nothing
    )
    select ${counted}::int as classified`;
}

/**
 * Kept for the session and emptied at every commit, so the per-batch ingest
 * path does not create and drop a table each time. Callers hold a transaction.
 */
async function createChangedTable(db: Kysely<Database>): Promise<void> {
  await sql`create temporary table if not exists analysis_changed (customer_id bigint primary key) on commit delete rows`.execute(db);
  await sql`delete from analysis_changed`.execute(db);
}

/**
 * Classifies everyone in analysis_fact into pg_temp.analysis_type, then brings
 * customer_type in line with it (customers no longer classified are removed).
 */
export async function storeAllCustomerTypes(db: Kysely<Database>, context: ClassifySqlContext, asOfInstant: Date): Promise<number> {
  await sql`drop table if exists pg_temp.analysis_type`.execute(db);
  await sql`create temporary table analysis_type on commit drop as ${classifiedTypesQuery(context)}`.execute(db);
  await sql`alter table analysis_type add primary key (customer_id)`.execute(db);
  await sql`analyze analysis_type (customer_id)`.execute(db);
  await createChangedTable(db);
  const result = await storeTypesStatement(sql`select * from analysis_type`, asOfInstant, true).execute(db);
  return result.rows[0].classified;
}

/** Reclassifies a few customers (the ingest path) with the facts computed for them alone; returns how many were classified. */
export async function storeCustomerTypes(db: Kysely<Database>, scope: FactsScope, context: ClassifySqlContext): Promise<number> {
  await createChangedTable(db);
  const classified = sql`with analysis_fact as (${customerFactsQuery(scope)}) select * from (${classifiedTypesQuery(context)}) classified_rows`;
  const result = await storeTypesStatement(classified, scope.asOf.instant, false).execute(db);
  return result.rows[0].classified;
}

export type HistoryChange = { entered: number; left: number };

/**
 * Brings customer_type_history in line with customer_type at the as-of time:
 * spells after the as-of time are undone (re-running an earlier as-of rewinds),
 * types no longer held are closed, newly held types are opened with their reason.
 * Only customers in pg_temp.analysis_changed (their types row changed) and those
 * a rewind touched are compared: for everyone else the open spells already are
 * their current types.
 */
export async function updateTypeHistory(db: Kysely<Database>, asOfInstant: Date, customerIds: number[] | null): Promise<HistoryChange> {
  const at = sql`${asOfInstant}::timestamptz`;
  const only = (column: string) => (customerIds === null ? sql`` : sql`and ${sql.ref(column)} = any(${customerIds}::bigint[])`);
  await sql`
    with undone as (delete from customer_type_history where entered_at > ${at} ${only('customer_id')} returning customer_id),
      reopened as (update customer_type_history set left_at = null where left_at > ${at} ${only('customer_id')} returning customer_id)
    insert into analysis_changed (customer_id)
    select customer_id from undone union select customer_id from reopened
    on conflict do nothing`.execute(db);
  // a whole store's changes, sized right, hash-join below instead of probing row by row
  if (customerIds === null) await sql`analyze analysis_changed`.execute(db);
  const left = await sql`
    update customer_type_history h set left_at = ${at}
    from analysis_changed changed
    where h.customer_id = changed.customer_id and h.left_at is null ${only('h.customer_id')}
      and not exists (select 1 from customer_type c where c.customer_id = h.customer_id and h.type = any(c.types))`.execute(db);
  // EXCEPT reads every open spell before the first row is inserted; an anti-join
  // planned while the history was empty would rescan it as it grows, row by row
  const entered = await sql`
    insert into customer_type_history (customer_id, type, entered_at, reason, numbers)
    select c.customer_id, opened.type, ${at}, c.reasons ->> opened.type, c.numbers -> opened.type
    from (
      select c.customer_id, t.type
      from analysis_changed changed join customer_type c on c.customer_id = changed.customer_id cross join lateral unnest(c.types) as t(type)
      where true ${only('c.customer_id')}
      except
      select h.customer_id, h.type
      from analysis_changed changed join customer_type_history h on h.customer_id = changed.customer_id
      where h.left_at is null ${only('h.customer_id')}
    ) opened
    join customer_type c on c.customer_id = opened.customer_id
    -- the ingest path names its few customers so every lookup above is an index probe
    where true ${only('c.customer_id')}`.execute(db);
  return { entered: Number(entered.numAffectedRows ?? 0), left: Number(left.numAffectedRows ?? 0) };
}

export type TypeCount = { type: string; customers: number; primaryCustomers: number };

export async function countCustomersByType(db: Kysely<Database>): Promise<TypeCount[]> {
  const result = await sql<TypeCount>`
    select t.type, count(*)::int as customers, count(*) filter (where c.primary_type = t.type)::int as "primaryCustomers"
    from customer_type c cross join lateral unnest(c.types) as t(type) group by t.type order by t.type`.execute(db);
  return result.rows;
}

export type AnalysisRunRecord = { asOf: { day: string; instant: Date }; policy: TypePolicy; cutoffs: VipCutoffs; counts: unknown; startedAt: Date };

/** Records a full run; its VIP cut-offs are what the incremental path compares against. */
export async function recordAnalysisRun(db: Kysely<Database>, run: AnalysisRunRecord): Promise<number> {
  const result = await sql<{ run_id: number }>`
    insert into analysis_run (as_of, as_of_day, policy, real_customer_count, vip_revenue_cutoff_minor, vip_frequency_cutoff, counts, started_at, finished_at)
    values (${run.asOf.instant}::timestamptz, ${run.asOf.day}::date, ${JSON.stringify(run.policy)}::jsonb, ${run.cutoffs.realCustomerCount}::int,
      ${run.cutoffs.revenueCutoffMinor}::bigint, ${run.cutoffs.frequencyCutoff}::int, ${JSON.stringify(run.counts)}::jsonb, ${run.startedAt}::timestamptz, now())
    returning run_id`.execute(db);
  return Number(result.rows[0].run_id);
}
