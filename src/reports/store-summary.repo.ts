import { sql, type Kysely } from 'kysely';
import type { Database, OrderChannel } from '../db/schema.js';
import { isVerified, netAmount, ordersAsOf, type LaterCredits } from '../traits/index.js';
import { startOfDay, type DayRange } from './period.js';
import { storeDaysAsOf, withSteps, type StoreDaysAsOf } from './store-days-as-of.sql.js';

export type RevenuePoint = { period: string; revenueMinor: number; orders: number; customers: number };

/**
 * Revenue, orders and buying customers per day, week (Monday) or month, in store calendar days: every
 * period the range touches, with 0 where nothing was sold. A day without a sale (an outage, a closed
 * shop) is the one an owner needs to see; left out, the chart and table ran straight past it.
 * `channel` narrows it to the orders of one channel. `later` (traits' findLaterCredits, for the end of the
 * range's last day): what credit notes dated at or after it gave back counts as kept, as in the types report
 * as of that day; null reads the stored sums as they are.
 */
export async function revenueSeries(db: Kysely<Database>, range: DayRange, granularity: 'day' | 'week' | 'month', options: { channel: OrderChannel | null; timeZone: string; later?: LaterCredits }): Promise<RevenuePoint[]> {
  const later = options.later ?? null;
  const store = storeDaysAsOf(options.channel === null ? later : null, options.timeZone);
  // the periods are calendar dates, so the series runs on timestamps without a zone: the store's zone has
  // already put each purchase on its store day, and a session zone's clock change cannot shift a period
  const sold = options.channel === null ? soldFromStoreDays(range, granularity, store) : soldFromPurchases(purchasesIn(range, options.channel, options.timeZone, later), granularity);
  const result = await sql<{ period: string; revenue: number; orders: number; customers: number }>`
    ${withSteps(store.steps, sql`sold as (${sold})`)},
    period as (
      select generate_series(date_trunc(${granularity}, ${range.from}::date::timestamp), (${range.to}::date - 1)::timestamp, ${`1 ${granularity}`}::interval) as period)
    select to_char(p.period, 'YYYY-MM-DD') as period, coalesce(s.revenue, 0) as revenue, coalesce(s.orders, 0) as orders, coalesce(s.customers, 0) as customers
    from period p left join sold s on s.period = p.period
    order by p.period`.execute(db);
  return result.rows.map((row) => ({ period: row.period, revenueMinor: Number(row.revenue), orders: Number(row.orders), customers: Number(row.customers) }));
}

function soldFromPurchases(purchases: ReturnType<typeof purchasesIn>, granularity: 'day' | 'week' | 'month') {
  return sql`
    select date_trunc(${granularity}, day::timestamp) as period, sum(amount_minor)::bigint as revenue,
      sum(order_count)::int as orders, count(distinct customer_id)::int as customers
    from (${purchases}) purchase group by 1`;
}

/**
 * All channels' periods from the store's per-day totals (store_purchase_day, store_purchase_day_gap: what the
 * key figures read), kept by triggers from customer_purchase_day, so they add up to the same figures. A
 * period's buyers are those with a purchase day in it (from the range's first day, when the range starts inside
 * it) whose previous one came before it, each counted once: counting them from customer_purchase_day sorted a
 * year of purchase days for count(distinct), most of the report's time.
 */
function soldFromStoreDays(range: DayRange, granularity: 'day' | 'week' | 'month', store: StoreDaysAsOf) {
  const [from, to] = [sql`${range.from}::date`, sql`${range.to}::date`];
  return sql`
    select coalesce(t.period, b.period) as period, coalesce(t.revenue, 0) as revenue, coalesce(t.orders, 0) as orders, coalesce(b.customers, 0) as customers
    from (
      select date_trunc(${granularity}, day::timestamp) as period, sum(amount_minor)::bigint as revenue, sum(order_count)::int as orders
      from ${store.days} store_day where day >= ${from} and day < ${to} group by 1) t
    full join (
      select date_trunc(${granularity}, day::timestamp) as period, sum(customers)::int as customers
      from ${store.gaps} store_gap
      where day >= ${from} and day < ${to} and previous_day < greatest(date_trunc(${granularity}, day::timestamp), ${from}::timestamp)
      group by 1) b on b.period = t.period`;
}

/**
 * One channel's purchases of the range's days as (day, customer_id, order_count, amount_minor). customer_purchase_day
 * keeps no channel, so they are read from the channel's orders, through the index on their time, and put on
 * their store day by the rules customer_purchase_day is kept by (statuses and net amounts: traits' isVerified
 * and netAmount; the day: the order's time in the store's zone).
 */
function purchasesIn(range: DayRange, channel: OrderChannel, timeZone: string, later: LaterCredits) {
  const [start, end] = [startOfDay(range.from, timeZone), startOfDay(range.to, timeZone)].map((instant) => instant.toISOString());
  return sql`
    select (o.ordered_at at time zone ${timeZone})::date as day, o.customer_id, 1 as order_count, ${netAmount('o')} as amount_minor
    from ${ordersAsOf(later)} o
    where o.ordered_at >= ${start}::timestamptz and o.ordered_at < ${end}::timestamptz and o.channel = ${channel} and ${isVerified('o')}`;
}

export type TypeFlow = { fromType: string; toType: string; customers: number };

/**
 * The flows between two instants, and (`firstTyped`, per type) what the first analysis typed
 * customers as when `from` is before the history's start. The history holds no type before
 * its start, so such a range is read from the start (`isFromClamped`): read from earlier,
 * every customer's first typing was a none → type and the moves made since were lost.
 */
export type TypeMigration = { historyStartsAt: Date | null; isFromClamped: boolean; flows: TypeFlow[]; firstTyped: Array<{ type: string; customers: number }> };

/**
 * How customers moved between types from one instant to another, from the type
 * history. A customer with several types counts under the first in `precedence`.
 * The history starts at its earliest spell: an analysis as of an earlier day
 * rewinds (deletes) the spells entered after it.
 */
export async function typeMigration(db: Kysely<Database>, from: Date, to: Date, precedence: readonly string[]): Promise<TypeMigration> {
  const start = await db.selectFrom('customer_type_history').select((eb) => eb.fn.min('entered_at').as('starts_at')).executeTakeFirst();
  const historyStartsAt = start?.starts_at ? new Date(start.starts_at) : null;
  const isFromClamped = historyStartsAt !== null && from < historyStartsAt;
  // a range that ends before the history starts knows no type at either end: read from its end, nothing moved
  const flowsFrom = historyStartsAt !== null && isFromClamped ? new Date(Math.min(historyStartsAt.getTime(), to.getTime())) : from;
  const result = await sql<{ from_type: string; to_type: string; customers: number }>`
    with at_from as (
      select distinct on (customer_id) customer_id, type from customer_type_history
      where entered_at <= ${flowsFrom} and (left_at is null or left_at > ${flowsFrom})
      order by customer_id, coalesce(array_position(${precedence}::text[], type), 999)),
    at_to as (
      select distinct on (customer_id) customer_id, type from customer_type_history
      where entered_at <= ${to} and (left_at is null or left_at > ${to})
      order by customer_id, coalesce(array_position(${precedence}::text[], type), 999))
    select coalesce(f.type, 'none') as from_type, coalesce(t.type, 'none') as to_type, count(*)::int as customers
    from at_from f full join at_to t using (customer_id)
    group by 1, 2 order by 3 desc, 1, 2`.execute(db);
  const flows = result.rows.map((row) => ({ fromType: row.from_type, toType: row.to_type, customers: Number(row.customers) }));
  // read from the history's start, the types flowed from are the first analysis's typing: each customer's first
  const isFromHistoryStart = historyStartsAt !== null && flowsFrom.getTime() === historyStartsAt.getTime();
  const firstTyped = isFromClamped && isFromHistoryStart ? typesFlowedFrom(flows) : [];
  return { historyStartsAt, isFromClamped, flows, firstTyped };
}

function typesFlowedFrom(flows: TypeFlow[]): Array<{ type: string; customers: number }> {
  const byType = new Map<string, number>();
  for (const flow of flows) if (flow.fromType !== 'none') byType.set(flow.fromType, (byType.get(flow.fromType) ?? 0) + flow.customers);
  return [...byType].map(([type, customers]) => ({ type, customers })).sort((a, b) => b.customers - a.customers || a.type.localeCompare(b.type));
}
