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
 * The ingest path, once per order batch. A small (prepared) batch: its
 * customers' facts and types in one statement, and their history and overdue
 * alerts in a second one only when the first finds them due (a customer's types
 * moved away from their open spells; an at-risk type held; an open overdue
 * alert to close). Most orders leave a customer's types as they were: for those
 * the batch costs one round trip and a plan without the history's and alerts'
 * tables: a single order at 100k customers on the server, 0.90 ms median for
 * the first statement alone against 1.31 for one statement doing it all, which
 * started and ended the steps' plan nodes whether they wrote anything or not
 * (they wrote for 27% of the bench's orders). A large batch does it all in one
 * statement (wholeBatchStatement). Re-running an as-of before the history's
 * latest spell (a rewind, which must land before the spells are compared) is
 * left to the step-by-step path. When prepared, each statement runs through a
 * plan made once per session: its ids are hidden from the planner (boundIds),
 * so PostgreSQL settles on the generic plan.
 */
export async function storeCustomerTypes(
  db: Kysely<Database>, scope: FactsScope, context: ClassifySqlContext,
  options: { prepared: boolean },
): Promise<{ customers: number; history: HistoryChange }> {
  const ids = scope.customerIds ?? [];
  // the JSON of everything but the ids names the statement's shape (see statement-shapes.ts); a
  // single id is written as one value (isAmongIds)
  const shapeOf = (statement: object) => JSON.stringify({ ...statement, scope: { ...scope, customerIds: scope.customerIds === null }, isSingle: ids.length === 1, context, options });
  if (!options.prepared) {
    const whole = (await db.executeQuery(compileShaped(db, shapeOf({ step: 'whole batch' }), ids, () => wholeBatchStatement(db, scope, ids, context, options)))).rows[0];
    return settleRewind(db, scope, whole, { entered: whole.entered, left: whole.left });
  }
  const classifying = compileShaped(db, shapeOf({ step: 'types' }), ids, () => namedStatement(incrementalTypesStatement(db, scope, ids, context, options)));
  const row = (await db.executeQuery(classifying)).rows[0];
  const due = { history: row.history_due && !row.is_rewind_due, alerts: row.alerts_due };
  if (!due.history && !due.alerts) return settleRewind(db, scope, row, { entered: 0, left: 0 });
  const following = compileShaped(db, shapeOf({ step: 'history and alerts', due }), ids, () => namedStatement(historyAndAlertsStatement(scope, ids, context, options, due)));
  const counts = (await db.executeQuery(following)).rows[0];
  return settleRewind(db, scope, row, { entered: counts.entered, left: counts.left });
}

/** The batch's answer: its history as written, or, when an earlier as-of was re-run, as the step-by-step path compares it. */
async function settleRewind(
  db: Kysely<Database>, scope: FactsScope, row: { classified: number; is_rewind_due: boolean; stored_ids: number[] | null }, history: HistoryChange,
): Promise<{ customers: number; history: HistoryChange }> {
  if (!row.is_rewind_due) return { customers: row.classified, history };
  return { customers: row.classified, history: await rewindAndCompare(db, scope, (row.stored_ids ?? []).map(Number)) };
}

type IncrementalRow = { classified: number; is_rewind_due: boolean; history_due: boolean; alerts_due: boolean; stored_ids: number[] | null };

/**
 * Classifies the batch and stores its types rows; says whether the history and alerts step is
 * due. Every step reads the store as it was before the statement: `stored` are the rows it
 * writes (whose basis changed), `classified` what they hold once it is done.
 */
function incrementalTypesStatement(
  db: Kysely<Database>, scope: FactsScope, ids: number[], context: ClassifySqlContext,
  options: { prepared: boolean },
): RawBuilder<IncrementalRow> {
  const hidden = { hiddenFromPlanner: options.prepared };
  return sql<IncrementalRow>`
    with ${classifyAndStoreSteps(db, scope, ids, context, options)}
    select (select count(*) from classified)::int as classified, (select is_due from rewind) as is_rewind_due,
      -- a customer written now whose types are not their open spells' (the history step would open or close one)
      exists (
        select 1 from classified c join stored s on s.customer_id = c.customer_id
        where not exists (
          select 1 from (select coalesce(array_agg(h.type), '{}') as types from customer_type_history h where h.customer_id = c.customer_id and h.left_at is null) open
          where open.types @> c.types and open.types <@ c.types)
      ) as history_due,
      -- what the alerts step reads: an at-risk type held (classified now, or kept by a customer no longer classified), an open overdue alert
      exists (select 1 from classified c where 'at_risk' = any(c.types))
        or exists (select 1 from customer_type t where ${isAmongIds(sql`t.customer_id`, ids, hidden)} and 'at_risk' = any(t.types)
          and not exists (select 1 from classified c where c.customer_id = t.customer_id))
        or exists (select 1 from alert a where ${isAmongIds(sql`a.customer_id`, ids, hidden)} and a.kind = 'customer_overdue' and a.acknowledged_at is null)
      as alerts_due,
      case when (select is_due from rewind) then array(select customer_id from stored) end as stored_ids`;
}

/**
 * The batch's history and overdue alerts, once its types rows are stored: `held` is each
 * customer's types row as this transaction left it, `changed` the rows it wrote (an earlier
 * batch of the same transaction compared its own already, so comparing them again changes
 * nothing). Only the steps found due are written.
 */
function historyAndAlertsStatement(
  scope: FactsScope, ids: number[], context: ClassifySqlContext, options: { prepared: boolean }, due: { history: boolean; alerts: boolean },
): RawBuilder<{ entered: number; left: number }> {
  const hidden = { hiddenFromPlanner: options.prepared };
  const history = batchHistoryScope(scope, ids, options);
  const steps: RawBuilder<unknown>[] = [sql`held as materialized (
      select t.customer_id, t.types, t.numbers from customer_type t where ${isAmongIds(sql`t.customer_id`, ids, hidden)}
    )`];
  if (due.history) {
    steps.push(
      sql`changed as (select t.customer_id from customer_type t where ${isAmongIds(sql`t.customer_id`, ids, hidden)} and t.updated_at = now())`,
      sql`left_spells as (${closeSpellsStatement(history)} returning 1)`,
      sql`entered_spells as (${openSpellsStatement(history)} returning 1)`,
    );
  }
  if (due.alerts) {
    steps.push(
      sql`overdue as (${overdueAlertsStatement(sql`held`, context.policy, context.asOfDay)} returning 1)`,
      sql`returned as (${closeReturnedCustomersAlertsStatement(context.asOfDay, isAmongIds(sql`o.customer_id`, ids, hidden))} returning 1)`,
    );
  }
  const counted = due.history
    ? sql`(select count(*) from entered_spells)::int as entered, (select count(*) from left_spells)::int as left`
    : sql`0 as entered, 0 as left`;
  return sql`with ${sql.join(steps, sql`, `)} select ${counted}`;
}

type WholeBatchRow = { classified: number; is_rewind_due: boolean; entered: number; left: number; stored_ids: number[] | null };

/**
 * A large batch (a file import's, planned for its ids) in one statement: most of its customers'
 * steps are due, and the first statement's checks (an open-spells probe per customer written)
 * cost more than the plan nodes they save (5,000 orders: 0.19 against 0.12-0.13 ms per order).
 * `held` is each customer's types row once the statement is done (just classified, or as stored
 * for a customer no longer classified).
 */
function wholeBatchStatement(
  db: Kysely<Database>, scope: FactsScope, ids: number[], context: ClassifySqlContext,
  options: { prepared: boolean },
): RawBuilder<WholeBatchRow> {
  const hidden = { hiddenFromPlanner: options.prepared };
  const history = batchHistoryScope(scope, ids, options);
  return sql<WholeBatchRow>`
    with ${classifyAndStoreSteps(db, scope, ids, context, options)},
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

/**
 * The steps both statements start with: `classified`, the batch's judged rows; `stored`, the
 * rows written (whose basis changed); `rewind`, whether an earlier as-of is re-run.
 */
function classifyAndStoreSteps(
  db: Kysely<Database>, scope: FactsScope, ids: number[], context: ClassifySqlContext, options: { prepared: boolean },
): RawBuilder<unknown> {
  const at = sql`${scope.asOf.instant}::timestamptz`;
  return sql`classified as materialized (
      with analysis_fact as (${customerFactsQuery({ ...scope, idsHiddenFromPlanner: options.prepared })}) select * from (${classifiedTypesQuery(context, typesSignature(db, context))}) classified_rows
    ),
    stored as (${customerTypeUpsert(sql`classified`, at)} returning t.customer_id),
    rewind as (select ${isRewindDueQuery(at, ids, { hiddenFromPlanner: options.prepared })} as is_due)`;
}

/** The batch's history steps compare `changed` against `held`, recorded when the batch runs, not at the as-of day's end (historyTimeOf). */
function batchHistoryScope(scope: FactsScope, ids: number[], options: { prepared: boolean }): HistoryScope {
  const at = sql`${scope.asOf.instant}::timestamptz`;
  const recorded = historyTimeOf(at, latestSpellTime(ids, { hiddenFromPlanner: options.prepared }));
  return { at: recorded, changed: sql`changed`, held: sql`held`, customerIds: ids, idsHiddenFromPlanner: options.prepared };
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
