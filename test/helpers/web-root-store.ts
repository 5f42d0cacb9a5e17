import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Store } from '../../src/db/client.js';
import { createTestStore } from './stores.js';

export type WebRootStore = { store: Store; webRoot: string; dispose: () => Promise<void> };

/**
 * An embedded store and a temporary built web app holding `files` (path under the web root → text):
 * what tests of the served web app start from. What the server answers from its files does not
 * depend on the store, so the embedded one is enough. `webRoot` ends with a slash, as the server expects.
 */
export async function createWebRootStore(files: Record<string, string>): Promise<WebRootStore> {
  const created = await createTestStore('embedded');
  const root = await mkdtemp(join(tmpdir(), 'clientele-web-root-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return {
    store: created.store,
    webRoot: `${root}/`,
    dispose: async () => {
      await created.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}
