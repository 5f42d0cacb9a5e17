import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import { recomputeAllTraits } from '../traits/index.js';
import { reapplyCredits } from '../orders/index.js';
import { createDerivedUpdater } from './keep-derived-current.js';
import { lockCustomerMerges } from '../customers/customers.service.js';

export type RebuildResult = {
  /** Customers with purchase facts after the rebuild. */
  customers: number;
  /** Of them, those whose facts came out different, and whose types, segment membership and personas were brought up to date. */
  changedCustomers: number;
  seconds: number;
};

/**
 * `clientele rebuild`: applies credit notes again to the sales they reduce, and recomputes every
 * customer's purchase facts from the orders, lines and events and, in the same transaction, keeps what derives
 * from them current for the customers whose facts changed, exactly as an
 * import batch does for the customers it changed (keep-derived-current.ts):
 * types once the store has been analysed, segment membership, personas, at
 * the store's now. The store then holds what imports would have kept current
 * had the facts never gone wrong; a killed rebuild leaves facts and what
 * derives from them as they were.
 */
export async function rebuildFacts(db: Kysely<Database>, options: { clock: Clock }): Promise<RebuildResult> {
  const started = performance.now();
  const settings = await getStoreSettings(db);
  const keepDerivedCurrent = await createDerivedUpdater(db, { clock: options.clock, settings });
  return db.transaction().execute(async (trx) => {
    // a merge or an import batch moving or adding orders meanwhile would be recomputed half
    await lockCustomerMerges(trx);
    // credit notes are applied again from what each sale's source stated, before the facts read the sales
    await reapplyCredits(trx, 'all');
    const changed = await recomputeAllTraits(trx, settings.timeZone);
    await keepDerivedCurrent(trx, changed);
    const count = await trx.selectFrom('customer_trait').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
    return { customers: Number(count.count), changedCustomers: changed.length, seconds: (performance.now() - started) / 1000 };
  });
}
