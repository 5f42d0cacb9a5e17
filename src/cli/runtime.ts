import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { Store } from '../db/client.js';
import type { Database } from '../db/schema.js';
import type { Clock } from '../core/clock.js';
import type { Runtime } from '../runtime/open-runtime.js';

export type StoreContext = { store: Store; db: Kysely<Database>; actor: string; clock: Clock; runtime: Runtime };

export type StoreOptions = {
  autoMigrate?: boolean;
  /**
   * `bulk`: the command reads or writes much of a large store (an import, an analysis, a
   * model fit), so an embedded store keeps PostgreSQL's 128MB buffer pool, which a 1M-order
   * import runs 45% faster with. Any other command opens it with a 16MB pool, which starts
   * about 0.45 s sooner and ran no slower, reports included, on a 100k-customer store.
   */
  bulk?: boolean;
};

export type CliRuntime = {
  withStore<T>(fn: (context: StoreContext) => Promise<T>, options?: StoreOptions): Promise<T>;
  /** JSON with --json, otherwise the human rendering. */
  print(result: unknown, human: (result: any) => string): void;
  isJson(): boolean;
  /** Set when rows were rejected, so the process exits 2 after printing. */
  markDataErrors(): void;
};

export function createCliRuntime(program: Command): CliRuntime & { hasDataErrors(): boolean } {
  let dataErrors = false;
  const options = () => program.opts<{ json?: boolean; db?: string }>();
  return {
    async withStore(fn, storeOptions) {
      // the store's modules (driver, migrations, settings) load when a command opens one, not for --help or a usage error
      const { withStoreSession } = await import('./store-session.js');
      return withStoreSession({ db: options().db, json: options().json === true, ...storeOptions }, fn);
    },
    print(result, human) {
      if (options().json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else process.stdout.write(`${human(result)}\n`);
    },
    isJson: () => options().json === true,
    markDataErrors: () => {
      dataErrors = true;
    },
    hasDataErrors: () => dataErrors,
  };
}
