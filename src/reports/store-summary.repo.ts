import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DayRange } from './period.js';

export type PeriodFigures = {
  realCustomers: number;
  leads: number;
  newCustomers: number;
  activeCustomers: number;
  repeatPurchaseRate: number;
  revenueMinor: number;
  orders: number;
};

/**
 * Key figures of a period from the per-customer facts: real customers and leads
 * as they stood at the period's end, the period's new and active customers,
 * revenue and orders, and the share of real customers who bought on two or
 * more days by the end.
 */
export async function figuresFor(db: Kysely<Database>, range: DayRange, timeZone: string): Promise<PeriodFigures> {
  const endInstant = sql`(${range.to}::date::timestamp at time zone ${timeZone})`;
  const startInstant = sql`(${range.from}::date::timestamp at time zone ${timeZone})`;
  const people = await sql<{ real_customers: number; leads: number; new_customers: number }>`
    select count(*) filter (where t.first_purchase_at < ${endInstant})::int as real_customers,
      count(*) filter (where (t.first_purchase_at is null or t.first_purchase_at >= ${endInstant})
        and coalesce(t.first_interest_at, c.created_at) < ${endInstant})::int as leads,
      count(*) filter (where t.first_purchase_at >= ${startInstant} and t.first_purchase_at < ${endInstant})::int as new_customers
    from customer_trait t join customer c using (customer_id) where c.merged_into_customer_id is null`.execute(db);
  const activity = await sql<{ active: number; revenue: number; orders: number }>`
    select count(distinct customer_id)::int as active, coalesce(sum(amount_minor), 0)::bigint as revenue, coalesce(sum(order_count), 0)::int as orders
    from customer_purchase_day where day >= ${range.from}::date and day < ${range.to}::date`.execute(db);
  const repeat = await sql<{ repeaters: number }>`
    select count(*)::int as repeaters from (
      select customer_id from customer_purchase_day where day < ${range.to}::date group by customer_id having count(*) >= 2) r`.execute(db);
  const real = Number(people.rows[0]?.real_customers ?? 0);
  return {
    realCustomers: real,
    leads: Number(people.rows[0]?.leads ?? 0),
    newCustomers: Number(people.rows[0]?.new_customers ?? 0),
    activeCustomers: Number(activity.rows[0]?.active ?? 0),
    repeatPurchaseRate: real === 0 ? 0 : Number(repeat.rows[0]?.repeaters ?? 0) / real,
    revenueMinor: Number(activity.rows[0]?.revenue ?? 0),
    orders: Number(activity.rows[0]?.orders ?? 0),
  };
}

export type RevenuePoint = { period: string; revenueMinor: number; orders: number; customers: number };

/** Revenue, orders and buying customers per day, week (Monday) or month, in store calendar days. */
export async function revenueSeries(db: Kysely<Database>, range: DayRange, granularity: 'day' | 'week' | 'month'): Promise<RevenuePoint[]> {
  const result = await sql<{ period: string; revenue: number; orders: number; customers: number }>`
    select to_char(date_trunc(${granularity}, day::timestamp), 'YYYY-MM-DD') as period, sum(amount_minor)::bigint as revenue,
      sum(order_count)::int as orders, count(distinct customer_id)::int as customers
    from customer_purchase_day where day >= ${range.from}::date and day < ${range.to}::date
    group by 1 order by 1`.execute(db);
  return result.rows.map((row) => ({ period: row.period, revenueMinor: Number(row.revenue), orders: Number(row.orders), customers: Number(row.customers) }));
}

export type TypeFlow = { fromType: string; toType: string; customers: number };

/**
 * How customers moved between types from one instant to another, from the type
 * history. A customer with several types counts under the first in `precedence`.
 */
export async function typeMigration(db: Kysely<Database>, from: Date, to: Date, precedence: readonly string[]): Promise<TypeFlow[]> {
  const result = await sql<{ from_type: string; to_type: string; customers: number }>`
    with at_from as (
      select distinct on (customer_id) customer_id, type from customer_type_history
      where entered_at <= ${from} and (left_at is null or left_at > ${from})
      order by customer_id, coalesce(array_position(${precedence}::text[], type), 999)),
    at_to as (
      select distinct on (customer_id) customer_id, type from customer_type_history
      where entered_at <= ${to} and (left_at is null or left_at > ${to})
      order by customer_id, coalesce(array_position(${precedence}::text[], type), 999))
    select coalesce(f.type, 'none') as from_type, coalesce(t.type, 'none') as to_type, count(*)::int as customers
    from at_from f full join at_to t using (customer_id)
    group by 1, 2 order by 3 desc`.execute(db);
  return result.rows.map((row) => ({ fromType: row.from_type, toType: row.to_type, customers: Number(row.customers) }));
}
