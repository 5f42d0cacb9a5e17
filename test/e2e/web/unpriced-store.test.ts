import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { addDays, systemClock } from '../../../src/core/clock.js';
import { calendarDayOf } from '../../../src/core/calendar-day.js';
import { analyze } from '../../../src/analytics/index.js';
import { importFile } from '../../../src/ingest/import-file.service.js';
import { getStoreSettings, updateStoreSettings } from '../../../src/settings/index.js';
import { describeWithBrowser, useStaffApp } from '../../helpers/browser.js';

/** The visually hidden table behind a chart, as a screen reader reads it. */
async function hiddenRows(region: Locator): Promise<string[][]> {
  const table = region.locator('.visually-hidden table');
  await table.waitFor({ state: 'attached' });
  return table.evaluate((element) => [...element.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')));
}

describeWithBrowser('a store whose orders carry no prices (as the Groceries data set)', () => {
  const app = useStaffApp({ customers: 0 });

  let workDir: string | undefined;
  afterAll(() => (workDir ? rmSync(workDir, { recursive: true, force: true }) : undefined));

  beforeAll(async () => {
    const db = app.server.store.db;
    workDir = mkdtempSync(join(tmpdir(), 'clientele-unpriced-'));
    await updateStoreSettings(db, { currency: 'EUR' });
    // three customers buying every ten days over the last two months, every amount 0, imported as any store's orders are
    const today = calendarDayOf(new Date(), (await getStoreSettings(db)).timeZone);
    const rows = [1, 2, 3].flatMap((customer) => [55, 45, 35, 25, 15, 5].map((daysAgo) => `G${customer}-${daysAgo},C${customer},${addDays(today, -daysAgo - customer)}T12:00:00Z,0,EUR,store,paid`));
    const file = join(workDir, 'orders.csv');
    writeFileSync(file, ['order_id,customer_id,ordered_at,amount,currency,channel,status', ...rows].join('\n') + '\n');
    await importFile(db, { entity: 'orders', file, actor: 'test', clock: systemClock, rejectsPath: null });
    await analyze(db, { asOf: today, clock: systemClock });
  }, 120_000);

  it('says on Home that the orders carry no prices instead of revenue of €0.00', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/?days=30`);
    const period = page.getByRole('group', { name: 'Last 30 days' });
    const revenue = period.locator('.key-figure').filter({ hasText: 'Revenue' });
    await revenue.waitFor();
    await expect(revenue.locator('.key-figure-value').textContent()).resolves.toBe('No prices recorded');
    await expect(revenue.textContent()).resolves.not.toMatch(/€|none in either period/);
    // the counts beside it are there as ever
    await expect(period.locator('.key-figure').filter({ hasText: 'Orders' }).locator('.key-figure-value').textContent()).resolves.toMatch(/^[1-9]\d*$/);
  });

  it('says on Reports that there is no revenue to chart, and leaves the revenue bars out of the RFM segments', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/reports`);
    const note = 'The orders in this store carry no prices (every amount is 0), so there is no revenue to show.';
    const trend = page.getByRole('region', { name: 'Revenue trend and alerts' });
    await trend.getByText(note).waitFor();
    await expect(trend.locator('.chart').count()).resolves.toBe(0);
    const segments = page.getByRole('region', { name: 'RFM segments: size and value' });
    await segments.getByText(note).waitFor();
    const rows = await hiddenRows(segments);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row[3]).toBe('No prices recorded');
  });
});
