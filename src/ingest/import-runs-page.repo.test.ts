import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { finishImportRun, importRunStaleAfterMinutes, listImportRuns, startImportRun } from './import-runs.repo.js';
import { listImportRunsBefore } from './import-runs-page.repo.js';

describeEachStore('import runs by page', (context) => {
  it('gives the rows of listImportRuns, and resumes after a run', async () => {
    const { db } = context.store;
    const ids: number[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(await startImportRun(db, { entity: 'orders', fileName: `orders-${i}.csv`, preset: null, startedBy: 'test' }));
    await finishImportRun(db, ids[1], 'completed');
    await finishImportRun(db, ids[2], 'failed');
    await sql`update import_run set heartbeat_at = now() - make_interval(mins => ${importRunStaleAfterMinutes + 1}::int) where import_id = ${ids[3]}::bigint`.execute(db);

    expect(await listImportRunsBefore(db, { limit: 50 })).toEqual(await listImportRuns(db, 50));
    const after = await listImportRunsBefore(db, { limit: 2, beforeId: ids[4] });
    expect(after).toEqual((await listImportRuns(db, 50)).filter((run) => run.import_id < ids[4]).slice(0, 2));
    expect(after.map((run) => [run.import_id, run.status])).toEqual([[ids[3], 'interrupted'], [ids[2], 'failed']]);
  });
});
