import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ModelFitTable } from './models.tables.js';

/** Recorded model fits, newest first; `beforeId` resumes after the last fit of a page. */
export async function listModelFits(db: Kysely<Database>, options: { limit: number; beforeId?: number }): Promise<Array<Selectable<ModelFitTable>>> {
  let query = db.selectFrom('model_fit').selectAll();
  if (options.beforeId !== undefined) query = query.where('model_fit_id', '<', options.beforeId);
  return query.orderBy('model_fit_id', 'desc').limit(options.limit).execute();
}
