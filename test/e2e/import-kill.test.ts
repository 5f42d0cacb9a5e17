// An import stopped mid-way, by SIGKILL (nothing of the process runs) or by SIGINT/SIGTERM (it stops after the
// batch being written commits): the store holds whole batches, and running the import again ends as one clean run.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';
import { lockFileName } from '../../src/db/store-lock.js';
import { listImportRuns } from '../../src/ingest/import-runs.repo.js';
import { partialRejectsPath } from '../../src/ingest/rejects-file.js';
import { writeStoreFiles } from '../../src/synthetic/index.js';
import { cliPath, runCli, startCli } from '../helpers/cli.js';
import { testSharedBuffers, testStoreKinds } from '../helpers/stores.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-kill-'));
let ordersFile = '';
const serverUrl = process.env.TEST_DATABASE_URL;
const scratches: Array<{ drop: () => Promise<void> }> = [];

beforeAll(async () => {
  await writeStoreFiles(workDir, { seed: 7, customers: 1500, targetOrders: 12_000, endDate: new Date('2026-11-01T00:00:00Z'), years: 2, includeTruth: false });
  ordersFile = join(workDir, 'orders.csv');
}, 120_000);

afterAll(async () => {
  rmSync(workDir, { recursive: true, force: true });
  for (const scratch of scratches) await scratch.drop();
});

async function newTarget(kind: string): Promise<string> {
  if (kind === 'embedded') return mkdtempSync(join(workDir, 'store-'));
  const scratch = await createScratchSchema(serverUrl!, 'stopped');
  scratches.push(scratch);
  await runCli(['--db', scratch.url, 'migrate']);
  return scratch.url;
}

/** The store's orders and customers keyed by what is stable across runs (external ids), and its import runs' statuses. */
async function snapshot(target: string) {
  const store = await openStore(target);
  try {
    const orders = await sql`
      select o.external_id, (select min(value) from customer_identity i where i.customer_id = o.customer_id and i.kind = 'external') as customer,
        o.amount_minor, o.status, o.ordered_at from customer_order o order by o.external_id`.execute(store.db);
    const traits = await sql`
      select (select min(value) from customer_identity i where i.customer_id = t.customer_id) as customer, t.order_count, t.revenue_minor,
        t.purchase_days, t.first_purchase_at, t.last_purchase_at, t.refunded_minor from customer_trait t order by 1`.execute(store.db);
    const counts = await sql`select (select count(*) from customer) as customers, (select count(*) from customer_identity) as identities`.execute(store.db);
    const runs = await sql<{ status: string; read_count: number }>`select status, read_count from import_run order by import_id`.execute(store.db);
    const listed = (await listImportRuns(store.db)).map((run) => run.status);
    return { store: { orders: orders.rows, traits: traits.rows, counts: counts.rows[0] }, runs: runs.rows, listed };
  } finally {
    await store.close();
  }
}

const args = (target: string) => ['--db', target, 'import', 'orders', ordersFile, '--batch-size', '500', '--rejects', join(workDir, 'rejects.csv')];

describe('an import killed mid-way and run again', { timeout: 300_000 }, () => {
  for (const kind of testStoreKinds()) {
    it(`ends exactly as one clean run [${kind}]`, async () => {
      const killed = await newTarget(kind);
      let sawProgress = false;
      const first = await startCli(args(killed), (text, child) => {
        if (!sawProgress && text.includes('progress:')) {
          sawProgress = true;
          child.kill('SIGKILL');
        }
      });
      expect(first.signal, first.stderr).toBe('SIGKILL');
      const partial = await snapshot(killed);
      // nothing of the killed process runs: its run reads interrupted at once, on a server too (its session ended)
      expect(partial.listed).toEqual(['interrupted']);
      expect(partial.store.orders.length).toBeGreaterThan(0);
      expect(partial.store.orders.length).toBeLessThan(12_000);

      const resumed = await runCli(args(killed));
      expect(resumed.code, resumed.stderr).toBe(0);
      const clean = await newTarget(kind);
      expect((await runCli(args(clean))).code).toBe(0);
      expect((await snapshot(killed)).store).toEqual((await snapshot(clean)).store);
    });
  }
});

/** Starts an import and sends `signal` once its first batch has committed, which its progress line says. */
function importStoppedBy(target: string, signal: 'SIGINT' | 'SIGTERM') {
  let sent = false;
  return startCli(args(target), (text, child) => {
    if (!sent && text.includes('progress:')) {
      sent = true;
      child.kill(signal);
    }
  });
}

/**
 * Under --json an import prints no progress: its first batch, holding a row with a bad amount, says it has
 * committed by writing its rejects so far (the partial rejects file). Sends `signal` then.
 */
function jsonImportStoppedBy(target: string, file: string, rejects: string, signal: 'SIGINT' | 'SIGTERM') {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, '--db', target, '--json', 'import', 'orders', file, '--batch-size', '500', '--rejects', rejects], {
      env: { ...process.env, CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const watch = setInterval(() => {
      if (!existsSync(partialRejectsPath(rejects))) return;
      clearInterval(watch);
      child.kill(signal);
    }, 50);
    child.on('error', reject);
    child.on('close', (code, killedBy) => {
      clearInterval(watch);
      resolve({ code, signal: killedBy, stdout, stderr });
    });
  });
}

describe('an import stopped by SIGINT or SIGTERM', { timeout: 300_000 }, () => {
  for (const kind of testStoreKinds()) {
    it(`says so, exits 130, leaves no lock and a failed run, and runs again to the same store as one clean run [${kind}]`, async () => {
      const stopped = await newTarget(kind);
      const first = await importStoppedBy(stopped, 'SIGINT');
      expect(first.signal, first.stderr).toBeNull();
      expect(first.code, first.stderr).toBe(130);
      const said = /Import stopped by SIGINT after (\d+) rows; what was committed stays; run the same command again to finish: imports are idempotent\./.exec(first.stderr);
      expect(said, first.stderr).not.toBeNull();
      const rows = Number(said![1]);
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThan(12_000);
      if (kind === 'embedded') expect(existsSync(join(stopped, lockFileName))).toBe(false);
      const partial = await snapshot(stopped);
      expect(partial.runs).toEqual([{ status: 'failed', read_count: rows }]);
      expect(partial.store.orders).toHaveLength(rows);

      const resumed = await runCli(args(stopped));
      expect(resumed.code, resumed.stderr).toBe(0);
      const clean = await newTarget(kind);
      expect((await runCli(args(clean))).code).toBe(0);
      const [after, once] = [await snapshot(stopped), await snapshot(clean)];
      expect(after.store).toEqual(once.store);
      expect(after.runs.map((run) => run.status)).toEqual(['failed', 'completed']);
    });

    it(`under --json prints one JSON error on stdout and the message on stderr, and exits 143 on SIGTERM [${kind}]`, async () => {
      const target = await newTarget(kind);
      const [header, firstRow, ...rest] = readFileSync(ordersFile, 'utf8').split('\n');
      const amountAt = header!.split(',').indexOf('amount');
      const badRow = firstRow!.split(',').map((value, index) => (index === amountAt ? 'lots' : value)).join(',');
      const file = join(workDir, `orders-bad-first-${kind}.csv`);
      writeFileSync(file, [header, badRow, ...rest].join('\n'));
      const rejects = join(workDir, `rejects-${kind}.csv`);
      rmSync(rejects, { force: true });
      const stopped = await jsonImportStoppedBy(target, file, rejects, 'SIGTERM');
      expect(stopped.signal, stopped.stderr).toBeNull();
      expect(stopped.code, stopped.stderr).toBe(143);
      const body = JSON.parse(stopped.stdout) as { error: { code: string; message: string; details: { signal: string; rowsCommitted: number } } };
      expect(body.error).toMatchObject({ code: 'CLI_INTERRUPTED', details: { signal: 'SIGTERM' } });
      expect(body.error.message).toMatch(/^Import stopped by SIGTERM after \d+ rows; what was committed stays; run the same command again to finish/);
      expect(stopped.stderr).toContain(body.error.message);
      if (kind === 'embedded') expect(existsSync(join(target, lockFileName))).toBe(false);
      const { runs } = await snapshot(target);
      expect(runs).toEqual([{ status: 'failed', read_count: body.error.details.rowsCommitted }]);
    });
  }
});
