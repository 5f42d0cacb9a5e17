import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { classifiedTypesQuery, type ClassifySqlContext } from './classify.sql.js';
import type { VipCutoffs } from './customer-facts.js';
import { customerFactsQuery, type FactsScope } from './facts.sql.js';
import type { TypePolicy } from './policy.js';

/**
 * Materialises the facts of every customer for one full analysis into a
 * temporary table that types and RFM both read (one pass over purchase days).
 * Must run inside a transaction: the table is dropped on commit.
 */
export async function createFactsTable(db: Kysely<Database>, scope: FactsScope): Promise<number> {
  await sql`drop table if exists pg_temp.analysis_fact`.execute(db);
  await sql`create temporary table analysis_fact on commit drop as ${customerFactsQuery(scope)}`.execute(db);
  // fresh statistics so the planner sizes the joins below for the real row count
  await sql`analyze analysis_fact`.execute(db);
  const result = await sql<{ count: number }>`select count(*)::int as count from analysis_fact`.execute(db);
  return result.rows[0].count;
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

/** Replaces every customer's current types from analysis_fact. */
export async function replaceAllCustomerTypes(db: Kysely<Database>, context: ClassifySqlContext, asOfInstant: Date): Promise<number> {
  await sql`delete from customer_type`.execute(db);
  const result = await sql`
    insert into customer_type (${typeColumns})
    select customer_id, types, primary_type, explanation, reasons, numbers, ${asOfInstant}::timestamptz from (${classifiedTypesQuery(context)}) classified`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Reclassifies a few customers (the ingest path) with the facts computed for them alone. */
export async function upsertCustomerTypes(db: Kysely<Database>, scope: FactsScope, context: ClassifySqlContext): Promise<number> {
  const result = await sql`
    with analysis_fact as (${customerFactsQuery(scope)}), classified as (${classifiedTypesQuery(context)})
    insert into customer_type (${typeColumns})
    select customer_id, types, primary_type, explanation, reasons, numbers, ${scope.asOf.instant}::timestamptz from classified
    on conflict on constraint customer_type_pkey do update set
      types = excluded.types, primary_type = excluded.primary_type, explanation = excluded.explanation,
      reasons = excluded.reasons, numbers = excluded.numbers, as_of = excluded.as_of, updated_at = now()`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export type HistoryChange = { entered: number; left: number };

/**
 * Brings customer_type_history in line with customer_type at the as-of time:
 * spells after the as-of time are undone (re-running an earlier as-of rewinds),
 * types no longer held are closed, newly held types are opened with their reason.
 */
export async function updateTypeHistory(db: Kysely<Database>, asOfInstant: Date, customerIds: number[] | null): Promise<HistoryChange> {
  const at = sql`${asOfInstant}::timestamptz`;
  const only = (column: string) => (customerIds === null ? sql`` : sql`and ${sql.ref(column)} = any(${customerIds}::bigint[])`);
  await sql`delete from customer_type_history where entered_at > ${at} ${only('customer_id')}`.execute(db);
  await sql`update customer_type_history set left_at = null where left_at > ${at} ${only('customer_id')}`.execute(db);
  const left = await sql`
    update customer_type_history h set left_at = ${at}
    where h.left_at is null ${only('h.customer_id')}
      and not exists (select 1 from customer_type c where c.customer_id = h.customer_id and h.type = any(c.types))`.execute(db);
  const entered = await sql`
    insert into customer_type_history (customer_id, type, entered_at, reason, numbers)
    select c.customer_id, t.type, ${at}, c.reasons ->> t.type, c.numbers -> t.type
    from customer_type c cross join lateral unnest(c.types) as t(type)
    where true ${only('c.customer_id')}
      and not exists (select 1 from customer_type_history h where h.customer_id = c.customer_id and h.type = t.type and h.left_at is null)`.execute(db);
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
