import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { isVerified, netAmount, ordersAsOf, purchaseDaysAsOf, type LaterCredits } from '../traits/index.js';
import { partsOf, type Period, type PeriodParts } from './period.js';
import { storeDaysAsOf, withSteps, type StoreDaysAsOf } from './store-days-as-of.sql.js';

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
  revenue: number; orders: number; new_customers: number; real_customers: number; repeaters: number; active: number; customers: number; unseen: number;
};

const quarterHourMs = 900_000;

/**
 * Key figures of two periods [start, end) (the current one and the one it is
 * compared with), as `figuresOfPeriod` in period-figures.test.ts defines them.
 * A purchase is an order with status paid or partially_refunded, worth its
 * amount less what was refunded (as customer_purchase_day holds them):
 *
 * - revenue and orders: the purchases made in the period;
 * - active customers: customers with a purchase in the period, each once;
 * - new customers: those whose first purchase was made in the period;
 * - real customers: those with a purchase before the period's end;
 * - repeat-purchase rate: the share of those real customers who had bought on
 *   two or more store calendar days before the end (the part of the last day
 *   before the end counting as a day);
 * - leads: customers without a purchase before the end whose first sign of
 *   interest (else their sign-up) came before the end of the quarter hour that
 *   holds it: first signs are kept per quarter hour. A whole day ends on a
 *   quarter hour in every zone, so there the count is exact.
 *
 * Whole days are sums over the days (or quarter hours) of store_purchase_day,
 * store_purchase_day_gap and store_first_seen, which triggers keep current from
 * the per-customer facts (db/migrations/202611301300_web_speed.sql), so they
 * cost the same at any number of customers. A period that ends inside a day
 * (today so far, or the same time N days earlier) takes that day's part from the
 * orders themselves, read through the index on their time (one part-day of
 * orders), and each of its buyers' earlier purchase days through the key of
 * customer_purchase_day. Leads are what remains of the customers first seen by
 * the end once the real ones are taken away: an order is itself a first sign
 * of interest, so nobody bought before they were first seen.
 *
 * `later` (traits' findLaterCredits, for the instant the report is made as of):
 * what credit notes dated at or after it gave back counts as kept, in both
 * periods (store-days-as-of.sql.ts); null reads the stored sums as they are.
 */
export async function figuresForPeriods(db: Kysely<Database>, periods: { current: Period; previous: Period }, timeZone: string, later: LaterCredits = null): Promise<{ current: PeriodFigures; previous: PeriodFigures }> {
  const current = partsOf(periods.current, timeZone);
  const previous = partsOf(periods.previous, timeZone);
  const store = storeDaysAsOf(later, timeZone);
  const asOf: AsOf = { store, later, timeZone };
  const result = await sql<Counts & { period: 'c' | 'p' }>`
    ${withSteps(store.steps, sql`${periodSteps('c', current, asOf)}, ${periodSteps('p', previous, asOf)}`)},
    -- customers by when first seen (first sign of interest, else sign-up)
    seen as (
      select coalesce(sum(customers), 0)::int as customers,
        coalesce(sum(customers) filter (where seen_at >= ${seenBy(current.end)}::timestamptz), 0)::int as unseen_c,
        coalesce(sum(customers) filter (where seen_at >= ${seenBy(previous.end)}::timestamptz), 0)::int as unseen_p
      from store_first_seen)
    select 'c' as period, c.*, seen.customers, seen.unseen_c as unseen from figures_c c, seen
    union all
    select 'p', p.*, seen.customers, seen.unseen_p from figures_p p, seen`.execute(db);
  const figures = (period: 'c' | 'p'): PeriodFigures => {
    const counts = result.rows.find((row) => row.period === period)!;
    const real = Number(counts.real_customers);
    return {
      realCustomers: real,
      leads: Number(counts.customers) - real - Number(counts.unseen),
      newCustomers: Number(counts.new_customers),
      activeCustomers: Number(counts.active),
      repeatPurchaseRate: real === 0 ? 0 : Number(counts.repeaters) / real,
      revenueMinor: Number(counts.revenue),
      orders: Number(counts.orders),
    };
  };
  return { current: figures('c'), previous: figures('p') };
}

/** The end of the quarter hour holding an instant (the instant itself when it starts one): where leads are counted to. */
function seenBy(end: Date): string {
  return new Date(Math.ceil(end.getTime() / quarterHourMs) * quarterHourMs).toISOString();
}

/** What the steps read: the store's day sums, orders and purchase days as of the report's instant. */
type AsOf = { store: StoreDaysAsOf; later: LaterCredits; timeZone: string };

/**
 * `with` items giving one period's figures as `figures_<name>`: the whole days
 * [from, wholeTo) from the day aggregates, plus the part [partStart, end) of the
 * day wholeTo from its orders (none when the period is whole days).
 */
function periodSteps(name: 'c' | 'p', period: PeriodParts, asOf: AsOf) {
  const [from, wholeTo] = [sql`${period.from}::date`, sql`${period.wholeTo}::date`];
  return sql`
    ${sql.ref(`days_${name}`)} as (
      select coalesce(sum(amount_minor) filter (where day >= ${from}), 0)::bigint as revenue,
        coalesce(sum(order_count) filter (where day >= ${from}), 0)::bigint as orders,
        coalesce(sum(first_purchases) filter (where day >= ${from}), 0)::int as new_customers,
        coalesce(sum(first_purchases), 0)::int as real_customers,
        coalesce(sum(second_purchases), 0)::int as repeaters
      from ${asOf.store.days} store_day where day < ${wholeTo}),
    -- bought in [from, wholeTo): a purchase day in it whose previous purchase day is before from
    ${sql.ref(`active_${name}`)} as (
      select coalesce(sum(customers), 0)::int as active
      from ${asOf.store.gaps} store_gap where day >= ${from} and day < ${wholeTo} and previous_day < ${from}),
    ${partSteps(name, period, asOf)},
    ${sql.ref(`figures_${name}`)} as (
      select d.revenue + p.revenue as revenue, d.orders + p.orders as orders, d.new_customers + p.first_purchases as new_customers,
        d.real_customers + p.first_purchases as real_customers, d.repeaters + p.second_purchases as repeaters, a.active + p.active as active
      from ${sql.table(`days_${name}`)} d, ${sql.table(`active_${name}`)} a, ${sql.table(`part_${name}`)} p)`;
}

/**
 * `part_<name>`: what the part [partStart, end) of the day wholeTo adds. Its
 * purchases are read from the orders (statuses and net amounts by the rules
 * customer_purchase_day is kept by: traits' isVerified and netAmount), and each buyer's
 * last two purchase days before it tell a first purchase (none), a second
 * purchase day (one) and a buyer already counted active (one on or after from).
 */
function partSteps(name: 'c' | 'p', period: PeriodParts, asOf: AsOf) {
  if (period.end <= period.partStart) {
    return sql`${sql.ref(`part_${name}`)} as (select 0::bigint as revenue, 0::bigint as orders, 0 as first_purchases, 0 as second_purchases, 0 as active)`;
  }
  const [from, wholeTo] = [sql`${period.from}::date`, sql`${period.wholeTo}::date`];
  const [partStart, end] = [sql`${period.partStart.toISOString()}::timestamptz`, sql`${period.end.toISOString()}::timestamptz`];
  return sql`
    ${sql.ref(`part_buyer_${name}`)} as (
      select o.customer_id, count(*) as orders, sum(${netAmount('o')}) as revenue
      from ${ordersAsOf(asOf.later)} o
      where o.ordered_at >= ${partStart} and o.ordered_at < ${end} and ${isVerified('o')}
      group by o.customer_id),
    ${sql.ref(`part_${name}`)} as (
      select coalesce(sum(b.revenue), 0)::bigint as revenue, coalesce(sum(b.orders), 0)::bigint as orders,
        -- no purchase day before the part-day: a first purchase; exactly one: their second purchase day
        count(*) filter (where earlier.days = 0)::int as first_purchases,
        count(*) filter (where earlier.days = 1)::int as second_purchases,
        count(*) filter (where not earlier.in_whole_days)::int as active
      -- each buyer's last two purchase days before the part-day: one probe of customer_purchase_day's key
      from ${sql.table(`part_buyer_${name}`)} b cross join lateral (
        select count(*) as days, coalesce(max(last_two.day) >= ${from}, false) as in_whole_days
        from (select d.day from ${purchaseDaysAsOf(asOf.later, asOf.timeZone)} d where d.customer_id = b.customer_id and d.day < ${wholeTo} order by d.day desc limit 2) last_two) earlier)`;
}
