import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * False when the store has orders and not one of them carries an amount: a data set without prices
 * (Groceries), whose revenue is unknown rather than nil. True before the first order, when a 0 is simply none.
 * The second look stops at the first priced order, so on a store with prices it reads a row or so.
 */
export async function storeHasPrices(db: Kysely<Database>): Promise<boolean> {
  const result = await sql<{ has_prices: boolean }>`
    select not exists (select 1 from customer_order) or exists (select 1 from customer_order where amount_minor <> 0 or total_minor <> 0) as has_prices`.execute(db);
  return result.rows[0]?.has_prices !== false;
}
