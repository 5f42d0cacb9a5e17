import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeMigrationFromBefore } from '../../test/helpers/migrated-before.js';
import { listImportRuns } from './import-runs.repo.js';

const marksClientRuns = '202612270100_import_run_opened_by_client.sql';

// Runs left running before the migration, as the server's process that is upgraded leaves them: on
// an embedded store their heartbeats are from before the store's start (a process before this one).
// An API client's open run must still take its next batch; a file import's run died with its process.
describeMigrationFromBefore('migration 202612270100: the open runs API clients keep are marked as theirs', marksClientRuns, async (db) => {
  const run = async (startedBy: string, status = 'running', isHeldBySession = false) => (await sql<{ import_id: number }>`
    insert into import_run (entity, file_name, status, started_by, is_held_by_session, heartbeat_at)
    values ('orders', 'orders.csv', ${status}, ${startedBy}, ${isHeldBySession},
      case when version() like '%(PGlite %' then pg_postmaster_start_time() - interval '1 second' else now() end)
    returning import_id`.execute(db)).rows[0].import_id;
  const ids = [
    await run('user:3:ana@shop.example'), await run('api-key:4:shop-sync'), await run('cli:ana'), await run('system:demo'),
    await run('cli:ana', 'running', true), await run('user:3:ana@shop.example', 'completed'),
  ];
  expect(ids.map(Number)).toEqual([1, 2, 3, 4, 5, 6]);
}, (context) => {
  it('marks the running runs a staff member or an API key opened, which stay running; a file import\'s run is not theirs', async () => {
    const rows = await context.store.db.selectFrom('import_run').select(['import_id', 'is_opened_by_client']).orderBy('import_id').execute();
    expect(rows.map((row) => [Number(row.import_id), row.is_opened_by_client])).toEqual([[1, true], [2, true], [3, false], [4, false], [5, false], [6, false]]);
    const statuses = Object.fromEntries((await listImportRuns(context.store.db)).map((run) => [Number(run.import_id), run.status]));
    // a held run's session is gone (no process holds it), so it reads interrupted on both stores
    const fileRun = context.kind === 'embedded' ? 'interrupted' : 'running';
    expect(statuses).toEqual({ 1: 'running', 2: 'running', 3: fileRun, 4: fileRun, 5: 'interrupted', 6: 'completed' });
  });
});
