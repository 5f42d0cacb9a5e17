import { expect, it } from 'vitest';
import type { AnalyzeResult } from '../../../src/web/api/analytics-types.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { createTestUser } from '../../helpers/auth.js';
import { lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import { chooseLanguage, describeWithBrowser, pagePoll, openBrowser, signInThroughForm, useStaffApp } from '../../helpers/browser.js';

const inIndonesian = (code: string, params: Record<string, string | number>) => lookupMessage(messagesByLocale.id, `rejectReasons.${code}`, params);

describeWithBrowser('staff web app on a new, empty store', () => {
  const app = useStaffApp({ customers: 0 });

  it('says what to do first and leads to the import, instead of figures at zero', async () => {
    const { page } = app;
    const start = page.getByRole('region', { name: 'Getting started' });
    await start.waitFor();
    await expect(start.textContent()).resolves.toMatch(/This store has no customers yet/);
    // the imports come in a request of their own, after the summary that shows the card above
    await page.getByRole('region', { name: 'Recent imports' }).getByText('No imports yet.').waitFor();
    await expect(page.title()).resolves.toBe('Home · Clientele');
    await start.getByRole('link', { name: 'Import customers and orders' }).click();
    await page.waitForURL(/\/import$/);
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    // a page of its own in the tab and history, and the keyboard starts on the new page's content
    await expect(page.title()).resolves.toBe('Import · Clientele');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('says on the customer list that the store has no customers yet, leads to the import, and offers nothing to export', async () => {
    const { page, server } = app;
    const exportButtons = ['Spreadsheet (CSV)', 'For re-import (CSV, field codes)'].map((name) => page.getByRole('button', { name }));
    await page.goto(`${server.url}/customers`);
    const notice = page.getByText('This store has no customers yet. Import your customers and orders to see them here.');
    await notice.waitFor();
    // no filter is set: neither a blame on filters nor a count of nobody
    await expect(page.getByText('No customers match these filters.').count()).resolves.toBe(0);
    await expect(page.getByText('0 customers', { exact: true }).count()).resolves.toBe(0);
    for (const button of exportButtons) await expect(button.isDisabled()).resolves.toBe(true);

    // with a filter set it is the filter that finds no one, and there is still nothing to export
    await page.goto(`${server.url}/customers?type=vip`);
    await page.getByText('No customers match these filters.').waitFor();
    await expect(notice.count()).resolves.toBe(0);
    for (const button of exportButtons) await expect(button.isDisabled()).resolves.toBe(true);

    // a search for a local number that reads as none in the store's country says, under the empty result, how to write it
    await page.goto(`${server.url}/customers?q=${encodeURIComponent('0999 9999 9999 9')}`);
    await page.getByText('No customer matches “0999 9999 9999 9”.').waitFor();
    const hint = page.locator('.empty-state-hint');
    await hint.waitFor();
    await expect(hint.textContent()).resolves.toMatch(/^“0999 9999 9999 9” has no country code, .*write it with its country code/);
    // and a search that is no phone number is named, with what to try, not blamed on filters nobody set
    await page.goto(`${server.url}/customers?q=nobody`);
    await page.getByText('No customer matches “nobody”.').waitFor();
    await expect(hint.textContent()).resolves.toBe('Try fewer words, part of a name, or an email or phone number.');

    await page.goto(`${server.url}/customers`);
    await page.locator('main').getByRole('link', { name: 'Import customers and orders' }).click();
    await page.waitForURL(/\/import$/);
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
  });

  it('tells a role that cannot import whom to ask, in its language', async () => {
    const analyst = await createTestUser(app.server.store, 'analyst');
    // a browser of their own: the owner's session stays in the other
    const analystBrowser = await openBrowser();
    const analystPage = await analystBrowser.newPage();
    try {
      await signInThroughForm(analystPage, app.server.url, analyst.user.email, analyst.password);
      const start = analystPage.getByRole('region', { name: 'Getting started' });
      await start.waitFor();
      await expect(start.getByRole('link').count()).resolves.toBe(0);
      await expect(start.textContent()).resolves.toMatch(/Ask an owner, an administrator or a marketer/);
      // saved before the customer list is loaded below, which asks the server for the language
      await chooseLanguage(analystPage, 'lv');
      await analystPage.getByRole('region', { name: 'Darba sākums' }).getByText(/Palūdziet īpašniekam/).waitFor();
      // the customer list too says whom to ask, and links to no import the analyst cannot open
      await analystPage.goto(`${app.server.url}/customers`);
      await analystPage.getByText(messagesByLocale.lv.customers.emptyStore.askForImport, { exact: true }).waitFor();
      await expect(analystPage.locator('main').getByRole('link').count()).resolves.toBe(0);
    } finally {
      await analystBrowser.close();
    }
  });

  it('says the analysis ran and found no customers, rather than that none exists', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/reports`);
    const notice = page.getByRole('region', { name: 'Analysis' });
    await notice.getByText('No analysis has run yet. Once customers and orders are imported, run the analysis.').waitFor();
    await page.getByRole('region', { name: 'Customers by type' }).getByText('No analysis has run yet.').waitFor();

    const analysed = page.waitForResponse((response) => response.url().endsWith('/api/analytics/analyze') && response.request().method() === 'POST');
    await page.getByRole('button', { name: 'Run analysis' }).click();
    const result = await (await analysed).json() as AnalyzeResult;
    expect(result.customers).toBe(0);
    // the as-of day is a store calendar day, written in the reader's date format
    const ranOn = `The analysis ran as of ${createFormatters('en-GB', null, undefined).date(result.asOf)} and found no customers.`;
    await notice.getByText(`${ranOn} Next, import customers and orders`).waitFor();
    await expect(notice.getByRole('link', { name: 'Import customers and orders' }).isVisible()).resolves.toBe(true);
    // the notice follows the types report; the RFM reports reload on their own, later
    for (const report of ['Customers by type', 'RFM grid', 'RFM segments: size and value']) {
      await page.getByRole('region', { name: report }).getByText(ranOn, { exact: true }).waitFor();
    }
    await expect(page.getByText('No analysis has run yet.').count()).resolves.toBe(0);

    // a fresh load, not the state the button left behind: Home reads the same from the API
    await page.goto(`${server.url}/`);
    const start = page.getByRole('region', { name: 'Getting started' });
    await start.getByText(ranOn).waitFor();
    await page.getByRole('region', { name: 'Customers by type' }).getByText(ranOn, { exact: true }).waitFor();
    await expect(page.getByText('No data for this report yet.').count()).resolves.toBe(0);
  });

  it('says on the reports that no segment is saved yet, rather than that data is missing, and leads to a new one', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/reports`);
    const saved = page.getByRole('region', { name: 'Saved segments' });
    await expect(saved.locator('.empty-state').textContent()).resolves.toBe('No saved segments yet. Create one to follow a group of customers here. New segment');
    await saved.getByRole('link', { name: 'New segment' }).click();
    await page.waitForURL(/\/segments\/new$/);
  });

  // last: it changes the owner's language and fills the store
  it('says why each row was rejected in Bahasa Indonesia, naming the file\'s lines', async () => {
    const { page } = app;
    await page.getByLabel('Language').selectOption('id');
    await page.locator('html[lang="id"]').waitFor({ state: 'attached' });
    await page.getByRole('link', { name: 'Impor', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor' }).waitFor();
    await page.getByLabel(/^Data/).selectOption('customers');
    const csv = [
      'customer_id,name,email,country',
      'WEB-1,Ayu Web,ayu.web@example.com,ID',
      'WEB-2,Budi Salah,not-an-email,ID',
      'WEB-3,Citra Web,citra.web@example.com,Atlantis',
      'WEB-1,Ayu Lagi,ayu.lagi@example.com,ID',
    ].join('\n');
    await page.getByLabel('Berkas (CSV atau JSON Lines)').setInputFiles({ name: 'pelanggan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Impor 4 baris' }).click();
    await page.getByText('Selesai', { exact: true }).waitFor();

    const rows = page.locator('.reject-row');
    await expect(rows.count()).resolves.toBe(3);
    const shown = await rows.evaluateAll((elements) => elements.map((row) => {
      const cells = row.querySelectorAll('td');
      return { line: cells[0].textContent, code: row.getAttribute('data-code'), reason: cells[2].textContent, lang: cells[2].getAttribute('lang'), english: cells[2].getAttribute('title') };
    }));
    expect(shown.map(({ line, code, reason, lang }) => ({ line, code, reason, lang }))).toEqual([
      { line: '3', code: 'EMAIL_INVALID', reason: inIndonesian('EMAIL_INVALID', { field: 'email', value: 'not-an-email' }), lang: 'id' },
      { line: '4', code: 'COUNTRY_UNKNOWN', reason: inIndonesian('COUNTRY_UNKNOWN', { value: 'Atlantis' }), lang: 'id' },
      // the first WEB-1 is line 2 of the file, not the first record of the batch sent
      { line: '5', code: 'CUSTOMER_DUPLICATE_IN_FILE', reason: inIndonesian('CUSTOMER_DUPLICATE_IN_FILE', { field: 'customer_id', value: 'WEB-1', firstLine: 2 }), lang: 'id' },
    ]);
    expect(shown[0].reason).toContain('bukan alamat email');
    // the server's English reason stays at hand for support
    expect(shown[0].english).toContain('is not an email address');
  });

  it('says a customer\'s orders carry no prices right after importing such orders, without a reload', async () => {
    const { page } = app;
    // the page was loaded while the store had no orders: its settings then said nothing of prices
    await page.getByLabel(/^Data/).selectOption('orders');
    const csv = ['order_id,customer_id,ordered_at,amount', 'W1,WEB-1,2026-11-01T10:00:00Z,0', 'W2,WEB-1,2026-11-15T10:00:00Z,0'].join('\n');
    await page.getByLabel('Berkas (CSV atau JSON Lines)').setInputFiles({ name: 'pesanan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Impor 2 baris' }).click();
    await page.getByText('Selesai', { exact: true }).waitFor();
    // within the app, as a person goes on: no page load fetches the settings anew
    await page.getByRole('link', { name: 'Pelanggan', exact: true }).click();
    await page.getByRole('link', { name: 'Ayu Web' }).click();
    const purchases = page.getByRole('region', { name: 'Pembelian', exact: true });
    await purchases.waitFor();
    await expect.poll(() => purchases.textContent(), pagePoll).toContain(lookupMessage(messagesByLocale.id, 'reports.common.noPrices'));
    await expect(purchases.textContent()).resolves.not.toMatch(/Rp\s?0/);
  });
});
