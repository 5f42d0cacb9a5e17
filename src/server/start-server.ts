import { systemClock } from '../core/clock.js';
import { holdPort, listenError } from './port-hold.js';
import { checkOwnerSettings, ensureOwner, listActiveOwnerEmails } from '../auth/index.js';
import { underDemoLoadLock } from '../demo/demo-load-lock.js';
import { loadSyntheticDemo } from '../demo/load-demo.js';
import { findStoreUse, shouldLoadDemoAtStart } from '../demo/store-use.js';
import { findUnfinishedDemoLoad } from '../demo/unfinished-load.js';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { loadConfig, type LogLevel } from '../core/config.js';
import { openRuntime } from '../runtime/open-runtime.js';
import { getStoreSettings } from '../settings/index.js';
import { storeSetupNotice } from '../settings/setup-notice.js';
import { shellWord } from '../core/shell-words.js';
import { buildApp } from './app.js';
import { startEmbeddedMaintenance } from './embedded-maintenance.js';
import { signInLine } from './sign-in-line.js';
import { resolveWebRoot } from './web-root.js';
import { createServeLogger, loggedUrl } from './serve-logger.js';

/**
 * `demo`: true loads the synthetic demo into an unused store (and refuses a used one), false never
 * loads it, undefined loads it only into an unused embedded store (demo/store-use.ts).
 * `demoCustomers`: the synthetic demo's size when this start loads it (`standardSyntheticCustomers` unset);
 * a start that finishes an interrupted load should be given the size that load began with.
 * `logLevel`: over LOG_LEVEL (serve-logger.ts).
 */
export type ServeOptions = { db?: string; port?: number; host?: string; demo?: boolean; demoCustomers?: number; logLevel?: LogLevel };

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
  /**
   * How to load data, when the store is unused and started without the demo; empty for a store
   * holding an interrupted demo load (`interruptedLoad`, said by the caller: serve-run.ts).
   */
  loadData: string[];
  /**
   * The demo (`synthetic`) or public data set whose load into the store stopped part-way (a killed
   * `demo load` or first start) and that this start did not finish: its reports are incomplete.
   */
  interruptedLoad: { dataSet: string } | null;
};

/**
 * Starts Clientele as `serve` does (migrates, creates the owner on first start, loads the demo where
 * shouldLoadDemoAtStart says, listens) and returns the start-up facts instead of printing them, so the caller
 * chooses their form. `logDestination` is the file descriptor pino writes to: stdout by default,
 * stderr when stdout must carry only JSON documents (`clientele serve --json`).
 */
export async function startServer(options: ServeOptions & { logDestination?: 1 | 2 | DestinationStream } = {}): Promise<StartedServer> {
  // before the store opens, so what the store reports (a connection lost while idle) is logged as the rest is
  const logger = createServeLogger({ level: options.logLevel ?? loadConfig(process.env).logLevel, destination: options.logDestination ?? 1 });
  const runtime = await openRuntime({ db: options.db, autoMigrate: true, logger });
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
  let isInterruptedLoadFinished = false;
  try {
    const loadDemoIfDue = async () => {
      const loadsDemo = await shouldLoadDemoAtStart(db, { storeKind: store.kind, demo: options.demo });
      if (!loadsDemo) return;
      // the owner is made after the load (below), but a bad owner setting is said before it, not after ~25 s
      await checkOwnerSettings(db, { email: config.ownerEmail, password: config.ownerPassword });
      // a first start killed while it loaded left the synthetic demo part-way: this start finishes it
      isInterruptedLoadFinished = findUnfinishedDemoLoad(await getStoreSettings(db)) === 'synthetic';
      logger.info(isInterruptedLoadFinished
        ? 'The synthetic demo\'s load into this store was interrupted: finishing it (Roti & Kopi Nusantara)…'
        : 'Nobody has used the store: loading the synthetic demo store (Roti & Kopi Nusantara)…');
      const demo = await loadSyntheticDemo(db, { customers: options.demoCustomers, clock: systemClock, actor: 'system:demo' });
      logger.info({ seconds: Number(demo.seconds.toFixed(1)) }, 'Demo store loaded (synthetic data)');
      isDemoLoaded = true;
    };
    // From the decision to the load's end, under the demo-load lock: a start beside another process's
    // load waits for it, then finds the store loaded, where it took that load for an interrupted one and
    // loaded the demo a second time (or, not loading, called it interrupted). --no-demo never waits.
    await (options.demo === false ? loadDemoIfDue() : underDemoLoadLock(db, loadDemoIfDue, {
      onWait: () => logger.info('Another process is loading a demo into this store: waiting for it to finish…'),
    }));
    // After the demo load, not before: a first start killed while loading had created the owner, and
    // its one-time password was never printed, so the start that finished the load said only "Sign in
    // with your staff account". A refused --demo (above) still gives no one a password.
    owner = await ensureOwner(db, { email: config.ownerEmail, password: config.ownerPassword });
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
  const inFlight = trackRequestsInFlight(app.server);
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
  const settings = await getStoreSettings(db);
  const interrupted = findUnfinishedDemoLoad(settings);
  // a data set's interrupted load is that data set's, in part: not the store's own data
  const dataSet = settings.demoDataset ?? (interrupted !== 'synthetic' ? interrupted : null);
  const data: StoreData = settings.isSynthetic ? { kind: 'synthetic' }
    : dataSet ? { kind: 'public_data_set', dataSet, asOf: settings.dataAsOf ?? null } : { kind: 'own' };
  const facts: StartUpFacts = {
    url,
    apiReferenceUrl: `${url}/api/docs`,
    store: { kind: store.kind, location: store.location, data },
    signIn: {
      text: signInLine(owner, owner.created ? [] : await listActiveOwnerEmails(db)),
      email: owner.created ? owner.email : null,
      oneTimePassword: owner.created && owner.isOneTimePassword ? owner.password : null,
    },
    // the start that finished a first start's interrupted load says what that one never got to say
    setup: await storeSetupNotice(db, { isNewStore: runtime.isNewStore || isInterruptedLoadFinished, env: process.env, surface: { kind: 'server' } }),
    loadData: !isDemoLoaded && interrupted === null && (await findStoreUse(db)) === null ? loadDataLines(store) : [],
    interruptedLoad: interrupted === null ? null : { dataSet: interrupted },
  };
  const close = async () => {
    await app.close();
    await maintenance.stop();
    await store.close();
  };
  return {
    facts,
    close,
    stop: async (deadlineMillis) => {
      const waiting = inFlight.list();
      if (waiting.length > 0) logger.info({ requests: waiting.length, deadlineSeconds: deadlineMillis / 1000 }, 'Stopping: finishing the requests in flight');
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'deadline'>((resolve) => { timer = setTimeout(() => resolve('deadline'), deadlineMillis); });
      const closed = close().then(() => 'closed' as const);
      closed.catch(() => undefined);
      try {
        if ((await Promise.race([closed, deadline])) === 'closed') return { complete: true, cut: [] };
      } finally {
        clearTimeout(timer);
      }
      // a request waiting on a database that never answers would hold the process for as long as the database does
      const cut = inFlight.list();
      logger.error({ cut, deadlineSeconds: deadlineMillis / 1000 }, cut.length > 0
        ? `Stopped at the shutdown deadline: ${cut.length} request(s) still in flight were cut`
        : 'Stopped at the shutdown deadline: the store did not close in time');
      return { complete: false, cut };
    },
  };
}

export type StartedServer = {
  facts: StartUpFacts;
  close: () => Promise<void>;
  /**
   * Stops listening and gives the requests in flight up to `deadlineMillis` to finish, then closes
   * the store. Past the deadline it returns, not complete, with the requests it gave up on, logged,
   * and the store left as it is: the process is to exit then, which ends its connections.
   */
  stop: (deadlineMillis: number) => Promise<{ complete: boolean; cut: string[] }>;
};

/**
 * The requests a server has not yet finished answering, as `GET /api/health` (method and path: the
 * query may hold a customer's email), for saying which ones a shutdown cut.
 */
export function trackRequestsInFlight(server: Server): { list: () => string[] } {
  const inFlight = new Set<IncomingMessage>();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    inFlight.add(request);
    response.on('close', () => inFlight.delete(request));
  });
  // as the request log writes a path no route is known for: a segment that looks like an email or phone is redacted
  return { list: () => [...inFlight].map((request) => `${request.method} ${loggedUrl((request.url ?? '').split('?')[0])}`) };
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
  // a folder with a space ("Klienti 2026") is one word to the shell only in quotes
  const db = shellWord(store.location);
  return [
    'The store holds no data yet. Import your own files in the web app (Import);',
    `or stop the server and run \`clientele --db ${db} demo load synthetic\` (\`clientele demo list\` names the others), or \`clientele --db ${db} serve --demo\`.`,
  ];
}
