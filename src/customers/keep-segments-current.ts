import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import { assignPersonas } from '../personas/index.js';
import { refreshSegmentsForCustomers } from '../segments/index.js';
import { getStoreSettings, storeNow } from '../settings/index.js';
import { createDerivedUpdater } from '../ingest/keep-derived-current.js';

/**
 * After creating customers: what an import of the same customers would keep
 * current in its batch (ingest/keep-derived-current.ts), on the same
 * conditions and at the same store now: their types once the store has been
 * analysed (a lead, as a full analysis would call them, with a spell in the
 * type history from now, so type lists and counts include them at once),
 * their segments, and their persona once personas were discovered.
 */
export async function keepNewCustomersDerivedCurrent(trx: Kysely<Database>, customerIds: number[], clock: Clock): Promise<void> {
  const keepDerivedCurrent = await createDerivedUpdater(trx, { clock, settings: await getStoreSettings(trx) });
  await keepDerivedCurrent(trx, customerIds);
}

/**
 * Reconsiders the customers a profile write changed (update, consent,
 * identity removal, deletion) in every segment, in the write's transaction:
 * filters read profile fields, and a segment exported for an email campaign
 * must lose a customer the moment they withdraw consent, not at the next full
 * refresh. A deleted customer matches no filter, so they leave and the count
 * follows. Judged at the store's now, as merges and full refreshes are.
 */
export async function keepSegmentsCurrent(trx: Kysely<Database>, customerIds: number[], clock: Clock): Promise<void> {
  await refreshSegmentsForCustomers(trx, customerIds, { asOf: await storeNow(trx, clock) });
}

/**
 * After an edit of existing customers' profiles: their segments, as above, and
 * their persona, which is placed by profile fields (age, income band, city,
 * kind) and held only with consent to profiling, so a withdrawal removes the
 * assignment in the same transaction rather than at the next order or full
 * assignment. Nothing to do before personas were discovered (one read).
 * Customer types need nothing: no type rule reads a profile field.
 */
export async function keepProfileDerivedCurrent(trx: Kysely<Database>, customerIds: number[], clock: Clock): Promise<void> {
  const asOf = await storeNow(trx, clock);
  await refreshSegmentsForCustomers(trx, customerIds, { asOf });
  await assignPersonas(trx, customerIds, { asOf, skipProfiles: true });
}
