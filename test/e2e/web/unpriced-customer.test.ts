import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addDays, systemClock } from '../../../src/core/clock.js';
import { calendarDayOf } from '../../../src/core/calendar-day.js';
import { analyze } from '../../../src/analytics/index.js';
import { importFile } from '../../../src/ingest/import-file.service.js';
import { getStoreSettings, updateStoreSettings } from '../../../src/settings/index.js';
import { describeWithBrowser, useStaffApp, waitForStoreSettings } from '../../helpers/browser.js';

const noPrices = 'No prices recorded';

describeWithBrowser('a customer of a store whose orders carry no prices (as the Groceries data set)', () => {
  const app = useStaffApp({ customers: 0 });

  let workDir: string | undefined;
  let customerId = 0;
  afterAll(() => (workDir ? rmSync(workDir, { recursive: true, force: true }) : undefined));

  beforeAll(async () => {
    const db = app.server.store.db;
    workDir = mkdtempSync(join(tmpdir(), 'clientele-unpriced-customer-'));
    await updateStoreSettings(db, { currency: 'EUR' });
    // three customers buying every ten days over the last two months, every amount 0, imported as any store's orders are
    const today = calendarDayOf(new Date(), (await getStoreSettings(db)).timeZone);
    const rows = [1, 2, 3].flatMap((customer) => [55, 45, 35, 25, 15, 5].map((daysAgo) => `G${customer}-${daysAgo},C${customer},${addDays(today, -daysAgo - customer)}T12:00:00Z,0,EUR,store,paid`));
    const file = join(workDir, 'orders.csv');
    writeFileSync(file, ['order_id,customer_id,ordered_at,amount,currency,channel,status', ...rows].join('\n') + '\n');
    await importFile(db, { entity: 'orders', file, actor: 'test', clock: systemClock, rejectsPath: null });
    await analyze(db, { asOf: today, clock: systemClock });
    customerId = Number((await db.selectFrom('customer').select('customer_id').orderBy('customer_id').executeTakeFirstOrThrow()).customer_id);
    // a prediction as the models leave one for a repeat buyer: the spend model learned from amounts of 0
    const fit = await db.insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: addDays(today, -1), params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 3,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    await db.insertInto('customer_prediction').values({
      customer_id: customerId, model_fit_id: Number(fit.model_fit_id), p_alive: 0.9, expected_purchases_90d: 8.1, expected_spend_minor: 0, clv_minor: 0, clv_horizon_days: 365, churn_risk: 'low', as_of: addDays(today, -1),
    }).execute();
  }, 120_000);

  it('says in the customer list\'s spend column that no prices are recorded, not €0.00', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/customers`);
    // whether the orders carry prices comes with the store's settings; until then amounts are shown as they are
    await waitForStoreSettings(page);
    const spend = page.locator('.customer-row:not(.customer-row-head) .customer-cell-spend');
    await spend.first().waitFor();
    await expect(spend.allTextContents()).resolves.toEqual([noPrices, noPrices, noPrices]);
  });

  it('says so on the customer page: purchase facts, the purchase rhythm and the prediction\'s spend, with the counts as ever', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/customers/${customerId}`);
    await waitForStoreSettings(page);
    const facts = page.getByRole('region', { name: 'Purchases' });
    const fact = (label: string) => facts.locator('dl.facts > div').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await expect(fact('Spend').textContent()).resolves.toBe(noPrices);
    await expect(fact('Average order').textContent()).resolves.toBe(noPrices);
    await expect(fact('Orders').textContent()).resolves.toBe('6');
    await expect(facts.textContent()).resolves.not.toContain('€');

    const prediction = page.getByRole('region', { name: 'Prediction' });
    await expect(prediction.locator('.prediction-expected-spend').textContent()).resolves.toBe(noPrices);
    await expect(prediction.locator('.prediction-clv').textContent()).resolves.toBe(noPrices);
    await expect(prediction.locator('.prediction-expected-purchases').textContent()).resolves.toBe('8.1');

    const rhythm = page.getByRole('region', { name: 'Purchase rhythm' });
    const table = rhythm.locator('.visually-hidden table');
    await table.waitFor({ state: 'attached' });
    await expect(table.evaluate((element) => [...element.querySelectorAll('tbody tr')].map((row) => row.querySelectorAll('td')[2]?.textContent ?? ''))).resolves.toEqual(Array(6).fill(noPrices));
    // the tooltip over a bar: the days since the previous purchase, and no €0.00
    const chart = rhythm.locator('.chart-canvas');
    await chart.locator('canvas').waitFor();
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    const tooltip = chart.locator('div').filter({ hasText: 'days after the previous purchase' }).last();
    for (let x = box.x + 20; x < box.x + box.width && await tooltip.count() === 0; x += 15) {
      await page.mouse.move(x, box.y + box.height * 0.7);
      await page.waitForTimeout(60);
    }
    await tooltip.waitFor();
    await expect(tooltip.textContent()).resolves.toMatch(new RegExp(`days after the previous purchase · ${noPrices}$`));
  });
});
