import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import { recomputeTraits } from './traits.repo.js';

export { addEventsToTraits, addLinesToCategories, addOrdersToTraits, addOrdersToTraitsSteps, ensureTraitRows, recomputeTraits } from './traits.repo.js';
export { recomputeAllTraits } from './rebuild.repo.js';
export type { LineKey, OrderKey } from './traits.repo.js';
/** What counts as a purchase and its value, for reports that read orders themselves. */
export { isVerified, netAmount } from './traits.sql.js';
/** Orders and purchase days as of an earlier instant, without what later credit notes gave back. */
export {
  creditedPurchaseDaysAsOf, findLaterCredits, hasLaterCredits, laterCreditedCustomers, laterCreditsOfProbe, ordersAsOf, purchaseDaysAsOf, type LaterCredits,
} from './credits-as-of.sql.js';

/**
 * Recomputes every customer's purchase facts from the orders, lines and events, in one transaction.
 * The facts alone: `clientele rebuild` (ingest/rebuild.service.ts) also brings what derives from them up to date.
 */
export async function rebuildTraits(db: Kysely<Database>): Promise<{ customers: number; seconds: number }> {
  const started = performance.now();
  const { timeZone } = await getStoreSettings(db);
  await db.transaction().execute(async (trx) => recomputeTraits(trx, 'all', timeZone));
  const count = await db.selectFrom('customer_trait').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return { customers: Number(count.count), seconds: (performance.now() - started) / 1000 };
}
