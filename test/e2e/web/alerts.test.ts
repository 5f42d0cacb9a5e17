import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { addDays } from '../../../src/core/clock.js';
import { chooseLanguage, describeWithBrowser, openBrowser, pagePoll, signInThroughForm, useStaffApp, type DemoServer } from '../../helpers/browser.js';
import { storeDropsAfterLatest } from '../../helpers/drop-alerts.js';
import { createTestUser } from '../../helpers/auth.js';

const isAlertAction = (action: 'acknowledge' | 'reopen') => (response: { url: () => string; request: () => { method: () => string } }) =>
  response.request().method() === 'POST' && new RegExp(`^/api/alerts/\\d+/${action}$`).test(new URL(response.url()).pathname);

describeWithBrowser('staff web app: change alerts', () => {
  const app = useStaffApp({ customers: 150 });
  let server: DemoServer;
  let page: Page;
  const ids = { pastries: 0, storeWide: 0, croissants: 0 };

  // Alerts of our own, a day after any the demo's analysis raised, so they head the open list whatever the demo holds.
  beforeAll(async () => {
    ({ server, page } = app);
    const { idOf } = await storeDropsAfterLatest(server.store.db, [
      { scope: 'category:pastries', expected: 3_000_000, actual: 1_140_000 }, { scope: 'all', expected: 90_000_000, actual: 70_000_000 },
      { scope: 'category:croissants', expected: 2_000_000, actual: 1_100_000 },
    ]);
    Object.assign(ids, { pastries: idOf('category:pastries'), storeWide: idOf('all'), croissants: idOf('category:croissants') });
  });

  const openAlerts = () => page.getByRole('region', { name: 'Open alerts' });
  const isOpenInStore = async (alertId: number) =>
    (await sql<{ acknowledged_at: Date | null }>`select acknowledged_at from alert where alert_id = ${alertId}`.execute(server.store.db)).rows[0].acknowledged_at === null;

  it('leads each alert with its scope, so a category\'s drop does not read as the whole store\'s', async () => {
    await page.goto(`${server.url}/`);
    const texts = openAlerts().locator('.alert-item > span');
    await texts.first().waitFor();
    const all = await texts.allTextContents();
    expect(all.find((text) => text.includes('astries'))).toMatch(/^Pastries category revenue, .+ – .+: .+, expected .+ \(−62%\)$/);
    expect(all.find((text) => text.startsWith('Store-wide'))).toMatch(/^Store-wide revenue, .+: .+, expected .+ \(−22\.2%\)$/);
    try {
      await page.getByLabel('Language').selectOption('id');
      await page.locator('.alert-item > span', { hasText: /^Di kategori pastries, pendapatan .+: .+, perkiraan .+ \(−62%\)$/ }).waitFor();
      await page.locator('.alert-item > span', { hasText: /^Di seluruh toko, pendapatan / }).waitFor();
    } finally {
      // saved before the next test loads a page, which asks the server for the language
      await chooseLanguage(page, 'en');
    }
  });

  it('says why the overdue alerts are fewer than the customers at risk, and links to all of them', async () => {
    await page.goto(`${server.url}/`);
    const note = openAlerts().locator('.overdue-alerts-note');
    await expect(note.textContent()).resolves.toMatch(/^An overdue alert is raised on the day a customer with a regular rhythm becomes overdue, so only the recent ones are listed here\. Everyone at risk now$/);
    await note.getByRole('link', { name: 'Everyone at risk now' }).click();
    await page.waitForURL(/\/customers\?type=at_risk$/);
    await expect(page.getByLabel('Customer type').inputValue()).resolves.toBe('at_risk');
  });

  it('offers Undo after Acknowledge, by keyboard, announcing each step; the alert is open again, also after a reload', async () => {
    await page.goto(`${server.url}/`);
    const acknowledge = openAlerts().getByRole('button', { name: /^Acknowledge: Pastries category revenue, / });
    await acknowledge.focus();
    const acknowledged = page.waitForResponse(isAlertAction('acknowledge'));
    await page.keyboard.press('Enter');
    expect((await acknowledged).status()).toBe(200);

    const undo = openAlerts().getByRole('button', { name: /^Undo acknowledging: Pastries category revenue, / });
    await undo.waitFor();
    await expect(undo.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expect(undo.locator('xpath=..').textContent()).resolves.toMatch(/^Acknowledged\s*·\s*Pastries category revenue, .+ \(−62%\)\s*Undo$/);
    await openAlerts().getByRole('status').filter({ hasText: /^Acknowledged: Pastries category revenue, .+\. Undo reopens it\.$/ }).waitFor();
    await expect(isOpenInStore(ids.pastries)).resolves.toBe(false);

    const reopened = page.waitForResponse(isAlertAction('reopen'));
    await page.keyboard.press('Enter');
    expect((await reopened).status()).toBe(200);
    const again = openAlerts().getByRole('button', { name: /^Acknowledge: Pastries category revenue, / });
    await again.waitFor();
    await expect(again.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await openAlerts().getByRole('status').filter({ hasText: /^Open again: Pastries category revenue, / }).waitFor();
    await expect(isOpenInStore(ids.pastries)).resolves.toBe(true);

    await page.reload();
    await openAlerts().locator('.alert-item > span', { hasText: /^Pastries category revenue, / }).waitFor();
  });

  it('lets the alert leave the list once its Undo has gone unused for a while', async () => {
    await page.goto(`${server.url}/`);
    const acknowledged = page.waitForResponse(isAlertAction('acknowledge'));
    await openAlerts().getByRole('button', { name: /^Acknowledge: Croissants category revenue, / }).click();
    expect((await acknowledged).status()).toBe(200);
    const undo = openAlerts().getByRole('button', { name: /^Undo acknowledging: Croissants category revenue, / });
    await undo.waitFor();
    // the window stays open while Undo has focus; it counts once focus moves on
    await page.getByRole('heading', { level: 1 }).click();
    await page.waitForTimeout(3_000);
    await expect(undo.count()).resolves.toBe(1);
    await undo.waitFor({ state: 'detached', timeout: 20_000 });
    await openAlerts().locator('.alert-item > span', { hasText: /^Pastries category revenue, / }).waitFor();
    await expect(openAlerts().locator('.alert-item', { hasText: /Croissants category/ }).count()).resolves.toBe(0);
    await expect(isOpenInStore(ids.croissants)).resolves.toBe(false);
  });

  it('offers an agent Acknowledge on an overdue customer, whom they would call, and not on a drop in the figures', async () => {
    const db = server.store.db;
    const customer = await sql<{ customer_id: number }>`select customer_id from customer_trait where order_count > 2 order by customer_id limit 1`.execute(db);
    const latest = (await sql<{ day: string }>`select to_char(max(window_end), 'YYYY-MM-DD') as day from alert`.execute(db)).rows[0].day;
    const overdueDay = addDays(latest, 1);
    await sql`insert into alert (kind, metric, scope, granularity, window_start, window_end, expected, actual, change_pct, explanation, customer_id)
      values ('customer_overdue', 'days_since_last_purchase', ${`customer:${customer.rows[0].customer_id}`}, 'customer', ${overdueDay}::date, ${overdueDay}::date, 10, 21, 110, '{}'::jsonb, ${customer.rows[0].customer_id})`.execute(db);
    const agent = await createTestUser(server.store, 'agent');
    const browser = await openBrowser();
    try {
      const agentPage = await browser.newPage();
      await signInThroughForm(agentPage, server.url, agent.user.email, agent.password);
      const items = agentPage.getByRole('region', { name: 'Open alerts' }).locator('.alert-item');
      await items.first().waitFor();
      const overdue = items.filter({ has: agentPage.locator(`a[href="/customers/${customer.rows[0].customer_id}"]`) });
      await overdue.getByRole('button', { name: /Acknowledge/ }).waitFor();
      await expect(items.filter({ hasText: 'Pastries' }).getByRole('button', { name: /Acknowledge/ }).count()).resolves.toBe(0);
      await overdue.getByRole('button', { name: /Acknowledge/ }).click();
      await expect.poll(async () => (await sql<{ n: number }>`select count(*)::int as n from alert where kind = 'customer_overdue' and window_end = ${overdueDay}::date and acknowledged_at is not null`.execute(db)).rows[0].n, pagePoll).toBe(1);
    } finally {
      await browser.close();
    }
  });
});
