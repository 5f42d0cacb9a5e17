import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import type { SortSpec } from './customer-sorts.js';

type Db = Kysely<Database>;

/** A filter of the list and the table it reads: customer `c`, customer_trait `t`, customer_type `ct` or customer_rfm `r`. */
export type Filter = {
  reads: 'c' | 't' | 'ct' | 'r';
  condition: RawBuilder<unknown>;
  /** Counts its matches through an index, stopping past `cap`; only for filters with such an index. */
  countUpTo?: (cap: number) => RawBuilder<number>;
};

const tables = { c: sql`customer c`, t: sql`customer_trait t`, ct: sql`customer_type ct`, r: sql`customer_rfm r` } as const;
const conjunction = (conditions: RawBuilder<unknown>[]) => (conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`);

/** The fewest matches of any filter that can count them cheaply (at most cap + 1), or null when none can. */
export async function fewestMatches(db: Db, filters: Filter[], cap: number): Promise<number | null> {
  const counts = filters.flatMap((filter) => (filter.countUpTo ? [filter.countUpTo(cap)] : []));
  if (counts.length === 0) return null;
  const result = await sql<{ fewest: number }>`select least(${sql.join(counts)})::int as fewest`.execute(db);
  return Number(result.rows[0].fewest);
}

export type Key = { sortKey: unknown; customerId: number };

/**
 * Walks at most `walkRows` rows of the sort's index after the cursor, in order,
 * and keeps those that pass the filters (checked per row, `limit 1` keeping it a
 * per-row probe of just the tables they read), until `wanted` are found.
 */
export async function walkSortOrder(db: Db, sort: SortSpec, filters: Filter[], cursor: RawBuilder<unknown> | null, wanted: number, walkRows: number): Promise<Key[]> {
  const direction = sql.raw(sort.direction);
  const driver = sort.driver === 'customer' ? tables.c : tables.t;
  const driverConditions = [...(sort.driver === 'customer' ? [sql`c.merged_into_customer_id is null`] : []), ...(cursor ? [cursor] : [])];
  const reads = [...new Set(filters.map((filter) => filter.reads))];
  const passes = reads.length === 0 ? sql`` : sql`cross join lateral (
      select 1 from ${sql.join(reads.map((alias) => tables[alias]))}
      where ${conjunction([
        ...reads.map((alias) => sql`${sql.ref(`${alias}.customer_id`)} = w.customer_id`),
        ...(reads.includes('c') ? [sql`c.merged_into_customer_id is null`] : []),
        ...filters.map((filter) => filter.condition),
      ])}
      limit 1) passes`;
  const result = await sql<{ sort_key: unknown; customer_id: number }>`
    select w.sort_key, w.customer_id from (
      select ${sort.key} as sort_key, ${sort.id} as customer_id from ${driver}
      where ${conjunction(driverConditions)}
      order by ${sort.key} ${direction}, ${sort.id} ${direction} limit ${walkRows}) w
    ${passes}
    order by w.sort_key ${direction}, w.customer_id ${direction}
    limit ${wanted}`.execute(db);
  return result.rows.map((row) => ({ sortKey: row.sort_key, customerId: Number(row.customer_id) }));
}

/**
 * Every match of the filters after the cursor, sorted, the first `wanted` of them:
 * for filters too rare, or too far down the order, to walk to. Only the tables the
 * filters and the sort read are joined, so "leads by spend" reads customer_trait alone.
 */
export async function sortMatches(db: Db, sort: SortSpec, filters: Filter[], cursor: RawBuilder<unknown> | null, wanted: number): Promise<Key[]> {
  const direction = sql.raw(sort.direction);
  const { from, passes } = matchesOf(filters, sort.reads);
  // materialised: asked for in sort order, the planner would walk the index again, trusting the filters to match early
  const result = await sql<{ sort_key: unknown; customer_id: number }>`
    with matched as materialized (
      select ${sort.key} as sort_key, ${sort.id} as customer_id
      from ${from}
      where ${conjunction([...passes, ...(cursor ? [cursor] : [])])})
    select sort_key, customer_id from matched order by sort_key ${direction}, customer_id ${direction} limit ${wanted}`.execute(db);
  return result.rows.map((row) => ({ sortKey: row.sort_key, customerId: Number(row.customer_id) }));
}

/**
 * How many customers pass the filters: the same tables and conditions as
 * `sortMatches`, with no sort and no cursor, so the count is of the list itself.
 */
export async function countMatches(db: Db, filters: Filter[]): Promise<number> {
  const { from, passes } = matchesOf(filters);
  const result = await sql<{ count: number }>`select count(*)::bigint as count from ${from} where ${conjunction(passes)}`.execute(db);
  return Number(result.rows[0].count);
}

/**
 * The customers passing the filters, as a FROM and its conditions: customer_trait joined only to
 * the tables the filters (and a sort) read, so "leads by spend" reads customer_trait alone.
 */
function matchesOf(filters: Filter[], sortReads?: Filter['reads']): { from: RawBuilder<unknown>; passes: RawBuilder<unknown>[] } {
  const reads = new Set<string>([...(sortReads ? [sortReads] : []), ...filters.map((filter) => filter.reads)]);
  const joins = (['c', 'ct', 'r'] as const).filter((alias) => reads.has(alias))
    .map((alias) => sql`join ${tables[alias]} on ${sql.ref(`${alias}.customer_id`)} = t.customer_id`);
  // merged customers keep no facts row; without customer in the join this only guards against a stray one
  const notMerged = reads.has('c') ? sql`c.merged_into_customer_id is null`
    : sql`not exists (select 1 from customer m where m.customer_id = t.customer_id and m.merged_into_customer_id is not null)`;
  return { from: sql`customer_trait t ${sql.join(joins, sql` `)}`, passes: [notMerged, ...filters.map((filter) => filter.condition)] };
}

const summaryColumns = sql`c.customer_id, c.kind, c.name, c.email, c.phone, c.city, c.country, c.is_stub, c.created_at,
  c.consent_email, c.consent_sms, c.consent_whatsapp, c.consent_profiling,
  t.first_purchase_at, t.last_purchase_at, coalesce(t.order_count, 0) as order_count, coalesce(t.revenue_minor, 0) as revenue_minor,
  coalesce(t.purchase_days, 0) as purchase_days, (coalesce(t.order_count, 0) > 0) as is_real,
  ct.types, ct.primary_type, r.segment as rfm_segment`;

/** The list's columns for the customers of one page, in the sort's order, with each one's cursor value. */
export async function summariesOf<Row>(db: Db, sort: SortSpec, keys: Key[]): Promise<Row[]> {
  if (keys.length === 0) return [];
  const direction = sql.raw(sort.direction);
  // Every customer has a facts row (created with the customer, removed only on merge or delete).
  const result = await sql<Row>`
    select ${summaryColumns}, ${sort.cursorValue} as sort_value
    from customer c join customer_trait t on t.customer_id = c.customer_id
      left join customer_type ct on ct.customer_id = c.customer_id left join customer_rfm r on r.customer_id = c.customer_id
    where c.customer_id = any(${keys.map((key) => key.customerId)}::bigint[]) and c.merged_into_customer_id is null
    order by ${sort.key} ${direction}, ${sort.id} ${direction}`.execute(db);
  return result.rows;
}
