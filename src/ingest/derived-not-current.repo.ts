import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { calendarDayIn } from '../core/clock.js';
import type { OrderCounts } from './write/index.js';

/**
 * The stored RFM scores and predictions an import's orders are not in, each with the store day it
 * was made; null when the import stored no new or changed order, or the store has neither.
 */
export type DerivedNotCurrent = { rfmAnalysedOn: string | null; predictedOn: string | null };

/**
 * Types follow every order (keep-derived-current.ts); RFM scores and predictions are made only by
 * `analyze` and `models predict`, so after an import they describe the store as it was. Predictions
 * are replaced all together (one transaction, one predicted_at), so any row dates them all.
 */
export async function readDerivedNotCurrent(db: Kysely<Database>, orders: OrderCounts | null, timeZone: string): Promise<DerivedNotCurrent | null> {
  if (!orders || orders.inserted + orders.updated === 0) return null;
  const result = await sql<{ analysed_at: Date | null; predicted_at: Date | null }>`
    select
      (select started_at from analysis_run where rfm_scored is not null and exists (select 1 from customer_rfm_score) order by run_id desc limit 1) as analysed_at,
      (select predicted_at from customer_prediction limit 1) as predicted_at`.execute(db);
  const row = result.rows[0];
  const dayOf = (instant: Date | null) => (instant === null ? null : calendarDayIn(new Date(instant), timeZone));
  const made = { rfmAnalysedOn: dayOf(row?.analysed_at ?? null), predictedOn: dayOf(row?.predicted_at ?? null) };
  return made.rfmAnalysedOn === null && made.predictedOn === null ? null : made;
}
