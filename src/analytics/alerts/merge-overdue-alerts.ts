import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadAnalysisContext, type AnalysisContext } from '../analysis-context.js';
import { closeOverdueAlertsOfReturnedCustomers, hasOpenOverdueAlert, overdueAlertsStatement } from './overdue-alerts.repo.js';

/**
 * Judges the kept customer's overdue alerts again by the combined purchases, once a merge has
 * reclassified them: an open alert closes when a merged purchase came after the one it names
 * (the reclassification's own statement closes it, as for an order, types-incremental.repo.ts),
 * and an open alert either customer had before the merge (`keptHadOpenAlert`, read before the
 * reclassification; the merged-away one's is set aside with the merge) is not lost while the
 * combined purchases are still overdue (an analysis would not raise one for an overdue day
 * before its last run). The alerts raised or closed for the kept customer in the merge's
 * transaction are marked with the merge, so its undo can take them back (revertMergeOverdueAlerts).
 */
export async function judgeKeptCustomerOverdueAfterMerge(
  db: Kysely<Database>, merge: { keptId: number; mergeId: number; at: Date; keptHadOpenAlert: boolean; mergedAwayHadOpenAlert: boolean },
): Promise<void> {
  const context = await loadAnalysisContext(db, merge.at);
  await closeOverdueAlertsOfReturnedCustomers(db, context.asOf.day, { customerIds: [merge.keptId], mergeId: merge.mergeId });
  await markAlertsClosedByMerge(db, merge.keptId, merge.mergeId);
  if (merge.keptHadOpenAlert || merge.mergedAwayHadOpenAlert) await raiseWhenOverdue(db, merge.keptId, context);
  await markAlertsRaisedByMerge(db, merge.keptId, merge.mergeId);
}

async function raiseWhenOverdue(db: Kysely<Database>, keptId: number, context: AnalysisContext): Promise<void> {
  if (await hasOpenOverdueAlert(db, [keptId])) return;
  const kept = sql`(select customer_id, types, numbers from customer_type where customer_id = ${keptId}::bigint)`;
  await overdueAlertsStatement(kept, context.policy, context.asOf.day, { anyOverdueDay: true }).execute(db);
}

/** Marks the kept customer's overdue alerts closed as bought again in the merge's transaction (now() is its start) as closed by the merge. */
async function markAlertsClosedByMerge(db: Kysely<Database>, keptId: number, mergeId: number): Promise<void> {
  await sql`update alert set explanation = jsonb_set(explanation, '{closed,mergeId}', to_jsonb(${mergeId}::bigint))
    where kind = 'customer_overdue' and customer_id = ${keptId}::bigint and acknowledged_by = 'system' and acknowledged_at = now()
      and explanation -> 'closed' ->> 'reason' = 'bought_again' and not (explanation -> 'closed' ? 'mergeId')`.execute(db);
}

/** Marks the kept customer's overdue alerts raised in the merge's transaction (now() is its start) as the merge's. */
async function markAlertsRaisedByMerge(db: Kysely<Database>, keptId: number, mergeId: number): Promise<void> {
  await sql`update alert set explanation = explanation || jsonb_build_object('raisedByMergeId', ${mergeId}::bigint)
    where kind = 'customer_overdue' and customer_id = ${keptId}::bigint and raised_at = now()`.execute(db);
}
