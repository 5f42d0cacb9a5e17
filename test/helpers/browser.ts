import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { chromium, type BrowserContext, type Page, type Response } from 'playwright-core';
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

/**
 * The web app built from the sources as they are now. A build costs seconds of CPU and every
 * browser file needs one, so builds are kept by a hash of what goes into them (src outside
 * tests, the Vite config, the lockfile): the first file to ask builds, the rest reuse it. A
 * build is written to a fresh directory and renamed into place, so no file ever reads half a build.
 */
export async function buildWebApp(): Promise<{ directory: string; dispose: () => Promise<void> }> {
  const cacheRoot = join(tmpdir(), 'clientele-web-builds');
  const built = join(cacheRoot, await webSourcesHash());
  if (!existsSync(built)) {
    const { build } = await import('vite');
    await mkdir(cacheRoot, { recursive: true });
    const directory = await mkdtemp(join(cacheRoot, 'building-'));
    await build({
      configFile: fileURLToPath(new URL('../../vite.config.ts', import.meta.url)),
      logLevel: 'warn',
      build: { outDir: directory, emptyOutDir: true, sourcemap: false },
    });
    // another file may have finished the same build first: theirs is as good
    await rename(directory, built).catch(() => rm(directory, { recursive: true, force: true }));
    await removeBuildsOlderThan(cacheRoot, 24 * 60 * 60 * 1000);
  }
  return { directory: `${built}/`, dispose: async () => {} };
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

async function webSourcesHash(): Promise<string> {
  const hash = createHash('sha256');
  const sources = (await readdir(join(repositoryRoot, 'src'), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.includes('.test.'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
  for (const file of [...sources.sort(), join(repositoryRoot, 'vite.config.ts'), join(repositoryRoot, 'package-lock.json')]) {
    hash.update(file).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

async function removeBuildsOlderThan(cacheRoot: string, ageMs: number): Promise<void> {
  for (const name of await readdir(cacheRoot)) {
    const path = join(cacheRoot, name);
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Date.now() }));
    if (Date.now() - mtimeMs > ageMs) await rm(path, { recursive: true, force: true });
  }
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

/**
 * `cspViolations`: what Chromium logged on any page of the browser about the Content-Security-Policy
 * (an inline style or script it refused, a source not allowed), with the page's address.
 */
export type TestBrowser = { context: BrowserContext; newPage: () => Promise<Page>; close: () => Promise<void>; cspViolations: string[] };

export async function openBrowser(options: { width?: number; height?: number; locale?: string } = {}): Promise<TestBrowser> {
  const userDataDirectory = await mkdtemp(join(tmpdir(), 'clientele-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: browserExecutable,
    headless: true,
    args: chromiumArgs,
    viewport: { width: options.width ?? 1366, height: options.height ?? 900 },
    locale: options.locale ?? 'en-GB',
  });
  const cspViolations: string[] = [];
  context.on('console', (message) => {
    if (/content security policy/i.test(message.text())) cspViolations.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
  });
  return {
    context,
    cspViolations,
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

/**
 * Waits until the app holds the store's settings. They come in a request of their own after each
 * page load, and the store's currency, time zone and whether its orders carry prices shape every
 * amount and day shown: read before they arrive, an amount has no currency. The header names the
 * store once they are in.
 */
export async function waitForStoreSettings(page: Page): Promise<void> {
  await page.locator('.shell-header .store-name').waitFor();
}

/**
 * The server's answer to saving the reader's language (PATCH /api/auth/me). The app shows a language
 * picked in the header at once and saves it on the side; a page loaded before the answer asks the
 * server and may come up in the old one.
 */
export function languageSaved(page: Page, locale: string): Promise<Response> {
  return page.waitForResponse((response) => response.request().method() === 'PATCH' && new URL(response.url()).pathname === '/api/auth/me'
    && (response.request().postDataJSON() as { locale?: unknown } | null)?.locale === locale);
}

/** Picks the language in the header, as a person would, and waits until the page shows it and the server has saved it. */
export async function chooseLanguage(page: Page, locale: string): Promise<void> {
  const picker = page.locator('.language-picker select');
  if (await picker.inputValue() !== locale) {
    const saved = languageSaved(page, locale);
    await picker.selectOption(locale);
    const answer = await saved;
    if (!answer.ok()) throw new Error(`the language ${locale} was not saved: HTTP ${answer.status()}`);
  }
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

/**
 * Options for expect.poll on what a page shows or sends: as long as a locator waits (30 s). vitest's
 * default of one second is shorter than a request can take on a loaded CI machine.
 */
export const pagePoll = { timeout: 30_000 } as const;

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
    const cspViolations = browser?.cspViolations ?? [];
    await browser?.close();
    await server?.close();
    await web?.dispose();
    // every suite checks that the app ran under the server's policy (security-headers.ts)
    if (cspViolations.length > 0) throw new Error(`The browser refused what the Content-Security-Policy forbids:\n${cspViolations.join('\n')}`);
  });
  return {
    get server() { return server!; },
    get browser() { return browser!; },
    get page() { return page!; },
  };
}
