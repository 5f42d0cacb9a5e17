import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'kysely';
import { storeAlerts, type NewAlert } from '../../../src/analytics/alerts/alerts.repo.js';
import { calendarDayOf } from '../../../src/core/calendar-day.js';
import { addDays } from '../../../src/core/clock.js';
import { getStoreSettings } from '../../../src/settings/index.js';
import { createTestUser } from '../../helpers/auth.js';
import { chooseLanguage, describeWithBrowser, openBrowser, ownerEmail, ownerPassword, pagePoll, signInThroughForm, useStaffApp, waitForStoreSettings, type DemoServer } from '../../helpers/browser.js';

/** Requests the page sends to the API whose path matches `pattern`, from now on. */
function recordApiRequests(page: Page, pattern: RegExp): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const { pathname, search } = new URL(request.url());
    if (pathname.startsWith('/api/') && pattern.test(pathname + search)) seen.push(`${request.method()} ${pathname}${search}`);
  });
  return seen;
}

describeWithBrowser('staff web app: input, session and link guards', () => {
  const app = useStaffApp({ customers: 300 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });

  it('reads the minimum spend with the language\'s grouping, and marks an amount it cannot read instead of dropping it', async () => {
    await page.goto(`${server.url}/customers`);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    const minSpend = page.getByLabel('Minimum spend');
    const request = page.waitForRequest((candidate) => new URL(candidate.url()).searchParams.get('minRevenueMinor') === '100000');
    await minSpend.fill('100,000');
    await request;
    await expect(minSpend.getAttribute('aria-invalid')).resolves.toBe('false');
    expect(page.url()).not.toContain('null');

    await minSpend.fill('abc');
    const error = page.getByRole('alert').filter({ hasText: 'Minimum spend: enter an amount like 100,000' });
    await error.waitFor();
    await expect(minSpend.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByLabel('Language').selectOption('id');
    await page.getByRole('alert').filter({ hasText: 'Belanja minimum: masukkan jumlah seperti 100.000' }).waitFor();
    const indonesian = page.waitForRequest((candidate) => new URL(candidate.url()).searchParams.get('minRevenueMinor') === '500000');
    await page.getByLabel('Belanja minimum').fill('500.000');
    await indonesian;
    await expect(page.getByLabel('Belanja minimum').getAttribute('aria-invalid')).resolves.toBe('false');
    // saved before the next test loads a page, which asks the server for the language
    await chooseLanguage(page, 'en');
    await page.getByRole('link', { name: 'Customers', exact: true }).waitFor();
  });

  it('sends the user to sign in when the session ends mid-page, and back to the same address after', async () => {
    const answered = (path: string) => page.waitForResponse((response) => new URL(response.url()).pathname === path);
    const [list, count] = [answered('/api/customers'), answered('/api/customers/count')];
    await page.goto(`${server.url}/customers?status=lead`);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await Promise.all([list, count]);
    // The session ends when the select's own request is sent, not before: cleared earlier, any
    // request the page makes in the meantime (on a busy machine there is time for one) ended the
    // session first and took the page to sign-in from under the select. The server answers the
    // request itself, without the cookie: a real 401.
    await page.route((url) => url.pathname === '/api/customers' && url.searchParams.get('status') === 'real', async (route) => {
      await page.context().clearCookies();
      const headers = { ...route.request().headers() };
      delete headers.cookie;
      await route.fulfill({ response: await route.fetch({ headers }) });
    }, { times: 1 });
    await page.getByLabel('Status').selectOption('real');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByText('Your session has ended; sign in again.').waitFor();
    await expect(page.getByText('Something went wrong').count()).resolves.toBe(0);
    const address = page.url();
    expect(new URL(address).pathname + new URL(address).search).toBe('/customers?status=real');
    await page.getByLabel(/email/i).fill(ownerEmail);
    await page.getByLabel(/password/i).fill(ownerPassword);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    expect(page.url()).toBe(address);
    await expect(page.getByLabel('Status').inputValue()).resolves.toBe('real');
  });

  it('answers an address with no valid id with the not-found page, without asking the API', async () => {
    const requests = recordApiRequests(page, /^\/api\/(customers|segments)\/(?!\d+(\/|$|\?))/);
    for (const address of ['/customers/abc', '/customers/0', '/customers/-3', '/segments/abc', '/segments/1.5/edit']) {
      await page.goto(`${server.url}${address}`);
      await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
      await expect(page.getByText(/expected number|NaN/i).count()).resolves.toBe(0);
    }
    expect(requests).toEqual([]);
  });

  it('says at once that a customer cannot be merged into itself, and offers no merge', async () => {
    const customer = await server.store.db.selectFrom('customer').select('customer_id').where('merged_into_customer_id', 'is', null)
      .orderBy('customer_id', 'desc').limit(1).executeTakeFirstOrThrow();
    const customerId = Number(customer.customer_id);
    await page.goto(`${server.url}/customers/${customerId}`);
    const mergePanel = page.getByRole('region', { name: 'Merge with another customer' });
    await mergePanel.waitFor();
    const requests = recordApiRequests(page, new RegExp(`^/api/customers/${customerId}(/merge)?$`));
    await mergePanel.getByLabel("Other customer's number").fill(String(customerId));
    await mergePanel.getByRole('button', { name: 'Look up' }).click();
    await mergePanel.getByRole('alert').filter({ hasText: `No. ${customerId} is this customer` }).waitFor();
    await expect(mergePanel.getByRole('button', { name: 'Merge', exact: true }).count()).resolves.toBe(0);
    expect(requests).toEqual([]);
  });

  it('keeps every key figure on one line, never broken inside an amount, in Bahasa Indonesia at 1280 and 390 px', async () => {
    await page.goto(`${server.url}/`);
    // the amounts carry the store's currency, which comes with the settings
    await waitForStoreSettings(page);
    // saved before the reload below, which asks the server for the language
    await chooseLanguage(page, 'id');
    const lines = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.key-figure-value')].map((value) => {
      const style = getComputedStyle(value);
      return {
        text: value.textContent,
        isOneLine: value.getClientRects().length === 1 && value.getBoundingClientRect().height < 1.6 * Number.parseFloat(style.lineHeight),
        isUnbreakable: style.whiteSpace === 'nowrap',
        fits: value.scrollWidth <= value.clientWidth + 1,
      };
    }));
    const check = async (label: string) => {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.locator('.key-figure-value').first().waitFor();
        await expect(page.locator('.key-figure-value').first().textContent()).resolves.toMatch(/^Rp/);
        const figures = await lines();
        expect(figures.length).toBeGreaterThan(5);
        for (const figure of figures) expect({ label, width, ...figure }).toEqual({ label, width, text: figure.text, isOneLine: true, isUnbreakable: true, fits: true });
      }
    };
    try {
      await check('demo store');
      // a year of a large chain: twelve digits of rupiah
      await page.route('**/api/reports/summary?*', async (route) => {
        const response = await route.fetch();
        const summary = await response.json() as { current: { revenueMinor: number } };
        summary.current.revenueMinor = 642_603_800_000;
        await route.fulfill({ response, json: summary });
      });
      await page.reload();
      await page.getByText('Rp 642.603.800.000').waitFor();
      await check('twelve digits');
    } finally {
      await page.unroute('**/api/reports/summary?*');
      await page.setViewportSize({ width: 1366, height: 900 });
      await chooseLanguage(page, 'en');
    }
  });

  it('lets the owner acknowledge an open alert, which leaves the list; an analyst sees no such button', async () => {
    // drops of our own, a day after any the demo's analysis raised: the demo raises none on some days (its data follows the date)
    const db = server.store.db;
    const latest = (await sql<{ day: string | null }>`select to_char(max(window_end), 'YYYY-MM-DD') as day from alert`.execute(db)).rows[0].day;
    const windowEnd = addDays(latest ?? calendarDayOf(new Date(), (await getStoreSettings(db)).timeZone), 1);
    const drop = (scope: string, expected: number, actual: number): NewAlert => ({
      kind: 'metric_drop', metric: 'revenue', scope, granularity: 'week', windowStart: addDays(windowEnd, -6), windowEnd,
      expected, actual, changePct: Math.round(((actual - expected) / expected) * 1000) / 10, explanation: { explainedBy: [] },
    });
    await storeAlerts(db, [drop('category:pastries', 3_000_000, 1_140_000), drop('all', 90_000_000, 70_000_000)]);
    await page.goto(`${server.url}/`);
    const openAlerts = page.getByRole('region', { name: 'Open alerts' });
    const buttons = openAlerts.getByRole('button', { name: /^Acknowledge/ });
    await buttons.first().waitFor();
    const first = await openAlerts.locator('.alert-item').first().locator('a, span').first().textContent();
    const acknowledged = page.waitForResponse((response) => /\/api\/alerts\/\d+\/acknowledge$/.test(new URL(response.url()).pathname));
    await buttons.first().click();
    const response = await acknowledged;
    expect(response.status()).toBe(200);
    const alertId = Number(new URL(response.url()).pathname.split('/')[3]);
    // the row keeps its sentence beside Undo until it leaves the list: acknowledged, it offers no Acknowledge
    const row = openAlerts.locator('.alert-item').filter({ hasText: first! });
    await expect.poll(() => row.getByRole('button', { name: /^Acknowledge/ }).count(), pagePoll).toBe(0);
    await expect(row.textContent()).resolves.toMatch(/^Acknowledged/);
    const stored = await sql<{ acknowledged_by: string | null }>`select acknowledged_by from alert where alert_id = ${alertId}`.execute(server.store.db);
    expect(stored.rows[0].acknowledged_by).toContain(ownerEmail);

    const analyst = await createTestUser(server.store, 'analyst');
    const analystBrowser = await openBrowser();
    try {
      const analystPage = await analystBrowser.newPage();
      await signInThroughForm(analystPage, server.url, analyst.user.email, analyst.password);
      const analystAlerts = analystPage.getByRole('region', { name: 'Open alerts' });
      await analystAlerts.locator('.alert-item').first().waitFor();
      await expect(analystAlerts.getByRole('button', { name: /Acknowledge/ }).count()).resolves.toBe(0);
    } finally {
      await analystBrowser.close();
    }
  });
});
