import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { classifyCustomersIncremental } from '../analytics/index.js';

/**
 * Keeps customer types current as orders arrive, in the batch's transaction.
 * Only once a store has been analysed: before that there are no types to keep.
 */
export async function createDerivedUpdater(db: Kysely<Database>) {
  const result = await sql<{ analysed: boolean }>`select exists (select 1 from analysis_run) as analysed`.execute(db);
  const isAnalysed = result.rows[0]?.analysed === true;
  return async (trx: Kysely<Database>, customerIds: number[], asOf: Date): Promise<void> => {
    if (!isAnalysed || customerIds.length === 0) return;
    await classifyCustomersIncremental(trx, customerIds, asOf);
  };
}
