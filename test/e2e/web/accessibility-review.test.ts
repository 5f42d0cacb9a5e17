import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { createSegment } from '../../../src/segments/index.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

type AxNode = { role?: { value?: string }; name?: { value?: string }; description?: { value?: string }; ignored?: boolean };

/** Chromium's own accessibility tree, as a screen reader gets it: names and descriptions computed by the browser. */
async function accessibilityTree(page: Page): Promise<AxNode[]> {
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = await session.send('Accessibility.getFullAXTree') as { nodes: AxNode[] };
    return nodes.filter((node) => !node.ignored);
  } finally {
    await session.detach();
  }
}

/** WCAG 2 relative luminance and contrast ratio of two `rgb(…)` colours. */
function contrast(first: string, second: string): number {
  const luminance = (colour: string) => {
    const [red, green, blue] = colour.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  };
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

/** How much wider than the window the page is (above 0 it scrolls sideways), and then the innermost parts of main that stick out past its right edge. */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const edge = document.documentElement.clientWidth;
    const overflow = document.documentElement.scrollWidth - edge;
    // only to say what is wrong: a part past the edge inside a box that scrolls sideways widens nothing
    const past = overflow <= 0 ? [] : [...document.querySelectorAll('main *')].filter((element) => element.getBoundingClientRect().right > edge + 0.5
      && element.getClientRects().length > 0 && ![...element.children].some((child) => child.getBoundingClientRect().right > edge + 0.5));
    return { overflow, past: past.map((element) => `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).replace(/ +/g, '.')}` : ''}`) };
  });
}

/** The reviewer's findings of an accessibility pass, each checked as a browser shows it. */
describeWithBrowser('staff web app: accessibility review', () => {
  const app = useStaffApp({ customers: 60 });
  let server: DemoServer;
  let page: Page;
  let segmentId = 0;
  beforeAll(async () => {
    ({ server, page } = app);
    const created = await createSegment(server.store.db, { name: 'Everyone, for the accessibility review', filter: { and: [] } }, { actor: 'test:a11y', clock: systemClock });
    segmentId = created.segment.segment_id;
  }, 120_000);

  it('announces the merge preview in a status region that was there before the look-up, and describes the Merge button by it', async () => {
    await chooseLanguage(page, 'en');
    const [kept, other] = await server.store.db.selectFrom('customer').select(['customer_id']).where('merged_into_customer_id', 'is', null).orderBy('customer_id').limit(2).execute();
    await page.goto(`${server.url}/customers/${kept.customer_id}`);
    const panel = page.getByRole('region', { name: 'Merge with another customer' });
    const number = panel.getByLabel("Other customer's number");
    await number.waitFor();
    // a live region announces what changes inside it: one added with its text already in it says nothing
    const statusCount = await panel.getByRole('status').count();
    expect(statusCount).toBeGreaterThan(0);
    await panel.getByRole('status').evaluateAll((regions) => regions.forEach((region) => region.setAttribute('data-before-look-up', '')));

    await number.fill(String(other.customer_id));
    await number.press('Enter');
    const preview = panel.getByRole('region', { name: 'Merge preview' });
    const sentence = preview.getByText(new RegExp(`^Merge .* \\(No\\. ${other.customer_id}, \\d+ orders?\\) into this customer\\?`));
    await sentence.waitFor();
    const question = await sentence.textContent();
    await expect(panel.locator('[role="status"][data-before-look-up]').filter({ hasText: question! }).count()).resolves.toBe(1);
    // the person stays where they typed: the status region, not the focus, tells them
    await expect(number.evaluate((input) => input === document.activeElement)).resolves.toBe(true);

    const mergeButtons = (await accessibilityTree(page)).filter((node) => node.role?.value === 'button' && node.name?.value === 'Merge');
    expect(mergeButtons.map((node) => node.description?.value)).toEqual([question]);
  });

  it('draws the keyboard focus ring at 3:1 or more against white, the page\'s canvas and the dark buttons it goes round', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/segments/new`);
    const add = page.getByRole('button', { name: 'Add' }).first();
    await add.waitFor();
    const focusVisibleStyles = async (selector: string) => page.locator(selector).first().evaluate((element: HTMLElement) => {
      element.focus({ focusVisible: true } as FocusOptions);
      const style = getComputedStyle(element);
      const canvas = getComputedStyle(document.documentElement).backgroundColor;
      // the colour of a box-shadow offset ring, when the ring has one: "rgb(…) 0px 0px 0px 2px"
      const offset = style.boxShadow === 'none' ? null : style.boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? null;
      return { isFocusVisible: element.matches(':focus-visible'), ring: style.outlineColor, outlineStyle: style.outlineStyle, offset, background: style.backgroundColor, canvas };
    });
    // keyboard focus, so that :focus-visible applies as for a person tabbing
    await page.keyboard.press('Tab');
    const secondary = await focusVisibleStyles('button.button-secondary');
    expect(secondary).toMatchObject({ isFocusVisible: true, outlineStyle: 'solid' });
    const white = 'rgb(255, 255, 255)';
    expect(secondary.canvas).toBe('rgb(244, 246, 248)');
    expect(contrast(secondary.ring, white)).toBeGreaterThanOrEqual(3);
    expect(contrast(secondary.ring, secondary.canvas)).toBeGreaterThanOrEqual(3);

    // on the app's dark buttons the ring is set off by a light band between it and the button
    await page.goto(`${server.url}/settings`);
    const primary = await focusVisibleStyles('button.button-primary');
    expect(primary).toMatchObject({ isFocusVisible: true });
    expect(primary.offset).not.toBeNull();
    for (const dark of [primary.background, 'rgb(179, 38, 30)']) {
      expect({ dark, ringOrOffset: Math.max(contrast(primary.ring, dark), contrast(primary.offset!, dark)) >= 3 }).toEqual({ dark, ringOrOffset: true });
    }
    expect(contrast(primary.ring, primary.offset!)).toBeGreaterThanOrEqual(3);
  });

  it('does not scroll sideways on the import page at 320 px, nor on a segment\'s page in Latvian at 360 px', async () => {
    try {
      await chooseLanguage(page, 'en');
      await page.setViewportSize({ width: 320, height: 700 });
      await page.goto(`${server.url}/import`);
      await page.locator('main input[type="file"]').waitFor();
      await page.waitForLoadState('networkidle');
      expect.soft({ path: '/import', ...await sidewaysOverflow(page) }).toEqual({ path: '/import', overflow: 0, past: [] });

      await chooseLanguage(page, 'lv');
      await page.setViewportSize({ width: 360, height: 700 });
      await page.goto(`${server.url}/segments/${segmentId}`);
      await page.getByLabel('Eksportējamie dalībnieki').waitFor();
      await page.waitForLoadState('networkidle');
      expect({ path: '/segments/:id', ...await sidewaysOverflow(page) }).toEqual({ path: '/segments/:id', overflow: 0, past: [] });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
      await chooseLanguage(page, 'en');
    }
  });

  it('names each chart\'s figure by its title, not by its download buttons', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/reports`);
    await page.getByRole('region', { name: 'Customers by type' }).locator('.chart canvas').first().waitFor();
    const figures = (await accessibilityTree(page)).filter((node) => node.role?.value === 'figure').map((node) => node.name?.value);
    expect(figures).toContain('Customers by type');
    // the name Playwright computes by the ARIA rules (a figure named by its figcaption) agrees
    await expect(page.getByRole('figure', { name: 'Customers by type', exact: true }).count()).resolves.toBe(1);
    expect(figures.filter((name) => !name || /Download/.test(name))).toEqual([]);
  });

  it('marks the segment builder\'s value invalid and describes it by the error', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/segments/new`);
    const form = page.getByRole('form', { name: 'Add a condition on a field' });
    await form.getByLabel('Field', { exact: true }).selectOption({ label: 'Revenue' });
    const value = form.getByLabel('Value', { exact: true });
    await value.fill('abc');
    await form.getByRole('button', { name: 'Add' }).click();
    const alert = form.getByRole('alert');
    await alert.waitFor();
    await expect(value.getAttribute('aria-invalid')).resolves.toBe('true');
    const alertId = await alert.getAttribute('id');
    expect(alertId).toBeTruthy();
    expect((await value.getAttribute('aria-describedby'))?.split(' ')).toContain(alertId);
  });

  it('describes the new password by its error as well as by the rules', async () => {
    await chooseLanguage(page, 'en');
    await page.goto(`${server.url}/settings`);
    await page.getByLabel('Current password').fill('whatever it is');
    const fresh = page.getByLabel('New password', { exact: true });
    await fresh.fill('short');
    await page.getByLabel('New password again').fill('short');
    await page.getByRole('button', { name: 'Change password' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(fresh.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await fresh.getAttribute('aria-describedby'))?.split(' ') ?? [];
    const alertId = await alert.getAttribute('id');
    expect(alertId).toBeTruthy();
    expect(describedBy).toContain(alertId);
    // the rules stay in the description: they say what a good one is
    const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.some((text) => /^At least/.test(text ?? ''))).toBe(true);
  });
});
