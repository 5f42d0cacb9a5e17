import pino from 'pino';
import { systemClock } from '../core/clock.js';
import { holdPort, listenError } from './port-hold.js';
import { ensureOwner, listActiveOwnerEmails } from '../auth/index.js';
import { isStoreEmpty, loadSyntheticDemo } from '../demo/load-demo.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { getStoreSettings } from '../settings/index.js';
import { storeSetupNotice } from '../settings/setup-notice.js';
import { buildApp } from './app.js';
import { startEmbeddedMaintenance } from './embedded-maintenance.js';
import { signInLine } from './sign-in-line.js';
import { resolveWebRoot } from './web-root.js';

export type ServeOptions = { db?: string; port?: number; host?: string; demo?: boolean };

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
};

/**
 * Starts Clientele as `serve` does (migrates, creates the owner on first start, loads the demo into
 * an empty store, listens) and returns the start-up facts instead of printing them, so the caller
 * chooses their form. `logDestination` is the file descriptor pino writes to: stdout by default,
 * stderr when stdout must carry only JSON documents (`clientele serve --json`).
 */
export async function startServer(options: ServeOptions & { logDestination?: 1 | 2 } = {}): Promise<{ facts: StartUpFacts; close: () => Promise<void> }> {
  const runtime = await openRuntime({ db: options.db, autoMigrate: true });
  const logger = pino({ level: runtime.config.logLevel }, pino.destination(options.logDestination ?? 1));
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
  try {
    owner = await ensureOwner(db, { email: config.ownerEmail, password: config.ownerPassword });
    if ((options.demo ?? true) && (await isStoreEmpty(db))) {
      logger.info('The store is empty: loading the synthetic demo store (Roti & Kopi Nusantara)…');
      const demo = await loadSyntheticDemo(db, { clock: systemClock, actor: 'system:demo' });
      logger.info({ seconds: Number(demo.seconds.toFixed(1)) }, 'Demo store loaded (synthetic data)');
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
    '',
  ];
  return `${lines.join('\n')}\n`;
}
