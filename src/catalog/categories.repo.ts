import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database>;

export type CategorySummary = {
  category: string;
  customers: number;
  revenueMinor: number;
};

/**
 * The label the customer facts give a line with no category of its own or of
 * its product (see addLinesToCategories in traits.repo.ts). It is no category
 * a purchase condition can name, so it is left out.
 */
const noCategoryLabel = 'uncategorised';

/**
 * The product categories customers bought, most buyers first, read from the
 * customer facts (one row per customer and category) rather than every order
 * line. Spellings that differ only in case are one category, as the segment
 * filter compares them (lower(category), see segments/compile-purchases.ts);
 * the spelling shown is the one most customers have.
 */
export async function listCategories(db: Db, limit: number): Promise<CategorySummary[]> {
  const key = sql<string>`lower(category)`;
  const rows = await db.selectFrom('customer_category')
    .select([
      sql<string>`mode() within group (order by category)`.as('category'),
      sql<number>`count(distinct customer_id)::int`.as('customers'),
      sql<number>`sum(amount_minor)::float8`.as('revenue_minor'),
    ])
    .where(key, '<>', noCategoryLabel)
    .groupBy(key)
    .orderBy('customers', 'desc')
    .orderBy(key)
    .limit(limit)
    .execute();
  return rows.map((row) => ({ category: row.category, customers: Number(row.customers), revenueMinor: Number(row.revenue_minor) }));
}
