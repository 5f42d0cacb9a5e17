import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, vi } from 'vitest';
import { CommanderError } from 'commander';
import { createProgram } from '../../src/cli/program.js';
import { exitCodeForError, exitCodes } from '../../src/cli/exit-codes.js';
import { isAppError } from '../../src/core/errors.js';
import { openStore, type Store, type StoreKind } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';
import { testSharedBuffers, testStoreKinds } from './stores.js';

export type InProcessResult = { exitCode: number; stdout: string; error: unknown };

/**
 * Runs `clientele --db <db> <args>` in this process with the real command tree, returning what it
 * printed on stdout and the exit code main.ts would give (an app error's, 0 when it succeeded).
 */
export async function runCliInProcess(db: string, args: string[]): Promise<InProcessResult> {
  const { program, runtime } = createProgram();
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (chunks.push(String(chunk)), true));
  const writeErr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await program.parseAsync(['node', 'clientele', '--db', db, ...args]);
    return { exitCode: runtime.hasDataErrors() ? exitCodes.dataErrors : exitCodes.success, stdout: chunks.join(''), error: null };
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode === 0 ? exitCodes.success : exitCodes.usage, stdout: chunks.join(''), error };
    if (!isAppError(error)) throw error;
    return { exitCode: exitCodeForError(error), stdout: chunks.join(''), error };
  } finally {
    write.mockRestore();
    writeErr.mockRestore();
  }
}

export type CliStoreContext = {
  /** What `--db` names: an embedded store's directory, or a server schema's URL. */
  readonly db: string;
  readonly kind: StoreKind;
  /** Opens the store for set-up or checks between commands (an embedded store serves one opener at a time). */
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
};

/** Runs the same suite against a migrated store of each available kind that CLI commands open by --db. */
export function describeEachCliStore(name: string, body: (context: CliStoreContext) => void): void {
  for (const kind of testStoreKinds()) {
    describe(`${name} [${kind}]`, () => {
      let db = '';
      let cleanUp: () => Promise<void> = async () => {};
      const open = () => (kind === 'embedded' ? openStore(db, { embeddedSharedBuffers: testSharedBuffers }) : openStore(db));
      beforeAll(async () => {
        if (kind === 'embedded') {
          db = await mkdtemp(join(tmpdir(), 'clientele-cli-'));
          cleanUp = () => rm(db, { recursive: true, force: true });
        } else {
          const scratch = await createScratchSchema(process.env.TEST_DATABASE_URL!, 'test');
          db = scratch.url;
          cleanUp = scratch.drop;
        }
        const store = await open();
        try {
          await migrate(store);
        } finally {
          await store.close();
        }
      }, 240_000);
      afterAll(async () => cleanUp());
      body({
        get db() {
          return db;
        },
        kind,
        async withStore(fn) {
          const store = await open();
          try {
            return await fn(store);
          } finally {
            await store.close();
          }
        },
      });
    });
  }
}
