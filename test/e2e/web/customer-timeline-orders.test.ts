import { expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { sql } from 'kysely';
import { describeWithBrowser, pagePoll, useStaffApp, type DemoServer } from '../../helpers/browser.js';

/** Whether the keyboard's focus is on `locator`, waited for: focus moves once the page has rendered. */
async function expectFocusOn(locator: Locator): Promise<void> {
  await locator.waitFor();
  await expect.poll(() => locator.evaluate((element) => element === document.activeElement), pagePoll).toBe(true);
}

/** The customer with the most orders (a timeline longer than one "Show more"), and their newest order that has lines. */
async function busiestBuyer(server: DemoServer) {
  const { customer_id: customerId } = await server.store.db.selectFrom('customer_order as o').innerJoin('customer as c', 'c.customer_id', 'o.customer_id')
    .where('c.merged_into_customer_id', 'is', null).select(['o.customer_id']).groupBy('o.customer_id')
    .orderBy(sql`count(*)`, 'desc').orderBy('o.customer_id').limit(1).executeTakeFirstOrThrow();
  const line = await server.store.db.selectFrom('customer_order as o')
    .innerJoin('order_line as l', (join) => join.onRef('l.customer_id', '=', 'o.customer_id').onRef('l.order_id', '=', 'o.order_id'))
    .where('o.customer_id', '=', customerId).select(['o.external_id', 'l.sku', 'l.product_name'])
    .orderBy('o.ordered_at', 'desc').orderBy('l.line_no').limit(1).executeTakeFirstOrThrow();
  return { customerId, externalId: line.external_id, product: line.product_name ?? line.sku ?? 'Unnamed product' };
}

/**
 * A support agent with a customer on the phone: the timeline named an order and its amount, but not
 * what was in it, and after the last "Show more" the keyboard's focus fell to the page's start.
 */
describeWithBrowser('orders on the customer timeline', () => {
  const app = useStaffApp({ customers: 60 });

  it('moves focus to the first entry each "Show more" revealed, and opens an order\'s lines from the keyboard', async () => {
    const { page, server } = app;
    const buyer = await busiestBuyer(server);
    await page.goto(`${server.url}/customers/${buyer.customerId}`);
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const entries = timeline.locator('.timeline-entry');
    await entries.first().waitFor();

    const showMore = timeline.getByRole('button', { name: 'Show more' });
    await showMore.waitFor();
    while (await showMore.isVisible()) {
      const before = await entries.count();
      await showMore.focus();
      await showMore.press('Enter');
      await expectFocusOn(entries.nth(before));
    }
    expect(await page.evaluate(() => document.activeElement?.classList.contains('timeline-entry'))).toBe(true);

    const order = timeline.locator('.timeline-order').filter({ hasText: buyer.externalId }).first();
    const toggle = order.getByRole('button', { name: 'Order details' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => order.getByRole('list', { name: 'Order lines' }).isVisible()).toBe(false);
    await toggle.focus();
    await toggle.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const lines = order.getByRole('list', { name: 'Order lines' });
    await lines.waitFor();
    expect(await lines.getByRole('listitem').first().textContent()).toMatch(new RegExp(`^${buyer.product.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} × `));
    expect(await order.locator('.timeline-order-details').textContent()).toMatch(/Channel: /);
    await toggle.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  });
});
