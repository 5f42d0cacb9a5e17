import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, pagePoll, useStaffApp, type DemoServer } from '../../helpers/browser.js';

// Reports lists twenty at a time (reports-page.tsx), by the same pager as Home's open alerts
const pageSize = 20;

describeWithBrowser('Reports: the alerts card lists open, acknowledged or all alerts, paged by the API', () => {
  const app = useStaffApp({ customers: 80 });
  let server: DemoServer;
  let page: Page;
  let counts: { open: number; acknowledged: number };

  // 25 acknowledged alerts (more than a page) beside the demo's open ones
  beforeAll(async () => {
    ({ server, page } = app);
    const db = server.store.db;
    const customers = (await sql<{ customer_id: number }>`select customer_id from customer order by customer_id limit 25`.execute(db)).rows;
    for (const [index, { customer_id: customerId }] of customers.entries()) {
      const day = `2025-01-${String(index + 1).padStart(2, '0')}`;
      await sql`insert into alert (kind, metric, scope, granularity, window_start, window_end, expected, actual, change_pct, explanation, customer_id, acknowledged_at, acknowledged_by)
        values ('customer_overdue', 'days_since_last_purchase', ${`customer:${customerId}`}, 'customer', ${day}::date, ${day}::date, 10, 21, 110, '{}'::jsonb, ${customerId}, now(), 'test:setup')`.execute(db);
    }
    const row = (await sql<{ open: number; acknowledged: number }>`
      select count(*) filter (where acknowledged_at is null)::int as open, count(*) filter (where acknowledged_at is not null)::int as acknowledged from alert`.execute(db)).rows[0];
    counts = { open: Number(row.open), acknowledged: Number(row.acknowledged) };
  });

  const card = () => page.getByRole('region', { name: 'Alerts', exact: true });
  const rows = () => card().locator('.alert-item');
  const acknowledgedRows = () => card().locator('.alert-item-acknowledged');

  it('lists the acknowledged ones a page at a time, with Show more for the rest', async () => {
    await page.goto(`${server.url}/reports?alerts=acknowledged`);
    await expect.poll(() => rows().count(), pagePoll).toBe(pageSize);
    await expect(acknowledgedRows().count()).resolves.toBe(pageSize);
    await expect(card().locator('.alert-count').textContent()).resolves.toBe(`${pageSize} of ${counts.acknowledged} acknowledged alerts shown`);
    await card().getByRole('button', { name: 'Show more alerts' }).click();
    await expect.poll(() => rows().count(), pagePoll).toBe(Math.min(counts.acknowledged, 2 * pageSize));
    await expect(acknowledgedRows().count()).resolves.toBe(Math.min(counts.acknowledged, 2 * pageSize));
  });

  it('lists the open ones only when Open is chosen, from the top again', async () => {
    await card().getByLabel('Show').selectOption('open');
    await page.waitForURL(/alerts=open|\/reports$/);
    await expect.poll(() => rows().count(), pagePoll).toBe(Math.min(counts.open, pageSize));
    await expect(acknowledgedRows().count()).resolves.toBe(0);
  });
});
