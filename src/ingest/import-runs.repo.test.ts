import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../db/schema.js';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { BatchOutcome } from './write/index.js';
import type { Reject } from './canonical.js';
import { addBatchToImportRun, finishImportRun, importRunStaleAfterMinutes, listImportRuns, readRejectCounts, startImportRun } from './import-runs.repo.js';
import { holdImportRunSession } from './import-run-session.repo.js';

describeEachStore('import runs', (context) => {
  it('lists a run left running by a process that is gone as interrupted, and a live or finished one as it is', async () => {
    const { db } = context.store;
    const run = (fileName: string) => startImportRun(db, { entity: 'orders', fileName, preset: null, startedBy: 'test' });
    const killed = await run('killed.csv');
    const live = await run('live.csv');
    const done = await run('done.csv');
    const emptyBatch: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, rejects: [], changedCustomerIds: [], createdCustomers: 0 };
    await addBatchToImportRun(db, live, 500, emptyBatch);
    await finishImportRun(db, done, 'completed');
    // the killed run's last batch committed long ago; nothing finished it
    await sql`update import_run set heartbeat_at = now() - make_interval(mins => ${importRunStaleAfterMinutes + 1}::int) where import_id = ${killed}::bigint`.execute(db);

    const runs = await listImportRuns(db);
    const statusOf = (importId: number) => runs.find((row) => row.import_id === importId)?.status;
    expect(statusOf(killed)).toBe('interrupted');
    expect(statusOf(live)).toBe('running');
    expect(statusOf(done)).toBe('completed');
    expect(runs.find((row) => row.import_id === live)?.read_count).toBe(500);
  });

  // a server store's file import holds its run by its session: a process killed by SIGKILL has its
  // session ended by the server (pg_terminate_backend here), and nothing else of it runs
  it.runIf(context.kind === 'server')('reads a run held by its session as running however old its heartbeat, and as interrupted as soon as that session ends', async () => {
    const { db } = context.store;
    const importId = await startImportRun(db, { entity: 'orders', fileName: 'held.csv', preset: null, startedBy: 'test' });
    const open = await startImportRun(db, { entity: 'orders', fileName: 'open.csv', preset: null, startedBy: 'test' });
    // the importing process: connections of its own
    const importing = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool(context.store.pool!.options) }) });
    const release = await holdImportRunSession(importing, importId);
    const statusOf = async (id: number) => (await listImportRuns(db, { importId: id }))[0].status;
    // a batch waiting a long time for a lock: the process is alive
    await sql`update import_run set heartbeat_at = now() - make_interval(mins => ${importRunStaleAfterMinutes + 5}::int) where import_id = ${importId}::bigint`.execute(db);
    expect(await statusOf(importId)).toBe('running');
    await sql`update import_run set heartbeat_at = now() where import_id = ${importId}::bigint`.execute(db);
    const holder = await sql<{ pid: number }>`
      select l.pid from pg_locks l where l.locktype = 'advisory' and l.objsubid = 2 and l.objid = ${importId}::int::oid
        and l.classid = hashtext('clientele import_run ' || current_schema())::oid`.execute(db);
    expect(holder.rows).toHaveLength(1);
    // with a timeout it waits until the session has ended (and dropped its locks), as a dead process's has
    await sql`select pg_terminate_backend(${holder.rows[0].pid}::int, 10000)`.execute(db);
    expect(await statusOf(importId)).toBe('interrupted');
    await release();
    await importing.destroy();
    // an API client's open run is not held: its fresh heartbeat says it is alive
    expect(await statusOf(open)).toBe('running');
  });

  it('counts a run\'s rejected rows per code across its batches, most first, beside the count of all of them', async () => {
    const { db } = context.store;
    const importId = await startImportRun(db, { entity: 'orders', fileName: 'retail.csv', preset: 'uci-online-retail', startedBy: 'test' });
    const other = await startImportRun(db, { entity: 'orders', fileName: 'other.csv', preset: null, startedBy: 'test' });
    const reject = (line: number, code: Reject['code']): Reject => ({ file: 'retail.csv', line, field: 'customer_id', code, params: {}, reason: 'why' });
    const batch = (rejects: Reject[]): BatchOutcome => ({ inserted: 0, updated: 0, unchanged: 0, rejects, changedCustomerIds: [], createdCustomers: 0 });
    await addBatchToImportRun(db, importId, 3, batch([reject(2, 'CUSTOMER_MISSING'), reject(3, 'ORDER_ROWS_DISAGREE'), reject(4, 'CUSTOMER_MISSING')]));
    await addBatchToImportRun(db, importId, 2, batch([]));
    await addBatchToImportRun(db, importId, 2, batch([reject(8, 'CUSTOMER_MISSING'), reject(9, 'AMOUNT_UNREADABLE')]));
    await addBatchToImportRun(db, other, 1, batch([reject(2, 'AMOUNT_UNREADABLE')]));

    expect(await readRejectCounts(db, importId)).toEqual([
      { code: 'CUSTOMER_MISSING', rows: 3 }, { code: 'AMOUNT_UNREADABLE', rows: 1 }, { code: 'ORDER_ROWS_DISAGREE', rows: 1 },
    ]);
    expect((await listImportRuns(db, { importId }))[0].rejected_count).toBe(5);
    expect(await readRejectCounts(db, other)).toEqual([{ code: 'AMOUNT_UNREADABLE', rows: 1 }]);
  });

  it('pages newest first, resuming after a run', async () => {
    const { db } = context.store;
    const ids: number[] = [];
    for (let i = 0; i < 6; i += 1) ids.push(await startImportRun(db, { entity: 'orders', fileName: `orders-${i}.csv`, preset: null, startedBy: 'test' }));
    await finishImportRun(db, ids[1], 'completed');
    await finishImportRun(db, ids[2], 'failed');
    await sql`update import_run set heartbeat_at = now() - make_interval(mins => ${importRunStaleAfterMinutes + 1}::int) where import_id = ${ids[3]}::bigint`.execute(db);

    const after = await listImportRuns(db, { limit: 2, beforeId: ids[4] });
    expect(after).toEqual((await listImportRuns(db)).filter((run) => run.import_id < ids[4]).slice(0, 2));
    expect(after.map((run) => [run.import_id, run.status])).toEqual([[ids[3], 'interrupted'], [ids[2], 'failed']]);
  });
});
