import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli, startCli } from '../../../test/helpers/cli.js';
import { testSharedBuffers } from '../../../test/helpers/stores.js';
import { openStore } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { createScratchSchema } from '../../db/scratch-schema.js';

// The real binary. A new store that one command has opened (which writes the embedded store's housekeeping,
// table_activity, as it closes) is still a new store to copy into; and a copy-store, backup or restore stopped
// by Ctrl-C says so, and what it left, as an import does (CLI_INTERRUPTED, exit 130).

const directory = mkdtempSync(join(tmpdir(), 'clientele-copy-stop-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const scratches: Array<{ drop: () => Promise<void> }> = [];
const shop = join(directory, 'shop');
const customers = 12_000;

/** A store with `customers` customers: the copy writes them in batches of 5,000, so it is under way, not done, after its first. */
async function fillStore(at: string): Promise<void> {
  const store = await openStore(at);
  try {
    await migrate(store);
    await sql`insert into customer (name, city) select 'Customer ' || g, 'Town ' || (g % 50) from generate_series(1, ${customers}::int) g`.execute(store.db);
  } finally {
    await store.close();
  }
}

async function newServerStore(): Promise<string> {
  const scratch = await createScratchSchema(serverUrl!, 'copy_stop');
  scratches.push(scratch);
  return scratch.url;
}

beforeAll(() => fillStore(shop), 120_000);
afterAll(async () => {
  rmSync(directory, { recursive: true, force: true });
  for (const scratch of scratches) await scratch.drop();
});

async function customersIn(at: string): Promise<number> {
  const store = await openStore(at);
  try {
    return Number((await sql<{ n: string }>`select count(*) as n from customer`.execute(store.db)).rows[0]!.n);
  } finally {
    await store.close();
  }
}

/** Runs the CLI and sends SIGINT as soon as `reached()` holds, looked at every few milliseconds: a point the command's files show. */
function stoppedWhen(args: string[], reached: () => boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const watch = setInterval(() => {
      if (!reached()) return;
      clearInterval(watch);
      child.kill('SIGINT');
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('copy-store into a new store one command has opened', { timeout: 240_000 }, () => {
  it('copies into a folder that `settings show` opened once (embedded → embedded)', async () => {
    const target = join(directory, 'opened-once');
    expect((await runCli(['--db', target, 'settings', 'show'])).code).toBe(0);
    const copied = await runCli(['--db', shop, 'copy-store', '--to', target]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(await customersIn(target)).toBe(customers);
  });

  it.skipIf(!serverUrl)('copies a server store into a folder `settings show` opened once (server → embedded)', async () => {
    const source = await newServerStore();
    await fillStore(source);
    const target = join(directory, 'from-server');
    expect((await runCli(['--db', target, 'settings', 'show'])).code).toBe(0);
    const copied = await runCli(['--db', source, 'copy-store', '--to', target]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(await customersIn(target)).toBe(customers);
  });

  it.skipIf(!serverUrl)('copies a folder onto a server database that `migrate` and `settings show` opened (embedded → server)', async () => {
    const target = await newServerStore();
    expect((await runCli(['--db', target, 'migrate'])).code).toBe(0);
    expect((await runCli(['--db', target, 'settings', 'show'])).code).toBe(0);
    const copied = await runCli(['--db', shop, 'copy-store', '--to', target]);
    expect(copied.code, copied.stderr).toBe(0);
    expect(await customersIn(target)).toBe(customers);
  });
});

describe('copy-store, backup and restore stopped by Ctrl-C', { timeout: 240_000 }, () => {
  it('copy-store says it stopped, leaves the target without the copy, exits 130, and runs again into the same folder', async () => {
    const target = join(directory, 'stopped-copy');
    let sent = false;
    // a table's line comes after its first batch is written: the copy is under way, far from committed
    const stopped = await startCli(['--db', shop, 'copy-store', '--to', target], (text, child) => {
      if (!sent && text.includes('copying ')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    expect(stopped.signal, stopped.stderr).toBeNull();
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain('CLI_INTERRUPTED');
    expect(stopped.stderr).toContain(`Copy stopped by SIGINT before it committed: ${target} holds none of the source's rows (it is as empty as it was), and the source is as it was. Run the same command again to copy: it is safe to rerun.`);
    expect(await customersIn(target)).toBe(0);
    const again = await runCli(['--db', shop, 'copy-store', '--to', target]);
    expect(again.code, again.stderr).toBe(0);
    expect(await customersIn(target)).toBe(customers);
  });

  it('copy-store under --json prints one JSON error on stdout and the message on stderr', async () => {
    const target = join(directory, 'stopped-json');
    // the target is made after the source is opened and the signals are watched, before the copy starts
    const stopped = await stoppedWhen(['--db', shop, '--json', 'copy-store', '--to', target], () => existsSync(join(target, 'PG_VERSION')));
    expect(stopped.code, stopped.stderr).toBe(130);
    const body = JSON.parse(stopped.stdout) as { error: { code: string; message: string; details: { signal: string } } };
    expect(body.error).toMatchObject({ code: 'CLI_INTERRUPTED', details: { signal: 'SIGINT' } });
    expect(body.error.message).toMatch(/^Copy stopped by SIGINT before it committed: .* Run the same command again to copy: it is safe to rerun\.$/);
    expect(stopped.stderr).toContain(body.error.message);
    expect(await customersIn(target)).toBe(0);
  });

  it('backup says it stopped and writes no file; restore says it stopped and leaves --db as it was', async () => {
    const out = join(directory, 'shop.tar.gz');
    // the store's lock: the backup has opened it, and watches the signals
    const backup = await stoppedWhen(['--db', shop, 'backup', '--out', out], () => existsSync(join(shop, 'clientele.lock')));
    expect(backup.code, backup.stderr).toBe(130);
    expect(backup.stderr).toContain(`CLI_INTERRUPTED: Backup stopped by SIGINT: no backup was written (${out} was not made), and the store is as it was. Run the same command again to back up: it is safe to rerun.`);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    expect((await runCli(['--db', shop, 'backup', '--out', out])).code).toBe(0);

    const target = join(directory, 'restored');
    // the working folder beside --db: the restore is unpacking the backup there, and watches the signals
    const restore = await stoppedWhen(['--db', target, 'restore', out], () => readdirStartingWith(`${target}.restoring-`));
    expect(restore.code, restore.stderr).toBe(130);
    expect(restore.stderr).toContain(`CLI_INTERRUPTED: Restore stopped by SIGINT: nothing was restored, and ${target} is as it was (the store being built beside it was removed). Run the same command again to restore: it is safe to rerun.`);
    expect(existsSync(target)).toBe(false);
    expect(readdirStartingWith(`${target}.restoring-`)).toBe(false);
    expect((await runCli(['--db', target, 'restore', out])).code).toBe(0);
    expect(await customersIn(target)).toBe(customers);
  });
});

/** Whether a file or folder whose path starts with `prefix` exists (in `directory`). */
function readdirStartingWith(prefix: string): boolean {
  return readdirSync(directory).some((name) => join(directory, name).startsWith(prefix));
}
