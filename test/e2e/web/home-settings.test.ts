import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Page, Response } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { importFile } from '../../../src/ingest/import-file.service.js';
import { getStoreSettings, updateStoreSettings } from '../../../src/settings/index.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import type { StoreSummary } from '../../../src/web/api/analytics-types.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, waitForStoreSettings, type DemoServer } from '../../helpers/browser.js';

const isSummary = (days: number) => (response: Response) => response.url().includes('/api/reports/summary') && new URL(response.url()).searchParams.get('days') === String(days);

describeWithBrowser('Home and Reports keep their settings in the address', () => {
  const app = useStaffApp({ customers: 120 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });

  it('keeps the chosen period over a reload, without adding a step to go back through', async () => {
    await page.goto(`${server.url}/customers`);
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
    const period = page.getByLabel('Period');
    await period.waitFor();
    await expect(period.inputValue()).resolves.toBe('30');
    const entries = await page.evaluate(() => history.length);

    const summaryFor7 = page.waitForResponse(isSummary(7));
    await period.selectOption('7');
    await summaryFor7;
    await page.waitForURL(/\/\?days=7$/);
    const summaryFor90 = page.waitForResponse(isSummary(90));
    await period.selectOption('90');
    await summaryFor90;
    await page.waitForURL(/\/\?days=90$/);
    await expect(page.evaluate(() => history.length)).resolves.toBe(entries);

    const reloaded = page.waitForResponse(isSummary(90));
    await page.reload();
    await reloaded;
    await expect(page.getByLabel('Period').inputValue()).resolves.toBe('90');
    await page.goBack();
    await page.waitForURL(/\/customers$/);
  });

  it('falls back to 30 days for a period it does not offer, and asks the server for nothing else', async () => {
    const summary = page.waitForResponse((response) => response.url().includes('/api/reports/summary'));
    await page.goto(`${server.url}/?days=abc`);
    expect(new URL((await summary).url()).searchParams.get('days')).toBe('30');
    await expect(page.getByLabel('Period').inputValue()).resolves.toBe('30');
    await page.getByLabel('Period').selectOption('365');
    await page.waitForURL(/\/\?days=365$/);
    await page.getByLabel('Period').selectOption('30');
    // the default leaves the address plain
    await page.waitForURL((url) => url.pathname === '/' && url.search === '');
  });

  it('says the figures run up to now, against the same span a period earlier up to the same time of day, in the store\'s dates', async () => {
    const answered = page.waitForResponse(isSummary(7));
    await page.goto(`${server.url}/?days=7`);
    const summary = await (await answered).json() as StoreSummary;
    const settings = await getStoreSettings(server.store.db);
    // the synthetic demo is a live store: its figures are as of now, against the same time of day a week earlier
    expect(settings.dataAsOf).toBeNull();
    expect(summary.comparison).toBe('same-time');
    const [now, previousNow] = [new Date(summary.currentPeriod!.to), new Date(summary.previousPeriod!.to)];
    expect(now.toISOString()).toBe(summary.asOf);
    const format = createFormatters('en-GB', settings.currency, settings.timeZone);
    const clock = (instant: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: settings.timeZone, timeStyle: 'short' }).format(instant);
    expect(clock(previousNow)).toBe(clock(now));
    const expected = lookupMessage(messagesByLocale.en, 'home.periodTodaySoFar', {
      days: 7, from: format.date(summary.from), now: format.dateTime(now), previousFrom: format.date(summary.previousFrom), previousNow: format.dateTime(previousNow),
    });
    expect(expected).toMatch(/^Last 7 days up to now \(.+\), compared with the same span 7 days earlier, up to the same time of day \(.+\)\.$/);
    const caption = page.getByRole('region', { name: 'Key figures' }).locator('.key-figures-period');
    // until the store settings arrive the dates may be shown in the browser's zone; then in the store's
    await waitForStoreSettings(page);
    await expect(caption.textContent()).resolves.toBe(expected);
    // the store totals are the whole store now, each against its own total as it stood at the same time a week earlier
    const totals = page.getByRole('region', { name: 'Key figures' }).getByRole('group', { name: 'Store totals' });
    const totalsCaption = lookupMessage(messagesByLocale.en, 'home.totals.captionNow.other', { now: format.dateTime(now), days: 7, previousNow: format.dateTime(previousNow) });
    await expect(totals.locator('.key-figures-totals').textContent()).resolves.toBe(totalsCaption);
    const leads = totals.locator('.key-figure').filter({ hasText: 'Leads' });
    await expect(leads.locator('.key-figure-value').textContent()).resolves.toBe(format.number(summary.current.leads));
    await expect(leads.locator('.key-figure-previous').textContent()).resolves.toBe(`7 days ago: ${format.number(summary.previous.leads)}`);
  });

  it('reads the report settings from the address, falls back where unknown, and writes a change in place', async () => {
    await page.goto(`${server.url}/reports?granularity=month&migrationDays=7`);
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    const granularity = page.getByRole('region', { name: 'Revenue trend and alerts' }).getByRole('combobox');
    const migration = page.getByRole('region', { name: 'Customer type migration' }).getByRole('combobox');
    await expect(granularity.inputValue()).resolves.toBe('month');
    await expect(migration.inputValue()).resolves.toBe('90');
    const entries = await page.evaluate(() => history.length);
    const trend = page.waitForResponse((response) => response.url().includes('/api/reports/revenue') && new URL(response.url()).searchParams.get('granularity') === 'day');
    await granularity.selectOption('day');
    const daily = await (await trend).json() as { to: string; points: Array<{ period: string }> };
    // a live store's range ends with today, under way: its day is drawn as "so far", not as a fall
    const todayNote = page.getByRole('region', { name: 'Revenue trend and alerts' }).getByText(/: not over yet, so the dashed segment holds only its sales so far\.$/);
    if (daily.points.at(-1)?.period === dayBefore(daily.to)) await todayNote.waitFor();
    else await expect(todayNote.count()).resolves.toBe(0);
    await page.waitForURL(/\/reports\?granularity=day$/);
    await migration.selectOption('365');
    await page.waitForURL(/\/reports\?granularity=day&migrationDays=365$/);
    await expect(page.evaluate(() => history.length)).resolves.toBe(entries);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Revenue trend and alerts' }).getByRole('combobox').inputValue()).resolves.toBe('day');
    await expect(page.getByRole('region', { name: 'Customer type migration' }).getByRole('combobox').inputValue()).resolves.toBe('365');
  });

  it('shows each file by its own name, not the server\'s path, and counts the rows a re-import found again', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clientele-home-imports-'));
    try {
      // the same file twice, as the CLI sends it (by its path): the second run finds both rows unchanged
      const file = join(directory, 'regulars.csv');
      writeFileSync(file, 'customer_id,name\nRK-1,Ayu Lestari\nRK-2,Budi Santoso\n');
      for (let run = 0; run < 2; run += 1) {
        await importFile(server.store.db, { entity: 'customers', file, source: 'home-test', actor: 'test', clock: systemClock, rejectsPath: null });
      }
      await page.goto(`${server.url}/`);
      const table = page.getByRole('region', { name: 'Recent imports' }).getByRole('table');
      await table.waitFor();
      await expect(table.getByRole('columnheader').allTextContents()).resolves
        .toEqual(['Started', 'Data', 'File', 'Rows', 'New', 'Updated', 'Unchanged', 'New orders', 'Rejected']);
      const rows = table.locator('tbody tr');
      // newest first: the re-import, whose rows would otherwise seem to vanish (read 2, none new, none rejected)
      await expect(rows.first().getByRole('cell').allTextContents()).resolves.toEqual([expect.any(String), 'Customers', 'regulars.csv', '2', '0', '0', '2', '—', '0']);
      // nor in a tooltip: the path says where the server keeps files, nothing staff need
      await expect(rows.first().getByText('regulars.csv', { exact: true }).getAttribute('title')).resolves.toBeNull();
      // the demo's runs read files from a temporary directory on the server: shown by name alone
      await expect(rows.locator('td:nth-child(3)').allTextContents()).resolves.toEqual(['regulars.csv', 'regulars.csv', 'events.csv', 'lines.csv', 'orders.csv']);
      await expect(rows.nth(4).getByText('orders.csv', { exact: true }).getAttribute('title')).resolves.toBeNull();
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('names the demo store in no language of its own: the badge beside it says it is synthetic in the reader\'s', async () => {
    await page.goto(`${server.url}/`);
    const storeName = page.getByRole('banner').locator('.store-name');
    await storeName.getByText('Synthetic demo data').waitFor();
    await expect(storeName.textContent()).resolves.toBe('Roti & Kopi NusantaraSynthetic demo data');
    await page.getByLabel('Language').selectOption('id');
    try {
      await storeName.getByText('Data demo sintetis').waitFor();
      await expect(storeName.textContent()).resolves.toBe('Roti & Kopi NusantaraData demo sintetis');
    } finally {
      // saved before the next test loads a page, which asks the server for the language
      await chooseLanguage(page, 'en');
      await storeName.getByText('Synthetic demo data').waitFor();
    }
  });

  it('says a public data set is one, in the reader\'s language, with the day its reports run as of', async () => {
    const before = await getStoreSettings(server.store.db);
    await updateStoreSettings(server.store.db, { name: 'CDNOW', timezone: 'America/New_York', is_synthetic: false, demo_dataset: 'cdnow', data_as_of: '1998-06-30T23:59:59.999-04:00' });
    try {
      await page.goto(`${server.url}/`);
      const storeName = page.getByRole('banner').locator('.store-name');
      const badge = storeName.getByText('Public data set', { exact: true });
      await badge.waitFor();
      await expect(storeName.textContent()).resolves.toBe('CDNOWPublic data set');
      await expect(badge.getAttribute('title')).resolves.toMatch(/^Real, anonymised purchases .*as of 30 Jun 1998\.$/);
      await page.getByLabel('Language').selectOption('lv');
      await storeName.getByText('Publiska datu kopa', { exact: true }).waitFor();
    } finally {
      await updateStoreSettings(server.store.db, { name: before.name, timezone: before.timeZone, is_synthetic: before.isSynthetic, demo_dataset: before.demoDataset, data_as_of: before.dataAsOf });
      await chooseLanguage(page, 'en');
      await page.goto(`${server.url}/`);
      await page.getByRole('banner').locator('.store-name').getByText('Synthetic demo data').waitFor();
    }
  });

  it('shows the filtered customer type in every row, beside a primary type that needs more action', async () => {
    for (const [type, label] of [['vip', 'VIP'], ['loyal', 'Loyal'], ['occasional', 'Occasional']] as const) {
      const counted = page.waitForResponse((response) => response.url().includes('/api/customers/count') && new URL(response.url()).searchParams.get('type') === type);
      await page.goto(`${server.url}/customers?type=${type}`);
      const { count } = await (await counted).json() as { count: number };
      const rows = page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ has: page.locator('.customer-cell-type') });
      if (count === 0) continue;
      await rows.nth(1).waitFor();
      const typeCells = await rows.locator('.customer-cell-type .type-tag').evaluateAll((tags) => tags.map((tag) => tag.closest('.customer-row')!.querySelector('a')!.textContent + ': ' + tag.textContent));
      const rowsShown = await rows.count();
      const rowsWithType = new Set(typeCells.filter((cell) => cell.endsWith(`: ${label}`)).map((cell) => cell.split(': ')[0]));
      // a VIP who is also at risk once showed only "At risk" in a list filtered by VIP
      expect(rowsWithType.size, `rows of /customers?type=${type} showing "${label}"`).toBe(rowsShown);
    }
  });
});

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}
