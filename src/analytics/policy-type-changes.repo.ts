import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { sortByPrecedence } from './customer-types.js';

/** How many customers took (entered) and gave up (left) one type in a reclassification. */
export type TypeMove = { type: string; entered: number; left: number };

/** What a reclassification changed: customers whose set of types differs, and the moves per type (precedence order, only types that moved). */
export type TypeChangeCount = { customers: number; byType: TypeMove[] };

/**
 * Keeps the types held before a reclassification of the customers it may change: those whose types
 * row it rewrote (analysis_changed) and those whose spells after the as-of time a rewind will undo.
 * Their open spells still are their types (the history is brought in line after this), so only the
 * few customers a change touches are copied, never the store.
 */
export async function noteTypesBefore(db: Kysely<Database>, asOfInstant: Date): Promise<void> {
  const at = sql`${asOfInstant}::timestamptz`;
  await sql`create temporary table if not exists policy_types_before (customer_id bigint not null, type text not null) on commit delete rows`.execute(db);
  await sql`delete from policy_types_before`.execute(db);
  await sql`
    insert into policy_types_before (customer_id, type)
    select h.customer_id, h.type from customer_type_history h
    where h.left_at is null and h.customer_id in (
      select customer_id from analysis_changed
      union select customer_id from customer_type_history where entered_at > ${at}
      union select customer_id from customer_type_history where left_at > ${at})`.execute(db);
}

/**
 * Compares the types noted before (noteTypesBefore) with those held now, for every customer the run
 * may have changed (analysis_changed holds the rewound ones too once the history is written).
 */
export async function countTypeChanges(db: Kysely<Database>): Promise<TypeChangeCount> {
  const rows = await sql<{ type: string | null; entered: number; left: number; customers: number }>`
    with touched as (
      select customer_id from analysis_changed union select customer_id from policy_types_before
    ), now_held as (
      select c.customer_id, t.type from customer_type c cross join lateral unnest(c.types) as t(type)
      where c.customer_id in (select customer_id from touched)
    ), moves as (
      select coalesce(n.customer_id, b.customer_id) as customer_id, coalesce(n.type, b.type) as type, b.type is null as is_entered
      from now_held n full join policy_types_before b on b.customer_id = n.customer_id and b.type = n.type
      where n.type is null or b.type is null
    )
    select type, count(*) filter (where is_entered)::int as entered, count(*) filter (where not is_entered)::int as "left", 0 as customers
    from moves group by type
    union all
    select null, 0, 0, count(distinct customer_id)::int from moves`.execute(db);
  return movesOf(rows.rows);
}

/** A store's first classification: everyone had no type before, so every type held was entered. */
export async function countFirstTypes(db: Kysely<Database>): Promise<TypeChangeCount> {
  const rows = await sql<{ type: string | null; entered: number; left: number; customers: number }>`
    select t.type, count(*)::int as entered, 0 as "left", 0 as customers from customer_type c cross join lateral unnest(c.types) as t(type) group by t.type
    union all
    select null, 0, 0, count(*)::int from customer_type where cardinality(types) > 0`.execute(db);
  return movesOf(rows.rows);
}

function movesOf(rows: Array<{ type: string | null; entered: number; left: number; customers: number }>): TypeChangeCount {
  const byType = new Map(rows.filter((row) => row.type !== null).map((row) => [row.type as string, { type: row.type as string, entered: Number(row.entered), left: Number(row.left) }]));
  return {
    customers: Number(rows.find((row) => row.type === null)?.customers ?? 0),
    byType: sortByPrecedence([...byType.keys()]).map((type) => byType.get(type)!),
  };
}
