import { chmodSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './client.js';
import { lockFileName } from './store-lock.js';

// A read-only store folder and a damaged one both said only "INTERNAL_ERROR: PGlite failed to
// initialize properly": nothing of what was wrong, nor what to do.

const directory = mkdtempSync(join(tmpdir(), 'clientele-open-problems-'));
const original = join(directory, 'original');
beforeAll(async () => {
  const store = await openStore(original);
  await store.close();
}, 120_000);
afterAll(() => {
  makeWritable(directory);
  rmSync(directory, { recursive: true, force: true });
});

let copies = 0;
function copyOfStore(): string {
  copies += 1;
  const copy = join(directory, `copy-${copies}`);
  cpSync(original, copy, { recursive: true });
  return copy;
}

function setMode(path: string, change: (mode: number) => number): void {
  chmodSync(path, change(statSync(path).mode & 0o7777));
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) setMode(join(path, entry), change);
}
const makeReadOnly = (path: string) => setMode(path, (mode) => mode & ~0o222);
function makeWritable(path: string): void {
  chmodSync(path, (statSync(path).mode & 0o7777) | 0o200);
  if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

describe('opening an embedded store that cannot be used', () => {
  it('says a read-only store folder is not writable, which path, and how to fix it (`chmod -R a-w`)', async () => {
    const store = copyOfStore();
    makeReadOnly(store);
    // as root the system lets every write through, but PGlite checks the permission bits itself and failed all the same
    const error = await openStore(store).then(() => null, (failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'STORE_NOT_WRITABLE_UNAVAILABLE', details: { directory: store } });
    expect((error as Error).message).toContain(`${store} is not writable`);
    expect((error as Error).message).toContain(`chmod -R u+w ${store}`);
    // nothing was written there: no lock left behind
    expect(readdirSync(store)).not.toContain(lockFileName);
    makeWritable(store);
    const reopened = await openStore(store);
    await reopened.close();
  }, 60_000);

  it('names a read-only folder inside the store too', async () => {
    const store = copyOfStore();
    makeReadOnly(join(store, 'base'));
    await expect(openStore(store)).rejects.toMatchObject({ code: 'STORE_NOT_WRITABLE_UNAVAILABLE', message: expect.stringContaining(`${join(store, 'base')} (in ${store}) is not writable`) });
  });

  it.each(['pg_xact', 'base'])('says a store whose %s/ was deleted may be damaged, and to restore a backup', async (part) => {
    const store = copyOfStore();
    rmSync(join(store, part), { recursive: true });
    const error = await openStore(store).then(() => null, (failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'STORE_DAMAGED_UNAVAILABLE', details: { directory: store } });
    expect((error as Error).message).toMatch(new RegExp(`could not be opened, and may be damaged \\(its ${part}/ is missing\\).*Restore it from a backup.*docs/operations\\.md`));
    expect(readdirSync(store)).not.toContain(lockFileName);
  });

  it('says a store PGlite cannot start may be damaged (its control file deleted), and gives the lock back', async () => {
    const store = copyOfStore();
    rmSync(join(store, 'global', 'pg_control'));
    const error = await openStore(store).then(() => null, (failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'STORE_DAMAGED_UNAVAILABLE', message: expect.stringContaining('may be damaged') });
    expect((error as Error).message).toContain('Restore it from a backup');
    expect(readdirSync(store)).not.toContain(lockFileName);
  }, 60_000);

  it('still opens the store as it was', async () => {
    const store = await openStore(copyOfStore());
    await store.close();
  }, 60_000);
});
