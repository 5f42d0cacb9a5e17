import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './client.js';
import { lockFileName } from './store-lock.js';

// A copy of a running store's folder carries its lock: opening the copy said it was open in the
// process that had the original open ("tmp-ops/s2live is open in process 24989 (… --db tmp-ops/s2 serve …)").

const directory = realpathSync(mkdtempSync(join(tmpdir(), 'clientele-copied-lock-')));
const original = join(directory, 'store');
let holder: ChildProcess;

/** Another process that has the store open, holding its lock as `clientele serve` does. */
async function holdInAnotherProcess(store: string): Promise<ChildProcess> {
  const script = join(directory, 'hold.mts');
  const lockModule = fileURLToPath(new URL('./store-lock.ts', import.meta.url));
  writeFileSync(script, `import { lockEmbeddedStore } from ${JSON.stringify(lockModule)};\nlockEmbeddedStore(${JSON.stringify(store)});\nprocess.stdout.write('locked\\n');\nsetInterval(() => {}, 1000);\n`);
  const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('locked')) resolve(); });
    child.once('exit', (code) => reject(new Error(`the holding process exited (${code})`)));
  });
  return child;
}

beforeAll(async () => {
  const store = await openStore(original);
  await store.close();
  holder = await holdInAnotherProcess(original);
}, 120_000);
afterAll(() => {
  holder?.kill();
  rmSync(directory, { recursive: true, force: true });
});

describe('a store folder copied while another process had it open', () => {
  it('opens, replacing the copied lock, and warns that the copy may be missing recent writes', async () => {
    const copy = join(directory, 'copy');
    cpSync(original, copy, { recursive: true });
    expect(JSON.parse(readFileSync(join(copy, lockFileName), 'utf8'))).toMatchObject({ pid: holder.pid, directory: original });
    const warnings: string[] = [];
    const store = await openStore(copy, { logger: { warn: (_details, message) => { warnings.push(message); } } });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`held a lock copied from ${original} (process ${holder.pid}`);
      expect(warnings[0]).toMatch(/copied while another process had the store open, so it may be missing recent writes/);
      expect(warnings[0]).toContain('not a safe backup');
      // the copy's lock is now its own
      expect(JSON.parse(readFileSync(join(copy, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid, directory: copy });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('still refuses the original folder, by its path and through a link to it, while its process runs', async () => {
    await expect(openStore(original)).rejects.toMatchObject({ code: 'STORE_IN_USE_CONFLICT', message: expect.stringContaining(`process ${holder.pid}`) });
    const link = join(directory, 'link');
    symlinkSync(original, link);
    await expect(openStore(link)).rejects.toMatchObject({ code: 'STORE_IN_USE_CONFLICT' });
  });
});
