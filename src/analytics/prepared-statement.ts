import { createHash } from 'node:crypto';
import { CompiledQuery, sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { sqlLiteral } from './sql-literal.js';

/** Prefix of the analytics domain's prepared statements (pg_prepared_statements lists them per session). */
export const preparedStatementPrefix = 'analytics_';

/**
 * Runs a statement through a named prepared statement with a generic plan, so
 * that a statement run over and over for a few rows (the ingest path's, once
 * per order batch) is planned once per session instead of every time: its
 * plan costs several times what running it for one customer does. Pass the
 * names this session has prepared (readAnalysisSettings lists them). The name
 * is a hash of the statement text, so a statement of another shape gets its own.
 *
 * EXECUTE takes no bound parameters, so values are written as literals. The
 * generic plan is forced for this statement alone: plan_cache_mode also governs
 * the driver's unnamed statements, so it is put back straight after.
 */
export async function executePrepared<R>(db: Kysely<Database>, query: RawBuilder<R>, prepared: readonly string[]): Promise<QueryResult<R>> {
  const compiled = query.compile(db);
  const name = `${preparedStatementPrefix}${createHash('sha1').update(compiled.sql).digest('hex').slice(0, 20)}`;
  if (!prepared.includes(name)) await db.executeQuery(CompiledQuery.raw(`prepare ${name} as ${compiled.sql}`));
  const mode = await sql<{ previous: string }>`
    select current_setting('plan_cache_mode') as previous, set_config('plan_cache_mode', 'force_generic_plan', true)`.execute(db);
  // on an error the transaction is aborted, and the setting ends with it
  const values = compiled.parameters.map(sqlLiteral);
  const result = await db.executeQuery(CompiledQuery.raw(values.length === 0 ? `execute ${name}` : `execute ${name}(${values.join(', ')})`));
  await sql`select set_config('plan_cache_mode', ${mode.rows[0].previous}::text, true)`.execute(db);
  return result as QueryResult<R>;
}
