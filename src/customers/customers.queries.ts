import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { decodeCursor, encodeCursor } from '../core/cursor.js';
import { AppError } from '../core/errors.js';
import { getStoreSettings } from '../settings/index.js';
import { findCustomersByIdentities } from './customers.repo.js';
import { identityTripleKey, toIdentityTriple } from './identity-resolution.js';
import { normaliseIdentity, requireCustomer, type IdentityInput } from './customers.service.js';

type Db = Kysely<Database>;

export const customerSorts = ['recent', 'revenue', 'last_purchase', 'name'] as const;
export type CustomerSort = (typeof customerSorts)[number];

export type ListCustomersQuery = {
  q?: string;
  status?: 'real' | 'lead';
  channel?: 'store' | 'web' | 'mobile' | 'marketplace' | 'phone' | 'other';
  city?: string;
  minRevenueMinor?: number;
  /** A customer type (new, regular, vip, at_risk, …) from the last analysis. */
  type?: string;
  rfmSegment?: string;
  sort?: CustomerSort;
  cursor?: string;
  limit?: number;
  /** Customer ids to restrict to, e.g. members of a type (from analytics). */
  customerIds?: number[];
};

const summaryColumns = sql`c.customer_id, c.kind, c.name, c.email, c.phone, c.city, c.country, c.is_stub, c.created_at,
  t.first_purchase_at, t.last_purchase_at, coalesce(t.order_count, 0) as order_count, coalesce(t.revenue_minor, 0) as revenue_minor,
  coalesce(t.purchase_days, 0) as purchase_days, (coalesce(t.order_count, 0) > 0) as is_real,
  ct.types, ct.primary_type, r.segment as rfm_segment`;

export type CustomerSummary = {
  customer_id: number; kind: string; name: string | null; email: string | null; phone: string | null; city: string | null; country: string | null;
  is_stub: boolean; created_at: Date; first_purchase_at: Date | null; last_purchase_at: Date | null; order_count: number; revenue_minor: number;
  purchase_days: number; is_real: boolean; types: string[] | null; primary_type: string | null; rfm_segment: string | null;
};

const sortExpressions: Record<CustomerSort, { expression: ReturnType<typeof sql>; direction: 'asc' | 'desc' }> = {
  recent: { expression: sql`c.customer_id`, direction: 'desc' },
  revenue: { expression: sql`coalesce(t.revenue_minor, 0)`, direction: 'desc' },
  last_purchase: { expression: sql`coalesce(extract(epoch from t.last_purchase_at), 0)`, direction: 'desc' },
  name: { expression: sql`coalesce(lower(c.name), '')`, direction: 'asc' },
};

/** Customers, filtered and keyset-paginated (stable under inserts, fast at any depth). */
export async function listCustomers(db: Db, query: ListCustomersQuery): Promise<{ items: CustomerSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const sort = sortExpressions[query.sort ?? 'recent'];
  const conditions = [sql`c.merged_into_customer_id is null`];
  if (query.q) {
    const { defaultCountry } = await getStoreSettings(db);
    const matched = await matchIdentities(db, query.q, defaultCountry);
    const pattern = `${query.q.trim().toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    conditions.push(sql`(lower(c.name) like ${pattern} or c.customer_id = any(${matched}::bigint[]))`);
  }
  if (query.status === 'real') conditions.push(sql`t.order_count > 0`);
  if (query.status === 'lead') conditions.push(sql`coalesce(t.order_count, 0) = 0`);
  if (query.channel) conditions.push(sql`${sql.ref(`t.${query.channel}_order_count`)} > 0`);
  if (query.city) conditions.push(sql`lower(c.city) = ${query.city.toLowerCase()}`);
  if (query.minRevenueMinor !== undefined) conditions.push(sql`t.revenue_minor >= ${query.minRevenueMinor}`);
  if (query.type) conditions.push(sql`${query.type} = any(ct.types)`);
  if (query.rfmSegment) conditions.push(sql`r.segment = ${query.rfmSegment}`);
  if (query.customerIds) conditions.push(sql`c.customer_id = any(${query.customerIds}::bigint[])`);
  if (query.cursor) {
    const { value, id } = decodeCursor(query.cursor);
    conditions.push(sort.direction === 'desc'
      ? sql`(${sort.expression}, c.customer_id) < (${value}, ${id})`
      : sql`(${sort.expression}, c.customer_id) > (${value}, ${id})`);
  }
  const direction = sql.raw(sort.direction);
  const rows = await sql<CustomerSummary & { sort_value: string | number | null }>`
    select ${summaryColumns}, ${sort.expression} as sort_value
    from customer c left join customer_trait t using (customer_id)
      left join customer_type ct using (customer_id) left join customer_rfm r using (customer_id)
    where ${sql.join(conditions, sql` and `)}
    order by ${sort.expression} ${direction}, c.customer_id ${direction}
    limit ${limit + 1}`.execute(db);
  const items = rows.rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(({ sort_value: _ignored, ...item }) => item),
    nextCursor: rows.rows.length > limit && last ? encodeCursor(last.sort_value, last.customer_id) : null,
  };
}

/** Customers whose email, phone or external id equals the search text. */
async function matchIdentities(db: Db, text: string, defaultCountry: string): Promise<number[]> {
  const candidates: IdentityInput[] = [{ kind: 'email', value: text }, { kind: 'phone', value: text }];
  const refs = candidates.flatMap((candidate) => {
    try {
      return [normaliseIdentity(candidate, defaultCountry)];
    } catch {
      return [];
    }
  });
  const external = await sql<{ customer_id: number }>`select customer_id from customer_identity where kind = 'external' and value = ${text.trim()} limit 20`.execute(db);
  const found = await findCustomersByIdentities(db, refs.map(toIdentityTriple));
  return [...new Set([...found.values(), ...external.rows.map((row) => row.customer_id)])];
}

/** Finds the one customer behind an identity, in one index probe. */
export async function lookupCustomer(db: Db, identity: IdentityInput): Promise<number> {
  const { defaultCountry } = await getStoreSettings(db);
  const ref = normaliseIdentity(identity, defaultCountry, 'value');
  const found = await findCustomersByIdentities(db, [toIdentityTriple(ref)]);
  const customerId = found.get(identityTripleKey(ref));
  if (customerId === undefined) throw new AppError('CUSTOMER_NOT_FOUND', `No customer has the ${identity.kind} "${identity.value}".`, { field: 'value' });
  return customerId;
}

export async function getCustomer(db: Db, customerId: number) {
  const customer = await requireCustomer(db, customerId).catch(async (error) => {
    const merged = await db.selectFrom('customer').select('merged_into_customer_id').where('customer_id', '=', customerId).executeTakeFirst();
    if (merged?.merged_into_customer_id) {
      throw new AppError('CUSTOMER_NOT_FOUND', `Customer #${customerId} was merged into #${merged.merged_into_customer_id}.`, { field: 'customerId', mergedInto: merged.merged_into_customer_id });
    }
    throw error;
  });
  const identities = await db.selectFrom('customer_identity').select(['kind', 'namespace', 'value', 'created_at']).where('customer_id', '=', customerId).orderBy('created_at').execute();
  const traits = await db.selectFrom('customer_trait').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  const prediction = await db.selectFrom('customer_prediction').selectAll().where('customer_id', '=', customerId).executeTakeFirst();
  const categories = await db.selectFrom('customer_category').select(['category', 'line_count', 'quantity', 'amount_minor']).where('customer_id', '=', customerId).orderBy('amount_minor', 'desc').execute();
  return { customer, identities, traits: traits ?? null, categories, prediction: prediction ?? null };
}
