import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestApiKey } from '../../helpers/auth.js';
import { describeWithBrowser, useStaffApp } from '../../helpers/browser.js';

/**
 * Settings › Store on a new, empty store: the owner chooses its currency, time zone and phone
 * country before the first orders; once orders arrive, those two are shown fixed, with why, and
 * the phone country (which no phone number depends on yet) stays a choice. Checked over the API too.
 */
describeWithBrowser('staff web app: a new store set up in Settings › Store', () => {
  const app = useStaffApp({ customers: 0 });

  const storeRegion = (page: Page) => page.getByRole('region', { name: 'Store', exact: true });
  const stored = async () => {
    const response = await app.page.evaluate(async () => (await fetch('/api/settings')).json());
    return response as { currency: string; timeZone: string; defaultCountry: string; fixed: Record<string, { code: string } | null> };
  };

  it('changes the currency, time zone and phone country of a store without orders, and the exchange rates follow', async () => {
    const { page, server } = app;
    const admin = await createTestApiKey(server.store, ['admin']);
    await fetch(`${server.url}/api/settings/rates/USD`, { method: 'PUT', headers: { ...admin.headers, 'content-type': 'application/json' }, body: JSON.stringify({ rate: 16_000 }) });
    await page.goto(`${server.url}/settings/store`);
    const form = storeRegion(page).getByRole('form', { name: 'Currency, time zone and phone country' });
    await form.getByText('Choose these before importing orders').waitFor();
    const save = form.getByRole('button', { name: 'Save currency, time zone and country' });
    await expect(save.isDisabled()).resolves.toBe(true);

    await form.getByLabel('Currency').selectOption('EUR');
    await form.getByLabel('Time zone (the store’s calendar days)').selectOption('Europe/Riga');
    await form.getByLabel('Country for phone numbers without a country code').selectOption({ label: 'Latvia (LV)' });
    await save.click();
    await storeRegion(page).getByRole('status').filter({ hasText: 'Currency, time zone and phone country saved. The exchange rates into IDR were removed: USD.' }).waitFor();
    expect(await stored()).toMatchObject({ currency: 'EUR', timeZone: 'Europe/Riga', defaultCountry: 'LV' });
    // the rates card reads the new currency at once
    const rates = page.getByRole('region', { name: 'Exchange rates' });
    await rates.getByText('No rates yet: orders in a currency other than EUR are rejected.').waitFor();
    await expect(rates.getByLabel('Worth in EUR').isVisible()).resolves.toBe(true);
  });

  it('shows the currency and time zone fixed once the store holds orders, saying why, and keeps the phone country a choice', async () => {
    const { page, server } = app;
    const ingest = await createTestApiKey(server.store, ['ingest']);
    const sent = await fetch(`${server.url}/api/ingest/orders`, {
      method: 'POST', headers: { ...ingest.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ records: [{ order_id: 'R1', customer_email: 'anna@example.lv', ordered_at: '2025-03-01T10:00:00+02:00', amount: '12.50' }] }),
    });
    expect(sent.status).toBe(200);
    await page.reload();
    const form = storeRegion(page).getByRole('form', { name: 'Currency, time zone and phone country' });
    const currency = form.getByLabel('Currency');
    await currency.waitFor();
    await expect(currency.isDisabled()).resolves.toBe(true);
    await expect(form.getByLabel('Time zone (the store’s calendar days)').isDisabled()).resolves.toBe(true);
    await expect(form.getByLabel('Country for phone numbers without a country code').isEnabled()).resolves.toBe(true);
    // the reason is the select's description, read out with it
    const reasonId = await currency.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${reasonId}"]`).textContent()).resolves.toBe('Fixed: the store holds orders, whose amounts and purchase days depend on it.');
    await storeRegion(page).getByText('To use other settings, start a new store with CLIENTELE_CURRENCY').waitFor();
    expect((await stored()).fixed).toMatchObject({ currency: { code: 'orders' }, timeZone: { code: 'orders' }, defaultCountry: null });

    await page.getByLabel('Language').selectOption('lv');
    await page.getByRole('region', { name: 'Veikals', exact: true }).getByText('Nemaināma: veikalā ir pasūtījumi, kuru summas un pirkumu dienas ir atkarīgas no tās.').first().waitFor();
    await page.getByLabel('Valoda').selectOption('en');
  });
});
