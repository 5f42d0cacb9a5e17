import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { importRunStaleAfterMinutes, type ImportRunStatus, type listImportRuns } from './import-runs.repo.js';

/**
 * Import runs newest first, resumable after the last run of a page
 * (`beforeId`), for the API's cursor pages: the rows of listImportRuns, which
 * has no place to resume from (import-runs-page.repo.test.ts holds the two to
 * the same answer).
 */
export async function listImportRunsBefore(db: Kysely<Database>, options: { limit: number; beforeId?: number }): ReturnType<typeof listImportRuns> {
  let query = db
    .selectFrom('import_run')
    .select(['import_id', 'entity', 'file_name', 'preset', 'read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'rejected_count', 'started_at', 'finished_at', 'started_by'])
    .select(sql<ImportRunStatus>`case when status = 'running' and heartbeat_at < now() - make_interval(mins => ${importRunStaleAfterMinutes}::int) then 'interrupted' else status end`.as('status'));
  if (options.beforeId !== undefined) query = query.where('import_id', '<', options.beforeId);
  return query.orderBy('import_id', 'desc').limit(options.limit).execute();
}
