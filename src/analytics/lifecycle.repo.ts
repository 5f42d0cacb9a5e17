import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { purchaseDaysAsOf, type LaterCredits } from '../traits/index.js';
import type { LifecycleCountsRow } from './lifecycle.js';

/**
 * Stage counts and median days between stages, overall, per acquisition channel and per acquisition month:
 * so far, and at the same age. Unlike the cohorts report, which judges a first-purchase month as a whole,
 * each customer is judged on their own here: the overall and channel rows mix customers of every age, so
 * only a customer's own day says whether they have had the horizon's days (those days end on or before
 * the as-of day). A purchase within the horizon of such a day is then already on record.
 */
export async function readLifecycleCounts(
  db: Kysely<Database>, asOfDay: string, asOfInstant: Date, timezone: string, horizonDays: number, laterCredits: LaterCredits = null,
): Promise<LifecycleCountsRow[]> {
  // Without planner statistics (a store just loaded, before ANALYZE or autoanalyze), PostgreSQL guessed ~100 customers
  // and 200 purchase groups, and joined them as a nested loop re-reading every customer's grouped purchase days for
  // each customer: 55 s at 55k customers, over 120 s at 313k. This statement reads the whole store, where a nested loop
  // never pays: with it off, the same hash joins as with statistics (1.4 s at 55k either way). Per-customer probes
  // instead (a lateral join) were robust too, but 3–4 times slower once statistics exist.
  if (!db.isTransaction) {
    return db.transaction().execute((transaction) => readLifecycleCounts(transaction, asOfDay, asOfInstant, timezone, horizonDays, laterCredits));
  }
  const { setting } = (await sql<{ setting: string | null }>`select current_setting('enable_nestloop', true) as setting`.execute(db)).rows[0] ?? { setting: null };
  if (setting !== null) await sql`select set_config('enable_nestloop', 'off', true)`.execute(db);
  const rows = await countLifecycle(db, asOfDay, asOfInstant, timezone, horizonDays, laterCredits);
  // the caller's transaction goes on as it was (a failure above ends it, the setting with it)
  if (setting !== null && setting !== 'off') await sql`select set_config('enable_nestloop', ${setting}, true)`.execute(db);
  return rows;
}

async function countLifecycle(
  db: Kysely<Database>, asOfDay: string, asOfInstant: Date, timezone: string, horizonDays: number, laterCredits: LaterCredits,
): Promise<LifecycleCountsRow[]> {
  const result = await sql<LifecycleCountsRow>`
    with acquired as (
      -- each customer's first sign of interest (an event, an order other than a credit note, a gift received),
      -- kept current on customer_trait as signs arrive: reading it spares sorting every order and event;
      -- the first sign before the as-of instant is the first sign, if it came before that instant at all
      select customer_id, (first_interest_at at time zone ${timezone}::text)::date as acquired_day, first_interest_channel as channel
      from customer_trait where first_interest_at < ${asOfInstant}::timestamptz
    ), purchase as (
      select customer_id, min(day) as first_day, (array_agg(day order by day))[2] as second_day
      from ${purchaseDaysAsOf(laterCredits, timezone)} d where day <= ${asOfDay}::date group by customer_id
    ), journey as (
      select a.customer_id, a.channel, to_char(a.acquired_day, 'YYYY-MM') as cohort,
        -- a purchase day can precede the order's own time-zone day only through bad data; never count negative days
        -- (and never count a lead: greatest() skips a null, which made a lead activated after 0 days)
        case when p.first_day is not null then greatest(p.first_day - a.acquired_day, 0) end as days_to_activation, p.second_day - p.first_day as days_to_retention,
        p.first_day, p.second_day,
        a.acquired_day + ${horizonDays}::int <= ${asOfDay}::date as is_activation_observed,
        p.first_day + ${horizonDays}::int <= ${asOfDay}::date as is_retention_observed
      from acquired a
      join customer c on c.customer_id = a.customer_id and c.merged_into_customer_id is null
      left join purchase p on p.customer_id = a.customer_id
    ), judged as (
      select journey.*,
        is_activation_observed and days_to_activation <= ${horizonDays}::int as is_activated_within_horizon,
        is_retention_observed and days_to_retention <= ${horizonDays}::int as is_retained_within_horizon
      from journey
    )
    select case when grouping(channel) = 0 then 'channel' when grouping(cohort) = 0 then 'cohort' else 'all' end as dimension,
      coalesce(channel, cohort, 'all') as segment,
      count(*)::int as acquired, count(first_day)::int as activated, count(second_day)::int as retained,
      percentile_cont(0.5) within group (order by days_to_activation)::float8 as "medianDaysToActivation",
      percentile_cont(0.5) within group (order by days_to_retention)::float8 as "medianDaysToRetention",
      count(*) filter (where is_activation_observed)::int as "activationObserved",
      count(*) filter (where is_activated_within_horizon)::int as "activatedWithinHorizon",
      percentile_cont(0.5) within group (order by days_to_activation) filter (where is_activated_within_horizon)::float8 as "medianDaysToActivationWithinHorizon",
      count(*) filter (where is_retention_observed)::int as "retentionObserved",
      count(*) filter (where is_retained_within_horizon)::int as "retainedWithinHorizon",
      percentile_cont(0.5) within group (order by days_to_retention) filter (where is_retained_within_horizon)::float8 as "medianDaysToRetentionWithinHorizon"
    from judged group by grouping sets ((), (channel), (cohort))
    order by 1, 2`.execute(db);
  return result.rows;
}
