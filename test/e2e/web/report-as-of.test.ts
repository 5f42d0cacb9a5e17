import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addDays, dayClosedBy, systemClock } from '../../../src/core/clock.js';
import { analyze } from '../../../src/analytics/index.js';
import { getStoreSettings } from '../../../src/settings/index.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

describeWithBrowser('the day the reports stand on, after an analysis as of a past day', () => {
  const app = useStaffApp({ customers: 80 });
  let server: DemoServer;
  let page: Page;
  let day: string;
  let asOfText: string;
  beforeAll(async () => {
    ({ server, page } = app);
    const { timeZone } = await getStoreSettings(server.store.db);
    day = addDays(dayClosedBy(new Date(), timeZone), -40);
    await analyze(server.store.db, { asOf: day, clock: systemClock });
    asOfText = `As of ${createFormatters('en-GB', null, timeZone).date(day)}`;
  }, 240_000);

  it('says that day on every report card, the lifecycle funnel, cohorts and revenue trend included', async () => {
    await page.goto(`${server.url}/reports`);
    for (const title of ['Revenue trend and alerts', 'Customers by type', 'RFM grid', 'RFM segments: size and value', 'Lifecycle funnel', 'Cohort retention', 'Customer type migration']) {
      const region = page.getByRole('region', { name: title });
      await expect(region.locator('.report-as-of').textContent({ timeout: 60_000 }), title).resolves.toBe(asOfText);
    }
    const cohorts = await page.evaluate(async () => (await fetch('/api/reports/cohorts')).json()) as { asOf: string };
    expect(cohorts.asOf).toBe(day);
  });

  it("ends Home's key figures with that day", async () => {
    await page.goto(`${server.url}/?days=30`);
    for (const title of ['Key figures', 'Customers by type']) {
      await expect(page.getByRole('region', { name: title }).locator('.report-as-of').textContent({ timeout: 60_000 }), title).resolves.toBe(asOfText);
    }
  });
});
