import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Granularity, MetricPoint } from './detect-drops.js';

export type SeriesScope = {
  asOfDay: string;
  asOfInstant: Date;
  timezone: string;
  weeksOfHistory: number;
  /** A relation of (customer_id, primary_type): each customer's current primary type. */
  primaryTypes: RawBuilder<unknown>;
};

type SeriesRow = { granularity: Granularity; bucket: number; dimension: MetricPoint['dimension']; segment: string; revenue: number; orders: number; customers: number };

/**
 * Revenue, orders and active customers per bucket, for days and for 7-day
 * windows counted back from the as-of day (store time zone), for the whole
 * store and per channel, customer type and category. One pass for both
 * granularities: the orders of the weeks the baseline needs are read once,
 * through the ordered_at index, and their lines joined once.
 */
export async function readMetricSeries(db: Kysely<Database>, scope: SeriesScope): Promise<Record<Granularity, MetricPoint[]>> {
  const lastDay = 7 * scope.weeksOfHistory;
  // the first store-time-zone day of the oldest weekly bucket (the daily
  // buckets reach back less far): bounding ordered_at by that day's midnight,
  // rather than filtering on the computed bucket, keeps the planner's row
  // estimate right (it guessed 0.5% and chose nested loops)
  const firstDay = sql`(${scope.asOfDay}::date - ${7 * (scope.weeksOfHistory + 1) - 1}::int)`;
  const buckets = (source: 'o' | 'line') => sql`
    select 'day' as granularity, age as bucket, ${sql.raw(source)}.* from ${sql.raw(source)} where age <= ${lastDay}::int
    union all
    select 'week', age / 7, ${sql.raw(source)}.* from ${sql.raw(source)}`;
  // rows come out in the order the separate daily and weekly queries gave
  // them (channels then the whole store per bucket, types, categories): the
  // drop detector breaks ties between segments by first appearance
  const result = await sql<SeriesRow>`
    with o as materialized (
      select o.customer_id, o.order_id, o.channel, o.amount_minor,
        ${scope.asOfDay}::date - (o.ordered_at at time zone ${scope.timezone}::text)::date as age,
        coalesce(t.primary_type, 'unclassified') as type
      from customer_order o left join ${scope.primaryTypes} t on t.customer_id = o.customer_id
      where o.status in ('paid', 'partially_refunded')
        and o.ordered_at >= (${firstDay}::timestamp at time zone ${scope.timezone}::text)
        and o.ordered_at < ${scope.asOfInstant}::timestamptz
    ), line as materialized (
      -- each order's lines through the primary key, in key order (offset 0
      -- keeps the probe from being flattened into a join): the window holds a
      -- few weeks of orders, and hashing every line of the store costs as much
      -- at 100k customers and spills to disk at a million
      select o.age, o.order_id, o.customer_id, l.category, l.amount
      from (select * from o order by customer_id, order_id offset 0) o cross join lateral (
        select coalesce(l.category, 'uncategorised') as category, l.quantity * l.unit_price_minor as amount
        from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id offset 0
      ) l
    ), order_bucket as (${buckets('o')}), line_bucket as (${buckets('line')})
    select granularity, bucket, dimension, segment, revenue, orders, customers from (
      select granularity, bucket,
        case when grouping(channel) = 0 then 'channel' when grouping(type) = 0 then 'type' else 'all' end as dimension,
        coalesce(channel, type, 'all') as segment,
        sum(amount_minor)::float8 as revenue, count(*)::int as orders, count(distinct customer_id)::int as customers,
        case when grouping(type) = 0 then 1 else 0 end as section, grouping(channel) as subsection
      from order_bucket group by grouping sets ((granularity, bucket), (granularity, bucket, channel), (granularity, bucket, type))
      union all
      select granularity, bucket, 'category', category,
        sum(amount)::float8, count(distinct order_id)::int, count(distinct customer_id)::int, 2, 0
      from line_bucket group by granularity, bucket, category
    ) series
    order by granularity, section, bucket, subsection, segment`.execute(db);
  const series: Record<Granularity, MetricPoint[]> = { day: [], week: [] };
  for (const row of result.rows) {
    series[row.granularity].push({ bucket: Number(row.bucket), dimension: row.dimension, segment: row.segment, revenue: Number(row.revenue), orders: row.orders, customers: row.customers });
  }
  return series;
}
