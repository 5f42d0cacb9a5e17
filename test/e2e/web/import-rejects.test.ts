import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import { describeWithBrowser, useStaffApp } from '../../helpers/browser.js';

const inIndonesian = (code: string, params: Record<string, string | number>) => lookupMessage(messagesByLocale.id, `rejectReasons.${code}`, params);

describeWithBrowser('import rejects in the user\'s language', () => {
  const app = useStaffApp({ customers: 0 });
  let page: Page;
  beforeAll(() => {
    ({ page } = app);
  });

  it('says why each row was rejected in Bahasa Indonesia, naming the file\'s lines', async () => {
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
    await page.getByLabel('Berkas CSV').setInputFiles({ name: 'pelanggan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
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
});
