import { systemClock } from '../core/clock.js';
import { holdPort, listenError } from './port-hold.js';
import { ensureOwner, listActiveOwnerEmails } from '../auth/index.js';
import { loadSyntheticDemo } from '../demo/load-demo.js';
import { findStoreUse, shouldLoadDemoAtStart } from '../demo/store-use.js';
import type { LogLevel } from '../core/config.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { getStoreSettings } from '../settings/index.js';
import { storeSetupNotice } from '../settings/setup-notice.js';
import { buildApp } from './app.js';
import { startEmbeddedMaintenance } from './embedded-maintenance.js';
import { signInLine } from './sign-in-line.js';
import { resolveWebRoot } from './web-root.js';
import { createServeLogger } from './serve-logger.js';

/**
 * `demo`: true loads the synthetic demo into an unused store (and refuses a used one), false never
 * loads it, undefined loads it only into an unused embedded store (demo/store-use.ts).
 * `logLevel`: over LOG_LEVEL (serve-logger.ts).
 */
export type ServeOptions = { db?: string; port?: number; host?: string; demo?: boolean; logLevel?: LogLevel };

/** What the data in the store is: the synthetic demo, a bundled public data set, or the store's own. */
export type StoreData = { kind: 'synthetic' } | { kind: 'public_data_set'; dataSet: string; asOf: string | null } | { kind: 'own' };

/** What a person or a script needs once the server listens: where it is, which store, how to sign in. */
export type StartUpFacts = {
  url: string;
  apiReferenceUrl: string;
  store: { kind: 'embedded' | 'server'; location: string; data: StoreData };
  /** The first owner's one-time password is given only on the start that created them. */
  signIn: { text: string; email: string | null; oneTimePassword: string | null };
  /** How the store's currency, time zone and phone country were set, on a new store (setup-notice.ts). */
  setup: string[];
  /** How to load data, when the store is unused and started without the demo; else empty. */
  loadData: string[];
};

/**
 * Starts Clientele as `serve` does (migrates, creates the owner on first start, loads the demo where
 * shouldLoadDemoAtStart says, listens) and returns the start-up facts instead of printing them, so the caller
 * chooses their form. `logDestination` is the file descriptor pino writes to: stdout by default,
 * stderr when stdout must carry only JSON documents (`clientele serve --json`).
 */
export async function startServer(options: ServeOptions & { logDestination?: 1 | 2 } = {}): Promise<{ facts: StartUpFacts; close: () => Promise<void> }> {
  const runtime = await openRuntime({ db: options.db, autoMigrate: true });
  const logger = createServeLogger({ level: options.logLevel ?? runtime.config.logLevel, destination: options.logDestination ?? 1 });
  const { config, store, db } = runtime;
  const port = options.port ?? config.port;
  const host = options.host ?? config.host;
  let app: Awaited<ReturnType<typeof buildApp>> | null = null;
  let owner: Awaited<ReturnType<typeof ensureOwner>>;
  // The port is taken before the owner is created: a start that cannot listen gave the first
  // owner's one-time password to no one (the next start only said "Sign in with your staff account").
  const heldPort = await holdPort(port, host).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  let isDemoLoaded = false;
  try {
    // before the owner is created: a refused --demo gives no one's one-time password to a server that never started
    const loadsDemo = await shouldLoadDemoAtStart(db, { storeKind: store.kind, demo: options.demo });
    owner = await ensureOwner(db, { email: config.ownerEmail, password: config.ownerPassword });
    if (loadsDemo) {
      logger.info('Nobody has used the store: loading the synthetic demo store (Roti & Kopi Nusantara)…');
      const demo = await loadSyntheticDemo(db, { clock: systemClock, actor: 'system:demo' });
      logger.info({ seconds: Number(demo.seconds.toFixed(1)) }, 'Demo store loaded (synthetic data)');
      isDemoLoaded = true;
    }
    app = await buildApp({ store, config, clock: systemClock, logger, webRoot: resolveWebRoot() });
    await heldPort.release();
    await app.listen({ port, host }).catch((error: unknown) => {
      throw listenError(error, port, host);
    });
  } catch (error) {
    // nothing may keep running, nor the store locked: the process ends with the error
    await heldPort.release();
    await app?.close().catch(() => undefined);
    await store.close().catch(() => undefined);
    throw error;
  }
  // started once listening, so a failed start leaves nothing running
  const maintenance = startEmbeddedMaintenance(store, logger);
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
  const settings = await getStoreSettings(db);
  const data: StoreData = settings.isSynthetic ? { kind: 'synthetic' }
    : settings.demoDataset ? { kind: 'public_data_set', dataSet: settings.demoDataset, asOf: settings.dataAsOf ?? null } : { kind: 'own' };
  const facts: StartUpFacts = {
    url,
    apiReferenceUrl: `${url}/api/docs`,
    store: { kind: store.kind, location: store.location, data },
    signIn: {
      text: signInLine(owner, owner.created ? [] : await listActiveOwnerEmails(db)),
      email: owner.created ? owner.email : null,
      oneTimePassword: owner.created && owner.isOneTimePassword ? owner.password : null,
    },
    setup: await storeSetupNotice(db, { isNewStore: runtime.isNewStore, env: process.env, surface: { kind: 'server' } }),
    loadData: !isDemoLoaded && (await findStoreUse(db)) === null ? loadDataLines(store) : [],
  };
  return {
    facts,
    close: async () => {
      await app.close();
      await maintenance.stop();
      await store.close();
    },
  };
}

/** The banner a person reads, line by line as `serve` has always printed it. */
export function startUpBanner(facts: StartUpFacts): string {
  const { data } = facts.store;
  const dataText = data.kind === 'synthetic' ? ' — SYNTHETIC demo data' : data.kind === 'public_data_set' ? ` — public data set ${data.dataSet}, as of ${data.asOf}` : '';
  const lines = [
    '',
    `  Clientele is running at ${facts.url}`,
    `  API reference: ${facts.apiReferenceUrl}`,
    `  Store: ${facts.store.kind === 'embedded' ? `embedded (${facts.store.location})` : facts.store.location}${dataText}`,
    `  ${facts.signIn.text}`,
    ...facts.setup.map((line) => `  ${line}`),
    ...facts.loadData.map((line) => `  ${line}`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * What to run on a store nobody has used yet. The commands reach a server store where DATABASE_URL
 * (or --db) names it, beside the running server; an embedded store is the server's alone while it runs.
 */
function loadDataLines(store: { kind: 'embedded' | 'server'; location: string }): string[] {
  if (store.kind === 'server') {
    return [
      'The store holds no data yet. With DATABASE_URL (or --db) naming it, load your own: `clientele import customers customers.csv`, then `clientele import orders orders.csv`;',
      'or a demo: `clientele demo load synthetic` (`clientele demo list` names the others), or restart with `clientele serve --demo`.',
    ];
  }
  return [
    'The store holds no data yet. Import your own files in the web app (Import);',
    `or stop the server and run \`clientele --db ${store.location} demo load synthetic\` (\`clientele demo list\` names the others), or \`clientele --db ${store.location} serve --demo\`.`,
  ];
}
