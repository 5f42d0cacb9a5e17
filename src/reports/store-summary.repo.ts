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
 * The flows between two instants, and the customers who were first typed by the
 * first analysis when `from` is before it (`firstTyped`, per type reached): the
 * history holds no type before its start, so their "none" is not known, and as a
 * none → X flow their first typing read as a move made in the range.
 */
export type TypeMigration = { historyStartsAt: Date | null; flows: TypeFlow[]; firstTyped: Array<{ type: string; customers: number }> };

/**
 * How customers moved between types from one instant to another, from the type
 * history. A customer with several types counts under the first in `precedence`.
 * The history starts at its earliest spell: an analysis as of an earlier day
 * rewinds (deletes) the spells entered after it.
 */
export async function typeMigration(db: Kysely<Database>, from: Date, to: Date, precedence: readonly string[]): Promise<TypeMigration> {
  const start = await db.selectFrom('customer_type_history').select((eb) => eb.fn.min('entered_at').as('starts_at')).executeTakeFirst();
  const historyStartsAt = start?.starts_at ? new Date(start.starts_at) : null;
  const isBeforeHistory = historyStartsAt !== null && from < historyStartsAt;
  const result = await sql<{ from_type: string; to_type: string; is_first_typing: boolean; customers: number }>`
    with at_from as (
      select distinct on (customer_id) customer_id, type from customer_type_history
      where entered_at <= ${from} and (left_at is null or left_at > ${from})
      order by customer_id, coalesce(array_position(${precedence}::text[], type), 999)),
    at_to as (
      select distinct on (customer_id) customer_id, type from customer_type_history
      where entered_at <= ${to} and (left_at is null or left_at > ${to})
      order by customer_id, coalesce(array_position(${precedence}::text[], type), 999))
    select coalesce(f.type, 'none') as from_type, coalesce(t.type, 'none') as to_type,
      -- a spell entered at the history's start is the customer's first typing, by the first analysis
      (f.type is null and t.type is not null and ${isBeforeHistory} and exists (
        select 1 from customer_type_history h where h.customer_id = t.customer_id and h.entered_at = ${historyStartsAt})) as is_first_typing,
      count(*)::int as customers
    from at_from f full join at_to t using (customer_id)
    group by 1, 2, 3 order by 4 desc, 1, 2`.execute(db);
  const rows = result.rows.map((row) => ({ fromType: row.from_type, toType: row.to_type, isFirstTyping: row.is_first_typing, customers: Number(row.customers) }));
  return {
    historyStartsAt,
    flows: rows.filter((row) => !row.isFirstTyping).map(({ fromType, toType, customers }) => ({ fromType, toType, customers })),
    firstTyped: rows.filter((row) => row.isFirstTyping).map((row) => ({ type: row.toType, customers: row.customers })),
  };
}
