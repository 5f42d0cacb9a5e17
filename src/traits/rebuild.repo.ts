import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { recomputeTraits } from './traits.repo.js';

/**
 * Every row of the facts tables as (customer_id, fact): a customer's facts row
 * (but the time it was written), purchase days and categories. Rows of
 * different tables never compare equal, their keys differ.
 */
const factRows = sql`
  select customer_id, fact from (
    select customer_id, to_jsonb(t) - 'updated_at' as fact from customer_trait t
    union all select customer_id, to_jsonb(d) from customer_purchase_day d
    union all select customer_id, to_jsonb(c) from customer_category c) facts`;

/**
 * Recomputes every customer's facts from the orders, lines and events and
 * returns the customers whose facts came out different: those whose types,
 * segment membership and personas a rebuild must bring up to date, as an
 * import does for the customers its batch changed. The facts before are kept
 * aside for the comparison until the transaction ends, so `db` must be one.
 */
export async function recomputeAllTraits(db: Kysely<Database>, timeZone: string): Promise<number[]> {
  if (!db.isTransaction) throw new Error('recomputeAllTraits compares the facts before and after within one transaction: call it inside one');
  await sql`create temporary table rebuild_previous_fact on commit drop as ${factRows}`.execute(db);
  await recomputeTraits(db, 'all', timeZone);
  const changed = await sql<{ customer_id: number }>`
    select distinct changed.customer_id from (
      (table rebuild_previous_fact except all ${factRows})
      union all
      (${factRows} except all table rebuild_previous_fact)) changed
    join customer c on c.customer_id = changed.customer_id
    where c.merged_into_customer_id is null
    order by changed.customer_id`.execute(db);
  await sql`drop table rebuild_previous_fact`.execute(db);
  return changed.rows.map((row) => Number(row.customer_id));
}
