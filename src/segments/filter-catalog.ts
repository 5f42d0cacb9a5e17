import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import type { FilterCatalog } from './compile-filter.js';
import type { FieldSource } from './filter-fields.js';

/**
 * Whether each filled source has data: a migrated store always has the columns, but before the
 * first `analyze` (types, RFM) or prediction run they are empty, and a condition on them would
 * silently match no one. A run recorded counts as data too (an analysis of a store without buyers).
 */
const dataChecks: Array<{ source: FieldSource; table: string; hasData: RawBuilder<boolean> }> = [
  { source: 'type', table: 'customer_type', hasData: sql<boolean>`exists (select 1 from customer_type) or exists (select 1 from analysis_run)` },
  { source: 'rfm', table: 'customer_rfm', hasData: sql<boolean>`exists (select 1 from customer_rfm) or exists (select 1 from analysis_run)` },
  { source: 'prediction', table: 'customer_prediction', hasData: sql<boolean>`exists (select 1 from customer_prediction)` },
  // a discovery, not an assignment: after one, "no persona" is a fair question even of a store where no one has one
  { source: 'persona', table: 'persona', hasData: sql<boolean>`exists (select 1 from persona_model)` },
];

/**
 * The optional sources present in this store (and which of them are still empty): analytics and model tables come
 * from other migrations and may be absent, in which case conditions on them fail
 * with a message instead of an SQL error. And the store's time zone: a filter's
 * days ("2026-11-30", "the last 30 days") are days on the store's calendar.
 */
export async function loadFilterCatalog(db: Kysely<Database>, options: { checkData?: boolean } = {}): Promise<FilterCatalog> {
  // pg_catalog rather than information_schema: the latter is slow on servers with many schemas
  const result = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_attribute a join pg_class c on c.oid = a.attrelid
    where c.oid in (select to_regclass(name) from unnest(array['customer', 'customer_trait', 'customer_type', 'customer_rfm', 'customer_prediction', 'customer_persona', 'persona']) as name)
      and a.attnum > 0 and not a.attisdropped`.execute(db);
  const { timeZone } = await getStoreSettings(db);
  const tables = new Set(result.rows.map((row) => row.table_name));
  const emptySources = new Set<FieldSource>();
  // a saved segment's refresh after each write skips this: it matches no one until the data comes, as before
  const checks = (options.checkData ?? true) ? dataChecks.filter((check) => tables.has(check.table)) : [];
  if (checks.length > 0) {
    // one round trip for every source the store has
    const { rows } = await sql<Record<string, boolean>>`select ${sql.join(checks.map((check) => sql`(${check.hasData}) as ${sql.ref(check.source)}`))}`.execute(db);
    for (const check of checks) if (!rows[0]?.[check.source]) emptySources.add(check.source);
  }
  const columns = new Set(result.rows.map((row) => `${row.table_name}.${row.column_name}`));
  // names are checked only when a filter is new (saved filters keep a name that has gone, matching no one)
  const hasPersonas = checks.some((check) => check.source === 'persona') && !emptySources.has('persona');
  return { columns, timeZone, emptySources, ...(hasPersonas ? { storeLists: { persona: await listPersonaNames(db) } } : {}) };
}

/** The current discovery's persona names, as a filter may name them. */
export async function listPersonaNames(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select p.name from persona p join persona_model m on m.model_id = p.model_id
    where m.is_current and p.retired_at is null order by p.name`.execute(db);
  return rows.map((row) => row.name);
}
