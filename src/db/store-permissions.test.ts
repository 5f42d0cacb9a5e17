import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './client.js';
import { protectStoreFolder, tightenStoreTree } from './store-permissions.js';

// An embedded store's files were 0666 in 0755 folders (PGlite unpacks its template so): every
// user of the machine could read and write the customers, staff accounts and API key hashes.

const directory = mkdtempSync(join(tmpdir(), 'clientele-store-permissions-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The paths under `root` (itself included, links not followed) that group or others may use. */
function openToOthers(root: string): string[] {
  const found: string[] = [];
  const visit = (path: string) => {
    const stats = lstatSync(path);
    if (stats.isSymbolicLink()) return;
    if ((stats.mode & 0o077) !== 0) found.push(path);
    if (stats.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
  };
  visit(root);
  return found;
}

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the embedded store folder', () => {
  it('is its owner\'s alone when made, the files PGlite unpacked included', async () => {
    const store = join(directory, 'new', 'shop');
    const opened = await openStore(store);
    try {
      expect(modeOf(store)).toBe(0o700);
      expect(openToOthers(store)).toEqual([]);
      expect(modeOf(join(store, 'PG_VERSION'))).toBe(0o600);
    } finally {
      await opened.close();
    }
    // the folder above is made as any folder
    expect(modeOf(join(directory, 'new')) & 0o077).not.toBe(0);
  }, 120_000);

  it('is made so on opening a store whose folder lets others in (one made before), and only then walked', async () => {
    const store = join(directory, 'older');
    const closed = await openStore(store);
    await closed.close();
    // as an earlier version left it
    chmodSync(store, 0o755);
    chmodSync(join(store, 'base'), 0o755);
    chmodSync(join(store, 'PG_VERSION'), 0o666);
    const reopened = await openStore(store);
    await reopened.close();
    expect(openToOthers(store)).toEqual([]);

    // a folder of the owner's alone is not walked: one stat on each open
    chmodSync(join(store, 'PG_VERSION'), 0o644);
    const again = await openStore(store);
    await again.close();
    expect(modeOf(join(store, 'PG_VERSION'))).toBe(0o644);
  }, 120_000);
});

describe('tightening a store folder', () => {
  it('takes group and other permissions off folders and files, and leaves links and what they point to alone', () => {
    const root = join(directory, 'tree');
    mkdirSync(join(root, 'base', '5'), { recursive: true });
    writeFileSync(join(root, 'PG_VERSION'), '17');
    writeFileSync(join(root, 'base', '5', '1259'), 'x');
    const outside = join(directory, 'outside.txt');
    writeFileSync(outside, 'not the store\'s');
    chmodSync(outside, 0o644);
    symlinkSync(outside, join(root, 'link'));
    for (const path of [root, join(root, 'base'), join(root, 'base', '5')]) chmodSync(path, 0o755);
    for (const path of [join(root, 'PG_VERSION'), join(root, 'base', '5', '1259')]) chmodSync(path, 0o666);

    expect(tightenStoreTree(root)).toEqual([]);
    expect(openToOthers(root)).toEqual([]);
    expect(modeOf(join(root, 'base', '5'))).toBe(0o700);
    expect(modeOf(join(root, 'base', '5', '1259'))).toBe(0o600);
    expect(modeOf(outside)).toBe(0o644);
  });

  it('warns once, naming the folder and the chmod to run, when another user owns it', () => {
    const root = join(directory, 'theirs');
    mkdirSync(join(root, 'base'), { recursive: true });
    chmodSync(root, 0o755);
    const warnings: string[] = [];
    const notOwner = () => {
      throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
    };
    protectStoreFolder(root, (message) => warnings.push(message), { changeMode: notOwner });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`The embedded store ${root} can be read by other users`);
    expect(warnings[0]).toContain(`chmod -R go-rwx ${root}`);

    // a folder of the owner's alone: nothing to say, nothing tried
    chmodSync(root, 0o700);
    protectStoreFolder(root, (message) => warnings.push(message), { changeMode: notOwner });
    expect(warnings).toHaveLength(1);
  });
});
