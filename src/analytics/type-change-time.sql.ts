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

/**
 * The customer's latest check before `at`: when a full analysis of an earlier day looked at
 * everyone (`least(as_of, started_at)`: the time it recorded at, or its day's end for a day
 * already over), or a run recorded a change of theirs. Only checks since the customer was
 * created count: before it nobody could see them. Null when there is none.
 */
function lastCheckBefore(at: RawBuilder<unknown>, customerId: number, timeZone: string): RawBuilder<Date | null> {
  const id = sql`${customerId}::bigint`;
  // the start of the store day `at` falls in (a day's end belongs to the day it closes)
  const dayStart = sql`((((${at}) - interval '1 millisecond') at time zone ${timeZone}::text)::date::timestamp at time zone ${timeZone}::text)`;
  return sql<Date | null>`(select checked.at from (select nullif(greatest(
      (select max(least(checked_run.as_of, checked_run.started_at)) from analysis_run checked_run where checked_run.as_of <= ${dayStart}),
      -- aliases no caller uses: \`at\` is often made of the caller's spell columns. The time bound is a FILTER, not a
      -- WHERE: PostgreSQL plans max(col) where col < x as a backward walk of the col index, filtering on the customer,
      -- which read most of customer_type_history_entered_at_idx per probe (306 ms, repeated per spell) wherever the
      -- planner had no statistics; an aggregate with a FILTER is never planned so, and reads the customer's own rows
      (select max(checked_spell.entered_at) filter (where checked_spell.entered_at < ${at}) from customer_type_history checked_spell where checked_spell.customer_id = ${id}),
      (select max(checked_spell.left_at) filter (where checked_spell.left_at < ${at}) from customer_type_history checked_spell where checked_spell.customer_id = ${id}),
      '-infinity'::timestamptz), '-infinity'::timestamptz) as at
    ) checked where checked.at >= (select c.created_at from customer c where c.customer_id = ${id}))`;
}

/**
 * When a type change recorded at `recordedAt` (a spell's entered_at or left_at) really happened,
 * and the check before it, as a lateral relation (at, checked_last_at). A run records a change
 * when it runs (typeChangeShownAt), so between two runs a spell seems to last until the run that
 * saw it end. Some changes are dated by the rules themselves, whenever a run sees them, at the
 * end of their day as a run of that day would date them: a new spell ends, and a one-time spell
 * begins, on first purchase + `newWithinDays` (the policy's of now); an at-risk spell begins on
 * its overdue day (`overdueDay`, the day the overdue alerts are raised for), not before the
 * customer's new period ended, and the regular spell the same run closed ends then too (a
 * regular customer is one not overdue). Such a change is moved only back, and to no earlier than
 * the customer's last check before it (a rule's day that a late import or a policy change put
 * before what that check saw stays there), which is never before the customer was created; a
 * change with no check before it (a first typing) keeps its time. Other changes (a
 * VIP cut-off passed, lapsed by the model) have no day of their own: `checked_last_at` says when
 * the customer was checked last before they were seen, null for rule-dated ones and a first check.
 */
export function typeChangeDating(
  change: 'entered' | 'left', type: RawBuilder<unknown>, numbers: RawBuilder<unknown>, recordedAt: RawBuilder<unknown>, customerId: number, timeZone: string,
): RawBuilder<unknown> {
  const id = sql`${customerId}::bigint`;
  const shownAt = typeChangeShownAt(recordedAt, customerId);
  const dayEnd = (day: RawBuilder<unknown>) => sql`(((${day}) + 1)::timestamp at time zone ${timeZone}::text)`;
  const newWithinDays = sql`coalesce((select least((s.value ->> 'newWithinDays')::int, 3650) from store_setting s where s.key = 'type_policy'), 30)`;
  const newEnds = (firstPurchaseDay: RawBuilder<unknown>) => dayEnd(sql`(${firstPurchaseDay})::date + ${newWithinDays}`);
  const overdue = (atRiskNumbers: RawBuilder<unknown>) => sql`greatest(${dayEnd(sql`(${atRiskNumbers} ->> 'overdueDay')::date`)},
    (select max(${newEnds(sql`new_spell.numbers ->> 'firstPurchaseDay'`)}) from customer_type_history new_spell where new_spell.customer_id = ${id} and new_spell.type = 'new'))`;
  const ruled = change === 'left'
    ? sql`case when ${type} = 'new' and ${numbers} ->> 'firstPurchaseDay' is not null then ${newEnds(sql`${numbers} ->> 'firstPurchaseDay'`)}
        when ${type} = 'regular' then (select max(${overdue(sql`at_risk_spell.numbers`)}) from customer_type_history at_risk_spell
          where at_risk_spell.customer_id = ${id} and at_risk_spell.type = 'at_risk' and at_risk_spell.entered_at = ${recordedAt} and at_risk_spell.numbers ->> 'overdueDay' is not null) end`
    : sql`case when ${type} = 'one_time' and ${numbers} ->> 'firstPurchaseDay' is not null then ${newEnds(sql`${numbers} ->> 'firstPurchaseDay'`)}
        when ${type} = 'at_risk' and ${numbers} ->> 'overdueDay' is not null then ${overdue(numbers)} end`;
  return sql`lateral (
    -- with no check before (the customer's first typing) there is no span to date it in
    select case when dated.ruled is null or dated.shown is null or dated.checked is null then dated.shown
        else least(dated.shown, greatest(dated.ruled, dated.checked)) end as at,
      case when dated.ruled is null and dated.shown is not null then dated.checked end as checked_last_at
    from (select ${shownAt} as shown, ${ruled} as ruled, ${lastCheckBefore(shownAt, customerId, timeZone)} as checked) dated)`;
}
