import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { ImportEntity } from './canonical.js';
import type { BatchOutcome } from './write/index.js';

type Db = Kysely<Database>;

export async function startImportRun(db: Db, run: { entity: ImportEntity; fileName: string | null; preset: string | null; startedBy: string }): Promise<number> {
  const row = await db
    .insertInto('import_run')
    .values({ entity: run.entity, file_name: run.fileName, preset: run.preset, started_by: run.startedBy })
    .returning('import_id')
    .executeTakeFirstOrThrow();
  return row.import_id;
}

/** Adds one batch's counts; runs in the batch's transaction so counts and data commit together. */
export async function addBatchToImportRun(db: Db, importId: number, read: number, outcome: BatchOutcome): Promise<void> {
  await sql`
    update import_run set read_count = read_count + ${read}::int, inserted_count = inserted_count + ${outcome.inserted}::int,
      updated_count = updated_count + ${outcome.updated}::int, unchanged_count = unchanged_count + ${outcome.unchanged}::int,
      rejected_count = rejected_count + ${outcome.rejects.length}::int, heartbeat_at = now()
    where import_id = ${importId}::bigint`.execute(db);
}

export async function finishImportRun(db: Db, importId: number, status: 'completed' | 'failed'): Promise<void> {
  await db.updateTable('import_run').set({ status, finished_at: new Date() }).where('import_id', '=', importId).execute();
}

/**
 * A running run whose batches stopped committing this long ago lost its
 * process (killed, crashed): a 20,000-row batch commits in seconds, so ten
 * minutes without one is no slow batch.
 */
export const importRunStaleAfterMinutes = 10;

export type ImportRunStatus = 'running' | 'completed' | 'failed' | 'interrupted';

/** Recent runs, newest first; a run left running by a process that is gone reads as `interrupted`. */
export async function listImportRuns(db: Db, limit = 50) {
  return db
    .selectFrom('import_run')
    .select(['import_id', 'entity', 'file_name', 'preset', 'read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'rejected_count', 'started_at', 'finished_at', 'started_by'])
    .select(sql<ImportRunStatus>`case when status = 'running' and heartbeat_at < now() - make_interval(mins => ${importRunStaleAfterMinutes}::int) then 'interrupted' else status end`.as('status'))
    .orderBy('import_id', 'desc')
    .limit(limit)
    .execute();
}
