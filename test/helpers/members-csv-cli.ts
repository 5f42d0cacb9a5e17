import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { StoreKind } from '../../src/db/client.js';
import { createCliStore, runCliInProcess } from './cli-in-process.js';

/**
 * What a test of `segments members --csv` writes into and imports back into: a scratch folder for
 * its files and a fresh store of the same kind, made before the tests and removed after them.
 */
export function membersCsvWorkspace(kind: StoreKind, prefix: string): { directory: string; fresh: { db: string } } {
  const workspace = { directory: '', fresh: { db: '' } };
  let cleanUp = async () => {};
  beforeAll(async () => {
    workspace.directory = await mkdtemp(join(tmpdir(), prefix));
    const created = await createCliStore(kind);
    workspace.fresh.db = created.db;
    cleanUp = created.cleanUp;
  }, 240_000);
  afterAll(async () => {
    await cleanUp();
    await rm(workspace.directory, { recursive: true, force: true });
  });
  return workspace;
}

/** Runs a command against `db` in this process; its standard output, or the error it failed with. */
export async function runCliOutput(db: string, ...args: string[]): Promise<string> {
  const result = await runCliInProcess(db, args);
  if (result.error) throw result.error;
  return result.stdout;
}

/** The store's customers as a list of name, email and phone, in email order: what a round trip must keep. */
export async function storedPeople(db: string): Promise<Array<{ name: string; email: string; phone: string | null }>> {
  const listed = JSON.parse(await runCliOutput(db, '--json', 'customers', 'list', '--limit', '100')).items as Array<{ name: string; email: string; phone: string | null }>;
  return listed.map(({ name, email, phone }) => ({ name, email, phone })).sort((a, b) => a.email.localeCompare(b.email));
}
