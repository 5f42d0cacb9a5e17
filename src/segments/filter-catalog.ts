import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import type { FilterCatalog } from './compile-filter.js';

/**
 * The optional sources present in this store: analytics and model tables come
 * from other migrations and may be absent, in which case conditions on them fail
 * with a message instead of an SQL error. And the store's time zone: a filter's
 * days ("2026-11-30", "the last 30 days") are days on the store's calendar.
 */
export async function loadFilterCatalog(db: Kysely<Database>): Promise<FilterCatalog> {
  // pg_catalog rather than information_schema: the latter is slow on servers with many schemas
  const result = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.oid in (select to_regclass(name) from unnest(array['customer', 'customer_trait', 'customer_type', 'customer_rfm', 'customer_prediction']) as name)
      and a.attnum > 0 and not a.attisdropped`.execute(db);
  const { timeZone } = await getStoreSettings(db);
  return { columns: new Set(result.rows.map((row) => `${row.table_name}.${row.column_name}`)), timeZone };
}
