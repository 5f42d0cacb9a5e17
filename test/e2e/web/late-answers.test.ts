import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import type { Request, Route } from 'playwright-core';
import { readRecords } from '../../../src/ingest/readers/read-records.js';
import { chooseLanguage, describeWithBrowser, languageSaved, ownerEmail, pagePoll, useStaffApp, waitForStoreSettings } from '../../helpers/browser.js';

/** A response kept from the page until the test lets it go. */
function heldBack(): { held: Promise<void>; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  return { held, release };
}

/** Sends a held request on; a page that went on meanwhile (a failed test's clean-up) has dropped it. */
const sendOn = (route: Route) => route.continue().catch(() => undefined);

/**
 * What the staff app shows and saves when answers come late or out of order: a profile saved while
 * its reload is on the way, an export asked for before the store's settings arrived, two languages
 * picked in quick succession, and a filter value the server refuses.
 */
describeWithBrowser('staff web app: late and out-of-order answers', () => {
  const app = useStaffApp({ customers: 40 });

  it('shows a saved profile edit at once, in the card and in the form opened again, while the page reload is still on the way', async () => {
    const { page, server } = app;
    const customer = await server.store.db.selectFrom('customer').select(['customer_id', 'city']).where('merged_into_customer_id', 'is', null)
      .orderBy('customer_id').limit(1).executeTakeFirstOrThrow();
    const customerId = Number(customer.customer_id);
    const newCity = customer.city === 'Cēsis' ? 'Valmiera' : 'Cēsis';
    await page.goto(`${server.url}/customers/${customerId}`);
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'Edit' }).waitFor();

    // the customer read again after the save is held until the test has looked
    const reload = heldBack();
    const isCustomer = (url: URL) => url.pathname === `/api/customers/${customerId}`;
    await page.route(isCustomer, async (route) => {
      if (route.request().method() === 'GET') await reload.held;
      await sendOn(route);
    });
    try {
      await profile.getByRole('button', { name: 'Edit' }).click();
      await profile.getByRole('textbox', { name: 'City', exact: true }).fill(newCity);
      await profile.getByRole('button', { name: 'Save' }).click();
      await profile.locator('dl.facts').getByText(newCity, { exact: true }).waitFor();
      await profile.getByRole('button', { name: 'Edit' }).click();
      await expect(profile.getByRole('textbox', { name: 'City', exact: true }).inputValue()).resolves.toBe(newCity);
      // Save with nothing changed sends nothing that could put the old city back
      await profile.getByRole('button', { name: 'Save' }).click();
      await profile.locator('dl.facts').getByText(newCity, { exact: true }).waitFor();
    } finally {
      reload.release();
      await page.unroute(isCustomer);
    }
    const stored = await server.store.db.selectFrom('customer').select('city').where('customer_id', '=', customerId).executeTakeFirstOrThrow();
    expect(stored.city).toBe(newCity);
  });

  it("writes the store's currency into an export asked for before the page has the store's settings", async () => {
    const { page, server } = app;
    const settings = heldBack();
    const isSettings = (url: URL) => url.pathname === '/api/settings';
    await page.route(isSettings, async (route) => {
      if (route.request().method() === 'GET') await settings.held;
      await sendOn(route);
    });
    try {
      await page.goto(`${server.url}/customers?status=real`);
      await page.locator('.customer-row:not(.customer-row-head)').first().waitFor();
      await expect(page.locator('.store-name').count()).resolves.toBe(0);
      const download = page.waitForEvent('download');
      await page.getByRole('group', { name: 'Export CSV' }).getByRole('button', { name: 'For re-import (CSV, field codes)', exact: true }).click();
      settings.release();
      const path = await (await download).path();
      const source = await readRecords(path, { delimiter: ',' });
      for await (const item of source) void item;
      expect(source.headers).toContain('revenue (IDR)');
      expect(source.headers).not.toContain('revenue');
    } finally {
      settings.release();
      await page.unroute(isSettings);
    }
    await waitForStoreSettings(page);
  });

  it('says which value a filter may not hold, beside the values it may', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/segments/new`);
    await page.getByRole('heading', { level: 1, name: 'New segment' }).waitFor();
    await page.getByText('Edit as JSON', { exact: true }).click();
    const filter = page.getByLabel('Filter (JSON)');
    const preview = page.getByRole('region', { name: 'Preview' });
    // a closed list's value, which the server names
    await filter.fill(JSON.stringify({ and: [{ purchased: { channel: 'telepathy' } }] }));
    await preview.getByText('filter.and[0].purchased.channel').waitFor();
    await preview.getByText('"telepathy" is not allowed here; use one of: store, web, mobile, marketplace, phone, other.').waitFor();
    // a value of the filter's own keys, read from the filter sent
    await filter.fill(JSON.stringify({ and: [{ purchased: { measure: 'weight' } }] }));
    await preview.getByText('filter.and[0].purchased.measure').waitFor();
    await preview.getByText(/^"weight" is not allowed here; use one of: /).waitFor();
  });

  it('keeps the language picked last when an earlier pick is still being saved', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await chooseLanguage(page, 'en');
    const isMe = (url: URL) => url.pathname === '/api/auth/me';
    const localeOf = (request: Request) => (request.postDataJSON() as { locale?: unknown } | null)?.locale;
    const first = heldBack();
    let isFirstHeld: () => void = () => {};
    const firstHeld = new Promise<void>((resolve) => { isFirstHeld = resolve; });
    await page.route(isMe, async (route) => {
      if (route.request().method() === 'PATCH' && localeOf(route.request()) === 'id') {
        isFirstHeld();
        await first.held;
      }
      await sendOn(route);
    });
    try {
      const firstSaved = languageSaved(page, 'id');
      const lastSaved = languageSaved(page, 'lv');
      const picker = page.locator('.language-picker select');
      await picker.selectOption('id');
      await firstHeld;
      await picker.selectOption('lv');
      // Sent side by side, the second save reaches the server while the first is held; one that
      // waits its turn is not sent before the first is answered, so this waits in vain, briefly.
      await Promise.race([lastSaved, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      first.release();
      await Promise.all([firstSaved, lastSaved]);
      await page.locator('html[lang="lv"]').waitFor({ state: 'attached' });
      await expect.poll(async () => (await server.store.db.selectFrom('staff_user').select('locale').where('email', '=', ownerEmail).executeTakeFirstOrThrow()).locale, pagePoll).toBe('lv');
      await expect(picker.inputValue()).resolves.toBe('lv');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('lv');
    } finally {
      first.release();
      await page.unroute(isMe);
    }
    await chooseLanguage(page, 'en');
  });
});
