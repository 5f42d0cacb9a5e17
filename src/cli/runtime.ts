import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { shortCommandSharedBuffers, type Store } from '../db/client.js';
import type { Database } from '../db/schema.js';
import { systemClock, type Clock } from '../core/clock.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import { maintainEmbeddedStore } from '../db/maintenance.js';
import { showMoneyIn, showTimesIn } from './format.js';
import { loadMoneyFormat } from '../analytics/index.js';
import { namesSetupSettings, storeSetupNotice } from '../settings/setup-notice.js';

export type StoreContext = { store: Store; db: Kysely<Database>; actor: string; clock: Clock; runtime: Runtime };

export type CliRuntime = {
  /**
   * `bulk`: the command reads or writes much of a large store (an import, an analysis, a
   * model fit), so an embedded store keeps PostgreSQL's 128MB buffer pool, which a 1M-order
   * import runs 45% faster with. Any other command opens it with a 16MB pool, which starts
   * about 0.45 s sooner and ran no slower, reports included, on a 100k-customer store.
   */
  withStore<T>(fn: (context: StoreContext) => Promise<T>, options?: { autoMigrate?: boolean; bulk?: boolean }): Promise<T>;
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
      const runtime = await openRuntime({ db: options().db, autoMigrate: storeOptions?.autoMigrate, ...(storeOptions?.bulk ? {} : { embeddedSharedBuffers: shortCommandSharedBuffers }) });
      showTimesIn(runtime.settings.timeZone);
      const moneyFormat = await loadMoneyFormat(runtime.db);
      showMoneyIn(moneyFormat.currency, moneyFormat.locale);
      try {
        return await fn({ store: runtime.store, db: runtime.db, actor: `cli:${safeUserName()}`, clock: systemClock, runtime });
      } finally {
        if (!options().json) await sayStoreSetup(runtime, options().db ?? null);
        // what autovacuum would do, on an embedded store, after whatever the command wrote
        await maintainEmbeddedStore(runtime.store, { closing: true }).catch((error: unknown) => process.emitWarning(`Store maintenance skipped: ${(error as Error).message}`));
        await runtime.store.close();
      }
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

/**
 * After the command (a `demo load` sets the data set's own), on stderr: a new store's currency,
 * time zone and phone country and how to change them, or a CLIENTELE_CURRENCY… this store does not follow.
 */
async function sayStoreSetup(runtime: Runtime, dbOption: string | null): Promise<void> {
  if (!runtime.isNewStore && !namesSetupSettings(process.env)) return;
  try {
    for (const line of await storeSetupNotice(runtime.db, { isNewStore: runtime.isNewStore, env: process.env, surface: { kind: 'cli', dbOption } })) process.stderr.write(`${line}\n`);
  } catch (error) {
    process.emitWarning(`Store settings not shown: ${(error as Error).message}`);
  }
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
