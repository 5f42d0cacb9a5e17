import { sql, type Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import { recordAudit } from '../auth/audit.js';
import type { Database } from '../db/schema.js';
import { systemClock, type Clock } from '../core/clock.js';
import { refreshAllSegments } from '../segments/index.js';
import { contextAt, loadAnalysisContext, loadMoneyFormat, loadTypePolicy, type AnalysisContext, type AsOfInput, type StoreAnalysisContext } from './analysis-context.js';
import type { VipCutoffs } from './customer-facts.js';
import { customerTypesByPrecedence, isCustomerType } from './customer-types.js';
import { changedThresholds, mergePolicy, parseTypePolicy, type ThresholdChange, type TypePolicy } from './policy.js';
import { countFirstTypes, countTypeChanges, noteTypesBefore, type TypeChangeCount, type TypeMove } from './policy-type-changes.repo.js';
import { requireAsOfNotInFuture } from './as-of-today.js';
import { closeSupersededOverdueAlerts, overdueAlertsStatement, rejudgeOpenOverdueAlerts } from './alerts/overdue-alerts.repo.js';
import { lockTypePolicy, writeTypePolicySetting } from './settings.repo.js';
import { refreshRhythmCache } from './rhythm-cache.repo.js';
import { storeCustomerTypes } from './types-incremental.repo.js';
import { typesAsOf } from './customer-type-upsert.sql.js';
import { typeReason, typesExplanation } from './type-reasons.js';
import { createFactsTable, findLatestAnalysedDay, findLatestAnalysisDay, findTypeHistory, findVipCutoffs, recordAnalysisRun, tuneForAnalysis, type HistoryChange } from './types.repo.js';
import { readStoreSettings } from './settings.repo.js';
import { heldTypes, storeAllCustomerTypes, storeFirstCustomerTypes, updateAllTypeHistory } from './types-store.repo.js';

/** `typeChanges`: who changed type and how, when the run was asked to count them (a policy change's answer). */
export type TypesRunResult = { customers: number; cutoffs: VipCutoffs; history: HistoryChange; overdueAlerts: number; typeChanges?: TypeChangeCount };

// Up to this many customers a batch runs through a plan made once per session
// (planning costs several times the work for a few customers); above it the
// plan is made for the batch at hand, which pays for itself.
const preparedBatchLimit = 500;

/**
 * Whether a run as of `day` raises alerts: not when it looks back before the latest day analysed
 * (alerts say what is happening now, and an old day's would stay open beside today's). The one
 * rule for `analyze` and a policy change, so neither raises what the other would not.
 */
export async function isRaisingAlertsAsOf(db: Kysely<Database>, day: string): Promise<boolean> {
  const latestAnalysedDay = await findLatestAnalysedDay(db);
  return latestAnalysedDay === null || day >= latestAnalysedDay;
}

/**
 * Classifies every customer as of the context's day. Runs inside the caller's
 * transaction and leaves `analysis_fact` behind for RFM to reuse.
 */
export async function classifyAllCustomers(
  db: Kysely<Database>, context: AnalysisContext, options: { raisesAlerts?: boolean; countsTypeChanges?: boolean } = {},
): Promise<TypesRunResult> {
  await tuneForAnalysis(db);
  await createFactsTable(db, { asOf: context.asOf, timezone: context.settings.timezone, policy: context.policy, customerIds: null, prediction: context.prediction });
  const cutoffs = await findVipCutoffs(db, context.policy);
  const classifying = { asOfDay: context.asOf.day, policy: context.policy, cutoffs };
  const first = await storeFirstCustomerTypes(db, classifying, context.asOf.instant);
  let customers: number;
  let history: HistoryChange;
  let typeChanges: TypeChangeCount | undefined;
  if (first) {
    ({ customers, history } = first);
    if (options.countsTypeChanges) typeChanges = await countFirstTypes(db);
  } else {
    customers = await storeAllCustomerTypes(db, classifying, context.asOf.instant);
    // the open spells still are the types held before: kept for the changed customers only, before the history moves on
    if (options.countsTypeChanges) await noteTypesBefore(db, context.asOf.instant);
    history = await updateAllTypeHistory(db, context.asOf.instant);
    if (options.countsTypeChanges) typeChanges = await countTypeChanges(db);
  }
  const counted = typeChanges ? { typeChanges } : {};
  if (options.raisesAlerts === false) return { customers, cutoffs, history, overdueAlerts: 0, ...counted };
  // a lapse keeps one open alert: judged again (a changed policy), it is brought up to date, not raised twice
  await closeSupersededOverdueAlerts(db);
  await rejudgeOpenOverdueAlerts(db, heldTypes, context.policy, context.asOf.day);
  const overdue = await overdueAlertsStatement(heldTypes, context.policy, context.asOf.day).execute(db);
  return { customers, cutoffs, history, overdueAlerts: Number(overdue.numAffectedRows ?? 0), ...counted };
}

/**
 * Keeps the types of the customers in an incoming order batch current. VIP is
 * judged against the cut-offs of the last full analysis (ranking a whole store
 * per batch would cost far more than an order); the next full run re-ranks.
 * The batch judges by the policy that analysis recorded with them, read in the
 * same statement (latestRunPolicy): cut-offs found under one policy are never
 * measured against another's share, and the policy lock keeps it the one in force.
 * `store` is the store's analysis context when the caller read it already
 * (the ingest path reads it with what it reads before a batch); otherwise it
 * is read in the batch's transaction.
 */
export async function classifyCustomersIncremental(
  db: Kysely<Database>, customerIds: readonly number[], asOf?: AsOfInput, options: { store?: StoreAnalysisContext } = {},
): Promise<{ customers: number; history: HistoryChange }> {
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return { customers: 0, history: { entered: 0, left: 0 } };
  // a batch's types, history and alerts are written together or not at all
  if (!db.isTransaction) return db.transaction().execute((transaction) => classifyCustomersIncremental(transaction, ids, asOf, options));
  const context = options.store ? await contextAt(db, options.store, asOf) : await loadAnalysisContext(db, asOf);
  const policy = context.latestRunPolicy;
  return storeCustomerTypes(
    db,
    { asOf: context.asOf, timezone: context.settings.timezone, policy, customerIds: ids, prediction: context.prediction },
    { asOfDay: context.asOf.day, policy, cutoffs: context.latestCutoffs },
    { prepared: ids.length <= preparedBatchLimit },
  );
}

/**
 * Stores a policy change without reclassifying anyone: for a store about to
 * have its first analysis (a data set loaded with the policy that suits it).
 * Merged under the policy lock, as setTypePolicy merges.
 */
export async function presetTypePolicy(db: Kysely<Database>, change: unknown): Promise<TypePolicy> {
  if (!db.isTransaction) return db.transaction().execute((transaction) => presetTypePolicy(transaction, change));
  await lockTypePolicy(db);
  const policy = parseTypePolicy(mergePolicy(await loadTypePolicy(db), change));
  await writeTypePolicySetting(db, policy);
  return policy;
}

export async function getTypePolicy(db: Kysely<Database>): Promise<TypePolicy> {
  return loadTypePolicy(db);
}

/**
 * A policy change's answer: `reclassified` everyone classified again; `typesChanged` the customers whose
 * set of types is not what it was, and `typeChanges` per type how many took it and gave it up.
 */
export type PolicyChangeResult = { policy: TypePolicy; reclassified: number; typesChanged: number; typeChanges: TypeMove[]; asOf: string };

/** What `analytics.policy.update` records: each threshold whose value changed, by path. */
export type PolicyAuditDetail = { thresholds: Record<string, ThresholdChange> };

/**
 * Validates a (partial) change against the whole policy, stores it and
 * reclassifies everyone, so types never disagree with the policy in force;
 * segments on types are recomputed in the same transaction, judged on the
 * day the types are (`clock`: the now a stamp of today's run stops at).
 * Everyone is reclassified as of `asOf` when given, else as of the day of the
 * latest analysis, so the types stay on the day RFM and the alerts were judged
 * on; `defaultAsOf` (else now) only when the store was never analysed. Written to the audit
 * log as `analytics.policy.update` by `actor` (else `system`), in the change's transaction, with
 * each threshold that changed (a save changing none is still a reclassification, but no entry).
 */
export async function setTypePolicy(
  db: Kysely<Database>, change: unknown, options: { actor?: string; asOf?: AsOfInput; defaultAsOf?: AsOfInput; clock?: Clock } = {},
): Promise<PolicyChangeResult> {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    throw new AppError('ANALYTICS_POLICY_INVALID', 'The type policy must be a JSON object, e.g. {"vip": {"topPercent": 3}}.', { field: 'policy' });
  }
  // a bad threshold is refused before any work; merged again under the lock
  const planned = parseTypePolicy(mergePolicy(await loadTypePolicy(db), change));
  const plannedAsOf = options.asOf ?? (await findLatestAnalysisDay(db)) ?? options.defaultAsOf;
  const plannedContext = await loadAnalysisContext(db, plannedAsOf, options.clock);
  // a reclassification is an analysis: not as of a day still to come (the latest analysis's day never is)
  if (options.asOf !== undefined) requireAsOfNotInFuture(plannedContext.asOf.day, (options.clock ?? systemClock).now(), plannedContext.settings.timezone, { remedy: 'Reclassify as of today or an earlier day.' });
  // a new period or window length remakes the rhythm cache, before the reclassification reads it
  // (made for another policy or day, it only spares less work: the run checks every row against its own)
  await refreshRhythmCache(db, planned, plannedContext.asOf.day);
  return db.transaction().execute(async (transaction) => {
    // read again under the lock, which no other change or analysis commits past: merged over the policy read before it,
    // a change another process committed meanwhile would be undone while its audit entry stands
    await lockTypePolicy(transaction);
    const before = await loadTypePolicy(transaction);
    const policy = parseTypePolicy(mergePolicy(before, change));
    const thresholds = changedThresholds(before, policy);
    await writeTypePolicySetting(transaction, policy);
    const asOf = options.asOf ?? (await findLatestAnalysisDay(transaction)) ?? options.defaultAsOf;
    const context = await loadAnalysisContext(transaction, asOf, options.clock);
    const startedAt = new Date();
    // as analyze: a look back raises no alerts (and is then no later run's previous one)
    const raisesAlerts = await isRaisingAlertsAsOf(transaction, context.asOf.day);
    const result = await classifyAllCustomers(transaction, context, { raisesAlerts, countsTypeChanges: true });
    const counts = { customers: result.customers, reason: 'policy changed', typeChanges: result.history, customerOverdue: result.overdueAlerts, raisesAlerts };
    await recordAnalysisRun(transaction, { asOf: context.asOf, policy, cutoffs: result.cutoffs, counts, startedAt });
    await refreshAllSegments(transaction, { clock: options.clock ?? systemClock, analysisDayEnd: context.asOf.instant });
    // the API and the CLI leave the same entry: each threshold that really changed, from → to; a save that changes none leaves none
    if (Object.keys(thresholds).length > 0) {
      await recordAudit(transaction, { actor: options.actor ?? 'system', action: 'analytics.policy.update', entity: 'store', entityId: 'type_policy', detail: { thresholds } satisfies PolicyAuditDetail });
    }
    const moved = result.typeChanges ?? { customers: 0, byType: [] };
    return { policy, reclassified: result.customers, typesChanged: moved.customers, typeChanges: moved.byType, asOf: context.asOf.day };
  });
}

/** `explanation` is made on read from the numbers, in the store's money format (type-reasons.ts). */
export type CustomerTypeRow = { customerId: number; types: string[]; primaryType: string; explanation: string; numbers: unknown; asOf: string };

export async function listCustomersByType(db: Kysely<Database>, type: string, options: { limit?: number; offset?: number } = {}): Promise<{ type: string; total: number; customers: CustomerTypeRow[] }> {
  if (!isCustomerType(type)) {
    throw new AppError('ANALYTICS_TYPE_UNKNOWN', `Unknown customer type "${type}". Known types: ${customerTypesByPrecedence.join(', ')}.`, { field: 'type' });
  }
  const limit = Math.min(Math.max(options.limit ?? 100, 1), 1000);
  const offset = Math.max(options.offset ?? 0, 0);
  const [rows, total, money] = await Promise.all([
    sql<{ customer_id: number; types: string[]; primary_type: string; numbers: unknown; as_of: Date }>`
      select customer_id, types, primary_type, numbers, ${typesAsOf(sql`as_of`)} as as_of from customer_type
      where ${type}::text = any(types) order by customer_id limit ${limit}::int offset ${offset}::int`.execute(db),
    sql<{ count: number }>`select count(*)::int as count from customer_type where ${type}::text = any(types)`.execute(db),
    loadMoneyFormat(db),
  ]);
  return {
    type,
    total: total.rows[0].count,
    customers: rows.rows.map((row) => ({
      customerId: Number(row.customer_id), types: row.types, primaryType: row.primary_type, explanation: typesExplanation(row.types, row.numbers, money),
      numbers: row.numbers, asOf: new Date(row.as_of).toISOString(),
    })),
  };
}

/**
 * A spell of a type. `sinceHistoryStart`: it begins the customer's type history (entered by the
 * store's first analysis, or by their first typing when they were known before it,
 * type-history-start.sql.ts): the type was held already then, not taken.
 */
export type TypeTimelineEntry = {
  type: string; enteredAt: string; leftAt: string | null; reason: string; numbers: unknown; sinceHistoryStart: boolean;
  /** When the customer was checked last before a change whose day is not known, only seen at enteredAt (leftAt); null when the rule dates it. */
  enteredCheckedLastAt: string | null; leftCheckedLastAt: string | null;
};

export async function customerTypeTimeline(db: Kysely<Database>, customerId: number): Promise<{ customerId: number; current: CustomerTypeRow | null; timeline: TypeTimelineEntry[] }> {
  const [current, history, money] = await Promise.all([
    sql<{ types: string[]; primary_type: string; numbers: unknown; as_of: Date }>`
      select types, primary_type, numbers, ${typesAsOf(sql`as_of`)} as as_of from customer_type where customer_id = ${customerId}::bigint`.execute(db),
    readStoreSettings(db).then(({ timezone }) => findTypeHistory(db, customerId, timezone)),
    loadMoneyFormat(db),
  ]);
  const row = current.rows[0];
  if (!row && history.length === 0) {
    throw new AppError('ANALYTICS_CUSTOMER_NOT_FOUND', `Customer ${customerId} has no types yet; run an analysis first (clientele analyze, or POST /api/analytics/analyze).`, { field: 'customerId' });
  }
  return {
    customerId,
    current: row ? { customerId, types: row.types, primaryType: row.primary_type, explanation: typesExplanation(row.types, row.numbers, money), numbers: row.numbers, asOf: new Date(row.as_of).toISOString() } : null,
    timeline: history.map((entry) => ({
      type: entry.type, enteredAt: new Date(entry.entered_at).toISOString(), leftAt: entry.left_at ? new Date(entry.left_at).toISOString() : null,
      reason: typeReason(entry.type, entry.numbers, money), numbers: entry.numbers, sinceHistoryStart: entry.since_history_start,
      enteredCheckedLastAt: isoOrNull(entry.entered_checked_last_at), leftCheckedLastAt: isoOrNull(entry.left_checked_last_at),
    })),
  };
}

function isoOrNull(at: Date | null): string | null {
  return at ? new Date(at).toISOString() : null;
}
