import { sql, type RawBuilder } from 'kysely';
import { typeChangeDating, typeHistoryStartOf } from '../analytics/index.js';

/**
 * A customer's type changes as timeline rows (at, kind, id, title, detail): "became X" when
 * they took a type, "no longer X" when they lost it.
 *
 * Read from the spells of customer_type_history, joined first: every run of a day (a merge, its
 * undo, an order batch, the daily analysis) is dated that day's end, and each closes the spells
 * of the types it no longer finds and opens the ones it finds, so one day may hold several
 * spells of a type that left and came back at the same instant, and spells opened and closed at
 * it. A spell that opens when the last of its type closed continues it; what is left neither
 * opened nor closed the type that day and is not a change: the timeline then says what the type
 * card says, the day's last state. An entered change is dated and numbered by the last spell
 * opened at its start (spells opened together are numbered in precedence order) and says when
 * the type ended (`leftAt`); a left change by the spell that closed it. The two rows of one
 * spell share its id, at different times.
 *
 * A type held when the customer's type history began (typeHistoryStartOf: the store's first
 * analysis, or the customer's first typing when they were known before it) was not taken then:
 * its entered row says "already X when the type history began" (`sinceHistoryStart`), since what
 * they were before is not known.
 *
 * Shown, each change is dated when it was recorded (typeChangeShownAt, as GET
 * /api/customers/:id/types dates it): a run records its changes when it runs, not at the end of
 * its day, which is hours ahead while the day lasts; the end of a new spell and the start of an
 * at-risk one are dated by the rule instead, when a run saw them later (typeChangeDating).
 */
export function typeChangeEntries(customerId: number, timeZone: string): RawBuilder<unknown> {
  return sql`
    select change.at, 'type_change' as kind, change.id, change.title, change.detail
    from (
      select type, min(entered_at) as entered_at,
        case when bool_or(left_at is null) then null else max(left_at) end as left_at,
        (array_agg(history_id order by entered_at, history_id desc))[1] as entered_id,
        (array_agg(numbers order by entered_at, history_id desc))[1] as entered_numbers,
        (array_agg(history_id order by entered_at desc, history_id desc))[1] as left_id,
        (array_agg(numbers order by entered_at desc, history_id desc))[1] as left_numbers
      from (
        select spell.*, count(*) filter (where starts_held) over (partition by type order by entered_at, history_id) as held_number
        from (
          select h.history_id, h.type, h.entered_at, h.left_at, h.numbers,
            coalesce(lag(h.left_at) over (partition by h.type order by h.entered_at, h.history_id) < h.entered_at, true) as starts_held
          from customer_type_history h where h.customer_id = ${customerId}::bigint
        ) spell
      ) numbered
      group by type, held_number
    ) held
    cross join (select ${typeHistoryStartOf(customerId, timeZone)} as at) start
    cross join ${typeChangeDating('entered', sql`held.type`, sql`held.entered_numbers`, sql`held.entered_at`, customerId, timeZone)} entered
    cross join ${typeChangeDating('left', sql`held.type`, sql`held.left_numbers`, sql`held.left_at`, customerId, timeZone)} left_
    cross join lateral (values
      (entered.at, held.entered_id, case when held.entered_at = start.at then 'already ' || held.type || ' when the type history began' else 'became ' || held.type end,
        jsonb_build_object('type', held.type, 'change', 'entered', 'numbers', held.entered_numbers, 'leftAt', left_.at,
          'sinceHistoryStart', coalesce(held.entered_at = start.at, false))),
      (left_.at, held.left_id, 'no longer ' || held.type,
        jsonb_build_object('type', held.type, 'change', 'left', 'numbers', held.left_numbers, 'enteredAt', entered.at))
    ) as change(at, id, title, detail)
    where change.at is not null and held.left_at is distinct from held.entered_at`;
}

