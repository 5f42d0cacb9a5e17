import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildWebApp, describeWithBrowser, openBrowser, signInThroughForm, startDemoServer, type DemoServer, type TestBrowser } from '../../helpers/browser.js';
import { createTestUser } from '../../helpers/auth.js';

describeWithBrowser('staff web app (analyst: read only)', () => {
  let web: Awaited<ReturnType<typeof buildWebApp>>;
  let server: DemoServer;
  let browser: TestBrowser;
  let page: Page;
  let customerId: number;

  beforeAll(async () => {
    web = await buildWebApp();
    server = await startDemoServer({ webRoot: web.directory, customers: 120 });
    browser = await openBrowser({ width: 390, height: 844 });
    page = await browser.newPage();
    const analyst = await createTestUser(server.store, 'analyst');
    const buyer = await server.store.db.selectFrom('customer_trait').select('customer_id').where('order_count', '>', 1).orderBy('customer_id').limit(1).executeTakeFirstOrThrow();
    customerId = Number(buyer.customer_id);
    await signInThroughForm(page, server.url, analyst.user.email, analyst.password);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await web?.dispose();
  });

  it('shows no import in the navigation and no page behind its address', async () => {
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await expect(navigation.getByRole('link', { name: 'Customers' }).isVisible()).resolves.toBe(true);
    await expect(navigation.getByRole('link', { name: 'Import' }).count()).resolves.toBe(0);
    await page.goto(`${server.url}/import`);
    await page.getByRole('heading', { name: 'Not open to your role' }).waitFor();
  });

  it('shows a customer without edit, consent or merge controls', async () => {
    await page.goto(`${server.url}/customers/${customerId}`);
    await page.getByRole('region', { name: 'Purchases', exact: true }).waitFor();
    await page.getByRole('region', { name: 'Consent' }).waitFor();
    await expect(page.getByRole('button', { name: 'Edit' }).count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Consent' }).getByRole('combobox').count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Merge with another customer' }).count()).resolves.toBe(0);
  });

  it('reads the reports on a phone without horizontal scrolling, and without the analysis button', async () => {
    await page.goto(`${server.url}/reports`);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByRole('region', { name: 'Cohort retention' }).locator('.chart canvas').first().waitFor();
    await page.getByRole('region', { name: 'Customer type migration' }).locator('.chart canvas, .empty-state').first().waitFor();
    const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    await expect(page.getByRole('button', { name: 'Run analysis' }).count()).resolves.toBe(0);
  });

  it('is refused by the API when it tries to change data anyway', async () => {
    const statuses = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json() as { csrfToken: string };
      const headers = { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken };
      const patch = await fetch(`/api/customers/${id}`, { method: 'PATCH', headers, body: JSON.stringify({ city: 'Nowhere' }) });
      const ingest = await fetch('/api/ingest/customers', { method: 'POST', headers, body: JSON.stringify({ records: [{ customer_id: 'X-1', name: 'X' }] }) });
      return [patch.status, ingest.status];
    }, customerId);
    expect(statuses).toEqual([403, 403]);
  });

  it('after a one-time password and the change, loads the store settings at once: the synthetic badge and the currency', async () => {
    const newcomer = await createTestUser(server.store, 'analyst', { mustChangePassword: true });
    await page.context().clearCookies();
    await page.goto(`${server.url}/`);
    await page.getByLabel(/email/i).fill(newcomer.user.email);
    await page.getByLabel(/password/i).fill(newcomer.password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByRole('heading', { name: 'Choose your password' }).waitFor();
    // typed at sign-in a moment ago: not asked for again
    await expect(page.getByLabel('One-time password').count()).resolves.toBe(0);
    await page.getByLabel('New password', { exact: true }).fill('a password of my own, 2026');
    await page.getByLabel('New password again').fill('a password of my own, 2026');
    await page.getByRole('button', { name: 'Save password' }).click();
    // GET /api/settings was refused while the password had to change, and once never asked again
    await page.locator('.badge', { hasText: 'Synthetic demo data' }).waitFor({ state: 'attached' });
    const revenue = page.getByRole('region', { name: 'Key figures' }).locator('.key-figure').filter({ hasText: 'Revenue' }).locator('.key-figure-value');
    await expect(revenue.textContent()).resolves.toMatch(/^IDR\s/);
    await expect(page.getByText(/Amounts are shown without a currency/).count()).resolves.toBe(0);
  });
});
