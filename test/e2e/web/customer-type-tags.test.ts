import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { messagesByLocale } from '../../../src/web/i18n/messages.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

/** The last purchase cells whose date is cut or drawn on more than one line ("2026. gada 4." / "dec."). */
async function datesNotOnOneLine(page: Page) {
  return page.locator('.customer-table-scroll').evaluate((table) => [...table.querySelectorAll<HTMLElement>('.customer-cell-date')].filter((cell) => {
    const text = document.createRange();
    text.selectNodeContents(cell);
    return cell.scrollWidth > cell.clientWidth || new Set([...text.getClientRects()].map((rect) => Math.round(rect.top))).size > 1;
  }).map((cell) => cell.textContent));
}

/**
 * Each loaded row's type tags that a person cannot read whole: cut by an ellipsis (wider than their box) or
 * clipped by the line they sit on; and the rows' "+N", with the types it stands for.
 */
async function typeTagsInList(page: Page) {
  return page.locator('.customer-table-scroll').evaluate((table) => {
    const lines = [...table.querySelectorAll<HTMLElement>('.type-tag-line')];
    const cut = lines.flatMap((line) => {
      const edge = line.getBoundingClientRect().right + 0.5;
      return [...line.children].filter((part) => (part.classList.contains('type-tag') && part.scrollWidth > part.clientWidth) || part.getBoundingClientRect().right > edge)
        .map((part) => ({ text: part.textContent, scrollWidth: part.scrollWidth, clientWidth: part.clientWidth, line: line.getAttribute('title') }));
    });
    // a tag drawn on two lines ("VIP"'s dot on one, its name on the next) is taller than the one-line tags
    const tags = [...table.querySelectorAll<HTMLElement>('.type-tag-line .type-tag')];
    const oneLine = Math.min(...tags.map((tag) => tag.getBoundingClientRect().height));
    const wrapped = tags.filter((tag) => tag.getBoundingClientRect().height > oneLine * 1.5)
      .map((tag) => ({ text: tag.textContent, line: tag.parentElement!.getAttribute('title') }));
    const folded = lines.filter((line) => line.querySelector('.visually-hidden')).map((line) => line.querySelector('.visually-hidden')!.textContent ?? '');
    return { lines: lines.length, tags: tags.length, cut, wrapped, folded };
  });
}

describeWithBrowser('the customer list\'s type tags on a desktop', () => {
  const app = useStaffApp({ customers: 300, width: 1280, height: 900 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });

  it('shows every type tag whole and on one line at 1280 and 1366 px, in Latvian and English, folding what does not fit into "+N"', async () => {
    try {
      for (const width of [1280, 1366]) {
        await page.setViewportSize({ width, height: 900 });
        for (const locale of ['lv', 'en'] as const) {
          await chooseLanguage(page, locale);
          // unfiltered, and filtered by the types with the longest names, which put the filtered one beside the primary
          for (const type of ['', 'occasional', 'consumer', 'lead', 'loyal']) {
            await page.goto(`${server.url}/customers${type ? `?type=${type}` : ''}`);
            await page.locator('.customer-row:not(.customer-row-head) .type-tag-line').first().waitFor();
            await page.waitForLoadState('networkidle');
            const found = await typeTagsInList(page);
            expect(found.lines).toBeGreaterThan(0);
            expect({ width, locale, type, cut: found.cut, wrapped: found.wrapped }).toEqual({ width, locale, type, cut: [], wrapped: [] });
            // what is folded is still said, in the reader's language
            const also = messagesByLocale[locale].customers.moreTypes.replace('{types}', '');
            for (const text of found.folded) expect(text.startsWith(also)).toBe(true);
            expect({ width, locale, type, datesNotOnOneLine: await datesNotOnOneLine(page) }).toEqual({ width, locale, type, datesNotOnOneLine: [] });
          }
        }
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("keeps the type line's full list of types under the pointer, above the row's stretched link", async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/customers`);
    const line = page.locator('.customer-row:not(.customer-row-head) .type-tag-line').first();
    await line.waitFor();
    // what a mouse over the line's middle points at: the line itself (its title shows), not the link stretched over the row
    const pointedAt = await line.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { isTheLine: hit !== null && element.contains(hit), title: element.getAttribute('title') };
    });
    expect(pointedAt.title).toBeTruthy();
    expect(pointedAt.isTheLine).toBe(true);
  });
});
