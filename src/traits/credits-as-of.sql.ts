import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { isVerified, netAmount, purchaseDay } from './traits.sql.js';

/**
 * A sale's stored refund and status include what every stored credit note gave back
 * (orders/credit-allocation.ts), and so do its purchase day in customer_purchase_day. As of an
 * earlier instant, a credit note dated at or after it has not happened yet: what it gave back
 * counts as kept, or the past would change when a later credit note arrives. Credit notes are
 * allocated in time order, so the allocations of the notes before an instant are those that
 * instant would have made: taking the later notes' share off the stored values is exact.
 *
 * `LaterCredits` is the as-of instant when credit notes dated at or after it gave something back,
 * else null: nothing to add back, and the stored tables serve as they are (a store without credit
 * notes, and every analysis of today, pays one probe and nothing more).
 */
export type LaterCredits = Date | null;

/** The instant when credit notes dated at or after it credited a sale, else null (see LaterCredits). */
export async function findLaterCredits(db: Kysely<Database>, instant: Date): Promise<LaterCredits> {
  const result = await sql<{ has: boolean }>`
    select ${hasLaterCredits(instant)} as has`.execute(db);
  return laterCreditsOfProbe(result.rows[0]?.has ?? false, instant);
}

/** findLaterCredits's probe as a select-list item, for a caller that asks it beside other things in one statement. */
export function hasLaterCredits(instant: Date): RawBuilder<boolean> {
  return sql<boolean>`exists (
      select 1 from order_credit c join customer_order n on n.customer_id = c.customer_id and n.order_id = c.credit_order_id
      where n.ordered_at >= ${instant}::timestamptz)`;
}

/** The LaterCredits a probe of hasLaterCredits answered. */
export function laterCreditsOfProbe(has: boolean, instant: Date): LaterCredits {
  return has ? instant : null;
}

/** Per sale, what credit notes dated at or after `instant` gave it. */
const laterCreditsOf = (instant: Date) => sql`
  select c.customer_id, c.sale_order_id as order_id, sum(c.amount_minor)::bigint as later_minor
  from order_credit c join customer_order n on n.customer_id = c.customer_id and n.order_id = c.credit_order_id
  where n.ordered_at >= ${instant}::timestamptz
  group by 1, 2`;

/**
 * customer_order as of the instant: a sale's refund without the later credits, and its status as
 * effectiveSale gives it for the credits left (none: the status its source stated).
 */
export function ordersAsOf(later: LaterCredits): RawBuilder<unknown> {
  if (later === null) return sql`customer_order`;
  const left = sql`(o.credited_minor - l.later_minor)`;
  return sql`(
    select o.order_id, o.customer_id, o.source, o.external_id, o.ordered_at, o.currency, o.total_minor, o.amount_minor,
      o.refunded_minor - coalesce(l.later_minor, 0) as refunded_minor, o.discount_minor, o.promotion_code, o.channel,
      case when l.later_minor is null then o.status
        when ${left} <= 0 then coalesce(o.stated_status, o.status)
        when o.refunded_minor - l.later_minor >= o.amount_minor then 'refunded' else 'partially_refunded' end as status,
      o.recipient_customer_id, o.location, o.import_id, o.import_line, o.created_at, o.updated_at, o.amount_factor,
      o.credited_minor - coalesce(l.later_minor, 0) as credited_minor,
      case when l.later_minor is null or ${left} > 0 then o.stated_status end as stated_status
    from customer_order o left join (${laterCreditsOf(later)}) l on l.customer_id = o.customer_id and l.order_id = o.order_id)`;
}

/**
 * customer_purchase_day as of the instant (customer_id, day, order_count, amount_minor): the stored
 * rows, but those of a customer whose sales later credit notes credited, which are made again from
 * their orders as of the instant by the rules the stored rows are kept by (traits.repo.ts).
 */
export function purchaseDaysAsOf(later: LaterCredits, timeZone: string): RawBuilder<unknown> {
  if (later === null) return sql`customer_purchase_day`;
  return sql`(
    select s.customer_id, s.day, s.order_count, s.amount_minor from customer_purchase_day s where s.customer_id not in ${laterCreditedCustomers(later)}
    union all
    ${creditedPurchaseDaysAsOf(later, timeZone)})`;
}

/** The customers (customer_id) whose sales credit notes dated at or after the instant credited: those whose stored facts differ as of it. */
export function laterCreditedCustomers(later: Date): RawBuilder<unknown> {
  return sql`(select distinct customer_id from (${laterCreditsOf(later)}) l)`;
}

/**
 * The purchase days as of the instant of laterCreditedCustomers only (customer_id, day, order_count,
 * amount_minor), made again from their orders as of it: what replaces their stored rows.
 */
export function creditedPurchaseDaysAsOf(later: Date, timeZone: string): RawBuilder<unknown> {
  return sql`select o.customer_id, ${purchaseDay('o', timeZone)} as day, count(*)::int as order_count, sum(${netAmount('o')})::bigint as amount_minor
    from ${ordersAsOf(later)} o where o.customer_id in ${laterCreditedCustomers(later)} and ${isVerified('o')}
    group by 1, 2`;
}
