import { sql, type RawBuilder } from 'kysely';

/**
 * The instant a customer's type history begins with a state rather than a change, or null
 * when it begins with one: the instant of their first spells, when that is the start of the
 * store's history (its earliest spell, entered by the first analysis, as the type migration
 * report counts it) or when the customer was known before the store day those spells close
 * (created, or with an order or an interest event, before that day began: a customer imported
 * with past orders, typed by the next run). What they were before it is not known, so a spell
 * entered then says the type was held already, not that it was taken. A customer first typed
 * on the day they appeared (a live sign-up, a first order) did take it: that is a change.
 * Every probe is by index (the store's first spell by the history's entered_at, the rest by each table's customer_id key).
 */
export function typeHistoryStartOf(customerId: number, timeZone: string): RawBuilder<Date | null> {
  const id = sql`${customerId}::bigint`;
  // the start of the store day a spell entered at `first.entered_at` (that day's exclusive end) closes
  const dayStart = sql`(((first.entered_at - interval '1 millisecond') at time zone ${timeZone}::text)::date::timestamp at time zone ${timeZone}::text)`;
  return sql<Date | null>`(
    -- the customer's own first spell: a FILTER keeps PostgreSQL from planning min() as a walk along the entered_at index
    -- filtering on the customer, as it does without statistics (see type-change-time.sql.ts); the store's first spell is that walk's first row
    select first.entered_at from (select min(entered_at) filter (where true) as entered_at from customer_type_history where customer_id = ${id}) first
    where first.entered_at = (select min(entered_at) from customer_type_history)
      or exists (select 1 from customer c where c.customer_id = ${id} and c.created_at < ${dayStart})
      or exists (select 1 from customer_order o where o.customer_id = ${id} and o.ordered_at < ${dayStart})
      or exists (select 1 from interest_event e where e.customer_id = ${id} and e.occurred_at < ${dayStart}))`;
}
