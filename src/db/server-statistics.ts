import { sql, type Kysely } from 'kysely';
import { servesConcurrentQueries } from './client.js';
import type { Database } from './schema.js';

/**
 * Planner statistics for a server store after work that wrote many rows (a file import, an API
 * import's end: a closed run or a batch that was a whole import, a demo load, a full analysis). Autovacuum analyses a table once 50 + 10% of its rows changed, but only
 * some time later, and never where it is off: until then every plan over the new rows guesses from
 * defaults (the lifecycle report ran over 120 s, a customer's type timeline 15–36 s, on a freshly
 * loaded store; a few seconds and a fifth of a second once analysed). So the work that wrote the rows
 * analyses the tables it changed enough by the same rule at its end: ANALYZE samples at most 30,000
 * rows of a table, a fraction of a second each. The embedded store has its own stand-in for
 * autovacuum (maintenance.ts); this does nothing there, nor inside a transaction.
 *
 * A table is due when the rows changed since its last analysis (n_mod_since_analyze) pass
 * 50 + 10% of its rows then (reltuples), or when it grew on disk by as much since (relpages): a
 * backend reports its counts to the shared statistics up to ten seconds after it went idle, so the
 * counts of an import's last batches may not be there yet when it ends, while the size is.
 */
export type AnalyzedTable = { table: string; changed: number; rows: number };

type StatisticsRow = { schema: string; table: string; rows: number; pages_then: number; pages_now: number; changed: number };

export function statisticsDue(row: Pick<StatisticsRow, 'rows' | 'pages_then' | 'pages_now' | 'changed'>): boolean {
  const rows = Math.max(Number(row.rows), 0);
  const pagesThen = Math.max(Number(row.pages_then), 0);
  const grown = Number(row.pages_now) - pagesThen;
  return Number(row.changed) > 50 + 0.1 * rows || (grown > 4 && grown > 0.1 * pagesThen);
}

/** Analyses the server store's tables that changed enough since their last analysis; returns them. Failures are the caller's to log, not to fail on. */
export async function analyzeChangedServerTables(db: Kysely<Database>): Promise<AnalyzedTable[]> {
  if (!servesConcurrentQueries(db)) return [];
  const result = await sql<StatisticsRow>`
    select s.schemaname as schema, s.relname as table, c.reltuples::float8 as rows, c.relpages::float8 as pages_then,
      (pg_relation_size(c.oid) / current_setting('block_size')::int)::float8 as pages_now, s.n_mod_since_analyze::float8 as changed
    from pg_stat_user_tables s join pg_class c on c.oid = s.relid
    where s.schemaname = current_schema()
    order by s.relname`.execute(db);
  const analyzed: AnalyzedTable[] = [];
  for (const row of result.rows) {
    if (!statisticsDue(row)) continue;
    await sql`analyze ${sql.id(row.schema, row.table)}`.execute(db);
    analyzed.push({ table: row.table, changed: Number(row.changed), rows: Math.max(Number(row.rows), 0) });
  }
  return analyzed;
}

/** The same, for the end of work whose answer must not depend on it: a failure is told as a warning. */
export async function analyzeChangedServerTablesQuietly(db: Kysely<Database>, warn: (message: string) => void = (message) => process.emitWarning(message)): Promise<AnalyzedTable[]> {
  try {
    return await analyzeChangedServerTables(db);
  } catch (error) {
    warn(`Planner statistics not refreshed: ${(error as Error).message}`);
    return [];
  }
}
