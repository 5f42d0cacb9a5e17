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

type Counts = {
  revenue_c: number; revenue_p: number; orders_c: number; orders_p: number; new_c: number; new_p: number;
  real_c: number; real_p: number; repeaters_c: number; repeaters_p: number; active_c: number; active_p: number;
  customers: number; unseen_c: number; unseen_p: number;
};

/**
 * Key figures of a period and of the period right before it (`previous.to` must
 * be `current.from`), as `figuresOfPeriod` in period-figures.test.ts defines
 * them: real customers and leads as they stood at each period's end, each
 * period's new and active customers, revenue and orders, and the share of real
 * customers who had bought on two or more days by its end.
 *
 * Every figure is a sum over the days (or quarter hours) of store_purchase_day,
 * store_purchase_day_gap and store_first_seen, which triggers keep current from
 * the per-customer facts (db/migrations/202611301300_web_speed.sql), so it costs
 * the same at any number of customers. Leads are what remains of all customers
 * once the real ones and those first seen after the period's end are taken away:
 * an order is itself a first sign of interest, so nobody bought before they
 * were first seen.
 */
export async function figuresForPeriods(db: Kysely<Database>, periods: { current: DayRange; previous: DayRange }, timeZone: string): Promise<{ current: PeriodFigures; previous: PeriodFigures }> {
  const { current, previous } = periods;
  if (previous.to !== current.from) throw new Error(`figuresForPeriods needs adjacent periods: the previous one ends ${previous.to}, the current one starts ${current.from}; build them with periodsEndingAt.`);
  const [start, middle, end] = [sql`${previous.from}::date`, sql`${current.from}::date`, sql`${current.to}::date`];
  const instant = (day: string) => sql`(${day}::date::timestamp at time zone ${timeZone})`;
  const [middleInstant, endInstant] = [instant(current.from), instant(current.to)];
  const result = await sql<Counts>`
    with day_total as (
      select coalesce(sum(amount_minor) filter (where day >= ${middle} and day < ${end}), 0)::bigint as revenue_c,
        coalesce(sum(amount_minor) filter (where day >= ${start} and day < ${middle}), 0)::bigint as revenue_p,
        coalesce(sum(order_count) filter (where day >= ${middle} and day < ${end}), 0)::bigint as orders_c,
        coalesce(sum(order_count) filter (where day >= ${start} and day < ${middle}), 0)::bigint as orders_p,
        coalesce(sum(first_purchases) filter (where day >= ${middle} and day < ${end}), 0)::int as new_c,
        coalesce(sum(first_purchases) filter (where day >= ${start} and day < ${middle}), 0)::int as new_p,
        coalesce(sum(first_purchases) filter (where day < ${end}), 0)::int as real_c,
        coalesce(sum(first_purchases) filter (where day < ${middle}), 0)::int as real_p,
        coalesce(sum(second_purchases) filter (where day < ${end}), 0)::int as repeaters_c,
        coalesce(sum(second_purchases) filter (where day < ${middle}), 0)::int as repeaters_p
      from store_purchase_day),
    -- bought in [a, b): a purchase day in [a, b) whose previous purchase day is before a
    active as (
      select coalesce(sum(customers) filter (where day >= ${middle} and previous_day < ${middle}), 0)::int as active_c,
        coalesce(sum(customers) filter (where day < ${middle} and previous_day < ${start}), 0)::int as active_p
      from store_purchase_day_gap where day >= ${start} and day < ${end}),
    -- customers by when first seen (first sign of interest, else sign-up); those seen at or after a period's end were not leads yet
    seen as (
      select coalesce(sum(customers), 0)::int as customers,
        coalesce(sum(customers) filter (where seen_at >= ${endInstant}), 0)::int as unseen_c,
        coalesce(sum(customers) filter (where seen_at >= ${middleInstant}), 0)::int as unseen_p
      from store_first_seen)
    select * from day_total, active, seen`.execute(db);
  const counts = result.rows[0];
  const figures = (period: 'c' | 'p'): PeriodFigures => {
    const real = Number(counts[`real_${period}`]);
    return {
      realCustomers: real,
      leads: Number(counts.customers) - real - Number(counts[`unseen_${period}`]),
      newCustomers: Number(counts[`new_${period}`]),
      activeCustomers: Number(counts[`active_${period}`]),
      repeatPurchaseRate: real === 0 ? 0 : Number(counts[`repeaters_${period}`]) / real,
      revenueMinor: Number(counts[`revenue_${period}`]),
      orders: Number(counts[`orders_${period}`]),
    };
  };
  return { current: figures('c'), previous: figures('p') };
}
