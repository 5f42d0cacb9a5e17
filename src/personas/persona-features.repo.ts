import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { channels, orderIncomeBands, type Channel, type FeatureContext, type RawCustomer } from './kmeans-features.js';

type Db = Kysely<Database>;

// Personas describe buyers: people with no paid order have no behaviour to cluster.
const everyBuyer = sql`from customer c join customer_trait t on t.customer_id = c.customer_id where c.merged_into_customer_id is null and t.order_count > 0`;
/**
 * The buyers personas may describe: only those who agreed to profiling. Null
 * is "never asked", which is no consent (GDPR art. 4(11): consent is an
 * affirmative act), so it is left out as a refusal is (docs/personas.md).
 */
export const agreesToProfiling = sql`c.consent_profiling is true`;
/** The complement, written as the partial index customer_without_profiling_consent_idx is, so the planner can use it. */
const withoutProfilingConsent = sql`c.consent_profiling is not true`;
const buyers = sql`${everyBuyer} and ${agreesToProfiling}`;

async function hasColumn(db: Db, table: string, column: string): Promise<boolean> {
  const result = await sql<{ present: boolean }>`select exists (select 1 from information_schema.columns where table_schema = current_schema() and table_name = ${table} and column_name = ${column}) as present`.execute(db);
  return Boolean(result.rows[0]?.present);
}

/**
 * Buyers personas may describe, and those left out because they have not agreed to profiling.
 * `profiledUpTo` stops counting the first at that number (GET /personas needs no more than
 * the minimum a discovery needs). Two counts, each on its side of consent, rather than one
 * pass with FILTER: each then reads only its partial index of customers
 * (202612130200_email_any_case_and_profiling_consent) instead of every wide customer row.
 */
export async function countBuyers(db: Db, options: { profiledUpTo?: number } = {}): Promise<{ profiled: number; withoutConsent: number }> {
  const result = await buyerCounts(options).execute(db);
  return { profiled: Number(result.rows[0].profiled), withoutConsent: Number(result.rows[0].without_consent) };
}

/** The statement countBuyers runs (a test reads its plan). */
export function buyerCounts(options: { profiledUpTo?: number }): RawBuilder<{ profiled: number; without_consent: number }> {
  const upTo = options.profiledUpTo === undefined ? sql`` : sql`limit ${options.profiledUpTo}`;
  return sql<{ profiled: number; without_consent: number }>`
    select (select count(*) from (select 1 ${buyers} ${upTo}) profiled)::int as profiled,
      (select count(*) ${everyBuyer} and ${withoutProfilingConsent})::int as without_consent`;
}

/** Population statistics the features are relative to: city sizes, main categories, income bands. */
export async function loadFeatureContext(db: Db, asOf: Date): Promise<FeatureContext> {
  const cities = await sql<{ city: string; n: number }>`select c.city, count(*)::int as n ${buyers} and c.city is not null group by c.city order by n desc limit 5000`.execute(db);
  const categories = await sql<{ category: string }>`
    select category from customer_category cc where exists (select 1 from customer c where c.customer_id = cc.customer_id and c.merged_into_customer_id is null and ${agreesToProfiling})
    group by category order by sum(amount_minor) desc limit 12`.execute(db);
  const incomes = await sql<{ income_band: string }>`select distinct c.income_band ${buyers} and c.income_band is not null limit 50`.execute(db);
  return {
    asOf: asOf.toISOString(),
    cityCustomers: Object.fromEntries(cities.rows.map((row) => [row.city, Number(row.n)])),
    categoryLevels: categories.rows.map((row) => row.category),
    incomeLevels: orderIncomeBands(incomes.rows.map((row) => row.income_band)),
    hasHousehold: await hasColumn(db, 'customer', 'attributes'),
  };
}

type Row = {
  customer_id: number; kind: string; birth_year: number | null; income_band: string | null; city: string | null;
  order_count: number; purchase_days: number; revenue_minor: number; first_purchase_at: Date | string | null;
  store_order_count: number; web_order_count: number; mobile_order_count: number; marketplace_order_count: number; phone_order_count: number; other_order_count: number;
  categories: string[] | null; amounts: Array<number | string> | null; attributes?: Record<string, unknown> | string | null;
};

const partneredWords = new Set(['married', 'together', 'partnered', 'partner', 'cohabiting', 'in a relationship']);

function householdOf(attributes: Row['attributes']): RawCustomer['household'] {
  const parsed = typeof attributes === 'string' ? (JSON.parse(attributes) as Record<string, unknown>) : attributes;
  if (!parsed) return { children: null, isPartnered: null };
  const number = (value: unknown) => (value === null || value === undefined || value === '' || !Number.isFinite(Number(value)) ? null : Number(value));
  const kids = number(parsed.kids_at_home);
  const teens = number(parsed.teens_at_home);
  const status = typeof parsed.marital_status === 'string' ? parsed.marital_status.trim().toLowerCase() : null;
  return { children: kids === null && teens === null ? null : (kids ?? 0) + (teens ?? 0), isPartnered: status === null ? null : partneredWords.has(status) };
}

function toRawCustomer(row: Row, withHousehold: boolean): RawCustomer {
  const channelOrders = Object.fromEntries(channels.map((channel) => [channel, Number(row[`${channel}_order_count` as keyof Row] ?? 0)])) as Record<Channel, number>;
  const categories: Record<string, number> = {};
  (row.categories ?? []).forEach((category, index) => {
    categories[category] = Number(row.amounts?.[index] ?? 0);
  });
  return {
    customerId: Number(row.customer_id), kind: row.kind, birthYear: row.birth_year, incomeBand: row.income_band, city: row.city,
    orderCount: Number(row.order_count), purchaseDays: Number(row.purchase_days), revenueMinor: Number(row.revenue_minor),
    firstPurchaseAt: row.first_purchase_at === null ? null : new Date(row.first_purchase_at), channelOrders, categories,
    household: withHousehold ? householdOf(row.attributes) : null,
  };
}

export type RawPageOptions = { hasHousehold: boolean; afterCustomerId?: number; limit: number; customerIds?: number[] };

const customerColumns = sql`c.customer_id, c.kind, c.birth_year, c.income_band, c.city, t.order_count, t.purchase_days, t.revenue_minor, t.first_purchase_at,
  t.store_order_count, t.web_order_count, t.mobile_order_count, t.marketplace_order_count, t.phone_order_count, t.other_order_count`;

/**
 * Adds category amounts to a page of customers with one range scan of
 * customer_category (its key starts with customer_id) instead of a probe per customer.
 */
async function withCategories(db: Db, rows: Row[]): Promise<Row[]> {
  if (rows.length === 0) return rows;
  const ids = rows.map((row) => Number(row.customer_id));
  const low = Math.min(...ids);
  const high = Math.max(...ids);
  const categories = await sql<{ customer_id: number; category: string; amount_minor: number }>`
    select customer_id, category, amount_minor from customer_category where customer_id between ${low} and ${high}`.execute(db);
  const byCustomer = new Map<number, { categories: string[]; amounts: number[] }>();
  for (const entry of categories.rows) {
    const id = Number(entry.customer_id);
    const list = byCustomer.get(id) ?? { categories: [], amounts: [] };
    list.categories.push(entry.category);
    list.amounts.push(Number(entry.amount_minor));
    byCustomer.set(id, list);
  }
  return rows.map((row) => ({ ...row, ...(byCustomer.get(Number(row.customer_id)) ?? { categories: [], amounts: [] }) }));
}

/** One page of buyers who may be profiled, in customer id order (or only those of the given customers). */
export async function loadRawPage(db: Db, options: RawPageOptions): Promise<RawCustomer[]> {
  const after = options.afterCustomerId === undefined ? sql`` : sql`and c.customer_id > ${options.afterCustomerId}`;
  const only = options.customerIds ? sql`and c.customer_id = any(${options.customerIds}::bigint[])` : sql``;
  const result = await sql<Row>`
    select ${customerColumns} ${options.hasHousehold ? sql`, c.attributes` : sql``}
    ${buyers} ${after} ${only}
    order by c.customer_id limit ${options.limit}`.execute(db);
  return (await withCategories(db, result.rows)).map((row) => toRawCustomer(row, options.hasHousehold));
}

/** A repeatable pseudo-random sample of buyers who may be profiled: the same seed picks the same customers. */
export async function loadRawSample(db: Db, options: { hasHousehold: boolean; size: number; seed: number }): Promise<RawCustomer[]> {
  const result = await sql<Row>`
    select p.*, cat.categories, cat.amounts from (
      select ${customerColumns} ${options.hasHousehold ? sql`, c.attributes` : sql``}
      ${buyers}
      order by md5(c.customer_id::text || ':' || ${String(options.seed)}::text) limit ${options.size}) p
    left join lateral (select array_agg(cc.category) as categories, array_agg(cc.amount_minor) as amounts from customer_category cc where cc.customer_id = p.customer_id) cat on true
    order by p.customer_id`.execute(db);
  return result.rows.map((row) => toRawCustomer(row, options.hasHousehold));
}
