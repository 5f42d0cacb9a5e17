import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, runCli } from '../../../test/helpers/cli.js';
import { testSharedBuffers } from '../../../test/helpers/stores.js';
import { openRuntime } from '../../runtime/open-runtime.js';
import { changeStoreSettings } from '../../settings/change-settings.service.js';
import { backupEmbeddedStore } from './backup-run.js';

// A restore killed part way wrote straight into --db: it left a lone lock there (the retry was refused as
// "not a new or empty folder", any other command made a new, empty store in it) or half a store.

const directory = mkdtempSync(join(tmpdir(), 'clientele-restore-kill-'));
const backup = join(directory, 'shop.tar.gz');
afterAll(() => rmSync(directory, { recursive: true, force: true }));

beforeAll(async () => {
  const shop = join(directory, 'shop');
  const runtime = await openRuntime({ db: shop, autoMigrate: true });
  try {
    await changeStoreSettings(runtime.db, { name: 'Kopi Senja' }, 'cli:test');
  } finally {
    await runtime.store.close();
  }
  await backupEmbeddedStore({ db: shop, out: backup });
}, 120_000);

/**
 * Runs `clientele restore` in a child process and kills it (SIGKILL) as soon as `reached(pid)` holds,
 * looked at every few milliseconds: a point the restore's files show, not a time that a busy machine moves.
 */
function restoreKilledWhen(target: string, reached: (pid: number) => boolean): Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, '--db', target, 'restore', backup], { env: { ...process.env, CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const watch = setInterval(() => {
      if (child.pid !== undefined && reached(child.pid)) {
        clearInterval(watch);
        child.kill('SIGKILL');
      }
    }, 2);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(watch);
      resolve({ code, signal, stderr });
    });
  });
}

/** Where a restore by process `pid` builds the store, as docs/operations.md names it. */
const workingFolder = (target: string, pid: number) => `${target}.restoring-${pid}`;

const leftoversBeside = (target: string) => readdirSync(directory).filter((name) => name.startsWith(`${basename(target)}.restoring-`));

async function storeName(target: string): Promise<string> {
  const shown = await runCli(['--db', target, '--json', 'settings', 'show']);
  expect(shown.code, shown.stderr).toBe(0);
  return (JSON.parse(shown.stdout) as { name: string }).name;
}

describe('a restore killed part way', () => {
  it('leaves a new folder absent; a command there is refused, not given an empty store; the restore run again succeeds', { timeout: 240_000 }, async () => {
    const target = join(directory, 'restored');
    // the first thing a restore writes: its working folder (before: the target itself)
    const killed = await restoreKilledWhen(target, (pid) => existsSync(target) || existsSync(workingFolder(target, pid)));
    expect(killed.signal, `the restore ended before it was killed: ${killed.stderr}`).toBe('SIGKILL');
    expect(existsSync(target)).toBe(false);
    expect(leftoversBeside(target)).toHaveLength(1);

    const command = await runCli(['--db', target, 'customers', 'list']);
    expect(command.code, command.stderr).toBe(1);
    expect(command.stderr).toContain('STORE_RESTORE_UNFINISHED_CONFLICT');
    expect(command.stderr).toContain('Run the same restore again');
    // the command it suggests runs as written: it named --db twice, which the CLI refuses
    expect(/\((clientele [^)]*restore <backup file>)\)/.exec(command.stderr)?.[1]).toBe(`clientele --db ${target} restore <backup file>`);
    expect(existsSync(target)).toBe(false);

    const retried = await runCli(['--db', target, 'restore', backup]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(leftoversBeside(target)).toEqual([]);
    expect(await storeName(target)).toBe('Kopi Senja');
  });

  it('leaves an empty folder empty when killed with the store unpacked and open, and the restore run again fills it', { timeout: 240_000 }, async () => {
    const target = join(directory, 'empty-folder');
    mkdirSync(target);
    const killed = await restoreKilledWhen(target, (pid) => existsSync(join(target, 'PG_VERSION')) || existsSync(join(workingFolder(target, pid), 'PG_VERSION')));
    expect(killed.signal, `the restore ended before it was killed: ${killed.stderr}`).toBe('SIGKILL');
    expect(readdirSync(target)).toEqual([]);

    const command = await runCli(['--db', target, 'customers', 'list']);
    expect(command.code, command.stderr).toBe(1);
    expect(command.stderr).toContain('STORE_RESTORE_UNFINISHED_CONFLICT');
    expect(readdirSync(target)).toEqual([]);

    const retried = await runCli(['--db', target, 'restore', backup]);
    expect(retried.code, retried.stderr).toBe(0);
    expect(leftoversBeside(target)).toEqual([]);
    expect(await storeName(target)).toBe('Kopi Senja');
  });
});
