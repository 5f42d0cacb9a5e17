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
      rejected_count = rejected_count + ${outcome.rejects.length}::int
    where import_id = ${importId}::bigint`.execute(db);
}

export async function finishImportRun(db: Db, importId: number, status: 'completed' | 'failed'): Promise<void> {
  await db.updateTable('import_run').set({ status, finished_at: new Date() }).where('import_id', '=', importId).execute();
}

export async function listImportRuns(db: Db, limit = 50) {
  return db.selectFrom('import_run').selectAll().orderBy('import_id', 'desc').limit(limit).execute();
}
