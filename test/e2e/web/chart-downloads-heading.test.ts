import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

describeWithBrowser('a downloaded chart image and the purchase condition\'s errors', () => {
  const app = useStaffApp({ customers: 150 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });

  it('writes the chart\'s title and the card\'s "As of" day into the PNG', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/reports`);
    const card = page.getByRole('region', { name: 'RFM segments: size and value' });
    await card.locator('.chart canvas').first().waitFor();
    const asOf = (await card.locator('.report-as-of').textContent())?.trim();
    expect(asOf).toMatch(/^As of /);
    // every text drawn on a canvas from here on: the image's heading is drawn so
    await page.evaluate(() => {
      const drawn: string[] = [];
      (window as unknown as { drawnTexts: string[] }).drawnTexts = drawn;
      const fillText = CanvasRenderingContext2D.prototype.fillText;
      CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number, maxWidth?: number) {
        drawn.push(text);
        return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
      };
    });
    const download = page.waitForEvent('download');
    await card.getByRole('button', { name: /PNG/ }).click();
    expect((await download).suggestedFilename()).toBe('segments.png');
    const texts = await page.evaluate(() => (window as unknown as { drawnTexts: string[] }).drawnTexts);
    expect(texts).toEqual(expect.arrayContaining(['RFM segments: size and value', asOf]));
  });

  it('marks "within … days" and "at least …" invalid and describes each by the error', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/segments/new`);
    const form = page.getByRole('form', { name: 'Add a purchase condition' });
    const inputs = form.locator('input[inputmode="numeric"]');
    const [days, atLeast] = [inputs.nth(0), inputs.nth(1)];
    await atLeast.fill('0');
    await form.getByRole('button', { name: 'Add' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    const alertId = await alert.getAttribute('id');
    expect(alertId).toBeTruthy();
    await expect(atLeast.getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await atLeast.getAttribute('aria-describedby'))?.split(' ')).toContain(alertId);
    await expect(days.getAttribute('aria-invalid')).resolves.toBeNull();
    await atLeast.fill('1');
    await days.fill('abc');
    await form.getByRole('button', { name: 'Add' }).click();
    await expect(days.getAttribute('aria-invalid')).resolves.toBe('true');
    expect((await days.getAttribute('aria-describedby'))?.split(' ')).toContain(alertId);
    await expect(atLeast.getAttribute('aria-invalid')).resolves.toBeNull();
  });
});
