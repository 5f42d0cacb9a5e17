import type { CustomerPrediction } from '../../api/analytics-types.js';
import type { CustomerRfm, TimelineEntry } from '../../api/types.js';

/**
 * What has happened to a customer since their prediction was made, newest first: a merge (or its
 * undo) changes whose purchases are theirs, and orders after the day it describes are purchases it
 * never saw. Null when the prediction is still about the customer as they are.
 */
export type PredictionStaleness =
  | MergeChange
  | { reason: 'orders'; at: string; count: number }
  | { reason: 'recorded'; count: number }
  | null;

/**
 * Whether the prediction card's figures predate what the profile shows. A merge made after the
 * prediction (`predictedAt`) and still standing counts; so does the undo, since, of a merge made
 * before it. A merge and its undo both since leave the customer as predicted (the kept customer's
 * prediction is never replaced by a merge, only by the next prediction run, `models predict`). Orders are compared with the day the prediction describes, as the
 * timeline places its "prediction" entry (the end of its as-of day); without that entry, with
 * the end of `asOf` in UTC. Before those, the server's count of orders recorded or changed after
 * `predictedAt` (`recordedSince`, GET /api/customers/{id}): an order dated before the as-of day
 * but imported after the prediction (a late export, a refund) is missing from it too, and no date
 * in the timeline shows that.
 */
export function predictionStaleness(
  prediction: Pick<CustomerPrediction, 'asOf' | 'predictedAt'>, entries: readonly TimelineEntry[], customerId: number, recordedSince: number | null = null,
): PredictionStaleness {
  if (Number.isNaN(Date.parse(prediction.predictedAt))) return null;
  const merge = mergeChangeSince(prediction.predictedAt, entries, customerId);
  if (merge) return merge;
  if (recordedSince !== null && recordedSince > 0) return { reason: 'recorded', count: recordedSince };
  const placed = entries.find((entry) => entry.kind === 'prediction');
  const describedUntil = placed ? Date.parse(placed.at) : Date.parse(`${prediction.asOf}T23:59:59.999Z`);
  const later = entries.filter((entry) => entry.kind === 'order' && Date.parse(entry.at) > describedUntil);
  if (later.length === 0) return null;
  const latest = later.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
  return { reason: 'orders', at: latest.at, count: later.length };
}

/** A merge, or the undo of one, that changed whose purchases are the customer's. */
export type MergeChange = { reason: 'merge' | 'mergeUndone'; at: string; otherCustomerId: number | null };

/**
 * The latest change a merge made to whose purchases are the customer's since `madeAt` (when a
 * prediction or an RFM score was made from them), by the timeline's merge entries: a merge made
 * since and still standing brought purchases it does not count; the undo, since, of a merge made
 * before it took away purchases it still counts. A merge and its undo both since leave the
 * customer as they were. Null when there is none, or `madeAt` is no time.
 */
export function mergeChangeSince(madeAt: string, entries: readonly TimelineEntry[], customerId: number): MergeChange | null {
  const made = Date.parse(madeAt);
  if (Number.isNaN(made)) return null;
  const changes: MergeChange[] = [];
  for (const entry of entries) {
    if (entry.kind !== 'merge') continue;
    const mergedAt = Date.parse(entry.at);
    const undoneAt = typeof entry.detail.undoneAt === 'string' ? Date.parse(entry.detail.undoneAt) : null;
    const other = otherCustomerOf(entry, customerId);
    if (mergedAt > made && undoneAt === null) changes.push({ reason: 'merge', at: entry.at, otherCustomerId: other });
    else if (mergedAt <= made && undoneAt !== null && undoneAt > made) changes.push({ reason: 'mergeUndone', at: String(entry.detail.undoneAt), otherCustomerId: other });
  }
  if (changes.length === 0) return null;
  return changes.reduce((a, b) => (Date.parse(b.at) > Date.parse(a.at) ? b : a));
}

/** What has happened to a customer since their RFM score was made: a merge (or its undo) first, then orders recorded since (counted by the server). */
export type RfmStaleness = MergeChange | { reason: 'recorded'; count: number } | null;

/**
 * Whether the RFM card's score predates what the profile shows, as the prediction card judges
 * its figures (mergeChangeSince): RFM is made only by the analysis (`clientele analyze`), never
 * by a merge, so a merge since leaves the score without the purchases it brought. Otherwise the
 * server's count of orders recorded, changed or moved in by a merge after the analysis.
 */
export function rfmStaleness(rfm: Pick<CustomerRfm, 'analysed_at' | 'orders_recorded_since'>, entries: readonly TimelineEntry[], customerId: number): RfmStaleness {
  const merge = mergeChangeSince(rfm.analysed_at, entries, customerId);
  if (merge) return merge;
  return rfm.orders_recorded_since > 0 ? { reason: 'recorded', count: rfm.orders_recorded_since } : null;
}

function otherCustomerOf(entry: TimelineEntry, customerId: number): number | null {
  const kept = Number(entry.detail.keptCustomerId);
  const merged = Number(entry.detail.mergedCustomerId);
  const other = kept === customerId ? merged : kept;
  return Number.isSafeInteger(other) ? other : null;
}
