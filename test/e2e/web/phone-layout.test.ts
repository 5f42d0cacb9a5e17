import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { discoverPersonas } from '../../../src/personas/index.js';
import { createSegment } from '../../../src/segments/index.js';
import { lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import { rfmSegmentLabel } from '../../../src/web/features/reports/rfm-segment-label.js';
import { alertColour, categoricalPalette } from '../../../src/web/components/charts/palette.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';
import { storeDropsAfterLatest } from '../../helpers/drop-alerts.js';
import {
  isWhollyInSight, nextCellEdge, openTouchPhone, reachableEdges, rightmostSpotOf, scrollTopIntoView, settledTooltip, targetHeights, type TouchPhone,
} from '../../helpers/touch-phone.js';

const phone = { width: 390, height: 844 };
const desktop = { width: 1366, height: 900 };
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

/** The first customer's row (row 1 is the header) and where it sits in the viewport, before any scrolling. */
async function firstCustomerRow(page: Page) {
  const row = page.locator('.customer-table [role="row"][aria-rowindex="2"]');
  await row.getByRole('link').waitFor();
  const box = await row.boundingBox();
  return { top: Math.round(box!.y), bottom: Math.round(box!.y + box!.height), scrollY: await page.evaluate(() => window.scrollY) };
}

/** The customer page's cards in document order, each with where it sits on the page. */
async function customerCards(page: Page) {
  return page.evaluate(() => [...document.querySelectorAll('main section.card')].map((card) => {
    const box = card.getBoundingClientRect();
    return { name: card.getAttribute('aria-label'), top: Math.round(box.top + window.scrollY), bottom: Math.round(box.bottom + window.scrollY) };
  }));
}

/**
 * Each cell of the column named `header` in view (the header's too) whose text is cut: wider than its cell, or
 * its cell past the table's right edge (the table clips what overflows it).
 */
async function cutCellsOfColumn(page: Page, header: string) {
  return page.locator('.customer-table').evaluate((table, name) => {
    const column = [...table.querySelectorAll('[role="columnheader"]')].findIndex((cell) => cell.textContent === name);
    const edge = table.getBoundingClientRect().right;
    const cells = [...table.querySelectorAll('[role="row"]')].map((row) => row.children[column]).filter((cell) => cell !== undefined);
    return { column, cut: cells.filter((cell) => cell.scrollWidth > cell.clientWidth || cell.getBoundingClientRect().right > edge)
      .map((cell) => ({ text: cell.textContent, scrollWidth: cell.scrollWidth, clientWidth: cell.clientWidth })) };
  }, header);
}

/** The parts of a row shown only in part: spilling out of the row's box. (Whether a part is shown at all is asked of each.) */
async function rowPartsOutOfSight(row: Locator) {
  return row.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return [...element.querySelectorAll('a, .badge, .type-tag, .customer-cell-spend, .customer-cell-type > .small')].filter((part) => {
      if (part.getClientRects().length === 0) return false;
      const partBox = part.getBoundingClientRect();
      return partBox.top < box.top || partBox.bottom > box.bottom || partBox.left < box.left || partBox.right > box.right;
    }).map((part) => part.textContent);
  });
}

/**
 * The box around all a chart draws in its bottom `band` pixels, on the screen; null where it draws nothing there.
 * Its canvases (ECharts draws on one a layer) are transparent where nothing is drawn. The cohort heat map draws
 * only its colour scale there, under the months' name.
 */
async function drawnInBottomBand(chart: Locator, band: number) {
  return chart.locator('canvas').evaluateAll((canvases, height) => {
    const box = canvases[0].getBoundingClientRect();
    let [left, right] = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const scale = canvas.width / box.width;
      const rows = Math.round(height * scale);
      const pixels = canvas.getContext('2d')!.getImageData(0, canvas.height - rows, canvas.width, rows).data;
      for (let index = 3; index < pixels.length; index += 4) {
        if (pixels[index] === 0) continue;
        const x = ((index - 3) / 4) % canvas.width / scale;
        [left, right] = [Math.min(left, x), Math.max(right, x + 1 / scale)];
      }
    }
    return right < left ? null : { left: box.left + left, right: box.left + right, canvasLeft: box.left, canvasRight: box.right };
  }, band);
}

/** The cohorts' card on the reports page in `locale`, once the heat map is drawn, its top near the top of the screen. */
async function openCohorts(page: Page, url: string, locale: typeof locales[number]) {
  await chooseLanguage(page, locale);
  await page.goto(`${url}/reports`);
  const region = page.getByRole('region', { name: messagesByLocale[locale].reports.cohorts.title });
  const chart = region.locator('.chart-canvas');
  await chart.locator('canvas').first().waitFor();
  await page.waitForLoadState('networkidle');
  await scrollTopIntoView(chart);
  return { region, chart };
}

/** The reviewer's smaller phone, held in the hand: touch, three device pixels to a CSS pixel (openTouchPhone). */
const touchPhone = { width: 360, height: 740 };

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

  it('fits the audit log, its filters too, into the phone\'s width in every language', async () => {
    const problems: object[] = [];
    for (const locale of locales) {
      await chooseLanguage(page, locale);
      await page.goto(`${server.url}/settings/audit`);
      await page.locator('.audit-table').waitFor();
      const layout = await page.evaluate(() => {
        const card = document.querySelector('main section.card')!.getBoundingClientRect();
        const select = document.querySelector('.audit-filters select')!.getBoundingClientRect();
        return { pageWidth: document.documentElement.scrollWidth, selectIsInCard: select.right <= card.right };
      });
      if (layout.pageWidth > phone.width || !layout.selectIsInCard) problems.push({ locale, ...layout });
      // the owner's own sign-in is there (with its IP address), and the owner made when the store was set up
      const detailNames = await page.locator('.audit-detail dt').evaluateAll((names) => [...new Set(names.map((name) => name.textContent))]);
      const expected = { en: ['IP address', 'role'], id: ['alamat IP', 'peran'], lv: ['IP adrese', 'loma'] }[locale];
      expect({ locale, detailNames }).toEqual({ locale, detailNames: expect.arrayContaining(expected) });
      expect({ locale, raw: detailNames.filter((name) => ['ip', 'bootstrap'].includes(name!)) }).toEqual({ locale, raw: [] });
    }
    expect(problems).toEqual([]);
  });

  it('on a laptop, breaks a long email only after its @ or before a dot, and shows each consent answer whole', async () => {
    const customer = await server.store.db.selectFrom('customer').select('customer_id').orderBy('customer_id').limit(1).executeTakeFirstOrThrow();
    await server.store.db.updateTable('customer').set({ email: 'putu10450.kusumawardani@ymail.com' }).where('customer_id', '=', customer.customer_id).execute();
    try {
      await page.setViewportSize({ width: 1366, height: 768 });
      for (const locale of ['lv', 'id'] as const) {
        await chooseLanguage(page, locale);
        await page.goto(`${server.url}/customers/${customer.customer_id}`);
        const email = page.locator('.email-text');
        await email.waitFor();
        // each part between break points on one line: a part drawn on two lines was cut mid-word
        const lines = await email.evaluate((element) => [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => {
          const range = document.createRange();
          range.selectNodeContents(node);
          return { part: node.textContent, tops: new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size };
        }));
        expect({ locale, lines }).toEqual({ locale, lines: ['putu10450', '.kusumawardani@', 'ymail', '.com'].map((part) => ({ part, tops: 1 })) });
        const cutAnswers = await page.locator('.consent-choices select').evaluateAll((selects) => selects.flatMap((element) => {
          const select = element as HTMLSelectElement;
          const style = getComputedStyle(select);
          const context = document.createElement('canvas').getContext('2d')!;
          context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          // the room left for the answer beside the select's padding and its arrow
          const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 16;
          return [...select.options].filter((option) => context.measureText(option.text).width > room).map((option) => ({ answer: option.text, room }));
        }));
        expect({ locale, cutAnswers }).toEqual({ locale, cutAnswers: [] });
      }
    } finally {
      await page.setViewportSize(phone);
    }
  });

  it('fits the page of a customer known only by a long email, which is its heading, into the phone\'s width', async () => {
    const customer = await server.store.db.selectFrom('customer').select(['customer_id', 'name', 'email']).orderBy('customer_id').offset(1).limit(1).executeTakeFirstOrThrow();
    await server.store.db.updateTable('customer').set({ name: null, email: 'anastasija.kalnina.berzina1987@uznemumsargarunosaukumu.example' })
      .where('customer_id', '=', customer.customer_id).execute();
    try {
      for (const locale of locales) {
        await chooseLanguage(page, locale);
        await page.goto(`${server.url}/customers/${customer.customer_id}`);
        await page.locator('main h1', { hasText: 'anastasija' }).waitFor();
        await page.waitForLoadState('networkidle');
        const fit = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        expect({ locale, fits: fit.scrollWidth <= fit.clientWidth, ...fit }).toMatchObject({ locale, fits: true });
      }
    } finally {
      await server.store.db.updateTable('customer').set({ name: customer.name, email: customer.email }).where('customer_id', '=', customer.customer_id).execute();
    }
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

  it('shows customers in the list\'s first screen, the filters folded behind their button', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/customers`);
    const row = await firstCustomerRow(page);
    expect(row).toMatchObject({ scrollY: 0 });
    // the whole row, not only its top edge: a person reads the name without scrolling
    expect(row.bottom).toBeLessThanOrEqual(phone.height);
    await expect(page.getByRole('button', { name: 'Filters', exact: true }).getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByLabel('Status').isVisible()).resolves.toBe(false);
    await expect(page.getByRole('searchbox', { name: 'Search' }).isVisible()).resolves.toBe(true);
  });

  it('counts the active filters on the folded filters\' button, opens them on click, and clears them', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/customers?status=real&channel=web`);
    const toggle = page.getByRole('button', { name: 'Filters (2)' });
    await toggle.waitFor();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByLabel('Status').isVisible()).resolves.toBe(false);
    // the rows still come first when filters are active: the count says they are there
    expect((await firstCustomerRow(page)).bottom).toBeLessThanOrEqual(phone.height);

    await toggle.click();
    await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
    const panelId = await toggle.getAttribute('aria-controls');
    const panel = page.locator(`[id="${panelId}"]`);
    await expect(panel.getByLabel('Status').isVisible()).resolves.toBe(true);
    await expect(panel.getByLabel('Status').inputValue()).resolves.toBe('real');

    // a filter chosen in the open panel is counted too
    await panel.getByLabel('Customer type').selectOption('vip');
    await page.waitForURL(/type=vip/);
    await page.getByRole('button', { name: 'Filters (3)' }).waitFor();

    // by keyboard: Enter on the button folds the filters again
    await page.getByRole('button', { name: 'Filters (3)' }).press('Enter');
    await expect(page.getByRole('button', { name: 'Filters (3)' }).getAttribute('aria-expanded')).resolves.toBe('false');
    await expect(page.getByLabel('Status').isVisible()).resolves.toBe(false);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.pathname === '/customers' && url.search === '');
    await page.getByRole('button', { name: 'Filters', exact: true }).waitFor();
    await expect(page.getByRole('button', { name: 'Clear filters' }).count()).resolves.toBe(0);
    // the button that was pressed is gone: the search box takes the focus rather than the page
    await expect(page.getByRole('searchbox', { name: 'Search' }).evaluate((input) => input === document.activeElement)).resolves.toBe(true);
  });

  it('shows every amount in the spend column whole, the highest too, on a phone and on a desktop, in every language', async () => {
    const problems: object[] = [];
    try {
      for (const size of [phone, desktop]) {
        await page.setViewportSize(size);
        for (const locale of locales) {
          await chooseLanguage(page, locale);
          await page.goto(`${server.url}/customers?sort=revenue`);
          await firstCustomerRow(page);
          // the amounts carry the store's currency once the settings are read
          await page.waitForLoadState('networkidle');
          const { column, cut } = await cutCellsOfColumn(page, messagesByLocale[locale].customers.columns.revenue);
          expect(column).toBeGreaterThan(0);
          if (cut.length > 0) problems.push({ width: size.width, locale, cut });
        }
      }
    } finally {
      await page.setViewportSize(phone);
    }
    expect(problems).toEqual([]);
  });

  it('shows each customer\'s type on a phone, and the RFM segment when the list is filtered by it', async () => {
    await chooseLanguage(page, 'en');
    const vip = (await (await page.request.get(`${server.url}/api/customers?type=vip&limit=1`)).json() as { items: { rfm_segment: string | null }[] }).items[0];
    expect(vip?.rfm_segment).toBeTruthy();
    const segmentLabel = rfmSegmentLabel((key, variables) => lookupMessage(messagesByLocale.en, key, variables), vip.rfm_segment!);
    await page.goto(`${server.url}/customers?type=vip&rfmSegment=${encodeURIComponent(vip.rfm_segment!)}`);
    await firstCustomerRow(page);
    const rows = page.locator('.customer-table-scroll [role="row"]:not(.customer-row-loader)');
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index++) {
      const row = rows.nth(index);
      await expect(row.locator('.type-tag', { hasText: 'VIP' }).isVisible()).resolves.toBe(true);
      await expect(row.getByText(segmentLabel, { exact: true }).isVisible()).resolves.toBe(true);
      expect({ row: index, outOfSight: await rowPartsOutOfSight(row) }).toEqual({ row: index, outOfSight: [] });
    }

    // unfiltered by segment the phone shows the type alone: the row keeps to its three lines
    await page.goto(`${server.url}/customers`);
    const first = page.locator('.customer-table [role="row"][aria-rowindex="2"]');
    await first.getByRole('link').waitFor();
    await expect(first.locator('.type-tag').first().isVisible()).resolves.toBe(true);
    expect(await rowPartsOutOfSight(first)).toEqual([]);
  });

  it('fits the home page\'s recent imports into the phone\'s width, each count named beside its figure, in every language', async () => {
    for (const locale of locales) {
      await chooseLanguage(page, locale);
      await page.goto(`${server.url}/`);
      const imports = page.getByRole('region', { name: messagesByLocale[locale].home.recentImports });
      await imports.locator('tbody tr').first().waitFor();
      const fit = await imports.locator('.table-scroll').evaluate((scroller) => ({ scrollWidth: scroller.scrollWidth, clientWidth: scroller.clientWidth }));
      expect({ locale, fits: fit.scrollWidth <= fit.clientWidth }).toEqual({ locale, fits: true });
      // the figures a sideways scroll used to hide, each with its column's name in sight
      const rowsCount = imports.locator('tbody tr').first().locator('td').nth(3);
      await expect(rowsCount.isVisible()).resolves.toBe(true);
      const label = await rowsCount.evaluate((cell) => getComputedStyle(cell, '::before').content);
      expect(label).toContain(messagesByLocale[locale].imports.read);
    }
  });

  it('puts the merge panel after the customer\'s timeline and every other card but the privacy card, which closes the page, on a phone and on a desktop', async () => {
    const buyer = await server.store.db.selectFrom('customer_trait').select('customer_id').where('order_count', '>', 1).orderBy('customer_id').limit(1).executeTakeFirstOrThrow();
    await chooseLanguage(page, 'en');
    try {
      for (const size of [phone, desktop]) {
        await page.setViewportSize(size);
        await page.goto(`${server.url}/customers/${buyer.customer_id}`);
        await page.locator('.timeline-entry').first().waitFor();
        await page.getByRole('region', { name: 'Merge with another customer' }).waitFor();
        await page.waitForLoadState('networkidle');
        const allCards = await customerCards(page);
        // an owner's page ends with the privacy card (export, delete): after the merge panel, the most final of actions
        expect(allCards.at(-1)?.name).toBe('Privacy');
        const cards = allCards.slice(0, -1);
        const names = cards.map((card) => card.name);
        expect({ width: size.width, names }).toMatchObject({ names: expect.arrayContaining(['Timeline', 'Merge with another customer']) });
        expect({ width: size.width, last: names.at(-1) }).toEqual({ width: size.width, last: 'Merge with another customer' });
        const merge = cards.at(-1)!;
        const lowestOther = Math.max(...cards.slice(0, -1).map((card) => card.bottom));
        expect({ width: size.width, isBelowEveryOtherCard: merge.top >= lowestOther }).toEqual({ width: size.width, isBelowEveryOtherCard: true });
      }
    } finally {
      await page.setViewportSize(phone);
    }
  });

  it('keeps the cohorts\' row names in sight beside their rows with the heat map scrolled to its end, and its colour scale in sight at the start', async () => {
    const problems: object[] = [];
    for (const locale of ['en', 'lv'] as const) {
      const { region, chart } = await openCohorts(page, server.url, locale);
      const start = await reachableEdges(chart);
      const scale = await drawnInBottomBand(chart, 30);
      if (!scale || scale.left < start.left || scale.right > start.right) problems.push({ locale, scale, start });

      await chart.evaluate((canvas) => { canvas.parentElement!.scrollLeft = canvas.parentElement!.scrollWidth; });
      await expect(chart.evaluate((canvas) => canvas.parentElement!.scrollLeft)).resolves.toBeGreaterThan(0);
      const end = await reachableEdges(chart);
      // the three oldest cohorts: each has a cell in the months in sight at the end
      const months = await region.locator('.chart table tbody tr').evaluateAll((rows) => rows.slice(0, 3).map((row) => row.children[0].textContent!));
      expect(months).toHaveLength(3);
      for (const month of months) {
        // the row's name, "Jan 2026 · 412": the month as the table writes it, then the customers
        const name = region.getByText(new RegExp(`^${month.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
        if (await name.count() !== 1 || !await name.isVisible()) {
          problems.push({ locale, month, isShown: false });
          continue;
        }
        const box = (await name.boundingBox())!;
        if (box.x < end.left || box.x + box.width > end.right) problems.push({ locale, month, left: box.x, right: box.x + box.width, end });
        if (locale !== 'en') continue;
        // beside its row: the cell just right of the name is the same cohort's
        await page.mouse.move(box.x + box.width + 14, box.y + box.height / 2);
        const tooltip = await settledTooltip(chart);
        if (!tooltip.text.includes(`of the ${month} cohort`)) problems.push({ locale, month, tooltip: tooltip.text });
      }
    }
    expect(problems).toEqual([]);

    // on a desktop the heat map fits its card: no names over it, the colour scale in the middle of the chart
    await page.setViewportSize(desktop);
    try {
      const { region, chart } = await openCohorts(page, server.url, 'en');
      const month = await region.locator('.chart table tbody tr td').first().textContent();
      await expect(region.getByText(new RegExp(`^${month} · `)).count()).resolves.toBe(0);
      const scale = (await drawnInBottomBand(chart, 30))!;
      expect(Math.abs((scale.left + scale.right) / 2 - (scale.canvasLeft + scale.canvasRight) / 2)).toBeLessThan(12);
    } finally {
      await page.setViewportSize(phone);
    }
  }, 180_000);

  describe('held in the hand: touch, 360 px wide', () => {
    let handheld: TouchPhone;
    beforeAll(async () => {
      handheld = await openTouchPhone(server.url, touchPhone);
      // drops of our own after any the demo raised: the revenue trend marks them at its last period, by its right edge,
      // where ECharts turned a tooltip wider than the room right of the finger to its left, off the screen
      await storeDropsAfterLatest(server.store.db, [{ scope: 'all', expected: 90_000_000, actual: 70_000_000 }, { scope: 'category:pastries', expected: 3_000_000, actual: 1_140_000 }]);
    }, 120_000);
    afterAll(async () => {
      const cspViolations = handheld?.cspViolations ?? [];
      await handheld?.close();
      expect(cspViolations).toEqual([]);
    });

    it('is a phone to the page: a coarse pointer and no hover', async () => {
      await handheld.page.goto(`${server.url}/`);
      await expect(handheld.page.evaluate(() => matchMedia('(pointer: coarse)').matches && matchMedia('(hover: none)').matches)).resolves.toBe(true);
    });

    it('keeps the tooltip of a tapped cohort cell, alert marker and purchase-rhythm bar wholly on the screen, in Latvian', async () => {
      const { page } = handheld;
      await chooseLanguage(page, 'lv');
      const words = messagesByLocale.lv;
      const problems: object[] = [];
      const tapAndLook = async (chart: Locator, where: string, x: number, y: number) => {
        await page.touchscreen.tap(x, y);
        const sight = await settledTooltip(chart);
        if (!isWhollyInSight(sight)) problems.push({ where, ...sight });
        return sight;
      };

      await page.goto(`${server.url}/reports`);
      const cohorts = page.getByRole('region', { name: words.reports.cohorts.title }).locator('.chart-canvas');
      await cohorts.locator('canvas').first().waitFor();
      await page.waitForLoadState('networkidle');
      // the first row, the oldest cohort, has a cell in every month; its middle is 16 px under the chart's top or lower
      const rowY = (await scrollTopIntoView(cohorts)).y + 16;
      for (const scrolled of ['start', 'end'] as const) {
        if (scrolled === 'end') await cohorts.evaluate((canvas) => { canvas.parentElement!.scrollLeft = canvas.parentElement!.scrollWidth; });
        const reach = await reachableEdges(cohorts);
        for (const x of [reach.right - 24, (reach.left + reach.right) / 2 + 40]) await tapAndLook(cohorts, `cohorts, scrolled to the ${scrolled}, x ${Math.round(x)}`, x, rowY);
      }

      const revenueRegion = page.getByRole('region', { name: words.reports.revenue.title });
      const revenue = revenueRegion.locator('.chart-canvas');
      await scrollTopIntoView(revenue);
      // the pins are drawn in the alert colour: the newest is the rightmost
      const pin = await rightmostSpotOf(revenue, alertColour);
      expect(pin).not.toBeNull();
      const newestAlert = (await revenueRegion.locator('.alert-list li').first().textContent())!.replace('▼', '').trim();
      const marker = await tapAndLook(revenue, 'revenue trend: the newest alert marker', pin!.x, pin!.y);
      expect(marker.text).toContain(newestAlert);

      const buyer = await server.store.db.selectFrom('customer_trait').select('customer_id').orderBy('order_count', 'desc').orderBy('customer_id').limit(1).executeTakeFirstOrThrow();
      await page.goto(`${server.url}/customers/${buyer.customer_id}`);
      const rhythm = page.getByRole('region', { name: words.customer.rhythm.title }).locator('.chart-canvas');
      await rhythm.locator('canvas').first().waitFor();
      await page.waitForLoadState('networkidle');
      const rhythmBox = await scrollTopIntoView(rhythm);
      // the bars and the median line are drawn in the first colour: the rightmost is the plot's right end, where a
      // tooltip has the least room on its right; the middle of the chart is inside the plot too
      const lastBar = await rightmostSpotOf(rhythm, categoricalPalette[0]);
      expect(lastBar).not.toBeNull();
      for (const x of [lastBar!.x - 2, rhythmBox.x + rhythmBox.width / 2]) await tapAndLook(rhythm, `purchase rhythm, x ${Math.round(x)}`, x, lastBar!.y);
      expect(problems).toEqual([]);
    });

    it('draws the cohort heat map\'s month cells at least 24 px wide, in a box that scrolls sideways while the page does not', async () => {
      const { page } = handheld;
      await chooseLanguage(page, 'lv');
      await page.goto(`${server.url}/reports`);
      const cohorts = page.getByRole('region', { name: messagesByLocale.lv.reports.cohorts.title }).locator('.chart-canvas');
      await cohorts.locator('canvas').first().waitFor();
      await page.waitForLoadState('networkidle');
      const rowY = (await scrollTopIntoView(cohorts)).y + 16;
      // the months, past the row names: the heat map scrolled halfway
      await cohorts.evaluate((canvas) => { const box = canvas.parentElement!; box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2; });
      const reach = await reachableEdges(cohorts);
      // right of the row names, even unscrolled: ECharts gives a tap beside a cell to the nearest cell within 22 px (its pointerSize on touch)
      const first = await nextCellEdge(page, cohorts, reach.left + (reach.right - reach.left) * 0.7, rowY, reach.right);
      const second = await nextCellEdge(page, cohorts, first + 0.5, rowY, reach.right);
      expect(second - first).toBeGreaterThanOrEqual(24);
      await expect(page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).resolves.toBe(0);
    });

    it('writes the text fields in 16 px type on a touch phone, so iOS does not zoom into them, and keeps the desktop\'s smaller type', async () => {
      await chooseLanguage(handheld.page, 'en');
      await handheld.page.goto(`${server.url}/customers`);
      await handheld.page.getByRole('searchbox').waitFor();
      const onPhone = await handheld.page.locator('input:not([type="checkbox"]):not([type="radio"]), select, textarea').evaluateAll((fields) => fields
        .filter((field) => field.getClientRects().length > 0).map((field) => ({ name: field.getAttribute('name') ?? field.tagName, fontSize: parseFloat(getComputedStyle(field).fontSize) })));
      expect(onPhone.map((field) => field.name)).toContain('q');
      expect(onPhone.filter((field) => field.fontSize < 16)).toEqual([]);

      await chooseLanguage(page, 'en');
      await page.setViewportSize(desktop);
      try {
        await page.goto(`${server.url}/customers`);
        // on a desktop the search keeps its field's type, as every field does
        const sizes = await page.getByRole('searchbox').evaluate((input) => ({ input: getComputedStyle(input).fontSize, field: getComputedStyle(input.closest('.field')!).fontSize }));
        expect(sizes.input).toBe(sizes.field);
      } finally {
        await page.setViewportSize(phone);
      }
    });

    it('opens a customer from a tap anywhere on their row, not only on the name, with still one link a row', async () => {
      const { page } = handheld;
      await chooseLanguage(page, 'en');
      await page.goto(`${server.url}/customers`);
      const row = page.locator('.customer-table [role="row"][aria-rowindex="2"]');
      const link = row.getByRole('link');
      await link.waitFor();
      await row.scrollIntoViewIfNeeded();
      await expect(link.count()).resolves.toBe(1);
      const href = await link.getAttribute('href');
      const [rowBox, linkBox] = [(await row.boundingBox())!, (await link.boundingBox())!];
      // the row's bottom right corner: under the spend, beside the type, well away from the name
      const point = { x: rowBox.x + rowBox.width - 12, y: rowBox.y + rowBox.height - 8 };
      expect(point.x > linkBox.x + linkBox.width || point.y > linkBox.y + linkBox.height).toBe(true);
      await page.touchscreen.tap(point.x, point.y);
      await expect.poll(() => new URL(page.url()).pathname, { timeout: 10_000 }).toBe(href);
    });

    it('gives a finger targets 44 px tall: the tabs, the buttons, Order details, the type links and the at-risk link', async () => {
      const { page } = handheld;
      await chooseLanguage(page, 'en');
      const short: object[] = [];
      const measure = async (where: string, targets: Locator) => {
        const heights = await targetHeights(targets);
        expect({ where, isFound: heights.length > 0 }).toEqual({ where, isFound: true });
        short.push(...heights.filter((target) => target.height < 44).map((target) => ({ where, ...target })));
      };
      // a link-button is a link's words inside a sentence, not a button to tap
      const buttons = 'main button:not(.link-button)';

      await page.goto(`${server.url}/`);
      await page.locator('.overdue-alerts-note a').waitFor();
      await page.waitForLoadState('networkidle');
      await measure('tabs', page.locator('nav.main-navigation a'));
      await measure('home: everyone at risk', page.locator('.overdue-alerts-note a'));
      await measure('home: buttons', page.locator(buttons));

      await page.goto(`${server.url}/customers`);
      await page.locator('.customer-table [role="row"][aria-rowindex="2"] a').waitFor();
      await measure('customers: buttons', page.locator(buttons));

      await page.goto(`${server.url}/reports`);
      await page.locator('.type-links a').first().waitFor();
      await page.waitForLoadState('networkidle');
      await measure('reports: type links', page.locator('.type-links a'));
      await measure('reports: buttons', page.locator(buttons));

      const buyer = await server.store.db.selectFrom('customer_trait').select('customer_id').where('order_count', '>', 1).orderBy('customer_id').limit(1).executeTakeFirstOrThrow();
      await page.goto(`${server.url}/customers/${buyer.customer_id}`);
      await page.locator('.timeline-order-toggle').first().waitFor();
      await page.waitForLoadState('networkidle');
      await measure('customer: order details', page.locator('.timeline-order-toggle'));
      await measure('customer: buttons', page.locator(buttons));
      expect(short).toEqual([]);
    });
  });
});
