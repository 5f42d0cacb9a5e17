import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import { recomputeTraits } from '../traits/index.js';

type Db = Kysely<Database>;

/**
 * Everything stored per customer that goes with them. Facts first, then what
 * was derived from them; a new table with a customer id belongs here, or in
 * the deletion test's allow-list with the reason it stays
 * (delete-customer.test.ts checks every such column).
 *
 * customer_trait goes while the customer row still exists: its trigger takes
 * them out of the store's first-seen sums by joining it. Purchase days' own
 * trigger takes them out of the store's daily sums and forgets their rhythm.
 */
const perCustomerTables = [
  'order_line', 'order_credit', 'customer_order', 'interest_event', 'customer_identity', 'customer_purchase_day', 'customer_category', 'customer_trait',
  'customer_rhythm', 'customer_type', 'customer_type_history', 'customer_rfm_score', 'customer_persona', 'customer_prediction',
  // per-customer alerts (overdue); store-wide ones have no customer
  'alert',
  // a customer file still importing would otherwise take a later row naming them for a duplicate of a deleted person
  'import_seen_ref', 'import_given',
] as const;

/**
 * Deletes the customers' facts and every row derived from them, except the
 * customer rows themselves and segment membership (see deleteSegmentHistory).
 * Orders they received as gifts stay with their buyers, without a recipient.
 * Gifts they bought go with them, and with them their recipients' first sign
 * of interest: those recipients' facts are recomputed, and returned so what
 * derives from them can follow.
 */
export async function deleteCustomerRows(db: Db, customerIds: number[]): Promise<number[]> {
  const giftedTo = await db.selectFrom('customer_order').select('recipient_customer_id').distinct()
    .where('customer_id', 'in', customerIds).where('recipient_customer_id', 'is not', null).where('recipient_customer_id', 'not in', customerIds).execute();
  for (const table of perCustomerTables) {
    await db.deleteFrom(table).where('customer_id', 'in', customerIds).execute();
  }
  await db.updateTable('customer_order').set({ recipient_customer_id: null }).where('recipient_customer_id', 'in', customerIds).execute();
  await forgetMergedFacts(db, customerIds);
  const recipients = giftedTo.map((row) => Number(row.recipient_customer_id));
  if (recipients.length > 0) await recomputeTraits(db, recipients, (await getStoreSettings(db)).timeZone);
  return recipients;
}

/**
 * A merge the customers took part in stays on record (who merged whom, when,
 * by whom: a live customer's timeline names it, and an undo explains that the
 * kept customer was deleted), but what it moved was theirs: the identities,
 * the ids of their orders and events, and a profile as it was. That goes, as
 * do the later arrivals noted for undoing it, which can no longer happen.
 */
async function forgetMergedFacts(db: Db, customerIds: number[]): Promise<void> {
  const merges = await db.updateTable('customer_merge')
    .set({ moved: JSON.stringify({ identities: [], orderIds: [], eventIds: [], recipientOrderKeys: [], keptBefore: {} }) })
    .where((eb) => eb.or([eb('kept_customer_id', 'in', customerIds), eb('merged_customer_id', 'in', customerIds)]))
    .returning('merge_id').execute();
  const mergeIds = merges.map((merge) => merge.merge_id);
  if (mergeIds.length === 0) return;
  for (const table of ['customer_merge_order', 'customer_merge_event', 'customer_merge_gift'] as const) {
    await db.deleteFrom(table).where('merge_id', 'in', mergeIds).execute();
  }
}

/**
 * Their entries and exits in segment histories: a deleted person is no one
 * who ever entered a segment. Call after segments were refreshed for them,
 * which records their leaving and lowers each count.
 */
export async function deleteSegmentHistory(db: Db, customerIds: number[]): Promise<void> {
  await db.deleteFrom('segment_membership_event').where('customer_id', 'in', customerIds).execute();
}
