import pino from 'pino';
import { systemClock } from '../core/clock.js';
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

/**
 * Starts Clientele: migrates the store, creates the owner on first start,
 * loads the synthetic demo into an empty store, and listens.
 */
export async function serve(options: ServeOptions = {}): Promise<{ close: () => Promise<void>; url: string }> {
  const runtime = await openRuntime({ db: options.db, autoMigrate: true });
  const logger = pino({ level: runtime.config.logLevel });
  const { config, store, db } = runtime;
  const owner = await ensureOwner(db, { email: config.ownerEmail, password: config.ownerPassword });
  if ((options.demo ?? true) && (await isStoreEmpty(db))) {
    logger.info('The store is empty: loading the synthetic demo store (Roti & Kopi Nusantara)…');
    const demo = await loadSyntheticDemo(db, { clock: systemClock, actor: 'system:demo' });
    logger.info({ seconds: Number(demo.seconds.toFixed(1)) }, 'Demo store loaded (synthetic data)');
  }
  const app = await buildApp({ store, config, clock: systemClock, logger, webRoot: resolveWebRoot() });
  const port = options.port ?? config.port;
  const host = options.host ?? config.host;
  await app.listen({ port, host });
  // started once listening, so a failed start leaves nothing running
  const maintenance = startEmbeddedMaintenance(store, logger);
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`;
  const settings = await getStoreSettings(db);
  const setup = await storeSetupNotice(db, { isNewStore: runtime.isNewStore, env: process.env, surface: { kind: 'server' } });
  const lines = [
    '',
    `  Clientele is running at ${url}`,
    `  API reference: ${url}/api/docs`,
    `  Store: ${store.kind === 'embedded' ? `embedded (${store.location})` : store.location}${settings.isSynthetic ? ' — SYNTHETIC demo data' : settings.demoDataset ? ` — public data set ${settings.demoDataset}, as of ${settings.dataAsOf}` : ''}`,
    `  ${signInLine(owner, owner.created ? [] : await listActiveOwnerEmails(db))}`,
    ...setup.map((line) => `  ${line}`),
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return {
    url,
    close: async () => {
      await app.close();
      await maintenance.stop();
      await store.close();
    },
  };
}
