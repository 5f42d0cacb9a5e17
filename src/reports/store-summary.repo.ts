import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { DayRange } from './period.js';

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
