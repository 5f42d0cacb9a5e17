import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { namedStatement } from '../db/prepared-statement.js';
import { classifyCustomersIncremental, storeAnalysisContextFrom, storeAnalysisContextItem, type StoreAnalysisContext } from '../analytics/index.js';
import { refreshSegmentsForCustomers } from '../segments/index.js';
import { assignPersonas } from '../personas/index.js';
import { storeNowOf, type StoreSettings } from '../settings/index.js';
import type { Clock } from '../core/clock.js';

/**
 * Keeps what is derived per customer current as orders arrive, in the batch's
 * transaction: types (once a store has been analysed), segment membership (once
 * segments exist) and persona assignment (once personas were discovered).
 *
 * What the store holds is read once, before the first batch, with the store's
 * analysis settings in the same round trip: a request that ingests one order
 * then pays for its types one statement and no read of its own. Later batches
 * (a file import's) read the settings again in their own transaction, so a
 * policy changed or a full analysis run during a long import is picked up.
 *
 * Each batch is judged at the store's now (a loaded data set's end, else the
 * clock's now), as segment refreshes, merges and reports are: "bought within 30
 * days" means the same after an import as after `clientele segments refresh`.
 */
export async function createDerivedUpdater(db: Kysely<Database>, options: { clock: Clock; settings: Pick<StoreSettings, 'dataAsOf'> }) {
  const result = await namedStatement(sql<DerivedState & { analysis: unknown }>`
    select ${derivedStateItems()}, ${storeAnalysisContextItem()} as analysis`).execute(db);
  const row = result.rows[0];
  const state = { analysed: row?.analysed ?? false, segmented: row?.segmented ?? false, personas: row?.personas ?? false };
  let unusedStore: StoreAnalysisContext | undefined = state.analysed ? storeAnalysisContextFrom(row.analysis) : undefined;
  return async (trx: Kysely<Database>, customerIds: number[]): Promise<void> => {
    // only the first batch, changed customers or not: a re-run import's first changes may come minutes later
    const store = unusedStore;
    unusedStore = undefined;
    if (customerIds.length === 0) return;
    const asOf = storeNowOf(options.settings, options.clock.now());
    if (state.analysed) await classifyCustomersIncremental(trx, customerIds, asOf, { store });
    if (state.segmented) await refreshSegmentsForCustomers(trx, customerIds, { asOf });
    if (state.personas) await assignPersonas(trx, customerIds, { asOf, skipProfiles: true });
  };
}

/** Which derived state a store keeps per customer (see createDerivedUpdater). */
export type DerivedState = { analysed: boolean; segmented: boolean; personas: boolean };

/**
 * Select-list items reading DerivedState: types once the store has been
 * analysed, segment membership once segments exist, personas once they were
 * discovered. Merges and their undo keep the same state on the same conditions.
 */
export function derivedStateItems(): RawBuilder<unknown> {
  return sql`exists (select 1 from analysis_run) as analysed, exists (select 1 from segment) as segmented,
    exists (select 1 from persona_model where is_current) as personas`;
}
