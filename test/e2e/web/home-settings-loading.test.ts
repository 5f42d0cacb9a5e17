import { expect, it } from 'vitest';
import { describeWithBrowser, useStaffApp } from '../../helpers/browser.js';

/**
 * Home while GET /api/settings is still on its way: the key figures showed "653.947.600" without
 * its "Rp", and the footer said the server does not tell the store's currency, a conclusion drawn
 * from an answer not yet received.
 */
describeWithBrowser('Home before the store settings have arrived', () => {
  const app = useStaffApp({ customers: 20 });

  it('waits for the currency, saying it is loading rather than that there is none', async () => {
    const { page, server } = app;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/settings', async (route) => { await held; await route.continue(); });
    try {
      const summary = page.waitForResponse((response) => new URL(response.url()).pathname.endsWith('/summary'));
      await page.goto(`${server.url}/`);
      await summary;
      // two frames: the figures the summary brought are on the page by then, or would be
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const keyFigures = page.getByRole('region', { name: 'Key figures' });
      await keyFigures.getByRole('status').filter({ hasText: 'Loading…' }).waitFor();
      await expect(page.getByText(/Amounts are shown without a currency/).count()).resolves.toBe(0);
    } finally {
      release();
    }
    const keyFigures = page.getByRole('region', { name: 'Key figures' });
    await keyFigures.getByText(/Rp|IDR/).first().waitFor();
    await expect(page.getByText(/Amounts are shown without a currency/).count()).resolves.toBe(0);
  });
});
