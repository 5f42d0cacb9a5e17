import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { classifyCustomersIncremental, hasOpenOverdueAlert, judgeKeptCustomerOverdueAfterMerge } from '../analytics/index.js';
import { refreshSegmentsForCustomers } from '../segments/index.js';
import { assignPersonas } from '../personas/index.js';
import { derivedStateItems, type DerivedState } from '../ingest/keep-derived-current.js';

type Db = Kysely<Database>;

/**
 * The merged-away customer's rows that no analysis of the merge's day could
 * make again, kept in the merge record while they are no one (stored rows, as
 * to_jsonb wrote them): their prediction (its model run's discount rate and
 * horizons are not stored), their RFM score (ranked against the whole store by
 * the run that made it, `rfmRunId`) and their overdue alerts (raised on the
 * day they became overdue, and perhaps acknowledged by staff since).
 */
export type SetAsideRows = { predictions: unknown[]; rfmScores: unknown[]; rfmRunId: number | null; alerts: unknown[] };

/**
 * Takes the merged-away customer's prediction, RFM score and alerts out of
 * the store, so no report, list or count shows them (GET /api/alerts, the RFM
 * report, churn-risk segments), and returns them for the merge record: undoing
 * the merge puts back those still standing (restoreSetAsideRows).
 */
export async function setAsideMergedCustomerRows(db: Db, mergedId: number): Promise<SetAsideRows> {
  const result = await sql<{ set_aside: SetAsideRows }>`
    select jsonb_build_object(
      'predictions', coalesce((select jsonb_agg(to_jsonb(p)) from customer_prediction p where p.customer_id = ${mergedId}::bigint), '[]'::jsonb),
      'rfmScores', coalesce((select jsonb_agg(to_jsonb(r)) from customer_rfm_score r where r.customer_id = ${mergedId}::bigint), '[]'::jsonb),
      'rfmRunId', (select max(run_id) from analysis_run where rfm_scored is not null),
      'alerts', coalesce((select jsonb_agg(to_jsonb(a) order by a.alert_id) from alert a where a.customer_id = ${mergedId}::bigint), '[]'::jsonb)
    ) as set_aside`.execute(db);
  await db.deleteFrom('customer_prediction').where('customer_id', '=', mergedId).execute();
  await db.deleteFrom('customer_rfm_score').where('customer_id', '=', mergedId).execute();
  await db.deleteFrom('alert').where('customer_id', '=', mergedId).execute();
  const setAside = result.rows[0].set_aside;
  return { ...setAside, rfmRunId: setAside.rfmRunId === null ? null : Number(setAside.rfmRunId) };
}

/**
 * Puts back, for a customer an undo restores, what the merge set aside and is
 * still true of them, before they are judged again: their alerts (their
 * person's history, acknowledgements included; an open one closes at the next
 * analysis if they have bought since, as any overdue customer's does); their
 * prediction while the predictions it belongs to are still the store's (a
 * prediction run since left them out, having no purchases of theirs to go by:
 * the next run predicts them); their RFM score while no analysis has ranked
 * the store since (one that did left them out: the next one scores them).
 * Merges recorded before rows were set aside have none to put back.
 */
export async function restoreSetAsideRows(db: Db, setAside: Partial<SetAsideRows> | undefined): Promise<void> {
  if (!setAside) return;
  const rows = (list: unknown[] | undefined) => JSON.stringify(list ?? []);
  await sql`
    insert into alert select * from jsonb_populate_recordset(null::alert, ${rows(setAside.alerts)}::jsonb)
    on conflict do nothing`.execute(db);
  await sql`
    insert into customer_prediction
    select * from jsonb_populate_recordset(null::customer_prediction, ${rows(setAside.predictions)}::jsonb) p
    where not exists (select 1 from customer_prediction stored where stored.model_fit_id <> p.model_fit_id)
    on conflict do nothing`.execute(db);
  await sql`
    insert into customer_rfm_score
    select * from jsonb_populate_recordset(null::customer_rfm_score, ${rows(setAside.rfmScores)}::jsonb)
    where (select max(run_id) from analysis_run where rfm_scored is not null) is not distinct from ${setAside.rfmRunId ?? null}::bigint
    on conflict do nothing`.execute(db);
}

/**
 * Keeps what is derived per customer current after a merge or its undo, in
 * its transaction and on the same conditions as the ingest path
 * (ingest/keep-derived-current.ts): types once the store has been analysed,
 * segment membership once segments exist, personas once they were discovered.
 * A merged-away customer is no one any more: their type and persona rows go
 * (their prediction, RFM score and alerts were set aside with the merge,
 * setAsideMergedCustomerRows), so reports stop counting them, and their open
 * type spells end at the merge. `current` (kept and restored customers) are
 * reclassified, which raises an overdue alert for a kept customer whom the
 * combined purchases make overdue since the last analysis; after a merge (`merge`) the kept
 * customer's overdue alerts are judged again by the combined purchases
 * (judgeKeptCustomerOverdueAfterMerge).
 */
export async function keepDerivedCurrentAfterMerge(
  db: Db, change: { current: number[]; mergedAway: number[]; at: Date; merge?: { keptId: number; mergeId: number; setAside: SetAsideRows } },
): Promise<void> {
  const result = await sql<DerivedState>`select ${derivedStateItems()}`.execute(db);
  const state = result.rows[0];
  if (!state) return;
  const { current, mergedAway, at } = change;
  if (mergedAway.length > 0) {
    await db.deleteFrom('customer_type').where('customer_id', 'in', mergedAway).execute();
    await db.deleteFrom('customer_persona').where('customer_id', 'in', mergedAway).execute();
    // a spell may have been opened after the merge's time by an analysis as of a later day
    await sql`update customer_type_history set left_at = greatest(entered_at, ${at}::timestamptz)
      where customer_id = any(${mergedAway}::bigint[]) and left_at is null`.execute(db);
  }
  // read before the reclassification, which closes the alert of a customer the merge shows bought again
  const keptHadOpenAlert = state.analysed && change.merge ? await hasOpenOverdueAlert(db, [change.merge.keptId]) : false;
  if (state.analysed && current.length > 0) await classifyCustomersIncremental(db, current, at);
  if (state.analysed && change.merge) {
    const { keptId, mergeId, setAside } = change.merge;
    const mergedAwayHadOpenAlert = (setAside.alerts as Array<{ kind: string; acknowledged_at: string | null }>)
      .some((alert) => alert.kind === 'customer_overdue' && alert.acknowledged_at === null);
    await judgeKeptCustomerOverdueAfterMerge(db, { keptId, mergeId, at, keptHadOpenAlert, mergedAwayHadOpenAlert });
  }
  // the merged-away customer matches no filter any more, so refreshing them records that they left
  if (state.segmented) await refreshSegmentsForCustomers(db, [...current, ...mergedAway], { asOf: at });
  if (state.personas && current.length > 0) await assignPersonas(db, current, { asOf: at, skipProfiles: true });
}
