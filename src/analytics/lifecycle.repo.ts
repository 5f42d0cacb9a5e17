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
  const result = await sql<LifecycleCountsRow>`
    with sign as (
      select customer_id, occurred_at as at, channel from interest_event where occurred_at < ${asOfInstant}::timestamptz
      union all
      -- a credit note gives back money for a purchase (often one before the data): not a sign of interest
      select customer_id, ordered_at, channel from customer_order where ordered_at < ${asOfInstant}::timestamptz and status <> 'credit_note'
      union all
      select recipient_customer_id, ordered_at, channel from customer_order
      where recipient_customer_id is not null and recipient_customer_id <> customer_id and ordered_at < ${asOfInstant}::timestamptz
    ), acquired as (
      select distinct on (customer_id) customer_id, (at at time zone ${timezone}::text)::date as acquired_day, channel
      from sign order by customer_id, at, channel
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
