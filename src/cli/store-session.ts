import { cliActor } from './cli-actor.js';
import { shortCommandSharedBuffers } from '../db/client.js';
import { systemClock } from '../core/clock.js';
import { openRuntime, type Runtime } from '../runtime/open-runtime.js';
import { maintainEmbeddedStore } from '../db/maintenance.js';
import { loadMoneyFormat } from '../analytics/analysis-context.js';
import type { SetupSetting } from '../settings/fixed-settings.repo.js';
import { showMoneyIn, showTimesIn } from './format.js';
import type { StoreContext, StoreOptions } from './runtime.js';

/**
 * What a new store takes its setup from, as settings/setup-notice.ts names them: that module loads
 * most domains (through fixed-settings.repo.ts), so it is loaded only when it may have something to say.
 */
const setupVariables: Record<SetupSetting, string> = { currency: 'CLIENTELE_CURRENCY', timeZone: 'CLIENTELE_TIMEZONE', defaultCountry: 'CLIENTELE_DEFAULT_COUNTRY' };

/**
 * What a command asks of the store it opens: `migrateEmptyServer` (only `demo load`, which makes a
 * new store, asks it) migrates a server database with nothing in it yet, as a new directory is.
 */
export type StoreSessionOptions = StoreOptions & { migrateEmptyServer?: boolean };

/**
 * Opens the store a command names (--db), runs the command's work on it and closes it: on an
 * embedded store after what autovacuum would do, and after saying on stderr what a new
 * store was set up with.
 */
export async function withStoreSession<T>(options: StoreSessionOptions & { db?: string; json: boolean }, fn: (context: StoreContext) => Promise<T>): Promise<T> {
  const runtime = await openRuntime({ db: options.db, autoMigrate: options.autoMigrate, migrateEmptyServer: options.migrateEmptyServer, ...(options.bulk ? {} : { embeddedSharedBuffers: shortCommandSharedBuffers }) });
  showTimesIn(runtime.settings.timeZone);
  const moneyFormat = await loadMoneyFormat(runtime.db);
  showMoneyIn(moneyFormat.currency, moneyFormat.locale);
  try {
    return await fn({ store: runtime.store, db: runtime.db, actor: cliActor(), clock: systemClock, runtime });
  } finally {
    // on stderr under --json too: stdout stays one JSON document, and a store made by a mistyped --db is seen at once
    await sayStoreSetup(runtime, options.db ?? null);
    // what autovacuum would do, on an embedded store, after whatever the command wrote
    await maintainEmbeddedStore(runtime.store, { closing: true }).catch((error: unknown) => process.emitWarning(`Store maintenance skipped: ${(error as Error).message}`));
    await runtime.store.close();
  }
}

/**
 * After the command (a `demo load` sets the data set's own), on stderr: a new store's currency,
 * time zone and phone country and how to change them, or a CLIENTELE_CURRENCY… this store does not follow.
 */
async function sayStoreSetup(runtime: Runtime, dbOption: string | null): Promise<void> {
  if (!runtime.isNewStore && Object.values(setupVariables).every((name) => process.env[name] === undefined)) return;
  const { namesSetupSettings, storeSetupNotice } = await import('../settings/setup-notice.js');
  if (!runtime.isNewStore && !namesSetupSettings(process.env)) return;
  try {
    for (const line of await storeSetupNotice(runtime.db, { isNewStore: runtime.isNewStore, env: process.env, surface: { kind: 'cli', dbOption }, createdWith: runtime.settings })) process.stderr.write(`${line}\n`);
  } catch (error) {
    process.emitWarning(`Store settings not shown: ${(error as Error).message}`);
  }
}
