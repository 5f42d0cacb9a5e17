import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import { ordersAsOf, type LaterCredits } from '../../traits/index.js';
import type { Granularity, MetricPoint } from './detect-drops.js';

/** The series' reach: buckets counted back from the as-of day (store time zone), complete up to the as-of instant. */
export type SeriesWindow = {
  asOfDay: string;
  asOfInstant: Date;
  timezone: string;
  weeksOfHistory: number;
  /** Set when credit notes dated after the as-of instant credited sales: they count as kept (traits' ordersAsOf). */
  laterCredits?: LaterCredits;
};

export type SeriesScope = SeriesWindow & {
  /** A relation of (customer_id, primary_type): each customer's current primary type. */
  primaryTypes: RawBuilder<unknown>;
};

/** Series points in the order the drop detector reads them, per granularity. */
export type SeriesRow = MetricPoint & { granularity: Granularity; section: number; subsection: number };

type SeriesRecord = { granularity: Granularity; bucket: number; dimension: MetricPoint['dimension']; segment: string; revenue: number; orders: number; customers: number; section: number; subsection: number };

/**
 * The verified orders of the weeks the baseline needs, read once through the
 * ordered_at index, with each one's age in days and the share of its amount
 * that was kept (lines carry no refunds of their own); with `primaryTypes`, the
 * buyer's current primary type. Bounding ordered_at by the first day's
 * midnight, rather than filtering on the computed bucket, keeps the planner's
 * row estimate right (it guessed 0.5% and chose nested loops).
 */
function windowOrders(window: SeriesWindow, primaryTypes?: RawBuilder<unknown>): RawBuilder<unknown> {
  // the first store-time-zone day of the oldest weekly bucket (the daily buckets reach back less far)
  const firstDay = sql`(${window.asOfDay}::date - ${7 * (window.weeksOfHistory + 1) - 1}::int)`;
  const type = primaryTypes ? sql`, coalesce(t.primary_type, 'unclassified') as type` : sql``;
  const typed = primaryTypes ? sql`left join ${primaryTypes} t on t.customer_id = o.customer_id` : sql``;
  return sql`
    select o.customer_id, o.order_id, o.channel,
      -- net of partial refunds, as every other revenue figure (traits' netAmount: what was paid and kept)
      o.amount_minor - o.refunded_minor as amount_minor,
      case when o.amount_minor = 0 then 1 else (o.amount_minor - o.refunded_minor)::float8 / o.amount_minor end as kept_share,
      ${window.asOfDay}::date - (o.ordered_at at time zone ${window.timezone}::text)::date as age ${type}
    from ${ordersAsOf(window.laterCredits ?? null)} o ${typed}
    where o.status in ('paid', 'partially_refunded')
      and o.ordered_at >= (${firstDay}::timestamp at time zone ${window.timezone}::text)
      and o.ordered_at < ${window.asOfInstant}::timestamptz`;
}

/** Each row of `source` once per day bucket (the last weeksOfHistory weeks) and once in its 7-day bucket. */
function buckets(window: SeriesWindow, source: 'o' | 'line'): RawBuilder<unknown> {
  return sql`
    select 'day' as granularity, age as bucket, ${sql.raw(source)}.* from ${sql.raw(source)} where age <= ${7 * window.weeksOfHistory}::int
    union all
    select 'week', age / 7, ${sql.raw(source)}.* from ${sql.raw(source)}`;
}

/**
 * Revenue, orders and active customers per day and per 7-day bucket, for the
 * parts asked for: the whole store, its channels and categories (`store`),
 * and the customer types (`primaryTypes`). Sections: 0 the store and its
 * channels (channels first in each bucket), 1 the types, 2 the categories.
 */
function seriesQuery(window: SeriesWindow, parts: { store: boolean; primaryTypes?: RawBuilder<unknown> }): RawBuilder<SeriesRecord> {
  const { store, primaryTypes } = parts;
  const typed = primaryTypes !== undefined;
  const sets = [...(store ? [sql`(granularity, bucket)`, sql`(granularity, bucket, channel)`] : []), ...(typed ? [sql`(granularity, bucket, type)`] : [])];
  const dimension = !store ? sql`'type'`
    : typed ? sql`case when grouping(channel) = 0 then 'channel' when grouping(type) = 0 then 'type' else 'all' end`
      : sql`case when grouping(channel) = 0 then 'channel' else 'all' end`;
  const segment = !store ? sql`type` : typed ? sql`coalesce(channel, type, 'all')` : sql`coalesce(channel, 'all')`;
  const section = !typed ? sql`0` : store ? sql`case when grouping(type) = 0 then 1 else 0 end` : sql`1`;
  const lines = !store ? sql`` : sql`
    , line as materialized (
      -- each order's lines through the primary key, in key order (offset 0
      -- keeps the probe from being flattened into a join): the window holds a
      -- few weeks of orders, and hashing every line of the store costs as much
      -- at 100k customers and spills to disk at a million
      select o.age, o.order_id, o.customer_id, l.category, l.amount * o.kept_share as amount
      from (select * from o order by customer_id, order_id offset 0) o cross join lateral (
        select coalesce(l.category, 'uncategorised') as category, l.quantity * l.unit_price_minor as amount
        from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id offset 0
      ) l
    ), line_bucket as (${buckets(window, 'line')})`;
  const categories = !store ? sql`` : sql`
      union all
      select granularity, bucket, 'category', category,
        sum(amount)::float8, count(distinct order_id)::int, count(distinct customer_id)::int, 2, 0
      from line_bucket group by granularity, bucket, category`;
  return sql<SeriesRecord>`
    with o as materialized (${windowOrders(window, primaryTypes)}), order_bucket as (${buckets(window, 'o')}) ${lines}
    select granularity, bucket, dimension, segment, revenue, orders, customers, section, subsection from (
      select granularity, bucket, ${dimension} as dimension, ${segment} as segment,
        sum(amount_minor)::float8 as revenue, count(*)::int as orders, count(distinct customer_id)::int as customers,
        ${section} as section, ${store ? sql`grouping(channel)` : sql`0`} as subsection
      from order_bucket group by grouping sets (${sql.join(sets)})
      ${categories}
    ) series
    order by granularity, section, bucket, subsection, segment`;
}

/**
 * Every part in one pass: the window's orders read once and their lines
 * joined once. What a run reads when nothing was read ahead.
 */
export async function readAllSeries(db: Kysely<Database>, scope: SeriesScope): Promise<SeriesRow[]> {
  return (await seriesQuery(scope, { store: true, primaryTypes: scope.primaryTypes }).execute(db)).rows.map(seriesRow);
}

/**
 * Everything but the customer types, so it may be read beside a full analysis
 * (on another connection, before the types it writes exist).
 */
export async function readStoreSeries(db: Kysely<Database>, window: SeriesWindow): Promise<SeriesRow[]> {
  return (await seriesQuery(window, { store: true }).execute(db)).rows.map(seriesRow);
}

/** The per-type part alone: the buyers' primary types as `primaryTypes` holds them. */
export async function readTypeSeries(db: Kysely<Database>, scope: SeriesScope): Promise<SeriesRow[]> {
  return (await seriesQuery(scope, { store: false, primaryTypes: scope.primaryTypes }).execute(db)).rows.map(seriesRow);
}

function seriesRow(row: SeriesRecord): SeriesRow {
  return {
    granularity: row.granularity, section: row.section, subsection: row.subsection, bucket: Number(row.bucket),
    dimension: row.dimension, segment: row.segment, revenue: Number(row.revenue), orders: row.orders, customers: row.customers,
  };
}

/**
 * Both parts as the drop detector reads them: per granularity, section by
 * section (store and channels, types, categories), bucket by bucket, channels
 * before the store; within that, each part's own order (its segments sorted
 * by the database), which a stable sort keeps. The detector breaks ties
 * between segments by first appearance. The parts may come from two
 * snapshots (read ahead on another connection): orders committed between
 * them count in one part and not yet in the other, as in any read while
 * imports run.
 */
export function combineSeries(...parts: SeriesRow[][]): Record<Granularity, MetricPoint[]> {
  const rows = parts.flat().sort((a, b) => a.section - b.section || a.bucket - b.bucket || a.subsection - b.subsection);
  const series: Record<Granularity, MetricPoint[]> = { day: [], week: [] };
  for (const row of rows) {
    series[row.granularity].push({ bucket: row.bucket, dimension: row.dimension, segment: row.segment, revenue: row.revenue, orders: row.orders, customers: row.customers });
  }
  return series;
}
