import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { namedStatementMarker } from './named-statements.js';

/**
 * Statements run over and over for a few rows (the ingest path's, once per
 * order batch) are planned once per session: their plan costs several times
 * what running them for one customer does. The driver (node-postgres, on both
 * stores) sends them as named prepared statements with bound values (see
 * named-statements.ts), planned generically because plan_cache_mode says so
 * for the length of the statement.
 *
 * plan_cache_mode also governs the driver's unnamed statements, so it is set
 * just before the prepared statement and put back by the statement itself.
 * Setting and restoring cost a round trip each when done on their own, as
 * much again as the statement for one customer, so callers that already make
 * a round trip just before (the ingest path reads the store's settings) fold
 * the switch into it: see genericPlanSwitch.
 */

/**
 * For the select list of the statement that runs just before a prepared one:
 * switches the transaction to generic plans and yields the mode that was in
 * force. Whoever selects it must pass the value to the prepared statement,
 * which puts it back (restoringPlanCacheMode).
 */
export function genericPlanSwitch(): RawBuilder<string> {
  // arguments are evaluated in order: the mode in force is read, then replaced
  return sql<string>`(current_setting('plan_cache_mode') || left(set_config('plan_cache_mode', 'force_generic_plan', true), 0))`;
}

/** A select-list item for the prepared statement itself: puts back the mode genericPlanSwitch replaced, once the plan is chosen. */
export function restoringPlanCacheMode(previous: string | null): RawBuilder<unknown> {
  return previous === null ? sql`null::text` : sql`set_config('plan_cache_mode', ${previous}::text, true)`;
}

/** Runs an already marked-up statement (the caller switched the mode and the statement restores it) as a named prepared statement. */
export function executeNamed<R>(db: Kysely<Database>, query: RawBuilder<R>): Promise<QueryResult<R>> {
  return namedStatement(query).execute(db);
}

/** Switches the transaction to generic plans, for a run of prepared statements; returns the mode to put back (restorePlanCacheMode). */
export async function switchToGenericPlans(db: Kysely<Database>): Promise<string> {
  return (await sql<{ previous: string }>`select ${genericPlanSwitch()} as previous`.execute(db)).rows[0].previous;
}

export async function restorePlanCacheMode(db: Kysely<Database>, previous: string | null): Promise<void> {
  if (previous !== null) await sql`select ${restoringPlanCacheMode(previous)}`.execute(db);
}

/** Marks a statement to be sent as a named prepared statement (see named-statements.ts). */
export function namedStatement<R>(query: RawBuilder<R>): RawBuilder<R> {
  return sql<R>`${sql.raw(namedStatementMarker)} ${query}`;
}
