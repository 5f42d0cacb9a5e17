import { beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { discoverPersonas, renamePersona } from '../../../src/personas/index.js';
import { createSegment } from '../../../src/segments/index.js';
import { describeWithBrowser, pagePoll, useStaffApp } from '../../helpers/browser.js';

/** Whether the keyboard's focus is on `locator`, waited for: focus moves once the page has answered. */
async function expectFocusOn(locator: Locator): Promise<void> {
  await locator.waitFor(pagePoll);
  await expect.poll(() => locator.evaluate((element) => element === document.activeElement), pagePoll).toBe(true);
}

/** Presses a button from the keyboard, as a person who does not use a mouse does. */
async function press(button: Locator): Promise<void> {
  await button.focus();
  await button.press('Enter');
}

const firstPersonaId = async (page: Page) => (await page.evaluate(async () => (await fetch('/api/personas')).json() as Promise<{ personas: { personaId: number }[] }>)).personas[0].personaId;

/**
 * A screen-reader and keyboard user's review: after Import, Run analysis, Discover and Recompute members focus
 * fell to <body> (the buttons disabled themselves while they ran), the confirm boxes took no focus and no Escape
 * and their Cancel dropped focus, and the end of a discovery was announced as the button's label.
 */
describeWithBrowser('focus and announcements after the long actions and in the confirm boxes', () => {
  const app = useStaffApp({ customers: 200 });

  beforeAll(async () => {
    await discoverPersonas(app.server.store.db, { clock: systemClock, k: 3, seed: 1 });
  }, 120_000);

  it('moves focus to what an import came to', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/import`);
    await page.locator('main h1').waitFor();
    await page.locator('select[name="entity"]').selectOption('customers');
    const csv = ['customer_id,name,email', 'FOCUS-1,Ani Focus,ani.focus@example.com', 'FOCUS-2,Budi Focus,budi.focus@example.com', 'FOCUS-3,Citra Focus,citra.focus@example.com'].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'focus.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await press(page.getByRole('button', { name: 'Import 3 rows' }));
    await expectFocusOn(page.getByRole('status').filter({ hasText: '3 of 3 rows read: 3 new' }));
  });

  it('keeps focus on Run analysis and says what the analysis did', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/reports`);
    const run = page.getByRole('button', { name: 'Run analysis' });
    await press(run);
    await page.getByRole('status').filter({ hasText: /alerts? open in all/ }).waitFor(pagePoll);
    await expectFocusOn(run);
  });

  it('keeps focus on Recompute members', async () => {
    const { page, server } = app;
    const { segment } = await createSegment(server.store.db, { name: 'Everyone, to recompute', filter: { and: [] } }, { actor: 'test', clock: systemClock });
    await page.goto(`${server.url}/segments/${segment.segment_id}`);
    const recompute = page.getByRole('button', { name: 'Recompute members' });
    await press(recompute);
    await page.getByRole('status').filter({ hasText: 'Members recomputed:' }).waitFor(pagePoll);
    await expectFocusOn(recompute);
  });

  it('puts focus in the delete question, closes it on Escape and gives focus back to Delete', async () => {
    const { page, server } = app;
    const { segment } = await createSegment(server.store.db, { name: 'Everyone, for focus', filter: { and: [] } }, { actor: 'test', clock: systemClock });
    await page.goto(`${server.url}/segments/${segment.segment_id}`);

    const remove = page.getByRole('button', { name: 'Delete', exact: true });
    const question = page.getByRole('alertdialog', { name: 'Delete the segment "Everyone, for focus" with its members and their history? This cannot be undone.' });
    await press(remove);
    await expectFocusOn(question.getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count(), pagePoll).toBe(0);
    await expectFocusOn(remove);
    await press(remove);
    await press(question.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(remove);
    await press(remove);
    await press(question.getByRole('button', { name: 'Delete segment' }));
    await page.waitForURL(`${server.url}/segments`, pagePoll);
  });

  it('says what a discovery found apart from the button, and keeps focus on the button', { timeout: 240_000 }, async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/personas`);
    const discover = page.getByRole('button', { name: 'Discover again' });
    await press(discover);
    const found = page.getByRole('status').filter({ hasText: /^Discovery finished: \d+ personas, fitted on / });
    await found.waitFor({ timeout: 120_000 });
    await expectFocusOn(discover);
    // the status is the sentence, not a region around the button
    await expect(page.getByRole('status').filter({ has: discover }).count()).resolves.toBe(0);
  });

  it('asks before retiring a segment\'s persona in a dialog that takes focus and Escape and gives focus back', { timeout: 240_000 }, async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/personas`);
    const discover = page.getByRole('button', { name: 'Discover again' });
    const found = page.getByRole('status').filter({ hasText: /^Discovery finished: \d+ personas, fitted on / });
    // a name of the store's own, which no discovery generates: the next one would retire it
    await renamePersona(server.store.db, await firstPersonaId(page), { name: 'Focus regulars' });
    await createSegment(server.store.db, { name: 'By persona, for focus', filter: { field: 'persona', op: 'eq', value: 'Focus regulars' } }, { actor: 'test', clock: systemClock });
    await page.reload();
    const question = page.getByRole('alertdialog', { name: 'Discovering again would retire personas that these saved segments select by:' });
    await press(discover);
    await expectFocusOn(question.getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Escape');
    await expect.poll(() => question.count(), pagePoll).toBe(0);
    await expectFocusOn(discover);
    await press(discover);
    await press(question.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(discover);
    await press(discover);
    await press(question.getByRole('button', { name: 'Discover anyway' }));
    await found.waitFor({ timeout: 120_000 });
    await expectFocusOn(discover);
    await page.getByText('This discovery retired personas that these saved segments select by').waitFor();
  });
});
