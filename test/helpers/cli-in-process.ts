import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, vi } from 'vitest';
import { Command } from 'commander';
import { forgetStoreFormats } from '../../src/cli/format.js';
import { runCommandLine } from '../../src/cli/run-command-line.js';
import { suggestCommandsFor } from '../../src/cli/store-command.js';
import { openStore, type Store, type StoreKind } from '../../src/db/client.js';
import { migrate } from '../../src/db/migrate.js';
import { createScratchSchema } from '../../src/db/scratch-schema.js';
import { testSharedBuffers, testStoreKinds } from './stores.js';

export type InProcessResult = { exitCode: number; stdout: string; stderr: string; error: unknown };

/**
 * Runs `clientele --db <db> <args>` (with `env` in its environment) in this process with the real command tree and main.ts's
 * handling of a failure, returning what it printed on stdout and stderr, the exit code the
 * process would give and the error it failed with (null when none). What stays for a real
 * process (test/helpers/cli.ts): the binary's start (bin/clientele.js, the compiled build) and
 * anything printed only to a terminal (progress).
 */
export async function runCliInProcess(db: string, args: string[], env: Record<string, string> = {}): Promise<InProcessResult> {
  const argv = ['node', 'clientele', '--db', db, ...args];
  const stdout: string[] = [];
  const stderr: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  const writeErr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (stderr.push(String(chunk)), true));
  // what the process reads besides its arguments: its argv (--json before commander parses it), the test stores' buffer pool (as runCli sets it) and the variables a test gives
  const processArgv = process.argv;
  const variables = { CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers, ...env };
  const savedVariables = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  process.argv = argv;
  Object.assign(process.env, variables);
  try {
    const { exitCode, error } = await runCommandLine(argv);
    return { exitCode, stdout: stdout.join(''), stderr: stderr.join(''), error };
  } finally {
    process.argv = processArgv;
    for (const [name, value] of Object.entries(savedVariables)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    write.mockRestore();
    writeErr.mockRestore();
    // what a command line leaves in the CLI's modules for its own output (its store's money and time format, the --db its
    // suggestions name): the other test files of this worker share the modules (vitest.config.ts) and expect none
    forgetStoreFormats();
    suggestCommandsFor(new Command());
  }
}

export type CliStoreContext = {
  /** What `--db` names: an embedded store's directory, or a server schema's URL. */
  readonly db: string;
  readonly kind: StoreKind;
  /** Opens the store for set-up or checks between commands (an embedded store serves one opener at a time). */
  withStore<T>(fn: (store: Store) => Promise<T>): Promise<T>;
};

const openCliStore = (kind: StoreKind, db: string) => (kind === 'embedded' ? openStore(db, { embeddedSharedBuffers: testSharedBuffers }) : openStore(db));

/**
 * A migrated store of that kind for `--db`, its settings not yet given (the first command to open
 * it takes them, from the environment or the defaults, as a new store's does), and its removal.
 */
export async function createCliStore(kind: StoreKind): Promise<{ db: string; cleanUp: () => Promise<void> }> {
  let db: string;
  let cleanUp: () => Promise<void>;
  if (kind === 'embedded') {
    db = await mkdtemp(join(tmpdir(), 'clientele-cli-'));
    cleanUp = () => rm(db, { recursive: true, force: true });
  } else {
    const scratch = await createScratchSchema(process.env.TEST_DATABASE_URL!, 'test');
    db = scratch.url;
    cleanUp = scratch.drop;
  }
  const store = await openCliStore(kind, db);
  try {
    await migrate(store);
  } finally {
    await store.close();
  }
  return { db, cleanUp };
}

/** Runs the same suite against a migrated store of each available kind that CLI commands open by --db. */
export function describeEachCliStore(name: string, body: (context: CliStoreContext) => void): void {
  for (const kind of testStoreKinds()) {
    describe(`${name} [${kind}]`, () => {
      let db = '';
      let cleanUp: () => Promise<void> = async () => {};
      const open = () => openCliStore(kind, db);
      beforeAll(async () => {
        ({ db, cleanUp } = await createCliStore(kind));
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
