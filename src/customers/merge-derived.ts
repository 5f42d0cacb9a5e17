import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { classifyCustomersIncremental } from '../analytics/index.js';
import { refreshSegmentsForCustomers } from '../segments/index.js';
import { assignPersonas } from '../personas/index.js';
import { derivedStateItems, type DerivedState } from '../ingest/keep-derived-current.js';

type Db = Kysely<Database>;

/**
 * Keeps what is derived per customer current after a merge or its undo, in
 * its transaction and on the same conditions as the ingest path
 * (ingest/keep-derived-current.ts): types once the store has been analysed,
 * segment membership once segments exist, personas once they were discovered.
 * A merged-away customer is no one any more: their type, RFM score and
 * persona rows go, so reports stop counting them, and their open type spells
 * end at the merge. `current` (kept and restored customers) are reclassified.
 */
export async function keepDerivedCurrentAfterMerge(db: Db, change: { current: number[]; mergedAway: number[]; at: Date }): Promise<void> {
  const result = await sql<DerivedState>`select ${derivedStateItems()}`.execute(db);
  const state = result.rows[0];
  if (!state) return;
  const { current, mergedAway, at } = change;
  if (mergedAway.length > 0) {
    await db.deleteFrom('customer_type').where('customer_id', 'in', mergedAway).execute();
    await db.deleteFrom('customer_rfm_score').where('customer_id', 'in', mergedAway).execute();
    await db.deleteFrom('customer_persona').where('customer_id', 'in', mergedAway).execute();
    // a spell may have been opened after the merge's time by an analysis as of a later day
    await sql`update customer_type_history set left_at = greatest(entered_at, ${at}::timestamptz)
      where customer_id = any(${mergedAway}::bigint[]) and left_at is null`.execute(db);
  }
  if (state.analysed && current.length > 0) await classifyCustomersIncremental(db, current, at);
  // the merged-away customer matches no filter any more, so refreshing them records that they left
  if (state.segmented) await refreshSegmentsForCustomers(db, [...current, ...mergedAway], { asOf: at });
  if (state.personas && current.length > 0) await assignPersonas(db, current, { asOf: at, skipProfiles: true });
}
