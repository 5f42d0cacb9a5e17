import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Fills empty tables as PostgreSQL's manual advises for a bulk load
 * ("Populating a Database: Remove Indexes"): their secondary indexes are
 * dropped, the rows written, and each index built again from the rows in one
 * sort, instead of one insertion per row and index (a store's first analysis
 * at 100k customers on the server: the statement writing its types and spells
 * went from 3.7 s to 2.6 s, and building the five indexes again took 0.4 s).
 * Primary keys and the indexes behind constraints stay, so
 * what `load` writes is still checked against them.
 *
 * The indexes are rebuilt from the catalogue's own definitions, so a migration
 * that adds one needs nothing here. Call inside a transaction that holds the
 * tables' ACCESS EXCLUSIVE lock (as loadIntoEmptyTables does): nobody else can read
 * through a missing index or write beside the load, and if the transaction
 * fails the indexes come back with it.
 */
export async function loadWithIndexesBuiltAfter<T>(db: Kysely<Database>, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  if (!db.isTransaction) throw new Error('loadWithIndexesBuiltAfter drops indexes: call it inside a transaction');
  const found = await sql<{ name: string; definition: string }>`
    select format('%I.%I', n.nspname, c.relname) as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_namespace n on n.oid = c.relnamespace
    where i.indrelid in (select to_regclass(t) from unnest(${tables}::text[]) t)
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`.execute(db);
  const indexes = found.rows;
  // names and definitions come from the catalogue, quoted by PostgreSQL itself
  if (indexes.length > 0) await sql`drop index ${sql.raw(indexes.map((index) => index.name).join(', '))}`.execute(db);
  const result = await load();
  for (const index of indexes) await sql.raw(index.definition).execute(db);
  return result;
}

/**
 * Runs `load` as a bulk load (loadWithIndexesBuiltAfter) when these tables are
 * all empty, and returns its result; null, with nothing done, when any holds a
 * row. Emptiness is looked at first without a lock (a table that holds rows
 * costs its readers nothing), then again once the transaction holds the
 * tables' ACCESS EXCLUSIVE lock, which waits for every other reader and
 * writer: a row committed meanwhile shows then, and the lock is given back
 * (rolled back to the savepoint taken before it). Once granted, the lock is
 * held until the caller's transaction ends.
 */
export async function loadIntoEmptyTables<T>(db: Kysely<Database>, tables: readonly string[], load: () => Promise<T>): Promise<T | null> {
  if (!(await areEmpty(db, tables))) return null;
  await sql`savepoint bulk_load`.execute(db);
  await sql`lock table ${sql.join(tables.map((table) => sql.table(table)))} in access exclusive mode`.execute(db);
  if (!(await areEmpty(db, tables))) {
    await sql`rollback to savepoint bulk_load`.execute(db);
    return null;
  }
  const result = await loadWithIndexesBuiltAfter(db, tables, load);
  await sql`release savepoint bulk_load`.execute(db);
  return result;
}

async function areEmpty(db: Kysely<Database>, tables: readonly string[]): Promise<boolean> {
  const holding = tables.map((table) => sql`exists (select 1 from ${sql.table(table)})`);
  const result = await sql<{ empty: boolean }>`select not (${sql.join(holding, sql` or `)}) as empty`.execute(db);
  return result.rows[0].empty;
}
