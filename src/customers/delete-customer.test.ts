import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { loadSyntheticDemo } from '../demo/load-demo.js';
import { discoverPersonas } from '../personas/index.js';
import { createSegment, getSegment } from '../segments/index.js';
import { deleteCustomer } from './customers.service.js';
import { mergeCustomers } from './merge.service.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

/**
 * Columns that may still name a deleted customer, each with why. Every other
 * column of any table whose name ends in customer_id must hold none of them,
 * so a table added later is checked without being listed here.
 */
const mayStillNameThem = new Set([
  // a merge stays on record (who merged whom, when, by whom) for the timeline of a
  // customer it was undone for and for an undo's refusal; what it moved is cleared
  'customer_merge.kept_customer_id',
  'customer_merge.merged_customer_id',
]);
/** Tables that may still hold a deleted customer's email anywhere in a row: the audit log keeps what staff did. */
const mayStillHoldTheirEmail = new Set(['audit_event']);

type Db = Kysely<Database>;

async function customerIdColumns(db: Db): Promise<Array<{ table: string; column: string }>> {
  const result = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = current_schema() and c.column_name like '%customer\\_id' order by 1, 2`.execute(db);
  return result.rows.map((row) => ({ table: row.table_name, column: row.column_name }));
}

/** Per table.column, how many rows name one of the customers. */
async function rowsNaming(db: Db, customerIds: number[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of await customerIdColumns(db)) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = any(${customerIds}::bigint[])`.execute(db);
    counts[`${table}.${column}`] = result.rows[0].n;
  }
  return counts;
}

/** Tables holding any of the texts anywhere in a row. */
async function tablesHolding(db: Db, texts: string[]): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const holding: string[] = [];
  for (const { table_name: table } of tables.rows) {
    const result = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)} as r where exists (select 1 from unnest(${texts}::text[]) as t(text) where strpos(r::text, t.text) > 0)`.execute(db);
    if (result.rows[0].n > 0) holding.push(table);
  }
  return holding;
}

/** The store-wide daily sums against the per-customer facts they sum. */
async function storeSums(db: Db) {
  const result = await sql<Record<string, string>>`
    select
      (select coalesce(sum(order_count), 0)::text from store_purchase_day) as kept_orders,
      (select coalesce(sum(order_count), 0)::text from customer_purchase_day) as orders,
      (select coalesce(sum(amount_minor), 0)::text from store_purchase_day) as kept_amount,
      (select coalesce(sum(amount_minor), 0)::text from customer_purchase_day) as amount,
      (select coalesce(sum(first_purchases), 0)::text from store_purchase_day) as kept_buyers,
      (select count(distinct customer_id)::text from customer_purchase_day) as buyers,
      (select coalesce(sum(customers), 0)::text from store_first_seen) as kept_seen,
      (select count(*)::text from customer_trait t join customer c on c.customer_id = t.customer_id) as seen`.execute(db);
  const row = result.rows[0];
  return { kept: [row.kept_orders, row.kept_amount, row.kept_buyers, row.kept_seen], facts: [row.orders, row.amount, row.buyers, row.seen] };
}

async function oneCustomer(db: Db, condition: ReturnType<typeof sql>): Promise<number> {
  const result = await sql<{ customer_id: number }>`
    select c.customer_id from customer c where c.merged_into_customer_id is null and ${condition} order by c.customer_id limit 1`.execute(db);
  expect(result.rows).toHaveLength(1);
  return Number(result.rows[0].customer_id);
}

describeEachStore('deleting a customer', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    // orders, lines, events, predictions, an analysis run with types, RFM and alerts
    await loadSyntheticDemo(db(), { customers: 150, clock, actor: 'test' });
    await discoverPersonas(db(), { clock, seed: 1, k: 2 });
    await createSegment(db(), { name: 'buyers', filter: { field: 'order_count', op: 'gte', value: 1 } }, { actor: 'test', clock });
  }, 240_000);

  it('leaves no row naming them or a customer merged into them, apart from the merge records', async () => {
    const has = (table: string) => sql`exists (select 1 from ${sql.table(table)} x where x.customer_id = c.customer_id)`;
    const kept = await oneCustomer(db(), sql`${has('customer_persona')} and ${has('customer_prediction')} and ${has('interest_event')} and ${has('order_line')}
      and ${has('customer_type')} and ${has('customer_rfm_score')} and ${has('segment_member')}`);
    const merged = await oneCustomer(db(), sql`${has('alert')} and c.customer_id <> ${kept}`);
    const emails = (await db().selectFrom('customer').select('email').where('customer_id', 'in', [kept, merged]).execute()).map((row) => row.email!);
    expect(emails).toHaveLength(2);
    await mergeCustomers(db(), kept, merged, 'test', { clock });

    const before = await rowsNaming(db(), [kept, merged]);
    // what the test set up: the kept customer's derived rows, and the merged one's alert set aside by the merge
    for (const column of ['customer_type', 'customer_type_history', 'customer_rfm_score', 'customer_persona', 'customer_prediction', 'segment_member', 'segment_membership_event']) {
      expect(before[`${column}.customer_id`], column).toBeGreaterThan(0);
    }
    expect(before['customer_merge.kept_customer_id']).toBe(1);
    const setAsideAlerts = sql<{ n: number }>`select coalesce(sum(jsonb_array_length(moved -> 'setAside' -> 'alerts')), 0)::int as n from customer_merge`;
    expect((await setAsideAlerts.execute(db())).rows[0].n).toBeGreaterThan(0);

    await deleteCustomer(db(), kept, { clock });

    const after = await rowsNaming(db(), [kept, merged]);
    const left = Object.entries(after).filter(([column, rows]) => rows > 0 && !mayStillNameThem.has(column));
    expect(left).toEqual([]);
    expect(after['customer_merge.kept_customer_id']).toBe(1);
    expect((await setAsideAlerts.execute(db())).rows[0].n).toBe(0);
    expect((await tablesHolding(db(), emails)).filter((table) => !mayStillHoldTheirEmail.has(table))).toEqual([]);
  });

  it('keeps the store-wide sums and the segment count equal to what is left', async () => {
    const buyer = await oneCustomer(db(), sql`exists (select 1 from customer_purchase_day d where d.customer_id = c.customer_id)`);
    const sums = await storeSums(db());
    expect(sums.kept).toEqual(sums.facts);
    await deleteCustomer(db(), buyer, { clock });
    const after = await storeSums(db());
    expect(after.kept).toEqual(after.facts);
    expect(after.facts).not.toEqual(sums.facts);
    const segment = await getSegment(db(), 'buyers');
    const rows = await db().selectFrom('segment_member').select((eb) => eb.fn.countAll<number>().as('n')).where('segment_id', '=', segment.segment_id).executeTakeFirstOrThrow();
    expect(segment.member_count).toBe(Number(rows.n));
  });
});
