import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { createScratchSchema } from '../db/scratch-schema.js';
import { buildApp } from '../server/app.js';
import { systemClock } from '../core/clock.js';
import { startCli } from '../../test/helpers/cli.js';
import { createTestApiKey } from '../../test/helpers/auth.js';
import { testSharedBuffers, testStoreKinds } from '../../test/helpers/stores.js';
import { listImportRuns } from './import-runs.repo.js';
import { joinOpenRun } from './open-import-runs.service.js';

// The server's process restarting (a crash, kill -9, a redeploy) while a web app or API client sent
// a file's batches made the client's next batch, seconds later, a 409 "interrupted (no batch for
// ten minutes)" on an embedded store: a run from before the store's start was taken for a dead
// process's. An open run is kept by its client, whose batches are separate requests; only a file
// import's run dies with its process, and that one must still read interrupted at once.
const workDir = mkdtempSync(join(tmpdir(), 'clientele-open-run-restart-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const scratches: Array<{ drop: () => Promise<void> }> = [];
const ordersFile = join(workDir, 'orders.csv');

beforeAll(() => {
  const rows = Array.from({ length: 4000 }, (_, index) => `F${index},f${index % 700}@example.com,2024-06-01T10:00:00Z,${10 + (index % 50)}`);
  writeFileSync(ordersFile, ['order_id,customer_email,ordered_at,amount', ...rows].join('\n') + '\n');
});

afterAll(async () => {
  for (const scratch of scratches) await scratch.drop();
  rmSync(workDir, { recursive: true, force: true });
});

/** A migrated store no process has open: a folder, or a scratch schema on the server. */
async function newTarget(kind: string): Promise<string> {
  let target = mkdtempSync(join(workDir, 'store-'));
  if (kind === 'server') {
    const scratch = await createScratchSchema(serverUrl!, 'restart');
    scratches.push(scratch);
    target = scratch.url;
  }
  const store = await openStore(target, { embeddedSharedBuffers: testSharedBuffers });
  await migrate(store);
  await store.close();
  return target;
}

/** One life of the server's process: the store opened and the app built on it, as `clientele serve` does. */
async function startServer(target: string): Promise<{ store: Store; app: FastifyInstance; stop: () => Promise<void> }> {
  const store = await openStore(target, { embeddedSharedBuffers: testSharedBuffers });
  const app = await buildApp({ store, config: { isBehindTls: false }, clock: systemClock });
  return { store, app, stop: async () => { await app.close(); await store.close(); } };
}

const storeStart = async (store: Store) => (await sql<{ started: Date }>`select pg_postmaster_start_time() as started`.execute(store.db)).rows[0].started;
const statusOf = async (store: Store, importId: number) => (await listImportRuns(store.db, { importId }))[0]?.status;
const order = (id: string) => ({ order_id: id, customer_email: `${id.toLowerCase()}@example.com`, ordered_at: '2024-06-01T10:00:00Z', amount: '10' });

for (const kind of testStoreKinds()) {
  describe(`an API client's open run across a restart of the server's process [${kind}]`, { timeout: 240_000 }, () => {
    it('takes the batch sent after the restart and completes with every row, while a file import killed before it reads interrupted at once', async () => {
      const target = await newTarget(kind);
      // a `clientele import` killed after its first batch committed: its run is left running
      let sawProgress = false;
      const killed = await startCli(['--db', target, 'import', 'orders', ordersFile, '--batch-size', '200', '--rejects', join(workDir, `rejects-${kind}.csv`)], (text, child) => {
        if (!sawProgress && text.includes('progress:')) {
          sawProgress = true;
          child.kill('SIGKILL');
        }
      });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');

      let server = await startServer(target);
      const [fileRun] = await listImportRuns(server.store.db, { limit: 1 });
      expect(fileRun).toMatchObject({ file_name: ordersFile, status: 'interrupted' });
      expect(fileRun.read_count).toBeLessThan(4000);
      const key = await createTestApiKey(server.store, ['ingest'], 'restart-ingest');
      const send = (body: Record<string, unknown>) => server.app.inject({ method: 'POST', url: '/api/ingest/orders', headers: key.headers, payload: body });
      const opened = await server.app.inject({ method: 'POST', url: '/api/imports', headers: key.headers, payload: { entity: 'orders', fileName: 'web-orders.csv' } });
      expect(opened.statusCode, opened.body).toBe(201);
      const importId = opened.json().import_id as number;
      const first = await send({ importId, lines: [2, 3], records: [order('W1'), order('W2')] });
      expect(first.json()).toMatchObject({ importId, read: 2, inserted: 2 });
      const startedBefore = await storeStart(server.store);

      // the server's process restarts while the client is between batches
      await server.stop();
      server = await startServer(target);
      try {
        // an embedded store's start is its process's: the restart is a real one
        if (kind === 'embedded') expect((await storeStart(server.store)).getTime()).toBeGreaterThan(startedBefore.getTime());
        const second = await send({ importId, lines: [4, 5, 6], records: [order('W3'), order('W4'), order('W5')] });
        expect({ status: second.statusCode, body: second.json() }).toMatchObject({ status: 200, body: { importId, read: 3, inserted: 3 } });
        expect(await statusOf(server.store, importId)).toBe('running');
        const closed = await server.app.inject({ method: 'POST', url: `/api/imports/${importId}/close`, headers: key.headers, payload: { status: 'completed' } });
        expect(closed.json()).toMatchObject({ status: 'completed', read_count: 5, inserted_count: 5, rejected_count: 0, order_inserted_count: 5 });
        // the killed file import's run died with its process, restart or not
        expect(await statusOf(server.store, fileRun.import_id)).toBe('interrupted');
        // and says so to a batch sent for it by whoever ran it
        const refusal = await server.store.db.transaction().execute((trx) => joinOpenRun(trx, fileRun.import_id, 'orders', fileRun.started_by)).catch((error: unknown) => error);
        expect(refusal).toMatchObject({ code: 'IMPORT_RUN_ENDED_CONFLICT', message: expect.stringContaining('was interrupted: the process importing it ended') });

        // the refusal names the true cause: a run that ended, and an open run no batch came to for ten minutes
        const late = await send({ importId, records: [order('W6')] });
        expect({ status: late.statusCode, error: late.json().error }).toMatchObject({ status: 409, error: { code: 'IMPORT_RUN_ENDED_CONFLICT', field: 'importId', message: expect.stringContaining(`Import run ${importId} has ended (completed)`) } });
        const idle = (await server.app.inject({ method: 'POST', url: '/api/imports', headers: key.headers, payload: { entity: 'orders', fileName: 'idle.csv' } })).json().import_id as number;
        await server.store.db.updateTable('import_run').set({ heartbeat_at: new Date(Date.now() - 11 * 60_000) }).where('import_id', '=', idle).execute();
        const stale = await send({ importId: idle, records: [order('W7')] });
        expect(stale.json().error).toMatchObject({ code: 'IMPORT_RUN_ENDED_CONFLICT', message: expect.stringContaining(`Import run ${idle} was interrupted: no batch came for 10 minutes`) });
      } finally {
        await server.stop();
      }
    });
  });
}
