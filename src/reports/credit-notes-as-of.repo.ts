import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hasLaterCredits, laterCreditsOfProbe, type LaterCredits } from '../traits/index.js';

/**
 * Credit notes dated before the report's instant that gave back less than their amount: no earlier sale of their
 * customer kept enough to take it (a cancellation of a sale from before the data). What they did not give back
 * takes nothing off revenue, so sales less every credit note differ from revenue by `amountMinor`.
 */
export type UnappliedCredit = { creditNotes: number; amountMinor: number };

/**
 * What a store-level report says of credit notes as of an instant: `later`, what its figures add back (traits'
 * LaterCredits); `hasCreditNotes`, whether the store holds any (a credit note lowers the day of the sale it
 * credits, so a later one restates days already reported); `unapplied`, as UnappliedCredit.
 */
export type CreditNotesAsOf = { later: LaterCredits; hasCreditNotes: boolean; unapplied: UnappliedCredit };

/**
 * One statement: on a store without credit notes, two probes of the partial index that holds only them and
 * findLaterCredits's probe of order_credit. Credit notes are allocated in time order, so what a note dated before
 * the instant gave is what it had given by then (traits/credits-as-of.sql.ts): the stored credits serve as they are.
 */
export async function findCreditNotesAsOf(db: Kysely<Database>, instant: Date): Promise<CreditNotesAsOf> {
  const result = await sql<{ has_later: boolean; has_credit_notes: boolean; credit_notes: number; amount_minor: string | number }>`
    select ${hasLaterCredits(instant)} as has_later,
      exists (select 1 from customer_order where status = 'credit_note') as has_credit_notes,
      count(*)::int as credit_notes, coalesce(sum(o.amount_minor - g.given), 0)::bigint as amount_minor
    from customer_order o
    cross join lateral (select coalesce(sum(c.amount_minor), 0) as given from order_credit c where c.customer_id = o.customer_id and c.credit_order_id = o.order_id) g
    where o.status = 'credit_note' and o.ordered_at < ${instant}::timestamptz and o.amount_minor > g.given`.execute(db);
  const row = result.rows[0];
  return {
    later: laterCreditsOfProbe(row.has_later, instant),
    hasCreditNotes: row.has_credit_notes,
    unapplied: { creditNotes: Number(row.credit_notes), amountMinor: Number(row.amount_minor) },
  };
}
