import { PGliteAdapter, sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { namedStatementMarker } from './named-statements.js';

/**
 * Statements run over and over for a few rows (the ingest path's, once per
 * order batch) are planned once per session: their plan costs several times
 * what running them for one customer does. On the server store the driver
 * sends them as named prepared statements with bound values (see
 * named-statements.ts), planned generically because plan_cache_mode says so
 * for the length of the statement. On the embedded store PGlite sends every
 * statement unnamed, so it is planned at each run whatever the mode: there the
 * mode is left alone.
 *
 * plan_cache_mode also governs the driver's unnamed statements, so it is set
 * just before the prepared statement and put back by the statement itself.
 * Setting and restoring cost a round trip each when done on their own, as
 * much again as the statement for one customer, so callers that already make
 * a round trip just before (the ingest path reads the store's settings) fold
 * the switch into it: see genericPlanSwitch.
 */

/** Whether marked statements reach the database as named prepared statements (the server store). */
export function preparesNamedStatements(db: Kysely<Database>): boolean {
  return !(db.getExecutor().adapter instanceof PGliteAdapter);
}

/**
 * For the select list of the statement that runs just before a prepared one:
 * switches the transaction to generic plans on the server store and yields the
 * mode that was in force (null on the embedded store, where nothing changes).
 * Whoever selects it must pass the value to the prepared statement, which puts
 * it back (restoringPlanCacheMode).
 */
export function genericPlanSwitch(db: Kysely<Database>): RawBuilder<string | null> {
  if (!preparesNamedStatements(db)) return sql<null>`null::text`;
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

/**
 * Switches the transaction to generic plans on the server store, for a run of
 * prepared statements; returns the mode to put back (restorePlanCacheMode), or
 * null on the embedded store, where nothing changed.
 */
export async function switchToGenericPlans(db: Kysely<Database>): Promise<string | null> {
  if (!preparesNamedStatements(db)) return null;
  return (await sql<{ previous: string }>`select ${genericPlanSwitch(db)} as previous`.execute(db)).rows[0].previous;
}

export async function restorePlanCacheMode(db: Kysely<Database>, previous: string | null): Promise<void> {
  if (previous !== null) await sql`select ${restoringPlanCacheMode(previous)}`.execute(db);
}

/** Marks a statement to be sent as a named prepared statement on the server store (see named-statements.ts). */
export function namedStatement<R>(query: RawBuilder<R>): RawBuilder<R> {
  return sql<R>`${sql.raw(namedStatementMarker)} ${query}`;
}
