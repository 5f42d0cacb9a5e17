import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { closeReturnedCustomersAlertsStatement, overdueAlertsStatement } from './alerts/overdue-alerts.repo.js';
import { classifiedTypesQuery, typesSignature, type ClassifySqlContext } from './classify.sql.js';
import { customerTypeUpsert } from './customer-type-upsert.sql.js';
import { customerFactsQuery, type FactsScope } from './facts.sql.js';
import { isAmongIds, namedStatement } from '../db/prepared-statement.js';
import { compileShaped } from '../db/statement-shapes.js';
import { closeSpellsStatement, isRewindDueQuery, openSpellsStatement, rewindHistorySteps, type HistoryScope } from './type-history.sql.js';
import { historyTimeOf } from './type-change-time.sql.js';
import type { HistoryChange } from './types.repo.js';

/**
 * The ingest path, once per order batch: a few customers' facts, types,
 * history and overdue alerts in one statement, so the fixed cost of a batch is
 * one round trip rather than one per step. Every step reads the store as it
 * was before the statement, so each is written against what the earlier ones
 * produce: `held` is each customer's types row once the statement is done (just
 * classified, or as stored for a customer no longer classified). Re-running an
 * as-of before the history's latest spell (a rewind, which must land before the
 * spells are compared) is left to the step-by-step path. When prepared, the
 * statement runs through a plan made once per session: its ids are hidden from
 * the planner (boundIds), so PostgreSQL settles on the generic plan.
 */
export async function storeCustomerTypes(
  db: Kysely<Database>, scope: FactsScope, context: ClassifySqlContext,
  options: { prepared: boolean },
): Promise<{ customers: number; history: HistoryChange }> {
  const ids = scope.customerIds ?? [];
  // the JSON of everything but the ids names the statement's shape (see statement-shapes.ts); a
  // single id is written as one value (isAmongIds)
  const shape = JSON.stringify({ scope: { ...scope, customerIds: scope.customerIds === null }, isSingle: ids.length === 1, context, options });
  const compiled = compileShaped(db, shape, ids, () => {
    const statement = incrementalTypesStatement(db, scope, ids, context, options);
    return options.prepared ? namedStatement(statement) : statement;
  });
  const result = await db.executeQuery(compiled);
  const row = result.rows[0];
  const customers = row.classified;
  if (!row.is_rewind_due) return { customers, history: { entered: row.entered, left: row.left } };
  return { customers, history: await rewindAndCompare(db, scope, (row.stored_ids ?? []).map(Number)) };
}

type IncrementalRow = { classified: number; is_rewind_due: boolean; entered: number; left: number; stored_ids: number[] | null };

function incrementalTypesStatement(
  db: Kysely<Database>, scope: FactsScope, ids: number[], context: ClassifySqlContext,
  options: { prepared: boolean },
): RawBuilder<IncrementalRow> {
  const at = sql`${scope.asOf.instant}::timestamptz`;
  const hidden = { hiddenFromPlanner: options.prepared };
  // the batch's changes are recorded when it runs, not at the as-of day's end (historyTimeOf)
  const recorded = historyTimeOf(at, latestSpellTime(ids, hidden));
  const history: HistoryScope = { at: recorded, changed: sql`changed`, held: sql`held`, customerIds: ids, idsHiddenFromPlanner: options.prepared };
  return sql<IncrementalRow>`
    with classified as materialized (
      with analysis_fact as (${customerFactsQuery({ ...scope, idsHiddenFromPlanner: options.prepared })}) select * from (${classifiedTypesQuery(context, typesSignature(db, context))}) classified_rows
    ),
    stored as (${customerTypeUpsert(sql`classified`, at)} returning t.customer_id),
    rewind as (select ${isRewindDueQuery(at, ids, hidden)} as is_due),
    held as materialized (
      select customer_id, types, numbers from classified
      union all
      select t.customer_id, t.types, t.numbers from customer_type t
      where ${isAmongIds(sql`t.customer_id`, ids, hidden)} and not exists (select 1 from classified c where c.customer_id = t.customer_id)
    ), changed as (
      select customer_id from stored where not (select is_due from rewind)
    ), left_spells as (${closeSpellsStatement(history)} returning 1),
    entered_spells as (${openSpellsStatement(history)} returning 1),
    overdue as (${overdueAlertsStatement(sql`held`, context.policy, context.asOfDay)} returning 1),
    returned as (${closeReturnedCustomersAlertsStatement(context.asOfDay, isAmongIds(sql`o.customer_id`, ids, hidden))} returning 1)
    select (select count(*) from classified)::int as classified, (select is_due from rewind) as is_rewind_due,
      (select count(*) from entered_spells)::int as entered, (select count(*) from left_spells)::int as left,
      case when (select is_due from rewind) then array(select customer_id from stored) end as stored_ids`;
}

/** The step-by-step path after a rewind: history is compared with customer_type as just stored. */
async function rewindAndCompare(db: Kysely<Database>, scope: FactsScope, storedIds: number[]): Promise<HistoryChange> {
  const ids = scope.customerIds ?? [];
  const at = sql`${scope.asOf.instant}::timestamptz`;
  const rewound = await sql<{ customer_id: number }>`with ${rewindHistorySteps(at, ids)} select customer_id from rewound`.execute(db);
  const changedIds = [...new Set([...storedIds, ...rewound.rows.map((row) => Number(row.customer_id))])];
  const recorded = historyTimeOf(at, latestSpellTime(ids, { hiddenFromPlanner: false }));
  const history: HistoryScope = { at: recorded, changed: sql`(select unnest(${changedIds}::bigint[]) as customer_id)`, held: sql`customer_type`, customerIds: ids };
  const left = await closeSpellsStatement(history).execute(db);
  const entered = await openSpellsStatement(history).execute(db);
  return { entered: Number(entered.numAffectedRows ?? 0), left: Number(left.numAffectedRows ?? 0) };
}

/** The latest time a spell of these customers was entered or left: one probe per customer by the primary key. */
function latestSpellTime(ids: number[], hidden: { hiddenFromPlanner: boolean }): RawBuilder<unknown> {
  return sql`(select max(coalesce(h.left_at, h.entered_at)) from customer_type_history h where ${isAmongIds(sql`h.customer_id`, ids, hidden)})`;
}
