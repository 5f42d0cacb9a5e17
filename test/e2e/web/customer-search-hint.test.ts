import { expect, it } from 'vitest';
import { updateStoreSettings } from '../../../src/settings/index.js';
import { chooseLanguage, describeWithBrowser, pagePoll, useStaffApp } from '../../helpers/browser.js';

/**
 * A search for a local number from another country finds no one, and the list says why. The server
 * wrote that in English only, so an Indonesian or Latvian agent read English; it now sends a code
 * and the values it names, which the app says in the reader's language.
 */
describeWithBrowser('the hint under a customer search that found no one', () => {
  const app = useStaffApp({ customers: 20 });

  it('says it in the language the reader picks, naming the store\'s country in it', async () => {
    const { page, server } = app;
    await updateStoreSettings(server.store.db, { default_country: 'US' });
    await page.goto(`${server.url}/customers?q=${encodeURIComponent('020 7946 0018')}`);
    const hint = page.locator('.empty-state-hint');
    await chooseLanguage(page, 'en');
    await expect.poll(() => hint.textContent(), pagePoll)
      .toBe('“020 7946 0018” has no country code, so it was read as a number of the store’s country (United States), and it is not one there, '
        + 'nor a number of the countries the stored numbers are from: write it with its country code, e.g. +1 201 555 0123.');
    await chooseLanguage(page, 'id');
    await expect.poll(() => hint.textContent(), pagePoll).toMatch(/^“020 7946 0018” tidak memiliki kode negara, jadi dibaca sebagai nomor negara toko \(Amerika Serikat\)/);
    await chooseLanguage(page, 'lv');
    await expect.poll(() => hint.textContent(), pagePoll).toMatch(/^“020 7946 0018” nav valsts koda, tāpēc tas tika nolasīts kā veikala valsts \(Amerikas Savienotās Valstis\) numurs/);
    await expect(hint.textContent()).resolves.not.toMatch(/country code|store's country/);
  });
});
