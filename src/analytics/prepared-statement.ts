import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { namedStatementMarker } from '../db/named-statements.js';

/**
 * Runs a statement with a generic plan made once per session, so that a
 * statement run over and over for a few rows (the ingest path's, once per
 * order batch) is not planned every time: its plan costs several times what
 * running it for one customer does. On the server store the driver sends it as
 * a named prepared statement with bound values (see named-statements.ts); on
 * the embedded store it runs as an ordinary statement with bound values.
 *
 * The generic plan is forced for this statement alone: plan_cache_mode also
 * governs the driver's unnamed statements, so it is put back straight after.
 */
export async function executePrepared<R>(db: Kysely<Database>, query: RawBuilder<R>): Promise<QueryResult<R>> {
  const mode = await sql<{ previous: string }>`
    select current_setting('plan_cache_mode') as previous, set_config('plan_cache_mode', 'force_generic_plan', true)`.execute(db);
  // on an error the transaction is aborted, and the setting ends with it
  const result = await sql<R>`${sql.raw(namedStatementMarker)} ${query}`.execute(db);
  await sql`select set_config('plan_cache_mode', ${mode.rows[0].previous}::text, true)`.execute(db);
  return result;
}
