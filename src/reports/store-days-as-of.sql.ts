import { sql, type RawBuilder } from 'kysely';
import { creditedPurchaseDaysAsOf, laterCreditedCustomers, type LaterCredits } from '../traits/index.js';

/**
 * store_purchase_day and store_purchase_day_gap as of an instant, for reports that read the store's per-day sums.
 *
 * Triggers keep those sums from customer_purchase_day (db/migrations/202611301300_web_speed.sql), and so they hold
 * what every stored credit note gave back. As of an instant before some credit notes, what those gave back counts as
 * kept (traits' purchaseDaysAsOf): the customers whose sales they credited take their stored purchase days' share
 * out of the sums and put in that of their purchase days as of the instant, counted by the triggers' own rules. A
 * sale a later credit note took all of is a purchase again, so a day can gain an order and a buyer (and a
 * customer with no other purchase their first).
 *
 * With no later credits (null: every report of today) the tables are read as they are, and `steps` is empty.
 */
export type StoreDaysAsOf = {
  /** `with` items that `days` and `gaps` read (empty when they are the stored tables). */
  steps: RawBuilder<unknown>[];
  /** Rows of (day, order_count, amount_minor, first_purchases, second_purchases): sum them per day, as the stored ones. */
  days: RawBuilder<unknown>;
  /** Rows of (day, previous_day, customers). */
  gaps: RawBuilder<unknown>;
};

export function storeDaysAsOf(later: LaterCredits, timeZone: string): StoreDaysAsOf {
  if (later === null) return { steps: [], days: sql`store_purchase_day`, gaps: sql`store_purchase_day_gap` };
  // each credited customer's purchase days as of the instant (sign 1) and as stored (sign -1), each series with
  // the one or two days before every day, which decide a first or second purchase day and a gap, as the triggers'
  const change = sql`credited_day_change as materialized (
    select day, sign, order_count, amount_minor, lag(day) over w as previous_day, lag(day, 2) over w as day_before_previous
    from (
      select customer_id, day, order_count, amount_minor, 1 as sign from (${creditedPurchaseDaysAsOf(later, timeZone)}) as_of
      union all
      select customer_id, day, order_count, amount_minor, -1 from customer_purchase_day where customer_id in ${laterCreditedCustomers(later)}) d
    window w as (partition by customer_id, sign order by day))`;
  return {
    steps: [change],
    days: sql`(
      select day, order_count, amount_minor, first_purchases, second_purchases from store_purchase_day
      union all
      select day, sign * order_count, sign * amount_minor,
        case when previous_day is null then sign else 0 end,
        case when previous_day is not null and day_before_previous is null then sign else 0 end
      from credited_day_change)`,
    gaps: sql`(
      select day, previous_day, customers from store_purchase_day_gap
      union all
      select day, coalesce(previous_day, '-infinity'::date), sign from credited_day_change)`,
  };
}

/** `with` followed by the steps and the query's own items, or the query's items alone. */
export function withSteps(steps: RawBuilder<unknown>[], items: RawBuilder<unknown>): RawBuilder<unknown> {
  return steps.length === 0 ? sql`with ${items}` : sql`with ${sql.join(steps)}, ${items}`;
}
