import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chooseLanguage, describeWithBrowser, pagePoll, useStaffApp } from '../../helpers/browser.js';

const phone = { width: 390, height: 844 };
const desktop = { width: 1366, height: 900 };
// the list asks for 100 customers at a time (use-customer-pages.ts): row 1 is the header, so a row past 101 came with a later page
const firstPageRows = 101;

/** Whether the list's own box scrolls (it is taller inside than it shows), and how far the page and the box are scrolled. */
async function scrolling(page: Page) {
  return page.locator('.customer-table-scroll').evaluate((box) => ({
    boxScrolls: box.scrollHeight > box.clientHeight + 1,
    boxTop: box.scrollTop,
    pageScrolls: document.documentElement.scrollHeight > window.innerHeight + 1,
    pageTop: window.scrollY,
  }));
}

/** The highest row number in the DOM: only the rows in view (and a few around) are there. */
async function lastRowShown(page: Page) {
  return page.locator('.customer-table [role="row"][aria-rowindex]').evaluateAll((rows) => Math.max(...rows.map((row) => Number(row.getAttribute('aria-rowindex')))));
}

/**
 * On a phone the customer list is no box of its own inside a page that scrolls too (a swipe moved the
 * box, and more customers came only when the box reached its end): the page scrolls, and reaching its
 * end loads the next customers. A desktop keeps the list's own box, which loads them as before.
 */
describeWithBrowser('the customer list scrolled on a phone and on a desktop', () => {
  const app = useStaffApp({ customers: 180 });
  let page: Page;
  beforeAll(async () => {
    ({ page } = app);
    await chooseLanguage(page, 'id');
  }, 120_000);

  it('scrolls the page, not a box inside it, on a phone, and loads more customers at the page\'s end', async () => {
    await page.setViewportSize(phone);
    await page.goto(`${app.server.url}/customers`);
    await page.locator('.customer-table [role="row"][aria-rowindex="2"]').getByRole('link').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await scrolling(page)).toMatchObject({ boxScrolls: false, pageScrolls: true, pageTop: 0 });

    // a swipe over the rows: the wheel over the list moves whatever scrolls under the finger
    const row = await page.locator('.customer-table [role="row"][aria-rowindex="3"]').boundingBox();
    await page.mouse.move(row!.x + row!.width / 2, row!.y + row!.height / 2);
    await page.mouse.wheel(0, 600);
    await expect.poll(async () => (await scrolling(page)).pageTop, pagePoll).toBeGreaterThan(0);
    expect((await scrolling(page)).boxTop).toBe(0);

    // on to the end of the page: the next customers come, and the page grows to hold them
    await expect.poll(async () => {
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      return lastRowShown(page);
    }, { ...pagePoll, interval: 250 }).toBeGreaterThan(firstPageRows);
    const rowsInView = async () => {
      const shown = await page.locator('.customer-table [role="row"][aria-rowindex]:not(.customer-row-head)').evaluateAll((rows) => rows.map((element) => {
        const box = element.getBoundingClientRect();
        return { top: Math.round(box.top), bottom: Math.round(box.bottom) };
      }));
      return shown.some((box) => box.bottom > 0 && box.top < phone.height);
    };
    // the rows in the DOM are those in the window's view, not a screen's worth from the top of the list
    // (polled: on a busy machine the list renders the rows of the new scroll position a frame or more later)
    await expect.poll(rowsInView, pagePoll).toBe(true);
    expect((await scrolling(page)).boxScrolls).toBe(false);
  });

  it('keeps the list\'s own box on a desktop, scrolling it and loading more customers at its end', async () => {
    await page.setViewportSize(desktop);
    try {
      await page.goto(`${app.server.url}/customers`);
      await page.locator('.customer-table [role="row"][aria-rowindex="2"]').getByRole('link').waitFor();
      await page.waitForLoadState('networkidle');
      expect(await scrolling(page)).toMatchObject({ boxScrolls: true, pageTop: 0 });
      await expect.poll(async () => {
        await page.locator('.customer-table-scroll').evaluate((box) => { box.scrollTop = box.scrollHeight; });
        return lastRowShown(page);
      }, { ...pagePoll, interval: 250 }).toBeGreaterThan(firstPageRows);
      expect((await scrolling(page)).boxTop).toBeGreaterThan(0);
    } finally {
      await page.setViewportSize(phone);
    }
  });
});
