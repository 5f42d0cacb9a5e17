import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { classifyCustomersIncremental } from '../analytics/index.js';
import { refreshSegmentsForCustomers } from '../segments/index.js';
import { assignPersonas } from '../personas/index.js';

/**
 * Keeps what is derived per customer current as orders arrive, in the batch's
 * transaction: types (once a store has been analysed), segment membership (once
 * segments exist) and persona assignment (once personas were discovered).
 */
export async function createDerivedUpdater(db: Kysely<Database>) {
  const result = await sql<{ analysed: boolean; segmented: boolean; personas: boolean }>`
    select exists (select 1 from analysis_run) as analysed, exists (select 1 from segment) as segmented,
      exists (select 1 from persona_model where is_current) as personas`.execute(db);
  const state = result.rows[0] ?? { analysed: false, segmented: false, personas: false };
  return async (trx: Kysely<Database>, customerIds: number[], asOf: Date): Promise<void> => {
    if (customerIds.length === 0) return;
    if (state.analysed) await classifyCustomersIncremental(trx, customerIds, asOf);
    if (state.segmented) await refreshSegmentsForCustomers(trx, customerIds, { asOf });
    if (state.personas) await assignPersonas(trx, customerIds, { asOf, skipProfiles: true });
  };
}
