import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Granularity, MetricPoint } from './detect-drops.js';

export type SeriesScope = { asOfDay: string; asOfInstant: Date; timezone: string; granularity: Granularity; weeksOfHistory: number };

/**
 * Revenue, orders and active customers per bucket (days or 7-day windows
 * counted back from the as-of day, store time zone) for the whole store and
 * per channel, customer type and category. Only the weeks the baseline needs
 * are read, through the ordered_at index.
 */
export async function readMetricSeries(db: Kysely<Database>, scope: SeriesScope): Promise<MetricPoint[]> {
  const size = scope.granularity === 'day' ? 1 : 7;
  const lastBucket = scope.granularity === 'day' ? 7 * scope.weeksOfHistory : scope.weeksOfHistory;
  // the first store-time-zone day of the oldest bucket: bounding ordered_at by
  // that day's midnight, rather than filtering on the computed bucket, keeps the
  // planner's row estimate right (it guessed 0.5% and chose nested loops)
  const firstDay = sql`(${scope.asOfDay}::date - ${size * (lastBucket + 1) - 1}::int)`;
  const result = await sql<{ bucket: number; dimension: MetricPoint['dimension']; segment: string; revenue: number; orders: number; customers: number }>`
    with o as (
      select o.customer_id, o.order_id, o.channel, o.amount_minor,
        (${scope.asOfDay}::date - (o.ordered_at at time zone ${scope.timezone}::text)::date) / ${size}::int as bucket,
        coalesce(t.primary_type, 'unclassified') as type
      from customer_order o left join customer_type t on t.customer_id = o.customer_id
      where o.status in ('paid', 'partially_refunded')
        and o.ordered_at >= (${firstDay}::timestamp at time zone ${scope.timezone}::text)
        and o.ordered_at < ${scope.asOfInstant}::timestamptz
    ), judged as (select * from o)
    select bucket,
      case when grouping(channel) = 0 then 'channel' when grouping(type) = 0 then 'type' else 'all' end as dimension,
      coalesce(channel, type, 'all') as segment,
      sum(amount_minor)::float8 as revenue, count(*)::int as orders, count(distinct customer_id)::int as customers
    from judged group by grouping sets ((bucket), (bucket, channel), (bucket, type))
    union all
    select j.bucket, 'category', coalesce(l.category, 'uncategorised'),
      sum(l.quantity * l.unit_price_minor)::float8, count(distinct j.order_id)::int, count(distinct j.customer_id)::int
    from judged j join order_line l on l.customer_id = j.customer_id and l.order_id = j.order_id
    group by j.bucket, coalesce(l.category, 'uncategorised')`.execute(db);
  return result.rows.map((row) => ({ ...row, bucket: Number(row.bucket), revenue: Number(row.revenue) }));
}
