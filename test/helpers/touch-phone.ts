import { chromium, type Locator, type Page } from 'playwright-core';
import { browserExecutable, ownerEmail, ownerPassword, signInThroughForm } from './browser.js';

/** `cspViolations`: what Chromium logged about the Content-Security-Policy, as openBrowser collects it. */
export type TouchPhone = { page: Page; cspViolations: string[]; close: () => Promise<void> };

/**
 * A phone as a person holds one: a touch screen (coarse pointer, taps), a mobile viewport and three device
 * pixels to a CSS pixel, signed in as the owner. openBrowser's desktop Chromium has a mouse: a tap target,
 * a touch-only style or ECharts' handling of a tap would go untested there.
 */
export async function openTouchPhone(baseUrl: string, size: { width: number; height: number }): Promise<TouchPhone> {
  const browser = await chromium.launch({ executablePath: browserExecutable, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 3, isMobile: true, hasTouch: true, locale: 'en-GB' });
  const cspViolations: string[] = [];
  context.on('console', (message) => {
    if (/content security policy/i.test(message.text())) cspViolations.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
  });
  const page = await context.newPage();
  await signInThroughForm(page, baseUrl, ownerEmail, ownerPassword);
  return { page, cspViolations, close: () => browser.close() };
}

/** What a chart's tooltip box shows and where, with the window's size and whether a box around it cuts it off. */
export type TooltipSight = { text: string; left: number; top: number; right: number; bottom: number; viewportWidth: number; viewportHeight: number; isCutByAncestor: boolean };

/**
 * ECharts' tooltip box inside `chart`, once shown and still (it slides to a new place over 0.4 s). Found by
 * its z-index, as staff-app.test.ts finds it: the box carries no class of its own unless the app gives it one.
 */
export async function settledTooltip(chart: Locator): Promise<TooltipSight> {
  const tooltip = chart.locator('div[style*="z-index: 9999999"]');
  let previous = '';
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const sight = await tooltip.evaluate((element) => {
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      let isCutByAncestor = false;
      for (let ancestor = element.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
        const ancestorStyle = getComputedStyle(ancestor);
        if (ancestorStyle.overflowX === 'visible' && ancestorStyle.overflowY === 'visible') continue;
        const clip = ancestor.getBoundingClientRect();
        const [left, top] = [clip.left + ancestor.clientLeft, clip.top + ancestor.clientTop];
        if (box.left < left - 0.5 || box.top < top - 0.5 || box.right > left + ancestor.clientWidth + 0.5 || box.bottom > top + ancestor.clientHeight + 0.5) isCutByAncestor = true;
      }
      const isShown = style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) > 0 && box.width > 0;
      return {
        isShown, text: element.textContent ?? '', left: Math.round(box.left), top: Math.round(box.top), right: Math.round(box.right), bottom: Math.round(box.bottom),
        viewportWidth: document.documentElement.clientWidth, viewportHeight: window.innerHeight, isCutByAncestor,
      };
    });
    const { isShown, ...seen } = sight;
    const key = JSON.stringify(sight);
    if (isShown && key === previous) return seen;
    previous = key;
    await chart.page().waitForTimeout(150);
  }
  throw new Error(`no tooltip came to rest in the chart: last seen ${previous}`);
}

/** Whether the whole tooltip is on the screen and nothing around it cuts it off. */
export function isWhollyInSight(sight: TooltipSight): boolean {
  return sight.left >= 0 && sight.top >= 0 && sight.right <= sight.viewportWidth && sight.bottom <= sight.viewportHeight && !sight.isCutByAncestor;
}

/** Scrolls the page until `element`'s top is near the top of the screen; its box on the screen then. */
export async function scrollTopIntoView(element: Locator) {
  await element.evaluate((node) => window.scrollBy(0, node.getBoundingClientRect().top - 60));
  return (await element.boundingBox())!;
}

/** The left and right edges of the part of `element` a finger can reach: on the screen, inside any box that scrolls or clips it. */
export async function reachableEdges(element: Locator) {
  return element.evaluate((node) => {
    const box = node.getBoundingClientRect();
    let [left, right] = [Math.max(0, box.left), Math.min(document.documentElement.clientWidth, box.right)];
    for (let ancestor = node.parentElement; ancestor && ancestor !== document.body; ancestor = ancestor.parentElement) {
      const style = getComputedStyle(ancestor);
      if (style.overflowX === 'visible') continue;
      const clip = ancestor.getBoundingClientRect();
      [left, right] = [Math.max(left, clip.left + ancestor.clientLeft), Math.min(right, clip.left + ancestor.clientLeft + ancestor.clientWidth)];
    }
    return { left, right };
  });
}

/**
 * The text of the tooltip a tap at (x, y) shows in `chart`; '' where the tap shows none. The box is emptied first:
 * a tap on no cell hides the box only after a delay, still holding the words of the cell tapped before.
 */
async function tooltipTextAfterTap(page: Page, chart: Locator, x: number, y: number): Promise<string> {
  const tooltip = chart.locator('div[style*="z-index: 9999999"]');
  const isMade = await tooltip.count() > 0;
  if (isMade) await tooltip.evaluate((element) => { element.textContent = ''; });
  await page.touchscreen.tap(x, y);
  if (!isMade && await tooltip.count() === 0) return '';
  return tooltip.evaluate((element) => element.textContent ?? '');
}

/**
 * Where, right of `from`, the next cell of a heat map row at height `y` begins: the first x, to a quarter pixel,
 * whose tap shows another tooltip than a tap at `from`. Found by steps of 3 px (narrower than the cohorts' cells
 * ever were on a phone: 3.75 px), then halving the step it crossed.
 */
export async function nextCellEdge(page: Page, chart: Locator, from: number, y: number, limit: number): Promise<number> {
  const text = await tooltipTextAfterTap(page, chart, from, y);
  let [inside, beyond] = [from, from];
  do {
    [inside, beyond] = [beyond, beyond + 3];
    if (beyond > limit) throw new Error(`no cell edge between ${from} and ${limit}`);
  } while (await tooltipTextAfterTap(page, chart, beyond, y) === text);
  while (beyond - inside > 0.25) {
    const middle = (inside + beyond) / 2;
    if (await tooltipTextAfterTap(page, chart, middle, y) === text) inside = middle;
    else beyond = middle;
  }
  return beyond;
}

/**
 * Where on the screen a chart draws in `colour` ("#D55E00") furthest right: the middle of the spot holding its
 * rightmost pixel, in CSS pixels; null when the chart has none. ECharts draws on a canvas a layer, so all are read.
 */
export async function rightmostSpotOf(chart: Locator, colour: string) {
  const rgb = [1, 3, 5].map((start) => parseInt(colour.slice(start, start + 2), 16));
  return chart.locator('canvas').evaluateAll((canvases, [red, green, blue]) => {
    const box = canvases[0].getBoundingClientRect();
    const scale = (canvases[0] as HTMLCanvasElement).width / box.width;
    const drawn: Array<[number, number]> = [];
    for (const canvas of canvases as HTMLCanvasElement[]) {
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      for (let index = 0; index < pixels.length; index += 4) {
        if (Math.abs(pixels[index] - red) < 6 && Math.abs(pixels[index + 1] - green) < 6 && Math.abs(pixels[index + 2] - blue) < 6 && pixels[index + 3] > 250) {
          drawn.push([(index / 4) % canvas.width, Math.floor(index / 4 / canvas.width)]);
        }
      }
    }
    if (drawn.length === 0) return null;
    // the spot around the rightmost pixel: another one beside it (a pin at the period before) may reach as far right
    const [right, level] = drawn.reduce((furthest, pixel) => (pixel[0] > furthest[0] ? pixel : furthest));
    const spot = drawn.filter(([x, y]) => x > right - 14 * scale && Math.abs(y - level) < 14 * scale);
    const middle = (axis: 0 | 1) => spot.reduce((sum, pixel) => sum + pixel[axis], 0) / spot.length / scale;
    return { x: box.left + middle(0), y: box.top + middle(1) };
  }, rgb);
}

/** The height of each of `targets` drawn on the page (a visually hidden one is left out), with its words. */
export async function targetHeights(targets: Locator) {
  return targets.evaluateAll((elements) => elements.map((element) => ({ text: (element.textContent ?? '').trim().slice(0, 40), box: element.getBoundingClientRect() }))
    .filter(({ box }) => box.width > 2 && box.height > 2).map(({ text, box }) => ({ text, height: Math.round(box.height * 10) / 10 })));
}
