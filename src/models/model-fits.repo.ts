import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ModelFitTable } from './models.tables.js';

/** A recorded fit as listed: its calibration end is the calendar day it is, YYYY-MM-DD. */
export type ListedModelFit = Omit<Selectable<ModelFitTable>, 'calibration_end'> & { calibration_end: string };

/**
 * Recorded model fits, newest first; `beforeId` resumes after the last fit of a page. The
 * calibration end is written in SQL as YYYY-MM-DD: read as a Date, a day is an instant at
 * midnight UTC, which a client west of UTC reads as the day before.
 */
export async function listModelFits(db: Kysely<Database>, options: { limit: number; beforeId?: number }): Promise<ListedModelFit[]> {
  let query = db.selectFrom('model_fit').select([
    'model_fit_id', 'model', 'unit', sql<string>`to_char(calibration_end, 'YYYY-MM-DD')`.as('calibration_end'), 'params', 'penalty',
    'log_likelihood', 'converged', 'iterations', 'gradient_norm', 'bic', 'customers', 'fitted_at', 'is_predicting',
  ]);
  if (options.beforeId !== undefined) query = query.where('model_fit_id', '<', options.beforeId);
  return query.orderBy('model_fit_id', 'desc').limit(options.limit).execute();
}
