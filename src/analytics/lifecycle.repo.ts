import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { LifecycleCountsRow } from './lifecycle.js';

/** Stage counts and median days between stages, overall, per acquisition channel and per acquisition month. */
export async function readLifecycleCounts(db: Kysely<Database>, asOfDay: string, asOfInstant: Date, timezone: string): Promise<LifecycleCountsRow[]> {
  const result = await sql<LifecycleCountsRow>`
    with sign as (
      select customer_id, occurred_at as at, channel from interest_event where occurred_at < ${asOfInstant}::timestamptz
      union all
      select customer_id, ordered_at, channel from customer_order where ordered_at < ${asOfInstant}::timestamptz
      union all
      select recipient_customer_id, ordered_at, channel from customer_order
      where recipient_customer_id is not null and recipient_customer_id <> customer_id and ordered_at < ${asOfInstant}::timestamptz
    ), acquired as (
      select distinct on (customer_id) customer_id, (at at time zone ${timezone}::text)::date as acquired_day, channel
      from sign order by customer_id, at, channel
    ), purchase as (
      select customer_id, min(day) as first_day, (array_agg(day order by day))[2] as second_day
      from customer_purchase_day where day <= ${asOfDay}::date group by customer_id
    ), journey as (
      select a.customer_id, a.channel, to_char(a.acquired_day, 'YYYY-MM') as cohort,
        -- a purchase day can precede the order's own time-zone day only through bad data; never count negative days
        greatest(p.first_day - a.acquired_day, 0) as days_to_activation, p.second_day - p.first_day as days_to_retention,
        p.first_day, p.second_day
      from acquired a
      join customer c on c.customer_id = a.customer_id and c.merged_into_customer_id is null
      left join purchase p on p.customer_id = a.customer_id
    )
    select case when grouping(channel) = 0 then 'channel' when grouping(cohort) = 0 then 'cohort' else 'all' end as dimension,
      coalesce(channel, cohort, 'all') as segment,
      count(*)::int as acquired, count(first_day)::int as activated, count(second_day)::int as retained,
      percentile_cont(0.5) within group (order by days_to_activation)::float8 as "medianDaysToActivation",
      percentile_cont(0.5) within group (order by days_to_retention)::float8 as "medianDaysToRetention"
    from journey group by grouping sets ((), (channel), (cohort))
    order by 1, 2`.execute(db);
  return result.rows;
}
