import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, pagePoll, useStaffApp, type DemoServer } from '../../helpers/browser.js';

async function chooseFile(page: Page, url: string, entity: string, name: string, content: string | Buffer) {
  await page.goto(`${url}/import`);
  await page.locator('main h1').waitFor();
  await page.locator('select[name="entity"]').selectOption(entity);
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: typeof content === 'string' ? Buffer.from(content) : content });
}

const rowsRead = (page: Page) => page.getByRole('status').filter({ hasText: / read: / }).textContent();

/** The rejects table's lines and codes, as shown. */
const rejectsShown = (page: Page) => page.locator('.reject-row').evaluateAll((rows) => rows.map((row) => [row.querySelector('td')?.textContent, row.getAttribute('data-code')]));

/** The rejects download's rows under its header (English: fields split by ","). */
async function downloadedRejects(page: Page): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download rejects as CSV' }).click();
  const rows = parse(await readFile(await (await download).path(), 'utf8'), { bom: true }) as string[][];
  expect(rows[0]).toEqual(['line', 'field', 'code', 'reason', 'raw']);
  return rows.slice(1);
}

describeWithBrowser('the import page reads a file as the CLI does', () => {
  const app = useStaffApp({ customers: 30 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });
  const storedOrders = (prefix: string) => server.store.db.selectFrom('customer_order').select(['external_id', 'amount_minor']).where('external_id', 'like', `${prefix}%`).orderBy('external_id').execute();

  it('rejects a row with an unquoted comma in its amount, saying so before the import, and stores no part of it', async () => {
    const csv = ['order_id,customer_id,ordered_at,amount', 'FC-K1,FC-C1,2026-02-05,1,234.50', 'FC-K2,FC-C2,2026-02-05,20000', 'FC-K3,FC-C3'].join('\n');
    await chooseFile(page, server.url, 'orders', 'orders.csv', csv);
    await page.locator('.mapping-table').waitFor();
    await expect(page.locator('.inline-error li').allTextContents()).resolves.toEqual([
      'Line 2 has 5 values but the header has 4 columns: the row will be rejected, not imported. Put values that contain the delimiter “,” in quotes (or correct the row) in the file, and import the row again.',
      'Line 4 has 2 values but the header has 4 columns: the row will be rejected, not imported. Put values that contain the delimiter “,” in quotes (or correct the row) in the file, and import the row again.',
    ]);
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => rowsRead(page), pagePoll).toMatch(/^3 of 3 rows read: 1 new, 0 updated, 0 unchanged, 2 rejected\./);
    await expect(rejectsShown(page)).resolves.toEqual([['2', 'ROW_COLUMN_COUNT'], ['4', 'ROW_COLUMN_COUNT']]);
    await expect(page.locator('.reject-row').first().locator('td').nth(2).textContent()).resolves.toBe('Line 2 has 5 values but the header has 4 columns; put values that contain the delimiter “,” in quotes.');
    await expect(storedOrders('FC-')).resolves.toEqual([{ external_id: 'FC-K2', amount_minor: expect.anything() }]);
  });

  it('names the lines rows start on past a blank line and values spanning lines, and gives each rejected row as written in the download', async () => {
    const csv = [
      'order_id,customer_id,ordered_at,amount,note',
      'LN-1,LN-C1,2026-02-05,10000,"gift', 'wrap"',
      '',
      'LN-2,LN-C2,2026-02-05,abc,x',
      'LN-3,LN-C3,2026-02-06,12000,"two', 'lines"',
      'LN-4,LN-C4,2026-02-07,1,234.50,y',
    ].join('\r\n');
    await chooseFile(page, server.url, 'orders', 'lines.csv', csv);
    await page.locator('.mapping-table').waitFor();
    await page.getByRole('button', { name: 'Import 4 rows' }).click();
    await expect.poll(() => rowsRead(page), pagePoll).toMatch(/^4 of 4 rows read: 2 new, 0 updated, 0 unchanged, 2 rejected\./);
    // the server's reject of line 5 and the browser's of line 8, by the lines a text editor shows
    await expect(rejectsShown(page)).resolves.toEqual([['5', 'AMOUNT_UNREADABLE'], ['8', 'ROW_COLUMN_COUNT']]);
    const rows = await downloadedRejects(page);
    expect(rows.map((row) => [row[0], row[2], row[4]])).toEqual([['5', 'AMOUNT_UNREADABLE', 'LN-2,LN-C2,2026-02-05,abc,x'], ['8', 'ROW_COLUMN_COUNT', 'LN-4,LN-C4,2026-02-07,1,234.50,y']]);
  });

  it('reads Excel\'s sep=; first line as the delimiter, not as the header, keeping the file\'s line numbers', async () => {
    const csv = ['sep=;', 'order_id;customer_id;ordered_at;amount', 'SEP-1;SEP-C1;2026-02-05;10500', 'SEP-2;SEP-C2;2026-02-06;20000', 'SEP-3;SEP-C3;2026-02-06'].join('\r\n');
    await chooseFile(page, server.url, 'orders', 'excel.csv', csv);
    await page.locator('.mapping-table').waitFor();
    await expect(page.locator('.preview-table thead th').allTextContents()).resolves.toEqual(['order_id', 'customer_id', 'ordered_at', 'amount']);
    await expect(page.getByText('excel.csv: 2 rows, 4 columns.').count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => rowsRead(page), pagePoll).toMatch(/^3 of 3 rows read: 2 new, 0 updated, 0 unchanged, 1 rejected\./);
    await expect(rejectsShown(page)).resolves.toEqual([['5', 'ROW_COLUMN_COUNT']]);
    await expect(storedOrders('SEP-').then((orders) => orders.map((order) => order.external_id))).resolves.toEqual(['SEP-1', 'SEP-2']);
  });

  it('asks for the encoding of a file Excel saved as windows-1257, shows and stores "Jānis", never "J�nis"', async () => {
    // ā is E2 and ī is EE in windows-1257
    const bytes = Buffer.concat([Buffer.from('customer_id,name,city\r\nENC-1,J'), Buffer.from([0xe2]), Buffer.from('nis,R'), Buffer.from([0xee]), Buffer.from('ga\r\n')]);
    await chooseFile(page, server.url, 'customers', 'klienti.csv', bytes);
    const notice = page.locator('.encoding-problem');
    await notice.waitFor();
    await expect(notice.getAttribute('role')).resolves.toBe('alert');
    await expect(notice.textContent()).resolves.toBe('Line 2 of klienti.csv is not UTF-8 text, so its letters cannot be read, and nothing of the file is shown or imported. '
      + 'Choose the encoding the file was saved in and check the names in the preview, or save it again as “CSV UTF-8” and choose it again. It was probably saved as Windows-1257 (Latvian, Lithuanian, Estonian).');
    await expect(page.locator('.mapping-table').count()).resolves.toBe(0);
    await page.getByRole('combobox', { name: 'File encoding' }).selectOption('windows-1257');
    await page.locator('.mapping-table').waitFor();
    await expect(notice.count()).resolves.toBe(0);
    await expect(page.locator('.preview-table tbody td').allTextContents()).resolves.toEqual(['ENC-1', 'Jānis', 'Rīga']);
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await expect.poll(() => rowsRead(page), pagePoll).toMatch(/^1 of 1 row read: 1 new, 0 updated, 0 unchanged, 0 rejected\./);
    const stored = await server.store.db.selectFrom('customer').select(['name', 'city']).where('name', 'like', 'J%nis').execute();
    expect(stored).toEqual([{ name: 'Jānis', city: 'Rīga' }]);
  });

  it('checks every date before offering a format: 1,500 dates either way and 25/03/2026 last prove day first', async () => {
    const days = Array.from({ length: 1500 }, (_, index) => `DT-${index},DT-C${index % 40},${String((index % 12) + 1).padStart(2, '0')}/${String(((index >> 3) % 12) + 1).padStart(2, '0')}/2025,10000`);
    const csv = ['order_id,customer_id,ordered_at,amount', ...days, 'DT-LAST,DT-C1,25/03/2025,10000'].join('\n');
    await chooseFile(page, server.url, 'orders', 'dates.csv', csv);
    await page.locator('.mapping-table').waitFor();
    await expect(page.locator('input[name="dateFormat"]').inputValue()).resolves.toBe('dd/MM/yyyy');
    await page.locator('input[name="dateFormat"]').fill('MM/dd/yyyy');
    const warning = page.locator('.date-column-warning');
    // the column's advice in step 2; the dates the format cannot read are said under the field (below)
    await expect(warning.textContent()).resolves.toMatch(/Dates in the column “ordered_at”/);
    await expect(warning.getByRole('button').allTextContents()).resolves.toEqual(['Use dd/MM/yyyy']);
    // said under the field too, which is marked; some dates still read, so the import is allowed
    const field = page.locator('input[name="dateFormat"]');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field.getAttribute('aria-describedby')).resolves.toBe('date-format-hint date-format-problem');
    await expect(page.locator('#date-format-problem').textContent()).resolves.toMatch(/25\/03\/2025/);
    await expect(page.getByRole('button', { name: 'Import 1,501 rows' }).isDisabled()).resolves.toBe(false);
  });

  it('holds the import back while the date format typed reads none of a column\'s dates, saying so under the field', async () => {
    const csv = ['order_id;customer_id;ordered_at;amount', 'DF-1;DF-C1;25.11.2025;100', 'DF-2;DF-C2;03.11.2025;200'].join('\n');
    await chooseFile(page, server.url, 'orders', 'dotted.csv', csv);
    await page.locator('.mapping-table').waitFor();
    const field = page.locator('input[name="dateFormat"]');
    await field.fill('MM/dd/yyyy');
    await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#date-format-problem').textContent()).resolves.toMatch(/do not match the date format MM\/dd\/yyyy: their rows would be refused\. The format reads none of them, so every row would be refused/);
    await expect(page.getByRole('button', { name: 'Import 2 rows' }).isDisabled()).resolves.toBe(true);
    await field.fill('');
    await expect(field.getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(page.getByRole('button', { name: 'Import 2 rows' }).isDisabled()).resolves.toBe(false);
  });

  it('imports the rows of a file cut off in a quote on its last line and rejects that row, as the CLI does', async () => {
    const csv = ['order_id;customer_id;ordered_at;amount', 'CUT-1;CUT-C1;02.11.2025;100', 'CUT-3;CUT-C3;03.11.2025;120', 'CUT-2;"CUT-C2;02.11'].join('\n');
    await chooseFile(page, server.url, 'orders', 'cut.csv', csv);
    await page.locator('.mapping-table').waitFor();
    await expect(page.locator('.inline-error li').allTextContents()).resolves.toEqual([
      'Line 4: a quoted value is opened and never closed, so the file may be cut off there. That row will be rejected, not imported; the rows before it are imported. '
      + 'Close the quote or remove the incomplete last row in the file, and import the row again.',
    ]);
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => rowsRead(page), pagePoll).toMatch(/^3 of 3 rows read: 2 new, 0 updated, 0 unchanged, 1 rejected\./);
    await expect(rejectsShown(page)).resolves.toEqual([['4', 'ROW_QUOTE_UNCLOSED']]);
    await expect(storedOrders('CUT-').then((orders) => orders.map((order) => order.external_id))).resolves.toEqual(['CUT-1', 'CUT-3']);
  });

  it('reads JSON Lines as the CLI does, each object a row under its keys, and says a line that is not an object', async () => {
    const jsonl = ['{"order_id": "JL-1", "customer_id": "JL-C1", "ordered_at": "2026-02-05", "amount": 100}', '{"order_id": "JL-2", "customer_id": "JL-C2",',
      '{"order_id": "JL-3", "customer_id": "JL-C3", "ordered_at": "2026-02-06", "amount": 200}'].join('\n');
    await chooseFile(page, server.url, 'orders', 'orders.jsonl', jsonl);
    await page.locator('.mapping-table').waitFor();
    await expect(page.locator('.preview-table thead th').allTextContents()).resolves.toEqual(['order_id', 'customer_id', 'ordered_at', 'amount']);
    await expect(page.locator('.preview-table tbody td').first().textContent()).resolves.toBe('JL-1');
    await expect(page.locator('select[name="headerLine"]').count()).resolves.toBe(0);
    await expect(page.locator('.inline-error li').allTextContents()).resolves.toEqual([
      'Line 2 is not one complete JSON object: it will be rejected, not imported. Write each record as one JSON object on a line of its own in the file, and import the line again.',
    ]);
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => rowsRead(page), pagePoll).toMatch(/^3 of 3 rows read: 2 new, 0 updated, 0 unchanged, 1 rejected\./);
    await expect(rejectsShown(page)).resolves.toEqual([['2', 'ROW_NOT_JSON']]);
    await expect(storedOrders('JL-').then((orders) => orders.map((order) => order.external_id))).resolves.toEqual(['JL-1', 'JL-3']);
  });
});
