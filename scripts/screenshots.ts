/**
 * Screenshots of each main screen at desktop (1366×900) and phone (390×844)
 * widths into docs/screenshots/, from a fresh in-process server holding the
 * synthetic demo; also prints how long home and the customer list take to
 * show their first meaningful content.
 *
 *   npx tsx scripts/screenshots.ts            (SCREENSHOT_CUSTOMERS=1000 by default)
 *   npx tsx scripts/screenshots.ts --only segments,personas   (only the screenshots whose names start so)
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { systemClock } from '../src/core/clock.js';
import { discoverPersonas } from '../src/personas/index.js';
import { createSegment } from '../src/segments/index.js';
import { buildWebApp, openBrowser, ownerEmail, ownerPassword, signInThroughForm, startDemoServer, type DemoServer } from '../test/helpers/browser.js';

const outputDirectory = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
const viewports = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const sampleCsv = ['customer_id,name,email,city', 'WEB-1,Ayu Lestari,ayu.lestari@example.com,Bandung', 'WEB-2,Budi Broken,not-an-email,Bandung', 'WEB-3,Citra Dewi,citra.dewi@example.com,Medan'].join('\n');

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? process.argv[onlyIndex + 1].split(',') : null;
const isWanted = (name: string) => only === null || only.some((prefix) => name.startsWith(prefix));

/** Personas and one saved segment, so their screens have something to show. */
async function prepareTargetGroups(server: DemoServer): Promise<{ city: string; category: string }> {
  const db = server.store.db;
  await discoverPersonas(db, { clock: systemClock, seed: 1 });
  const city = (await sql<{ city: string }>`select city from customer where city is not null group by city order by count(*) desc limit 1`.execute(db)).rows[0].city;
  const category = (await sql<{ category: string }>`select category from customer_category group by category order by count(*) desc limit 1`.execute(db)).rows[0].category;
  await createSegment(db, {
    name: `${city}: ${category} in the last 90 days`,
    description: 'Bought this category at least once in the last 90 days.',
    filter: { and: [{ field: 'city', op: 'eq', value: city }, { purchased: { category: [category], within: { days: 90 } } }] },
  }, { actor: 'screenshots', clock: systemClock });
  return { city, category };
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  // Let charts finish their entry animation.
  await page.waitForTimeout(700);
}

/** Milliseconds from navigation start until `selector` is visible: the first render a person can use. */
async function timeToContent(page: Page, url: string, selector: string): Promise<number> {
  const started = performance.now();
  await page.goto(url);
  await page.locator(selector).first().waitFor();
  return Math.round(performance.now() - started);
}

async function main(): Promise<void> {
  await mkdir(outputDirectory, { recursive: true });
  const web = await buildWebApp();
  const server = await startDemoServer({ webRoot: web.directory, customers: Number(process.env.SCREENSHOT_CUSTOMERS ?? 1000) });
  const topCustomer = await server.store.db.selectFrom('customer_trait').select('customer_id').orderBy('purchase_days', 'desc').limit(1).executeTakeFirstOrThrow();
  const { city } = await prepareTargetGroups(server);
  try {
    for (const viewport of viewports) {
      const browser = await openBrowser({ width: viewport.width, height: viewport.height });
      const page = await browser.newPage();
      const shot = async (name: string) => {
        if (!isWanted(name)) return;
        await settle(page);
        await page.screenshot({ path: `${outputDirectory}${name}-${viewport.name}.png`, fullPage: name !== 'customers' });
      };
      await page.goto(`${server.url}/`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await shot('sign-in');
      await signInThroughForm(page, server.url, ownerEmail, ownerPassword);
      if (viewport.name === 'desktop') {
        // Warm once (as a returning user with a cached app would be), then measure.
        const home = await timeToContent(page, `${server.url}/`, 'table.data-table tbody tr');
        const customers = await timeToContent(page, `${server.url}/customers`, '.customer-row:not(.customer-row-head) a');
        const customersByRevenue = await timeToContent(page, `${server.url}/customers?sort=revenue&status=real`, '.customer-row:not(.customer-row-head) a');
        console.log(`First meaningful render: home ${home} ms, customer list ${customers} ms, customer list by revenue ${customersByRevenue} ms`);
      }
      await page.goto(`${server.url}/`);
      await page.locator('table.data-table tbody tr').first().waitFor();
      await shot('home');
      await page.goto(`${server.url}/customers?sort=revenue`);
      await page.locator('.customer-row:not(.customer-row-head) a').first().waitFor();
      await shot('customers');
      await page.goto(`${server.url}/customers/${topCustomer.customer_id}`);
      await page.getByRole('region', { name: 'Purchase rhythm' }).locator('canvas').first().waitFor();
      await page.locator('.type-explanation, .prediction-p-alive').first().waitFor();
      await shot('customer-360');
      await page.goto(`${server.url}/reports`);
      await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
      await page.getByRole('region', { name: 'Cohort retention' }).locator('canvas').first().waitFor();
      // The Sankey's entry animation runs longer than the other charts'.
      await page.waitForTimeout(2000);
      await shot('reports');
      // A full-page shot is as wide as the page: anything overflowing sideways would show here first.
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      console.log(`Reports page width at ${viewport.width} px: ${pageWidth} px${pageWidth > viewport.width ? ' (overflows!)' : ''}`);
      await page.goto(`${server.url}/settings/customer-types`);
      await page.getByRole('group', { name: 'VIP' }).waitFor();
      await shot('settings-types');
      await page.goto(`${server.url}/settings/team`);
      await page.getByRole('row').filter({ hasText: ownerEmail }).waitFor();
      await shot('settings-team');
      if (isWanted('segments') || isWanted('segment') || isWanted('personas') || isWanted('persona')) await shootTargetGroups(page, server, city, shot);
      if (!isWanted('import') && !isWanted('customers-id') && !isWanted('customer-360-lv')) {
        await browser.close();
        continue;
      }
      await page.goto(`${server.url}/import`);
      await page.getByLabel('CSV file').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(sampleCsv) });
      await page.getByRole('button', { name: 'Import 3 rows' }).click();
      await page.getByText('Finished').waitFor();
      await shot('import');
      await page.getByLabel('Language').selectOption('id');
      await page.goto(`${server.url}/customers?sort=revenue`);
      await page.getByRole('heading', { level: 1, name: 'Pelanggan' }).waitFor();
      await shot('customers-id');
      await page.getByLabel('Bahasa').selectOption('lv');
      await page.goto(`${server.url}/customers/${topCustomer.customer_id}`);
      await page.getByRole('region', { name: 'Pirkumu ritms' }).locator('canvas').first().waitFor();
      await shot('customer-360-lv');
      await page.getByLabel('Valoda').selectOption('en');
      await browser.close();
    }
    console.log(`Screenshots written to ${outputDirectory}`);
  } finally {
    await server.close();
    await web.dispose();
  }
}

/** Segment list, editor with its live count, a segment's members and history; personas and a persona's drift. */
async function shootTargetGroups(page: Page, server: DemoServer, city: string, shot: (name: string) => Promise<void>): Promise<void> {
  await page.goto(`${server.url}/segments`);
  await page.locator('table.data-table tbody tr').first().waitFor();
  await shot('segments');
  await page.goto(`${server.url}/segments/new`);
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`${city} repeat buyers`);
  // written as JSON, then shown as the marketer sees it: conditions in words, the JSON closed
  await page.getByText('Edit as JSON', { exact: true }).click();
  await page.getByLabel('Filter (JSON)').fill(JSON.stringify({ and: [{ field: 'city', op: 'eq', value: city }, { field: 'order_count', op: 'gte', value: 2 }, { purchased: { category: ['coffee'], within: { days: 90 } } }] }, null, 2));
  await page.getByText('Edit as JSON', { exact: true }).click();
  await page.getByRole('list', { name: 'Conditions' }).getByText('Orders at least 2').waitFor();
  await page.getByRole('region', { name: 'Preview' }).getByText(/ of .* customers/).waitFor();
  await page.locator('.preview-count:not(.is-updating)').waitFor();
  await shot('segment-editor');
  await page.goto(`${server.url}/segments`);
  await page.locator('table.data-table tbody tr a').first().click();
  await page.locator('.segment-grid tbody tr').first().waitFor();
  await shot('segment-detail');
  await page.goto(`${server.url}/personas`);
  await page.locator('.persona-card').first().waitFor();
  await shot('personas');
  await page.locator('.persona-card h2 a').first().click();
  await page.getByRole('region', { name: 'Profile' }).waitFor();
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.getByRole('table', { name: 'Changes with effect sizes' }).waitFor();
  await page.locator('.drift-results .chart canvas').first().waitFor();
  await shot('persona-drift');
}

await main();
