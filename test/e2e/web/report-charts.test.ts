import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { beforeAll, expect, it } from 'vitest';
import type { ConsoleMessage, Locator, Page } from 'playwright-core';
import { addDays, dayClosedBy, systemClock } from '../../../src/core/clock.js';
import { analyze } from '../../../src/analytics/index.js';
import { getStoreSettings, updateStoreSettings } from '../../../src/settings/index.js';
import type { CohortsReport, StoreSummary, TypesReport } from '../../../src/web/api/analytics-types.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, waitForStoreSettings, type DemoServer } from '../../helpers/browser.js';

/** The visually hidden table behind a chart, as a screen reader reads it: header and rows of cell texts. */
async function hiddenTable(region: Locator): Promise<{ header: string[]; rows: string[][] }> {
  const table = region.locator('.visually-hidden table');
  await table.waitFor({ state: 'attached' });
  return table.evaluate((element) => ({
    header: [...element.querySelectorAll('thead th')].map((cell) => cell.textContent ?? ''),
    rows: [...element.querySelectorAll('tbody tr')].map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
  }));
}

/**
 * Clicks a chart's "Download CSV" and reads the file's lines. It is written for the reader's spreadsheet:
 * a UTF-8 byte order mark, and fields split by ";" where the language writes a decimal comma (Indonesian).
 */
async function downloadedCsv(page: Page, region: Locator, delimiter: ',' | ';' = ','): Promise<string[][]> {
  const download = page.waitForEvent('download');
  await region.getByRole('button', { name: /CSV/ }).click();
  const text = await readFile(await (await download).path(), 'utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  // a heading may hold a comma ("Revenue, last 365 days"), so the file is read as CSV, quotes and all
  return parse(text, { bom: true, delimiter }) as string[][];
}

describeWithBrowser('the report charts: what they say, their tables and files, and where they lead', () => {
  const app = useStaffApp({ customers: 150 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });
  const api = <T,>(path: string) => page.evaluate(async (url) => (await fetch(url)).json(), path) as Promise<T>;

  it('writes every change on Home with its sign and no arrow, and says "none in either period" for a figure at 0 in both', async () => {
    await page.goto(`${server.url}/?days=30`);
    const period = page.getByRole('group', { name: 'Last 30 days' });
    await period.locator('.key-figure').first().waitFor();
    const comparisons = await period.locator('.key-figure-comparison').allTextContents();
    expect(comparisons).toHaveLength(4);
    for (const text of comparisons) expect(text).toMatch(/^([+−±][\d.,]+% vs previous period|none in the previous period|none in either period)$/);
    // the arrow came from CSS: nothing is drawn before a comparison any more
    const before = await period.locator('.key-figure-comparison').first().evaluate((element) => getComputedStyle(element, '::before').content);
    expect(['none', 'normal']).toContain(before);
    const summary = await api<StoreSummary>('/api/reports/summary?days=30');
    const newCustomers = period.locator('.key-figure').filter({ hasText: 'New customers' }).locator('.key-figure-comparison');
    if (summary.current.newCustomers === 0 && summary.previous.newCustomers === 0) await expect(newCustomers.textContent()).resolves.toBe('none in either period');
  });

  it('says a customer can hold several types, explains Consumer, and opens the customer list of a bar clicked', async () => {
    await page.goto(`${server.url}/`);
    const card = page.getByRole('region', { name: 'Customers by type' });
    const canvas = card.locator('.chart-canvas');
    await canvas.locator('canvas').first().waitFor();
    const report = await api<TypesReport>('/api/reports/types');
    const shown = report.types.filter((row) => row.customers > 0);
    if (shown.reduce((sum, row) => sum + row.customers, 0) > report.customers) {
      await expect(card.getByText(/^A customer can hold several types/).isVisible()).resolves.toBe(true);
    }
    if (shown.some((row) => row.type === 'consumer')) await expect(card.getByText(/^Consumer: received an order that another customer bought for them/).isVisible()).resolves.toBe(true);
    // the main-type count, once only in the hidden table, is in it still
    const table = await hiddenTable(card);
    expect(table.header).toEqual(['Type', 'Customers', 'Customers (main type)', 'Share', 'Revenue, last 365 days', 'Share of revenue, last 365 days', 'Revenue, all time']);

    // the row of the largest type, found on the canvas by where ECharts lays out its categories (grid 8 px from the top, 28 from the bottom)
    const largest = shown.reduce((best, row) => (row.customers > best.customers ? row : best));
    const index = shown.indexOf(largest);
    // the demo is made up to today, so the largest type's row may lie below the fold: bring the whole chart into view
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const y = box.y + 8 + (index + 0.5) * ((box.height - 36) / shown.length);
    // move along the row until ECharts shows the pointer over the bar, then click it
    let x = box.x + box.width * 0.2;
    for (; x < box.x + box.width * 0.6; x += 6) {
      await page.mouse.move(x, y);
      if (await canvas.evaluate((element) => getComputedStyle(element.querySelector('canvas')!.parentElement!).cursor === 'pointer' || getComputedStyle(element.querySelector('canvas')!).cursor === 'pointer')) break;
    }
    const counted = page.waitForResponse((response) => response.url().includes('/api/customers/count'));
    await page.mouse.click(x, y);
    await page.waitForURL(new RegExp(`/customers\\?type=${largest.type}$`));
    await expect(page.getByLabel('Customer type').inputValue()).resolves.toBe(largest.type);
    // the list counts the customers holding the type, as the bar does
    await expect((await counted).json()).resolves.toEqual({ count: largest.customers });

    // the same from the keyboard: a link per type under the chart
    await page.goBack();
    await page.getByRole('region', { name: 'Customers by type' }).getByRole('link', { name: 'Lapsed' }).click();
    await page.waitForURL(/\/customers\?type=lapsed$/);
  });

  it('reads the hidden tables in the reader\'s formats and writes the CSV files with units, the language\'s separators and no empty column', async () => {
    await page.goto(`${server.url}/reports`);
    // the revenue table's amounts carry the store's currency, which comes with the settings
    await waitForStoreSettings(page);
    await page.getByLabel('Language').selectOption('id');
    await page.locator('html[lang="id"]').waitFor({ state: 'attached' });
    const types = page.getByRole('region', { name: 'Pelanggan per tipe' });
    await types.locator('.chart canvas').first().waitFor();
    const report = await api<TypesReport>('/api/reports/types');
    const first = report.types.find((row) => row.customers > 0)!;
    const id = createFormatters('id-ID', 'IDR', 'Asia/Jakarta');
    const table = await hiddenTable(types);
    const revenueHeader = ['Pendapatan, 365 hari terakhir', 'Porsi pendapatan, 365 hari terakhir', 'Pendapatan, sepanjang waktu'];
    expect(table.header).toEqual(['Tipe', 'Pelanggan', 'Pelanggan (tipe utama)', 'Porsi', ...revenueHeader]);
    expect(table.rows[0]).toEqual([
      expect.any(String), id.number(first.customers), id.number(first.primaryCustomers), id.percent(first.share),
      id.money(first.revenueLast365DaysMinor), first.revenueLast365DaysShare === null ? '' : id.percent(first.revenueLast365DaysShare), id.money(first.revenueLifetimeMinor),
    ]);
    expect(table.rows[0][3]).toMatch(/^\d+(,\d)?%$/);

    const csv = await downloadedCsv(page, types, ';');
    expect(csv[0]).toEqual(['Tipe', 'Pelanggan', 'Pelanggan (tipe utama)', 'Porsi (%)', `${revenueHeader[0]} (IDR)`, `${revenueHeader[1]} (%)`, `${revenueHeader[2]} (IDR)`]);
    // Indonesian writes a decimal comma, as Excel set to Indonesia reads it
    expect(csv[1].slice(0, 4)).toEqual([expect.any(String), String(first.customers), String(first.primaryCustomers), String(Number((first.share * 100).toFixed(4))).replace('.', ',')]);

    // the revenue trend: money in rupiah on screen, in whole rupiah under "(IDR)" in the file, each period with the days it holds
    const revenue = page.getByRole('region', { name: 'Tren pendapatan dan peringatan' });
    await revenue.locator('.chart canvas').first().waitFor();
    const revenueTable = await hiddenTable(revenue);
    expect(revenueTable.rows[0][3]).toMatch(/^Rp\s[\d.]+$/);
    const revenueCsv = await downloadedCsv(page, revenue, ';');
    expect(revenueCsv[0]).toEqual(['Periode', 'Hari pertama yang dihitung', 'Hari terakhir yang dihitung', 'Pendapatan (IDR)', 'Pesanan', 'Pelanggan yang membeli']);
    expect(revenueCsv[1][0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(revenueCsv[1][3]).toMatch(/^\d+$/);
    // a year back from today starts mid-week: the first week is marked as the last one is
    if (revenueCsv[1][0] < revenueCsv[1][1]) {
      expect(revenueTable.rows[0][0]).toMatch(/\(hanya hari-hari sejak .+, saat rentang dimulai\)$/);
      await expect(revenue.getByText(/rentang dimulai pada .+, jadi bagian garis putus-putus hanya memuat/).isVisible()).resolves.toBe(true);
    }
    // saved before the next test loads a page, which asks the server for the language
    await chooseLanguage(page, 'en');
  });

  it('draws the report charts without a warning from ECharts in the console (a deprecated option, one it ignores)', async () => {
    const messages: string[] = [];
    // ECharts writes each of its warnings once per page load, prefixed with "[ECharts]"
    const collect = (message: ConsoleMessage) => { if (message.text().includes('[ECharts]')) messages.push(message.text()); };
    page.on('console', collect);
    try {
      await page.goto(`${server.url}/reports`);
      for (const name of ['Revenue trend and alerts', 'Customers by type', 'RFM segments: size and value', 'Lifecycle funnel', 'Cohort retention']) {
        await page.getByRole('region', { name }).locator('.chart canvas').first().waitFor();
      }
      // a round trip to the page, so that what it logged while drawing has arrived
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    } finally {
      page.off('console', collect);
    }
    expect(messages).toEqual([]);
  });

  it('marks the month under way in the cohort heatmap, its table and its file', async () => {
    await page.goto(`${server.url}/reports`);
    const region = page.getByRole('region', { name: 'Cohort retention' });
    await region.locator('.chart canvas').first().waitFor();
    const cohorts = await api<CohortsReport>('/api/reports/cohorts');
    const rowUnderWay = cohorts.cohorts.findIndex((cohort) => cohort.months.some((month) => month.isPartial && month.monthIndex > 0));
    // on the last day of a month no month is under way
    if (rowUnderWay < 0) return;
    const month = cohorts.cohorts[rowUnderWay].months.find((candidate) => candidate.isPartial)!;
    await expect(region.getByText(/^Cells outlined with dashes are the month under way/).isVisible()).resolves.toBe(true);
    const table = await hiddenTable(region);
    expect(table.rows[rowUnderWay][5 + month.monthIndex]).toMatch(/% \(so far\)$/);
    // the repeat rate within 90 days: known for old cohorts, "too early to tell" for the youngest
    const within = cohorts.cohorts.map((cohort) => cohort.repeatRateWithinHorizon ?? null);
    expect([within[0] === null, within.at(-1) === null]).toEqual([false, true]);
    expect(table.rows.map((row) => row[3] === 'too early to tell')).toEqual(within.map((rate) => rate === null));
    const csv = await downloadedCsv(page, region);
    expect(csv[0].slice(0, 6)).toEqual(['First purchase', 'Customers', 'Repeat-purchase rate so far (%)', 'Repeat purchase within 90 days (%)', 'Month under way', 'Month 0 (%)']);
    expect(csv[1 + rowUnderWay][4]).toBe(String(month.monthIndex));
  });

  // last: it moves the store to New York and analyses it anew
  it('ends the type migration on the analysed store day, also where that day ends on the next UTC day', async () => {
    await updateStoreSettings(server.store.db, { timezone: 'America/New_York' });
    // analysed as of yesterday in New York: the analysis is dated 04:00 or 05:00 UTC today, a UTC day after the day it analysed
    const yesterday = addDays(dayClosedBy(new Date(), 'America/New_York'), -1);
    await analyze(server.store.db, { asOf: yesterday, clock: systemClock });
    expect((await getStoreSettings(server.store.db)).timeZone).toBe('America/New_York');
    await page.goto(`${server.url}/reports?migrationDays=30`);
    const region = page.getByRole('region', { name: 'Customer type migration' });
    await region.locator('.chart canvas').first().waitFor();
    const format = createFormatters('en-GB', null, 'America/New_York');
    await expect(region.locator('.sankey-ends span').allTextContents()).resolves.toEqual([format.date(addDays(yesterday, -30)), format.date(yesterday)]);
    // the analysis counts at the end of its day: its types are on the right-hand side
    const table = await hiddenTable(region);
    expect(table.rows.some((row) => row[1] !== 'No type yet')).toBe(true);
  });
});
