import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { testSharedBuffers } from '../../test/helpers/stores.js';
import { addBatchToImportRun, listImportRuns, lockImportRun, startImportRun } from './import-runs.repo.js';

// After a killed import (kill -9), `clientele imports` listed its run as running for ten minutes,
// a later run completed or not. An embedded store serves one process at a time (db/store-lock.ts):
// a run the store's previous process left running is interrupted as soon as another opens it.
const directory = mkdtempSync(join(tmpdir(), 'clientele-interrupted-run-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('an embedded store opened after the process that ran an import is gone', () => {
  it('lists the run it left running as interrupted at once, and a run of its own as running', async () => {
    const first = await openStore(directory, { embeddedSharedBuffers: testSharedBuffers });
    await migrate(first);
    const left = await startImportRun(first.db, { entity: 'orders', fileName: 'killed.csv', preset: null, startedBy: 'cli:test' });
    await addBatchToImportRun(first.db, left, 5000, { inserted: 5000, updated: 0, unchanged: 0, rejects: [], changedCustomerIds: [], createdCustomers: 0 });
    expect((await listImportRuns(first.db)).find((run) => run.import_id === left)?.status).toBe('running');
    // the process ends without finishing the run, as a killed one does
    await first.close();

    const next = await openStore(directory, { embeddedSharedBuffers: testSharedBuffers });
    try {
      const own = await startImportRun(next.db, { entity: 'orders', fileName: 'next.csv', preset: null, startedBy: 'cli:test' });
      const statusOf = async (importId: number) => (await listImportRuns(next.db)).find((run) => run.import_id === importId)?.status;
      expect(await statusOf(left)).toBe('interrupted');
      expect(await statusOf(own)).toBe('running');
      // an open run's next batch is refused as for a run whose heartbeat stopped
      expect((await next.db.transaction().execute((trx) => lockImportRun(trx, left)))?.status).toBe('interrupted');
    } finally {
      await next.close();
    }
  }, 120_000);
});
