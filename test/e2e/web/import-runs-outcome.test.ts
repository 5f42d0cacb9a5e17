import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { fixedClock } from '../../../src/core/clock.js';
import { importFile } from '../../../src/ingest/import-file.service.js';
import { listImportRuns } from '../../../src/ingest/import-runs.repo.js';
import { updateStoreSettings } from '../../../src/settings/index.js';
import { describeWithBrowser, pagePoll, useStaffApp, type DemoServer } from '../../helpers/browser.js';

// What a reviewer met on the import page: after the UCI sample the default source became
// online-retail and a lines file of the store's own orders was rejected whole; the UCI import
// showed and recorded 0 rejected orders where the CLI counts them; and a cancelled import said "Finished".
const directory = mkdtempSync(join(tmpdir(), 'clientele-import-runs-outcome-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const ownOrders = ['order_id,customer_id,ordered_at,amount', 'LV-1000,C1,2024-05-01T10:00:00Z,10', 'LV-1001,C1,2024-05-02T10:00:00Z,12'].join('\n');
const ownLines = ['order_id,sku,quantity,unit_price', 'LV-1000,A,1,4', 'LV-1000,B,2,3', 'LV-1001,C,1,12'].join('\n');
// three customers (more ids than the store's own source has), one invoice with no customer on any row, one with none on one row
const retail = [
  'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
  '536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom',
  '536366,71053,WHITE METAL LANTERN,6,2010-12-01 08:28:00,3.39,13047.0,United Kingdom',
  '536367,84406B,CREAM CUPID HEARTS COAT HANGER,8,2010-12-01 08:34:00,2.75,12583.0,France',
  '536367,22139,RETROSPOT TEA SET,1,2010-12-01 08:34:00,4.95,,France',
  '536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom',
  '536414,22140,,1,2010-12-01 11:52:00,1.0,,United Kingdom',
].join('\n');

async function chooseFile(page: Page, url: string, entity: string, name: string, csv: string, preset?: string): Promise<void> {
  await page.goto(`${url}/import`);
  await page.locator('main h1').waitFor();
  await page.locator('select[name="entity"]').selectOption(entity);
  if (preset) await page.locator('select[name="format"]').selectOption(preset);
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('.mapping-table').waitFor();
}

const summaryText = (page: Page) => page.getByRole('status').filter({ hasText: 'rows read' }).textContent();

describeWithBrowser('what an import run on the import page comes to', () => {
  const app = useStaffApp({ customers: 0 });
  let server: DemoServer;
  let page: Page;
  beforeAll(async () => {
    ({ server, page } = app);
    // the UCI export is in pounds
    await updateStoreSettings(server.store.db, { currency: 'GBP' });
  });

  it('keeps the store\'s own source as the default after a preset import, and says which source a line\'s order was looked for in', async () => {
    await chooseFile(page, server.url, 'orders', 'orders.csv', ownOrders);
    await expect(page.locator('input[name="sourceName"]').inputValue()).resolves.toBe('web');
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByText('Finished').waitFor(pagePoll);

    await chooseFile(page, server.url, 'orders', 'online_retail.csv', retail, 'uci-online-retail');
    await page.getByRole('button', { name: 'Import 6 rows' }).click();
    await page.getByText('Finished').waitFor(pagePoll);

    // online-retail now holds the most customer ids; a file of the store's own columns still goes to web
    await chooseFile(page, server.url, 'lines', 'lines.csv', ownLines);
    await expect(page.locator('select[name="source"] option').first().textContent()).resolves.toMatch(/^online-retail/);
    await expect(page.locator('select[name="source"]').inputValue()).resolves.toBe('web');
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByText('Finished').waitFor(pagePoll);
    await expect(summaryText(page)).resolves.toMatch(/^3 of 3 rows read: 3 new, 0 updated, 0 unchanged, 0 rejected\./);

    // sent under the preset's source by choice, the reject names the source it looked in
    await chooseFile(page, server.url, 'lines', 'lines.csv', ownLines);
    await page.locator('select[name="source"]').selectOption('online-retail');
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByText('Finished: nothing imported').waitFor(pagePoll);
    await expect(page.locator('.import-nothing').textContent()).resolves.toContain('Order LV-1000 is not in the store under the source online-retail');
    // C1 is still one customer
    const identities = await server.store.db.selectFrom('customer_identity').select('customer_id').where('kind', '=', 'external').where('value', '=', 'C1').execute();
    expect(identities).toHaveLength(1);
  });

  it('counts the orders of the rows the format refused as the CLI does, on the page and in the run', async () => {
    await chooseFile(page, server.url, 'orders', 'online_retail.csv', retail, 'uci-online-retail');
    await page.getByRole('button', { name: 'Import 6 rows' }).click();
    await page.getByText('Finished').waitFor(pagePoll);
    const [run] = await listImportRuns(server.store.db, { limit: 1 });
    // the CLI's count of the same file (imported again: its refused invoice is refused again)
    const file = join(directory, 'online_retail.csv');
    writeFileSync(file, retail);
    const cli = await importFile(server.store.db, { entity: 'orders', file, preset: 'uci-online-retail', actor: 'cli:test', clock: fixedClock('2026-12-31T00:00:00Z'), rejectsPath: null });
    expect(cli.orders).toMatchObject({ rejected: 1 });
    expect(run).toMatchObject({ read_count: 6, rejected_count: 3, order_rejected_count: cli.orders!.rejected, preset: 'uci-online-retail' });
    await expect(page.getByRole('status').filter({ hasText: 'Orders' }).textContent()).resolves.toMatch(/1 rejected\.$/);
  });

  it('says a cancelled import was cancelled, with what the rows sent before stored, and closes its run as stopped', async () => {
    const rows = ['customer_id,email'];
    for (let index = 1; index <= 30_000; index += 1) rows.push(`CAN-${index},can-${index}@example.com`);
    await chooseFile(page, server.url, 'customers', 'many.csv', rows.join('\n'));
    await page.getByRole('button', { name: 'Import 30,000 rows' }).click();
    // while it runs, the button says so and is unavailable, and the progress is in view
    const running = page.getByRole('button', { name: 'Importing…' });
    await expect(running.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(running.getAttribute('aria-busy')).resolves.toBe('true');
    await expect(page.locator('.import-progress').isVisible()).resolves.toBe(true);
    // cancelled once a batch has landed
    await page.getByRole('status').filter({ hasText: /^[1-9][\d,]* of 30,000 rows read/ }).waitFor(pagePoll);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.import-progress > .field > span', { hasText: /^Cancelled$/ }).waitFor(pagePoll);
    await expect(page.getByText('Finished').count()).resolves.toBe(0);
    await expect(page.locator('.import-cancelled').textContent()).resolves.toContain('You cancelled the import');
    const summary = await summaryText(page);
    const read = Number(/^([\d,]+) of 30,000 rows read/.exec(summary ?? '')![1].replaceAll(',', ''));
    expect(read).toBeGreaterThan(0);
    expect(read).toBeLessThan(30_000);
    const [run] = await listImportRuns(server.store.db, { limit: 1 });
    expect(run).toMatchObject({ entity: 'customers', status: 'failed', read_count: read, inserted_count: read });
  });
});
