import { DateTime } from 'luxon';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toMinorUnits } from '../../../src/core/money.js';
import { getStoreSettings } from '../../../src/settings/index.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

async function chooseOrdersFile(page: Page, url: string, name: string, csv: string) {
  await page.goto(`${url}/import`);
  await page.locator('main h1').waitFor();
  await page.locator('select[name="entity"]').selectOption('orders');
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('.mapping-table').waitFor();
}

const rowsRead = (page: Page) => page.getByRole('status').filter({ hasText: 'rows read' }).textContent();

describeWithBrowser('the import page and the way a file writes its dates', () => {
  const app = useStaffApp({ customers: 30 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });

  it('imports a Latvian Excel file (semicolons, 03.11.2025, decimal commas, U+202F thousands) without a date format', async () => {
    const csv = [
      '\uFEFForder_id;customer_email;ordered_at;amount',
      'LVX-1;anna@example.lv;03.11.2025;"1\u202f234,00"',
      'LVX-2;anna@example.lv;3.11.2025 14:05;"12\u00a0000,00"',
      'LVX-3;janis@example.lv;25.07.2025;"500,00"',
    ].join('\r\n');
    await chooseOrdersFile(page, server.url, 'pasutijumi.csv', csv);
    await expect(page.locator('.date-column-warning').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByText('Finished').waitFor();
    await expect(rowsRead(page)).resolves.toMatch(/^3 of 3 rows read: 3 new, 0 updated, 0 unchanged, 0 rejected\./);
    await expect(page.locator('.import-nothing').count()).resolves.toBe(0);
    const { currency, timeZone } = await getStoreSettings(server.store.db);
    const stored = await server.store.db.selectFrom('customer_order').select(['external_id', 'ordered_at', 'amount_minor']).where('external_id', 'like', 'LVX-%').orderBy('external_id').execute();
    const inStore = (wallTime: string) => DateTime.fromISO(wallTime, { zone: timeZone }).toJSDate().toISOString();
    expect(stored.map((order) => [order.external_id, new Date(order.ordered_at).toISOString(), Number(order.amount_minor)])).toEqual([
      ['LVX-1', inStore('2025-11-03T00:00'), toMinorUnits(1234, currency)],
      ['LVX-2', inStore('2025-11-03T14:05'), toMinorUnits(12000, currency)],
      ['LVX-3', inStore('2025-07-25T00:00'), toMinorUnits(500, currency)],
    ]);
  });

  it('says before the import that slash dates need a format, shows an import that refused every row as nothing imported, and imports with the format suggested', async () => {
    // no day after the 12th: nothing in the file says which comes first
    const csv = ['order_id,customer_email,ordered_at,amount', 'SL-1,sl1@example.com,03/11/2025,1000', 'SL-2,sl2@example.com,04/11/2025,2000'].join('\n');
    await chooseOrdersFile(page, server.url, 'slashes.csv', csv);
    const warning = page.locator('.date-column-warning');
    await expect(page.locator('input[name="dateFormat"]').inputValue()).resolves.toBe('');
    await expect(page.locator('.date-format-proven').count()).resolves.toBe(0);
    await expect(warning.textContent()).resolves.toMatch(/^The dates in the column “ordered_at” \(Order date\), such as “03\/11\/2025”, cannot be read without a date format: their rows would be refused\. Both of these read them: .* Use dd\/MM\/yyyy Use MM\/dd\/yyyy$/);

    // imported anyway: finished, but not as if all went well
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByText('Finished: nothing imported').first().waitFor();
    const nothing = page.locator('.import-nothing');
    await expect(nothing.getAttribute('role')).resolves.toBe('alert');
    // two rows refused for one reason: said once
    await expect(nothing.locator('li').allTextContents()).resolves.toEqual(['ordered_at “03/11/2025” is not a date we can read; use ISO 8601 (2024-03-01 or 2024-03-01T10:15:00+07:00) or choose the file\'s date format.']);
    await chooseLanguage(page, 'lv');
    await expect(page.locator('.import-progress label span').textContent()).resolves.toBe('Pabeigts: nekas netika importēts');
    await expect(nothing.locator('p').textContent()).resolves.toBe('Visas rindas tika noraidītas, tāpēc nekas netika importēts. Pirmie iemesli:');
    await expect(warning.textContent()).resolves.toMatch(/^Kolonnas “ordered_at” \(Pasūtījuma datums\) datumus, piem\., “03\/11\/2025”, bez datuma formāta nevar nolasīt/);
    await chooseLanguage(page, 'en');

    await page.getByRole('button', { name: 'Use dd/MM/yyyy' }).click();
    await expect(page.locator('input[name="dateFormat"]').inputValue()).resolves.toBe('dd/MM/yyyy');
    await expect(warning.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await expect.poll(() => rowsRead(page), { timeout: 30_000 }).toMatch(/^2 of 2 rows read: 2 new, 0 updated, 0 unchanged, 0 rejected\./);
    // the run is closed after its last batch's counts are shown: the label follows a moment later
    await expect.poll(() => page.locator('.import-progress label span').textContent(), { timeout: 10_000 }).toBe('Finished');
    await expect(nothing.count()).resolves.toBe(0);
  });

  it('fills in the date format a day after the 12th proves, says why, and lets the user type another', async () => {
    const csv = ['order_id,customer_email,ordered_at,amount', 'PR-1,pr1@example.com,03/11/2025,1000', 'PR-2,pr2@example.com,25/11/2025,2000'].join('\n');
    await chooseOrdersFile(page, server.url, 'proven.csv', csv);
    const input = page.locator('input[name="dateFormat"]');
    const note = page.locator('.date-format-proven');
    await expect(input.inputValue()).resolves.toBe('dd/MM/yyyy');
    await expect(note.textContent()).resolves.toBe('Date format dd/MM/yyyy chosen from the file: in the column “ordered_at” (Order date), “25/11/2025” can only be written day first. If the file writes its dates otherwise, type their format instead.');
    await expect(input.getAttribute('aria-describedby')).resolves.toBe('date-format-hint date-format-proven');
    await expect(page.locator('.date-column-warning').count()).resolves.toBe(0);
    await chooseLanguage(page, 'lv');
    await expect(note.textContent()).resolves.toMatch(/^Datuma formāts dd\/MM\/yyyy izvēlēts pēc faila: kolonnā “ordered_at” \(Pasūtījuma datums\) “25\/11\/2025” var būt rakstīts tikai ar dienu pirmajā vietā\./);
    await chooseLanguage(page, 'en');

    // the user's word wins: typed over, the note goes and the warning says what the format misses
    await input.fill('dd.MM.yyyy');
    await expect(note.count()).resolves.toBe(0);
    // said once: under the field; step 2 only offers the format that reads them
    await expect(page.locator('#date-format-problem').textContent()).resolves.toMatch(/^The dates in the column “ordered_at” \(Order date\), such as “03\/11\/2025”, do not match the date format dd\.MM\.yyyy/);
    await expect(page.locator('.date-column-warning').textContent()).resolves.toBe('Dates in the column “ordered_at” (Order date): This date format reads them: Use dd/MM/yyyy');
    // it reads none of the dates: said under the field, which is marked, and the import waits for a format that fits
    await expect(input.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(input.getAttribute('aria-describedby')).resolves.toBe('date-format-hint date-format-problem');
    await expect(page.locator('#date-format-problem').textContent()).resolves.toMatch(/The format reads none of them, so every row would be refused/);
    await expect(page.getByRole('button', { name: 'Import 2 rows' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Import 2 rows' }).getAttribute('aria-describedby')).resolves.toBe('date-format-problem');
    await input.fill('dd/MM/yyyy');
    await expect(input.getAttribute('aria-invalid')).resolves.toBeNull();
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await expect.poll(() => rowsRead(page), { timeout: 30_000 }).toMatch(/^2 of 2 rows read: 2 new, 0 updated, 0 unchanged, 0 rejected\./);
    const { timeZone } = await getStoreSettings(server.store.db);
    const stored = await server.store.db.selectFrom('customer_order').select(['external_id', 'ordered_at']).where('external_id', 'like', 'PR-%').orderBy('external_id').execute();
    const inStore = (wallTime: string) => DateTime.fromISO(wallTime, { zone: timeZone }).toJSDate().toISOString();
    expect(stored.map((order) => [order.external_id, new Date(order.ordered_at).toISOString()])).toEqual([['PR-1', inStore('2025-11-03T00:00')], ['PR-2', inStore('2025-11-25T00:00')]]);
  });
});
