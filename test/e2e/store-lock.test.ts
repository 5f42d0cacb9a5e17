import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/db/client.js';
import { lockFileName } from '../../src/db/store-lock.js';
import { runCli } from '../helpers/cli.js';

// One process at a time on an embedded store: a command run beside `clientele serve` worked on
// its own copy of the data, and what it wrote was lost (src/db/store-lock.ts).
describe('the embedded store lock', () => {
  const directories: string[] = [];
  const newDirectory = () => {
    const directory = mkdtempSync(join(tmpdir(), 'clientele-lock-'));
    directories.push(directory);
    return directory;
  };
  afterAll(() => { for (const directory of directories) rmSync(directory, { recursive: true, force: true }); });

  it('refuses a second process while a store is open, naming the holder and what to do, and admits it once closed', { timeout: 180_000 }, async () => {
    const directory = newDirectory();
    const store = await openStore(directory);
    const refused = await runCli(['--db', directory, '--json', 'users', 'list']);
    expect(refused.code).toBe(3);
    const output = refused.stdout + refused.stderr;
    expect(output).toContain('STORE_IN_USE_CONFLICT');
    expect(output).toContain(`process ${process.pid}`);
    expect(output).toContain('REST API');
    await store.close();
    expect(existsSync(join(directory, lockFileName))).toBe(false);
    const admitted = await runCli(['--db', directory, '--json', 'users', 'list']);
    expect(admitted.code).toBe(0);
    expect(existsSync(join(directory, lockFileName))).toBe(false);
  });

  it('refuses to open one store twice in a process', async () => {
    const directory = newDirectory();
    const store = await openStore(directory);
    try {
      await expect(openStore(directory)).rejects.toMatchObject({ code: 'STORE_IN_USE_CONFLICT' });
    } finally {
      await store.close();
    }
    const again = await openStore(directory);
    await again.close();
  });

  it('takes over the lock of a process that is gone (a killed import must run again)', async () => {
    const directory = newDirectory();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(gone.stdout);
    writeFileSync(join(directory, lockFileName), JSON.stringify({ pid: deadPid, host: hostname(), command: 'clientele import orders big.csv', since: '2026-12-01T00:00:00Z' }));
    const store = await openStore(directory);
    expect(JSON.parse(readFileSync(join(directory, lockFileName), 'utf8')).pid).toBe(process.pid);
    await store.close();
    expect(existsSync(join(directory, lockFileName))).toBe(false);
  });

  it('takes over a lock file left half-written', async () => {
    const directory = newDirectory();
    writeFileSync(join(directory, lockFileName), '{"pid": 12');
    const store = await openStore(directory);
    await store.close();
    expect(existsSync(join(directory, lockFileName))).toBe(false);
  });
});
