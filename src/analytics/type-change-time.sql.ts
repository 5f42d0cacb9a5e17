import { sql, type RawBuilder } from 'kysely';

/**
 * When a run records its type history: when it runs (its transaction's start, `now()`), not at
 * the end of its as-of day, which lies hours ahead while that day lasts (a change an order batch
 * made at 22:01 UTC in Jakarta read as made at 17:00 UTC the next day). A run as of a day already
 * over records at that day's end, as every run did before. Never before a change already recorded
 * (`latest`, the latest spell time of the customers compared): spells a run recorded at a day's end
 * before this rule are closed no earlier than they began.
 */
export function historyTimeOf(asOf: RawBuilder<unknown>, latest: RawBuilder<unknown>): RawBuilder<unknown> {
  // least() passes over a null: with no spell yet, -infinity stands for none
  return sql`greatest(least(${asOf}, now()), least(coalesce(${latest}, '-infinity'::timestamptz), ${asOf}))`;
}

/**
 * When a stored type change (`at`, a spell's entered_at or left_at) is shown as made, by
 * GET /api/customers/:id/types and the timeline alike: its own time when its run recorded it when
 * it ran (historyTimeOf). A change recorded before that rule is dated its as-of day's end: it shows
 * the start of that day's first full analysis and never after now, nor before the customer was
 * created (a customer created after that analysis was typed by the batch that created them). A day
 * already over keeps its end. Null for a spell not left.
 */
export function typeChangeShownAt(at: RawBuilder<unknown>, customerId: number): RawBuilder<Date | null> {
  return sql<Date | null>`(case when ${at} is not null then greatest(
    least(${at}, (select min(r.started_at) from analysis_run r where r.as_of = ${at}), now()),
    (select least(c.created_at, ${at}) from customer c where c.customer_id = ${customerId}::bigint)) end)`;
}
