import { sql, type RawBuilder } from 'kysely';
import { boundIds, isAmongIds } from '../db/prepared-statement.js';

/**
 * Which customers the history statements compare, and against what. `changed`
 * is a relation of customer_id (whose types row was written or whose history
 * was rewound); `held` is a relation of (customer_id, types, numbers):
 * the types each customer holds once the run is done. For everyone not in
 * `changed` the open spells already are their current types.
 */
export type HistoryScope = {
  at: RawBuilder<unknown>;
  changed: RawBuilder<unknown>;
  held: RawBuilder<unknown>;
  /** The ingest path names its few customers so every lookup is an index probe. */
  customerIds: number[] | null;
  /** The statement is prepared once for every batch: its ids are hidden from the planner (see boundIds). */
  idsHiddenFromPlanner?: boolean;
};

function only(column: string, customerIds: number[] | null, hiddenFromPlanner = false): RawBuilder<unknown> {
  return customerIds === null ? sql`` : sql`and ${isAmongIds(sql.ref(column), customerIds, { hiddenFromPlanner })}`;
}

/**
 * Undoes spells after the as-of time, so re-running an earlier as-of rewinds:
 * spells entered later are deleted, spells left later are open again. As `with`
 * items (data-modifying, so they must lead the statement) followed by `rewound`,
 * the customers they touched: those need comparing like a changed customer.
 */
export function rewindHistorySteps(at: RawBuilder<unknown>, customerIds: number[] | null): RawBuilder<unknown> {
  return sql`
    undone as (delete from customer_type_history where entered_at > ${at} ${only('customer_id', customerIds)} returning customer_id),
    reopened as (update customer_type_history set left_at = null where left_at > ${at} ${only('customer_id', customerIds)} returning customer_id),
    rewound as (select customer_id from undone union select customer_id from reopened)`;
}

/**
 * Whether any of these customers has a spell entered or left after the as-of
 * time (a rewind is due). One probe per customer through the primary key:
 * written as a plain EXISTS, a plan made without the values (prepared) scans
 * the whole history, expecting to meet a match early. `limit 1` keeps the probe
 * a plain index scan that stops at its first match: planned for hundreds of
 * spells a customer (a history without statistics yet), it was a bitmap scan,
 * whose set-up cost a single order's statement 0.03 ms.
 */
export function isRewindDueQuery(at: RawBuilder<unknown>, customerIds: number[], options: { hiddenFromPlanner: boolean }): RawBuilder<boolean> {
  return sql<boolean>`exists (
    select 1 from unnest(${boundIds(customerIds, options)}) as batch(customer_id) cross join lateral (
      select 1 from customer_type_history h where h.customer_id = batch.customer_id and (h.entered_at > ${at} or h.left_at > ${at}) limit 1
    ) later)`;
}

/** Closes the open spells of types a changed customer no longer holds. */
export function closeSpellsStatement(scope: HistoryScope): RawBuilder<unknown> {
  return sql`
    update customer_type_history h set left_at = ${scope.at}
    from ${scope.changed} changed
    where h.customer_id = changed.customer_id and h.left_at is null ${only('h.customer_id', scope.customerIds, scope.idsHiddenFromPlanner)}
      and not exists (select 1 from ${scope.held} c where c.customer_id = h.customer_id and h.type = any(c.types))`;
}

/**
 * Opens a spell, with its numbers, for every type a changed customer holds
 * without an open spell (a timeline lists spells entered together by id). EXCEPT reads every open spell before the first row is
 * inserted; an anti-join planned while the history was empty would rescan it
 * as it grows, row by row.
 */
export function openSpellsStatement(scope: HistoryScope): RawBuilder<unknown> {
  return sql`
    insert into customer_type_history (customer_id, type, entered_at, numbers)
    select c.customer_id, opened.type, ${scope.at}, c.numbers -> opened.type
    from (
      select c.customer_id, t.type
      from ${scope.changed} changed join ${scope.held} c on c.customer_id = changed.customer_id cross join lateral unnest(c.types) as t(type)
      where true ${only('c.customer_id', scope.customerIds, scope.idsHiddenFromPlanner)}
      except
      select h.customer_id, h.type
      from ${scope.changed} changed join customer_type_history h on h.customer_id = changed.customer_id
      where h.left_at is null ${only('h.customer_id', scope.customerIds, scope.idsHiddenFromPlanner)}
    ) opened
    join ${scope.held} c on c.customer_id = opened.customer_id
    where true ${only('c.customer_id', scope.customerIds, scope.idsHiddenFromPlanner)}
    -- spells entered together are numbered in precedence order, whatever order the set operation left them in
    order by c.customer_id, array_position(c.types, opened.type)`;
}
