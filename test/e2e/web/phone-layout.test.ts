import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { discoverPersonas } from '../../../src/personas/index.js';
import { createSegment } from '../../../src/segments/index.js';
import { describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

const phone = { width: 390, height: 844 };
const locales = ['en', 'id', 'lv'] as const;
const navigationPaths = ['/', '/customers', '/reports', '/segments', '/personas', '/import'];

/**
 * What a person sees wrong on a page: a page wider than the phone, or a blank band between the tabs and the content.
 * The band is measured from the tabs' list, not the nav element: a stretched grid row stretches the nav's own box.
 */
async function measureLayout(page: Page) {
  return page.evaluate(() => {
    const tabs = document.querySelector('nav.main-navigation ul')!.getBoundingClientRect();
    const main = document.querySelector('main')!.getBoundingClientRect();
    return { pageWidth: document.documentElement.scrollWidth, viewportWidth: window.innerWidth, gapUnderNavigation: Math.round(main.top - tabs.bottom) };
  });
}

/** The current tab's left and right edges, and whether both are on the phone's screen. */
async function currentTabEdges(page: Page) {
  const box = await page.locator('nav.main-navigation a[aria-current="page"]').boundingBox();
  const [left, right] = [Math.round(box!.x), Math.round(box!.x + box!.width)];
  return { left, right, isOnScreen: left >= 0 && right <= phone.width };
}

async function chooseLanguage(page: Page, locale: string) {
  await page.locator('.language-picker select').selectOption(locale);
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

describeWithBrowser('The staff app on a phone', () => {
  const app = useStaffApp({ customers: 120 });
  let server: DemoServer;
  let page: Page;
  beforeAll(async () => {
    ({ server, page } = app);
    await page.setViewportSize(phone);
    // the group choice on /personas lists personas and segments by name, the widest control found on a phone
    await discoverPersonas(server.store.db, { clock: systemClock, seed: 1 });
    await createSegment(server.store.db, { name: 'Every customer in the store, whatever they bought', filter: { and: [] } }, { actor: 'test:phone', clock: systemClock });
  }, 120_000);

  it('fits every page into the phone\'s width, with the content right under the nav bar, in every language', async () => {
    const problems: object[] = [];
    for (const locale of locales) {
      await chooseLanguage(page, locale);
      for (const path of navigationPaths) {
        await page.goto(`${server.url}${path}`);
        await page.locator('main h1').waitFor();
        // the widest parts (group choices, tables) arrive with the data
        await page.waitForLoadState('networkidle');
        const layout = await measureLayout(page);
        if (layout.pageWidth > layout.viewportWidth) problems.push({ locale, path, pageWidth: layout.pageWidth, viewportWidth: layout.viewportWidth });
        if (layout.gapUnderNavigation >= 40) problems.push({ locale, path, gapUnderNavigation: layout.gapUnderNavigation });
      }
    }
    expect(problems).toEqual([]);
  });

  it('shows the current tab on the phone, also for the last tab, when opened directly and when reached from another page', async () => {
    for (const locale of locales) {
      await chooseLanguage(page, locale);
      await page.goto(`${server.url}/import`);
      await page.locator('main h1').waitFor();
      expect({ locale, opened: 'directly', ...await currentTabEdges(page) }).toMatchObject({ isOnScreen: true });

      await page.goto(`${server.url}/`);
      await page.locator('main h1').waitFor();
      // a DOM click, unlike Playwright's, does not scroll the link into view first
      await page.locator('nav.main-navigation a[href="/import"]').evaluate((link: HTMLElement) => link.click());
      await page.waitForURL(/\/import$/);
      await page.locator('nav.main-navigation a[href="/import"][aria-current="page"]').waitFor();
      expect({ locale, opened: 'from home', ...await currentTabEdges(page) }).toMatchObject({ isOnScreen: true });
    }
  });
});
