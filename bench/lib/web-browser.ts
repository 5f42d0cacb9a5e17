/**
 * What a member of staff sees, timed in headless Chromium (playwright-core,
 * Debian's /usr/bin/chromium): from an action to the content being on screen,
 * with the API requests the server answered in that time and their server-side times.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RunningServer, ServerRequest } from './web-server.js';
import { benchOwnerEmail, benchOwnerPassword } from './web-server.js';
import { summarise, type Summary } from './web-timing.js';

const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const viewport = { width: 1366, height: 900 };

export type BrowserFigure = { label: string; wall: Summary; requests: Map<string, number[]> };

type Step = { label: string; wall: number[]; requests: Map<string, number[]> };

const keyFigures = '.key-figures .key-figure-value';
const firstCustomerRow = '.customer-table-scroll [role="row"][aria-rowindex="2"]';

/** API path without its query, e.g. /api/reports/summary. */
const pathOf = (url: string) => url.split('?')[0].replace(/\/\d+(?=\/|$)/g, '/:id');

export class BrowserBench {
  private readonly steps = new Map<string, Step>();
  private constructor(private readonly browser: Browser, private readonly server: RunningServer) {}

  static async open(server: RunningServer, executablePath: string): Promise<BrowserBench> {
    const browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
    return new BrowserBench(browser, server);
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  figures(): BrowserFigure[] {
    return [...this.steps.values()].map((step) => ({ label: step.label, wall: summarise(step.wall), requests: step.requests }));
  }

  /** Times `action` until `until` resolves and records the API requests the server completed meanwhile. */
  private async measure(label: string, action: () => Promise<unknown>, until: () => Promise<unknown>): Promise<number> {
    const started = performance.now();
    await action();
    await until();
    const wall = performance.now() - started;
    // the server logs a request after sending it: give the last log line a moment
    await new Promise((resolve) => setTimeout(resolve, 50));
    const served = this.server.requests.filter((request: ServerRequest) => request.completedAt >= started && request.completedAt <= started + wall + 50);
    const step = this.steps.get(label) ?? { label, wall: [], requests: new Map<string, number[]>() };
    step.wall.push(wall);
    for (const request of served) {
      const key = pathOf(request.url);
      step.requests.set(key, [...(step.requests.get(key) ?? []), request.serverMs]);
    }
    this.steps.set(label, step);
    return wall;
  }

  /** One complete visit in a fresh browser profile (empty cache): sign in, home, list and its controls. */
  async runVisit(options: { staticPath: string; type: string; search: string; deepPages: number }): Promise<void> {
    const url = this.server.url;
    const context = await this.browser.newContext({ viewport, locale: 'en-GB' });
    // slow views are measured, not failed: the store's old code took 15 s and more for some
    context.setDefaultTimeout(180_000);
    try {
      const page = await context.newPage();
      await this.measure('baseline: static file, cold cache', () => page.goto(`${url}${options.staticPath}`), async () => {});
      await page.goto(`${url}/`);
      await page.getByLabel(/email/i).fill(benchOwnerEmail);
      await page.getByLabel(/password/i).fill(benchOwnerPassword);
      await this.measure('home: sign in → key figures', () => page.getByRole('button', { name: /sign in/i }).click(), () => page.locator(keyFigures).first().waitFor());
      await this.measure('home: reload (app cached) → key figures', () => page.goto(`${url}/`), () => page.locator(keyFigures).first().waitFor());
      await this.measureColdHome(context);
      await this.measure('customers: full load of /customers → first page', () => page.goto(`${url}/customers`), () => page.locator(firstCustomerRow).waitFor());
      await page.goto(`${url}/`);
      await page.locator(keyFigures).first().waitFor();
      await this.measure('customers: click in the menu → first page', () => page.getByRole('navigation').getByRole('link', { name: /customers/i }).click(), () => page.locator(firstCustomerRow).waitFor());
      await this.listControls(page, options);
    } finally {
      await context.close();
    }
  }

  /** A signed-in member of staff opening the app with an empty cache: the first dashboard view proper. */
  private async measureColdHome(signedIn: BrowserContext): Promise<void> {
    const context = await this.browser.newContext({ viewport, locale: 'en-GB' });
    context.setDefaultTimeout(180_000);
    try {
      await context.addCookies(await signedIn.cookies());
      const page = await context.newPage();
      await this.measure('home: open the app signed in, cold cache → key figures', () => page.goto(`${this.server.url}/`), () => page.locator(keyFigures).first().waitFor());
    } finally {
      await context.close();
    }
  }

  private async listControls(page: Page, options: { type: string; search: string; deepPages: number }): Promise<void> {
    const answered = (part: string) => page.waitForResponse((response) => response.url().includes('/api/customers?') && response.url().includes(part));
    const applied = async (part: string, action: () => Promise<unknown>) => {
      const response = answered(part);
      await action();
      await response;
      await page.locator(firstCustomerRow).waitFor();
    };
    const typeSelect = page.locator('select[name="type"]');
    const sortSelect = page.locator('select[name="sort"]');
    await this.measure(`customers: filter type = ${options.type} → first page`, () => applied(`type=${options.type}`, () => typeSelect.selectOption(options.type)), async () => {});
    await applied('sort=recent', () => typeSelect.selectOption(''));
    await this.measure('customers: sort by spend → first page', () => applied('sort=revenue', () => sortSelect.selectOption('revenue')), async () => {});
    await applied('sort=recent', () => sortSelect.selectOption('recent'));
    const search = page.locator('input[name="q"]');
    await this.measure(`customers: search "${options.search}" → first page`, () => applied(`q=${encodeURIComponent(options.search)}`, async () => {
      await search.fill(options.search);
      await search.press('Enter');
    }), async () => {});
    await applied('sort=recent', async () => { await search.fill(''); await search.press('Enter'); });
    // Scrolling to the end of the loaded rows fetches the next page (100 rows) by cursor; the
    // table fetches ahead on its own, so progress is read from the "N shown so far" line.
    const scroller = page.locator('.customer-table-scroll');
    const shown = async () => Number((await page.locator('p[role="status"]').innerText()).replace(/\D/g, ''));
    const scrollUntil = async (rows: number) => {
      while ((await shown()) < rows) {
        await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
        await page.waitForTimeout(20);
      }
    };
    await this.measure('customers: scroll to page 2 → 200 rows shown', () => scrollUntil(200), async () => {});
    await this.measure(`customers: scroll on to page ${options.deepPages} → ${options.deepPages * 100} rows shown`, () => scrollUntil(options.deepPages * 100), async () => {});
  }
}
