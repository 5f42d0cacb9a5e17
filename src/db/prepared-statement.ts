import { sql, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import { namedStatementMarker } from './named-statements.js';

/**
 * Statements run over and over for a few rows (the ingest path's, once per
 * order batch) are planned once per session: their plan costs several times
 * what running them for one customer does. The driver (node-postgres, on both
 * stores) sends them as named prepared statements with bound values (see
 * named-statements.ts). PostgreSQL then plans a statement for its values five
 * times and afterwards keeps one generic plan, unless the plans made for the
 * values look cheaper. Two ways to have the generic plan:
 *
 * - hide the batch's ids from the planner (boundIds), so no plan made for
 *   them looks cheaper: no extra round trip (the types statement);
 * - switch the transaction to force_generic_plan for the statements and put
 *   the mode back after (switchToGenericPlans and restorePlanCacheMode, a round
 *   trip each; segment membership, whose statements are few per batch).
 *
 * plan_cache_mode also governs the driver's unnamed statements, so it is never
 * left switched.
 */

/**
 * A bound array of ids; with `hiddenFromPlanner`, one the planner may not look
 * into: an uncorrelated sub-select (an init plan), read when the statement
 * runs. A prepared statement whose custom plans cannot see how few ids they
 * are for costs the same with or without the values, so under plan_cache_mode
 * auto PostgreSQL settles on its generic plan after five executions, with no
 * switch before it (checked: 395 generic of 400 at 100k customers, on both
 * stores). With the ids in sight every custom plan, seeing one id, looks
 * cheaper than the generic one and is made anew at every call, at several
 * times the cost of running it. A statement planned for its batch must see
 * them: hidden, a batch of 5,000 took four times as long.
 */
export function boundIds(ids: readonly number[], options: { hiddenFromPlanner: boolean }): RawBuilder<number[]> {
  return options.hiddenFromPlanner ? sql<number[]>`(select ${ids}::bigint[])::bigint[]` : sql<number[]>`${ids}::bigint[]`;
}

/**
 * `column` is one of the ids (boundIds). Hidden from the planner, a single id is
 * compared as one value, so the plan made once for single-customer batches
 * probes each index by equality: an `= any(array)` probe sorts and walks its
 * array keys, and the planner, expecting ten rows, sorts and merge-joins what a
 * single key returns in order. A single order's statement, alternated with the
 * array form in one process at 30k customers under load 11–18: on the embedded
 * store faster in 509 of 900 pairs (best 0.04–0.16 ms lower), on the server in
 * 530 of 1,000 (median of the pairs' differences -0.01 to 0.07 ms). The
 * statement's text then differs with the number of ids, so a caller that keeps
 * statements by shape names whether there is one id.
 */
export function isAmongIds(column: RawBuilder<unknown>, ids: readonly number[], options: { hiddenFromPlanner: boolean }): RawBuilder<boolean> {
  if (options.hiddenFromPlanner && ids.length === 1) return sql<boolean>`${column} = (select (${ids}::bigint[])[1])`;
  return sql<boolean>`${column} = any(${boundIds(ids, options)})`;
}

/** Runs a statement as a named prepared statement (see named-statements.ts). */
export function executeNamed<R>(db: Kysely<Database>, query: RawBuilder<R>): Promise<QueryResult<R>> {
  return namedStatement(query).execute(db);
}

/** A select-list item that switches the transaction to generic plans and yields the mode that was in force. */
function genericPlanSwitch(): RawBuilder<string> {
  // arguments are evaluated in order: the mode in force is read, then replaced
  return sql<string>`(current_setting('plan_cache_mode') || left(set_config('plan_cache_mode', 'force_generic_plan', true), 0))`;
}

/** A select-list item that puts back the mode genericPlanSwitch replaced. */
function restoringPlanCacheMode(previous: string): RawBuilder<unknown> {
  return sql`set_config('plan_cache_mode', ${previous}::text, true)`;
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
