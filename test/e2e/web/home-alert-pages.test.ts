import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { addDays } from '../../../src/core/clock.js';
import { describeWithBrowser, pagePoll, useStaffApp, type DemoServer } from '../../helpers/browser.js';

// Home asks for ten at a time (home-page.tsx)
const pageSize = 10;
const overdueCount = 12;

describeWithBrowser('Home: every open alert can be reached, ten at a time', () => {
  const app = useStaffApp({ customers: 80 });
  let server: DemoServer;
  let page: Page;
  // the overdue customers in list order: newest window first
  let customerIds: number[] = [];

  // Twelve open overdue alerts and no other open one, one day apart, so their order is known.
  beforeAll(async () => {
    ({ server, page } = app);
    const db = server.store.db;
    await sql`update alert set acknowledged_at = now(), acknowledged_by = 'test:setup' where acknowledged_at is null`.execute(db);
    const latest = (await sql<{ day: string | null }>`select to_char(max(window_end), 'YYYY-MM-DD') as day from alert`.execute(db)).rows[0].day ?? '2026-12-07';
    const customers = (await sql<{ customer_id: number }>`select customer_id from customer order by customer_id limit ${overdueCount}`.execute(db)).rows;
    customerIds = customers.map((row) => Number(row.customer_id));
    for (const [index, customerId] of customerIds.entries()) {
      const day = addDays(latest, overdueCount - index);
      await sql`insert into alert (kind, metric, scope, granularity, window_start, window_end, expected, actual, change_pct, explanation, customer_id)
        values ('customer_overdue', 'days_since_last_purchase', ${`customer:${customerId}`}, 'customer', ${day}::date, ${day}::date, 10, 21, 110, '{}'::jsonb, ${customerId})`.execute(db);
    }
  });

  const openAlerts = () => page.getByRole('region', { name: 'Open alerts' });
  const rows = () => openAlerts().locator('.alert-item');
  const linkedCustomers = async () => (await openAlerts().locator('.alert-item a').evaluateAll((links) => links.map((link) => link.getAttribute('href'))))
    .map((href) => Number(href?.replace('/customers/', '')));
  const countLine = () => openAlerts().locator('.alert-count');
  const showMore = () => openAlerts().getByRole('button', { name: 'Show more alerts' });
  const rowOf = (customerId: number) => rows().filter({ has: page.locator(`a[href="/customers/${customerId}"]`) });

  it('says ten of the twelve open are shown while more are, and Show more lists the rest once each, focusing the first it adds', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => rows().count(), pagePoll).toBe(pageSize);
    await expect(countLine().textContent()).resolves.toBe(`${pageSize} of ${overdueCount} open alerts shown`);

    await showMore().click();
    await expect.poll(() => rows().count(), pagePoll).toBe(overdueCount);
    await expect(linkedCustomers()).resolves.toEqual(customerIds);
    await expect(countLine().textContent()).resolves.toBe('12 open alerts');
    await expect(showMore().count()).resolves.toBe(0);
    await expect(rowOf(customerIds[pageSize]).evaluate((element) => element === document.activeElement)).resolves.toBe(true);
  });

  it('skips no alert when one is acknowledged before Show more, and keeps the rest listed once it leaves', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => rows().count(), pagePoll).toBe(pageSize);
    const acknowledgedId = customerIds[2];
    await rowOf(acknowledgedId).getByRole('button', { name: /^Acknowledge/ }).click();
    const undo = openAlerts().getByRole('button', { name: /^Undo acknowledging/ });
    await undo.waitFor();
    // the Undo window counts once focus has left its button
    await page.getByRole('heading', { level: 1 }).click();
    // the acknowledged alert leaves the total as it leaves the open ones shown
    await expect(countLine().textContent()).resolves.toBe(`${pageSize - 1} of ${overdueCount - 1} open alerts shown`);

    // the acknowledged alert shifted the open list by one: the next page must still start at the eleventh
    await showMore().click();
    await expect.poll(() => rows().count(), pagePoll).toBe(overdueCount);
    await expect(linkedCustomers()).resolves.toEqual(customerIds.filter((id) => id !== acknowledgedId));
    await expect(countLine().textContent()).resolves.toBe('11 open alerts');

    // once the Undo lapses the list reloads: the acknowledged one leaves, every other stays
    await undo.waitFor({ state: 'detached', timeout: 20_000 });
    await expect.poll(() => rows().count(), pagePoll).toBe(overdueCount - 1);
    await expect(linkedCustomers()).resolves.toEqual(customerIds.filter((id) => id !== acknowledgedId));
    await expect(countLine().textContent()).resolves.toBe('11 open alerts');
    await expect(showMore().count()).resolves.toBe(0);
  });

  it('moves the next open alert up into the first page when one there is acknowledged', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => rows().count(), pagePoll).toBe(pageSize);
    const acknowledgedId = customerIds[0];
    await rowOf(acknowledgedId).getByRole('button', { name: /^Acknowledge/ }).click();
    const undo = openAlerts().getByRole('button', { name: /^Undo acknowledging/ });
    await undo.waitFor();
    await page.getByRole('heading', { level: 1 }).click();
    await undo.waitFor({ state: 'detached', timeout: 20_000 });
    // ten remain open (the third was acknowledged above): the twelfth, past the first page before, moves up into it
    const open = customerIds.filter((id) => id !== acknowledgedId && id !== customerIds[2]);
    await expect.poll(() => linkedCustomers(), pagePoll).toEqual(open);
    await expect(rowOf(customerIds[overdueCount - 1]).count()).resolves.toBe(1);
    await expect(countLine().textContent()).resolves.toBe('10 open alerts');
    await expect(showMore().count()).resolves.toBe(0);
  });
});
