import { sql, type Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import type { Database } from '../../src/db/schema.js';
import { loadSyntheticDemo } from '../../src/demo/load-demo.js';
import { discoverPersonas } from '../../src/personas/index.js';
import { createSegment } from '../../src/segments/index.js';

type Db = Kysely<Database>;

/**
 * A store in which customers hold every kind of derived row: the synthetic demo (orders, lines,
 * events, predictions, an analysis with types, RFM and overdue alerts), personas and a segment.
 */
export async function loadStoreWithDerivedRows(db: Db, clock: Clock): Promise<void> {
  await loadSyntheticDemo(db, { customers: 150, clock, actor: 'test' });
  await discoverPersonas(db, { clock, seed: 1, k: 2 });
  await createSegment(db, { name: 'buyers', filter: { field: 'order_count', op: 'gte', value: 1 } }, { actor: 'test', clock });
}

/** SQL: customer `c` has a row in `table`. */
export const hasRowIn = (table: string) => sql`exists (select 1 from ${sql.table(table)} x where x.customer_id = c.customer_id)`;

/** The first customer not merged away (and not `other`) meeting `condition` on `c`; fails when there is none. */
export async function oneCustomer(db: Db, condition: ReturnType<typeof sql>, other = 0): Promise<number> {
  const result = await sql<{ customer_id: number }>`
    select c.customer_id from customer c where c.merged_into_customer_id is null and c.customer_id <> ${other}::bigint and ${condition}
    order by c.customer_id limit 1`.execute(db);
  expect(result.rows).toHaveLength(1);
  return Number(result.rows[0].customer_id);
}

/** Every column of the store's tables whose name ends in customer_id: where a customer can be named. */
export async function customerIdColumns(db: Db): Promise<Array<{ table: string; column: string }>> {
  const result = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.column_name like '%customer\\_id' order by 1, 2`.execute(db);
  return result.rows.map((row) => ({ table: row.table_name, column: row.column_name }));
}

/** Per `table.column` that has any, how many rows name one of the customers. */
export async function rowsNaming(db: Db, customerIds: number[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of await customerIdColumns(db)) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = any(${customerIds}::bigint[])`.execute(db);
    if (result.rows[0].n > 0) counts[`${table}.${column}`] = result.rows[0].n;
  }
  return counts;
}
