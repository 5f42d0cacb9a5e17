import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { ensureOwner } from '../../src/auth/index.js';
import { loadSyntheticDemo } from '../../src/demo/load-demo.js';
import { systemClock } from '../../src/core/clock.js';
import type { Store } from '../../src/db/client.js';
import { createTestStore } from './stores.js';

/** Debian's Chromium; playwright-core never downloads a browser of its own here. */
export const browserExecutable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export const ownerEmail = 'owner@clientele.local';
export const ownerPassword = 'owner-password-for-browser-tests';

/**
 * A browser suite: skipped with a printed reason when Chromium is missing,
 * except under CI_REQUIRE_BROWSER=1, where a missing browser is a failure.
 */
export function describeWithBrowser(name: string, body: () => void): void {
  if (existsSync(browserExecutable)) {
    describe(name, body);
    return;
  }
  const reason = `${browserExecutable} is missing (install Debian's chromium: apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI_REQUIRE_BROWSER === '1') {
    describe(name, () => it('needs a browser', () => { throw new Error(`CI_REQUIRE_BROWSER=1 but ${reason}`); }));
    return;
  }
  console.warn(`Browser tests "${name}" skipped: ${reason}.`);
  describe.skipIf(true)(name, body);
}

/** Builds the web app into a fresh directory, so parallel test files never share (or half-read) dist/web. */
export async function buildWebApp(): Promise<{ directory: string; dispose: () => Promise<void> }> {
  const { build } = await import('vite');
  const directory = await mkdtemp(join(tmpdir(), 'clientele-web-'));
  await build({
    configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    build: { outDir: directory, emptyOutDir: true, sourcemap: false },
  });
  return { directory: `${directory}/`, dispose: () => rm(directory, { recursive: true, force: true }) };
}

export type DemoServer = { url: string; app: FastifyInstance; store: Store; close: () => Promise<void> };

/** The real server in-process on a free port, over an in-memory store holding the synthetic demo. */
export async function startDemoServer(options: { webRoot: string; customers?: number }): Promise<DemoServer> {
  const { store, dispose } = await createTestStore('embedded');
  await ensureOwner(store.db, { email: ownerEmail, password: ownerPassword });
  // customers: 0 is a new, empty store
  if (options.customers !== 0) await loadSyntheticDemo(store.db, { customers: options.customers ?? 300, clock: systemClock, actor: 'test:demo' });
  const app = await buildApp({ store, config: { isBehindTls: false }, clock: systemClock, logger: false, webRoot: options.webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    close: async () => {
      await app.close();
      await dispose();
    },
  };
}

export type TestBrowser = { context: BrowserContext; newPage: () => Promise<Page>; close: () => Promise<void> };

export async function openBrowser(options: { width?: number; height?: number; locale?: string } = {}): Promise<TestBrowser> {
  const userDataDirectory = await mkdtemp(join(tmpdir(), 'clientele-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: browserExecutable,
    headless: true,
    args: chromiumArgs,
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
  });
  return {
    context,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      await rm(userDataDirectory, { recursive: true, force: true });
    },
  };
}

/** Signs in through the form, as a person would. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(/email|e-pasts/i).fill(email);
  await page.getByLabel(/password|kata sandi|parole/i).fill(password);
  await page.getByRole('button', { name: /sign in|masuk|pierakstīties/i }).click();
  await page.getByRole('navigation').waitFor();
}

/** What a browser suite works with: the server, the browser and its first page. */
export type StaffApp = { readonly server: DemoServer; readonly browser: TestBrowser; readonly page: Page };

/**
 * Registers the suite's set-up and tear-down: the web app built, the real server over a demo store
 * (`customers: 0`: a new, empty store), Chromium and a page, signed in as the owner unless
 * `isSignedIn` is false. Read the parts from the returned object inside tests and hooks.
 */
export function useStaffApp(options: { customers?: number; width?: number; height?: number; isSignedIn?: boolean } = {}): StaffApp {
  let web: Awaited<ReturnType<typeof buildWebApp>> | undefined;
  let server: DemoServer | undefined;
  let browser: TestBrowser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    web = await buildWebApp();
    server = await startDemoServer({ webRoot: web.directory, customers: options.customers });
    browser = await openBrowser({ width: options.width, height: options.height });
    page = await browser.newPage();
    if (options.isSignedIn !== false) await signInThroughForm(page, server.url, ownerEmail, ownerPassword);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await web?.dispose();
  });
  return {
    get server() { return server!; },
    get browser() { return browser!; },
    get page() { return page!; },
  };
}
