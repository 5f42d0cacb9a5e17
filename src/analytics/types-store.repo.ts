import { sql, type Kysely, type RawBuilder } from 'kysely';
import { loadIntoEmptyTables } from '../db/bulk-load.js';
import type { Database } from '../db/schema.js';
import { classifiedTypesQuery, judgedTypesQuery, typesSignature, type ClassifySqlContext } from './classify.sql.js';
import { customerTypeUpsert, typeRowDiffers } from './customer-type-upsert.sql.js';
import { closeSpellsStatement, openSpellsStatement, rewindHistorySteps, type HistoryScope } from './type-history.sql.js';
import type { HistoryChange } from './types.repo.js';
import { historyTimeOf } from './type-change-time.sql.js';

/**
 * The full run's writes. Everyone in analysis_fact is classified into
 * pg_temp.analysis_type, customer_type is brought in line with it, and the
 * history is compared for the customers whose row changed. Callers hold a
 * transaction: the temporary tables live until it ends.
 */

/**
 * The customers whose history needs comparing; kept for the session and
 * emptied at every commit, and analyzed so the history statements are planned
 * for a few rows on a quiet day and a whole store on the first.
 */
async function createChangedTable(db: Kysely<Database>): Promise<void> {
  await sql`create temporary table if not exists analysis_changed (customer_id bigint primary key) on commit delete rows`.execute(db);
  await sql`delete from analysis_changed`.execute(db);
}

/**
 * Judges everyone in analysis_fact and keeps in analysis_type the customers
 * whose row must change (a full join with customer_type, so customers no
 * longer classified are there too, without types), each marked 'new',
 * 'changed' or 'removed', with whether the types themselves changed (only then
 * can the history need a change). Types and bases are worked out for everyone;
 * numbers, most of the work, only for the rows that change: on a
 * quiet day a few percent of the store, on the first run everyone.
 */
async function createTypesTable(db: Kysely<Database>, context: ClassifySqlContext, at: RawBuilder<unknown>): Promise<void> {
  const signature = typesSignature(db, context);
  await sql`drop table if exists pg_temp.analysis_type`.execute(db);
  await sql`
    create temporary table analysis_type on commit drop as
    with differing as materialized (
      select * from (
        select coalesce(j.customer_id, t.customer_id) as customer_id,
          case when t.customer_id is null then 'new' when j.customer_id is null then 'removed'
            when ${typeRowDiffers(sql`t`, sql`j`, at)} then 'changed' end as change,
          j.types is distinct from t.types as is_types_changed
        from (${judgedTypesQuery(context, signature)}) j full join customer_type t on t.customer_id = j.customer_id
      ) judged
      where change is not null
    )
    select d.customer_id, c.types, c.primary_type, c.numbers, c.basis, d.change, d.is_types_changed
    from differing d
    left join (${classifiedTypesQuery(context, signature, sql`(
      select f.* from analysis_fact f where f.customer_id in (select customer_id from differing where change <> 'removed'))`)}) c
      on c.customer_id = d.customer_id`.execute(db);
  // sized and counted for the joins below, which touch a few rows on a quiet day and all of them on the first
  await sql`analyze analysis_type (customer_id, change, is_types_changed)`.execute(db);
}

/** The tables a types run writes; the first run loads them whole. */
const typeTables = ['customer_type', 'customer_type_history'];

/**
 * A store's first classification, when it holds no types and no history:
 * everyone is new and there is nothing to compare with, so the rows are
 * written straight from the classification and every type opens a spell from
 * what was written, in one statement (no table of changes, no second read of
 * customer_type), as a bulk load: the tables' secondary indexes are built
 * after the rows (bulk-load.ts). For that the run takes both tables for itself
 * until it commits (readers of types wait for the first run, which has nothing
 * to show them before it ends). Null when the store holds either, for the
 * comparing path; null as well, with nothing written and the lock given back,
 * when another transaction (an import batch, another run) wrote a row before
 * the lock was granted. Callers hold a transaction.
 */
export async function storeFirstCustomerTypes(
  db: Kysely<Database>, context: ClassifySqlContext, asOfInstant: Date,
): Promise<{ customers: number; history: HistoryChange } | null> {
  const at = sql`${asOfInstant}::timestamptz`;
  const statement = sql<{ customers: number; entered: number }>`
    with stored as (
      insert into customer_type (customer_id, types, primary_type, numbers, basis, as_of)
      select c.customer_id, c.types, c.primary_type, c.numbers, c.basis, ${at} from (${classifiedTypesQuery(context, typesSignature(db, context))}) c
      returning customer_id, types, numbers
    ), opened as (
      insert into customer_type_history (customer_id, type, entered_at, numbers)
      select s.customer_id, t.type, ${historyTimeOf(at, sql`null`)}, s.numbers -> t.type
      from stored s cross join lateral unnest(s.types) with ordinality as t(type, position)
      -- spells entered together are numbered in precedence order (a timeline lists them by id)
      order by s.customer_id, t.position
      returning 1
    )
    select (select count(*) from stored)::int as customers, (select count(*) from opened)::int as entered`;
  const result = await loadIntoEmptyTables(db, typeTables, () => statement.execute(db));
  if (result === null) return null;
  const row = result.rows[0];
  return { customers: row.customers, history: { entered: row.entered, left: 0 } };
}

/**
 * Classifies everyone in analysis_fact and brings customer_type in line:
 * rows that differ are rewritten (a same-day re-run rewrites nothing, and the
 * next day's only the customers whose types or figures moved), new
 * ones inserted, customers no longer classified removed. Customers whose types
 * changed are noted in analysis_changed for the history. Returns how many
 * customers were classified.
 */
export async function storeAllCustomerTypes(db: Kysely<Database>, context: ClassifySqlContext, asOfInstant: Date): Promise<number> {
  const at = sql`${asOfInstant}::timestamptz`;
  await createTypesTable(db, context, at);
  await createChangedTable(db);
  await sql`
    with updated as (
      update customer_type t set types = a.types, primary_type = a.primary_type, numbers = a.numbers, basis = a.basis,
        as_of = ${at}, updated_at = now()
      from analysis_type a
      where a.change = 'changed' and a.customer_id = t.customer_id
        -- judged again: an import batch may have written the row since
        and ${typeRowDiffers(sql`t`, sql`a`, at)}
    ), inserted as (
      -- an upsert: a row added meanwhile by an import batch is brought in line rather than failing the run
      ${customerTypeUpsert(sql`(select * from analysis_type where change = 'new')`, at)}
    ), removed as (
      delete from customer_type t using analysis_type a where a.change = 'removed' and a.customer_id = t.customer_id
    ), noted as (
      insert into analysis_changed (customer_id) select customer_id from analysis_type where is_types_changed
    )
    select 1`.execute(db);
  // everyone classified has a row now; the writes above are not visible to their own statement
  const counted = await sql<{ classified: number }>`select count(*)::int as classified from customer_type`.execute(db);
  return counted.rows[0].classified;
}

/**
 * Each classified customer's types row as it now is: customer_type itself,
 * which a daily run leaves mostly untouched (few dead row versions to skip).
 */
export const heldTypes = sql`customer_type`;

/**
 * Brings customer_type_history in line with customer_type as just written, at the as-of time:
 * spells after it are undone (re-running an earlier as-of rewinds), types no
 * longer held are closed, newly held types are opened with their numbers. Only
 * customers whose types changed and those a rewind touched are compared: for
 * everyone else the open spells already are their types.
 */
export async function updateAllTypeHistory(db: Kysely<Database>, asOfInstant: Date): Promise<HistoryChange> {
  const at = sql`${asOfInstant}::timestamptz`;
  await sql`with ${rewindHistorySteps(at, null)} insert into analysis_changed (customer_id) select customer_id from rewound on conflict do nothing`.execute(db);
  // a whole store's changes, sized right, hash-join below instead of probing row by row
  await sql`analyze analysis_changed`.execute(db);
  // the changed customers' rows only, so a quiet day probes a few hundred rows by key rather than hashing the store
  const held = sql`(select c.customer_id, c.types, c.numbers from ${heldTypes} c where c.customer_id in (select customer_id from analysis_changed))`;
  // recorded when the run runs (historyTimeOf); the store's latest spell time is two index probes
  const latest = sql`(select greatest(max(entered_at), max(left_at)) from customer_type_history)`;
  const scope: HistoryScope = { at: historyTimeOf(at, latest), changed: sql`analysis_changed`, held, customerIds: null };
  const left = await closeSpellsStatement(scope).execute(db);
  const entered = await openSpellsStatement(scope).execute(db);
  return { entered: Number(entered.numAffectedRows ?? 0), left: Number(left.numAffectedRows ?? 0) };
}
