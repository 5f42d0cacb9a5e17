// `clientele import` stopped by SIGINT or SIGTERM, in a real child process: a re-import stopped part way
// leaves the last completed run's rejects file as it was (its rows so far in the partial file beside it),
// and a stop that comes while the file's last batch is written lets the run complete (exit 0, or 2 with rejects).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { createScratchSchema } from '../../db/scratch-schema.js';
import { partialRejectsPath } from '../../ingest/rejects-file.js';
import { runCli, startCli } from '../../../test/helpers/cli.js';
import { testStoreKinds } from '../../../test/helpers/stores.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-import-stop-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const scratches: Array<{ drop: () => Promise<void> }> = [];
afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  for (const scratch of scratches) await scratch.drop();
});

/**
 * An orders file of `rows` one-row orders: every `badEvery`th with an amount no one can read (a reject
 * when read), and the `unpricedRow`th in EUR, which the store has no rate for (a reject when written).
 */
function ordersFile(name: string, rows: number, { badEvery = null, unpricedRow = null }: { badEvery?: number | null; unpricedRow?: number | null }): string {
  const lines = ['order_id,ordered_at,customer_email,amount,currency'];
  for (let row = 1; row <= rows; row += 1) {
    const amount = badEvery !== null && row % badEvery === 0 ? 'lots' : `${(row % 90) + 10}000`;
    lines.push(`S-${row},2025-0${(row % 9) + 1}-1${row % 10}T10:00:00Z,buyer${row % 700}@example.com,${amount},${row === unpricedRow ? 'EUR' : 'IDR'}`);
  }
  const path = join(directory, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function newTarget(kind: string): Promise<string> {
  if (kind === 'embedded') return mkdtempSync(join(directory, 'store-'));
  const scratch = await createScratchSchema(serverUrl!, 'import_stop');
  scratches.push(scratch);
  // migrated here, as the test stores are, rather than by a `clientele migrate` process of its own
  const store = await openStore(scratch.url);
  try {
    await migrate(store);
  } finally {
    await store.close();
  }
  return scratch.url;
}

async function importRuns(target: string) {
  const store = await openStore(target);
  try {
    const runs = await sql<{ status: string; read_count: number }>`select status, read_count from import_run order by import_id`.execute(store.db);
    const orders = await sql<{ count: number }>`select count(*)::int as count from customer_order`.execute(store.db);
    return { runs: runs.rows, orders: orders.rows[0]!.count };
  } finally {
    await store.close();
  }
}

/** Starts the import and sends `signal` once its first batch has committed, which its first progress line says. */
function stoppedAfterFirstBatch(args: string[], signal: 'SIGINT' | 'SIGTERM') {
  let sent = false;
  return startCli(args, (text, child) => {
    if (!sent && text.includes('progress:')) {
      sent = true;
      child.kill(signal);
    }
  });
}

describe('clientele import stopped by a signal', { timeout: 300_000 }, () => {
  let withRejects = '';
  let twoBatches = '';
  beforeAll(() => {
    // 16 batches of 500: a stop after the first is far from the last; 80 rows rejected, 5 a batch
    withRejects = ordersFile('orders-with-rejects.csv', 8000, { badEvery: 100 });
    // 2 batches of 3,000: the signal sent at the first's progress line comes while the second, the last, is
    // written (seconds). An embedded store's writes run in this process without a turn of its event loop,
    // which runs a signal's handler; its unpriced row, rejected when written, has its raw text read from the
    // file after the batch commits, which gives the turn (a server's writes give it themselves).
    twoBatches = ordersFile('orders-two-batches.csv', 6000, { unpricedRow: 5990 });
  });

  for (const kind of testStoreKinds()) {
    it(`part way through a re-import (SIGINT) leaves the last completed run's rejects file as it was and names the partial one [${kind}]`, async () => {
      const target = await newTarget(kind);
      const rejects = join(directory, `rejects-${kind}.csv`);
      const partial = partialRejectsPath(rejects);
      const args = ['--db', target, 'import', 'orders', withRejects, '--batch-size', '500', '--rejects', rejects];
      const completed = await runCli(args);
      expect(completed.code, completed.stderr).toBe(2);
      const complete = readFileSync(rejects, 'utf8');
      expect(complete.trim().split('\n')).toHaveLength(1 + 80);
      expect(existsSync(partial)).toBe(false);

      const stopped = await stoppedAfterFirstBatch(args, 'SIGINT');
      expect(stopped.code, stopped.stderr).toBe(130);
      // the list of rows to fix is still the completed run's, whole
      expect(readFileSync(rejects, 'utf8')).toBe(complete);
      const soFar = readFileSync(partial, 'utf8').trim().split('\n').slice(1);
      expect(soFar.length).toBeGreaterThan(0);
      expect(soFar.length).toBeLessThan(80);
      expect(stopped.stderr).toMatch(/Import stopped by SIGINT after \d+ rows; what was committed stays; run the same command again to finish: imports are idempotent\./);
      expect(stopped.stderr).toContain(`This run's ${soFar.length} rows rejected so far are in ${partial}. ${rejects} still lists the rejects of the last import that completed.`);
      expect((await importRuns(target)).runs.map((run) => run.status)).toEqual(['completed', 'failed']);

      const again = await runCli(args);
      expect(again.code, again.stderr).toBe(2);
      expect(readFileSync(rejects, 'utf8')).toBe(complete);
      expect(existsSync(partial)).toBe(false);
    });

    it(`while the file's last batch is written (SIGTERM) completes the run and exits as it would (2: a row rejected), saying every row was read and the rest stored [${kind}]`, async () => {
      const target = await newTarget(kind);
      const stopped = await stoppedAfterFirstBatch(['--db', target, 'import', 'orders', twoBatches, '--batch-size', '3000', '--rejects', join(directory, `none-${kind}.csv`)], 'SIGTERM');
      // completed, with its one row rejected: 2
      expect(stopped.code, stopped.stderr).toBe(2);
      expect(stopped.stderr).toContain("SIGTERM came after the file's last rows were read: the import completed instead of stopping; every row was read, 1 was rejected and the rest stored; nothing to run again but the rejected rows, once fixed.");
      // the signal came before the last batch had committed: the file's size makes it so, and this says it did
      const received = stopped.stderr.indexOf('SIGTERM received');
      expect(received, stopped.stderr).toBeGreaterThan(stopped.stderr.indexOf('progress: 3,000 rows committed'));
      expect(received, stopped.stderr).toBeLessThan(stopped.stderr.indexOf('progress: 6,000 rows committed'));
      expect(stopped.stdout).toContain('read 6000 rows  inserted 5999  updated 0  unchanged 0  rejected 1');
      expect(await importRuns(target)).toEqual({ runs: [{ status: 'completed', read_count: 6000 }], orders: 5999 });
    });
  }
});
