import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { systemClock } from '../../../src/core/clock.js';
import { discoverPersonas } from '../../../src/personas/index.js';
import { createSegment, deleteSegment } from '../../../src/segments/index.js';
import { getStoreSettings, updateStoreSettings } from '../../../src/settings/index.js';
import type { Persona } from '../../../src/web/api/target-group-types.js';
import { nameWordsOf, personaDisplayName } from '../../../src/web/features/personas/persona-name.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { lookupMessage, messagesByLocale } from '../../../src/web/i18n/messages.js';
import { buildWebApp, describeWithBrowser, openBrowser, ownerEmail, ownerPassword, signInThroughForm, startDemoServer, waitForStoreSettings, type DemoServer, type TestBrowser } from '../../helpers/browser.js';
import { createTestUser } from '../../helpers/auth.js';

const numbers = createFormatters('en-GB', null, 'UTC');
const euros = createFormatters('en-GB', 'EUR', 'UTC');

/** A promise the test settles when it is ready: held until then, however long the page takes to get there. */
function heldBack(): { held: Promise<void>; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => { release = resolve; });
  return { held, release };
}

describeWithBrowser('staff web app: segments and personas', () => {
  let web: Awaited<ReturnType<typeof buildWebApp>>;
  let server: DemoServer;
  let browser: TestBrowser;
  let page: Page;
  let city: string;

  const count = async (query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(server.store.db)).rows[0].n);

  beforeAll(async () => {
    web = await buildWebApp();
    server = await startDemoServer({ webRoot: web.directory, customers: 300 });
    const top = await sql<{ city: string }>`select city from customer where city is not null and merged_into_customer_id is null group by city order by count(*) desc, city limit 1`.execute(server.store.db);
    city = top.rows[0].city;
    browser = await openBrowser();
    page = await browser.newPage();
    await signInThroughForm(page, server.url, ownerEmail, ownerPassword);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await web?.dispose();
  });

  it('shows no personas before the first discovery, and offers to discover them', async () => {
    await page.goto(`${server.url}/personas`);
    await page.getByText('No personas yet. Discover them from the buyers in this store.').waitFor();
    await expect(page.getByRole('button', { name: 'Discover personas' }).isVisible()).resolves.toBe(true);
    // the rest of the suite works on discovered personas
    await discoverPersonas(server.store.db, { clock: systemClock, k: 3, seed: 1 });
  });

  it('counts a filter live, lists its problems, and adds a condition from the form', async () => {
    const customers = await count(sql<{ n: number }>`select count(*)::int as n from customer where merged_into_customer_id is null`);
    const inCity = await count(sql<{ n: number }>`select count(*)::int as n from customer where merged_into_customer_id is null and city = ${city}`);
    const repeatBuyersInCity = await count(sql<{ n: number }>`
      select count(*)::int as n from customer c join customer_trait t on t.customer_id = c.customer_id
      where c.merged_into_customer_id is null and c.city = ${city} and t.order_count >= 2`);
    expect(repeatBuyersInCity).toBeLessThan(inCity);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { level: 1, name: 'Segments' }).waitFor();
    await page.getByRole('link', { name: 'New segment' }).click();
    await page.getByRole('heading', { level: 1, name: 'New segment' }).waitFor();
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`${city} repeat buyers`);
    const conditions = page.getByRole('list', { name: 'Conditions' });
    // a describable filter reads as words, its JSON closed until asked for
    await conditions.getByText('Last purchase in the last 90 days').waitFor();
    const filter = page.getByLabel('Filter (JSON)');
    await expect(filter.isVisible()).resolves.toBe(false);
    await page.getByText('Edit as JSON', { exact: true }).click();
    const preview = page.getByRole('region', { name: 'Preview' });

    await filter.fill(JSON.stringify({ and: [{ field: 'city', op: 'eq', value: city }] }));
    await preview.getByText(`${numbers.number(inCity)} of ${numbers.number(customers)} customers`).waitFor();
    await expect(preview.locator('.preview-sample a').count()).resolves.toBe(Math.min(5, inCity));
    await expect(conditions.getByRole('listitem').allTextContents()).resolves.toEqual([`City is ${city}Remove`]);

    // The server's verdict names the place and the fix; broken JSON is caught before asking.
    await filter.fill(JSON.stringify({ and: [{ field: 'city', op: 'like', value: city }] }));
    await preview.getByText('filter.and[0].op').waitFor();
    await expect(preview.getByText(/"like" is not an operator/).isVisible()).resolves.toBe(true);
    await expect(filter.getAttribute('aria-invalid')).resolves.toBe('true');
    await filter.fill('{"and": [');
    await preview.getByText('This is not valid JSON yet:').waitFor();
    await page.getByText('The JSON has a mistake, so the conditions cannot be shown in words').waitFor();

    await filter.fill(JSON.stringify({ and: [{ field: 'city', op: 'eq', value: city }] }));
    await preview.getByText(`${numbers.number(inCity)} of ${numbers.number(customers)} customers`).waitFor();
    // removing the last condition leaves the keyboard on the sentence that replaced the list
    await conditions.getByRole('button', { name: `Remove: City is ${city}` }).click();
    await page.getByText('Everyone (no conditions yet)').waitFor();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Everyone (no conditions yet)');
    await filter.fill(JSON.stringify({ and: [{ field: 'city', op: 'eq', value: city }] }));
    await preview.getByText(`${numbers.number(inCity)} of ${numbers.number(customers)} customers`).waitFor();
    const builder = page.getByRole('form', { name: 'Add a condition on a field' });
    await builder.getByLabel('Field').selectOption({ label: 'Orders' });
    await builder.getByLabel('Condition').selectOption({ label: 'at least' });
    await builder.getByLabel('Value').fill('2');
    await builder.getByRole('button', { name: 'Add' }).click();
    expect(JSON.parse(await filter.inputValue())).toEqual({ and: [{ field: 'city', op: 'eq', value: city }, { field: 'order_count', op: 'gte', value: 2 }] });
    await conditions.getByText('Orders at least 2').waitFor();
    await preview.getByText(`${numbers.number(repeatBuyersInCity)} of ${numbers.number(customers)} customers`).waitFor();
  });

  it('saves the segment and shows its members and their entries', async () => {
    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.getByRole('heading', { level: 1, name: `${city} repeat buyers` }).waitFor();
    const members = await sql<{ customer_id: number }>`
      select c.customer_id from customer c join customer_trait t on t.customer_id = c.customer_id
      where c.merged_into_customer_id is null and c.city = ${city} and t.order_count >= 2 order by c.customer_id`.execute(server.store.db);
    const membersCard = page.getByRole('region', { name: `Members (${numbers.number(members.rows.length)})` });
    await membersCard.locator('tbody tr').first().waitFor();
    await expect(membersCard.locator('tbody tr').count()).resolves.toBe(Math.min(50, members.rows.length));
    const firstLink = membersCard.locator('tbody tr a').first();
    await expect(firstLink.getAttribute('href')).resolves.toBe(`/customers/${members.rows[0].customer_id}`);
    const history = page.getByRole('region', { name: 'Entries and exits' });
    await expect(history.getByText('Entered', { exact: true }).count()).resolves.toBe(Math.min(50, members.rows.length));
    // each by the name the member list gives them, not "No. 2919"
    const historyNames = await history.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(historyNames.filter((name) => /^No\. \d+$/.test(name))).toEqual([]);
    const memberNames = await membersCard.locator('tbody tr a').allTextContents();
    expect(historyNames.filter((name) => memberNames.includes(name)).length).toBeGreaterThan(0);
    // Recomputing changes nothing here, and says so.
    await page.getByRole('button', { name: 'Recompute members' }).click();
    await page.getByText(`Members recomputed: 0 entered, 0 left, ${numbers.number(members.rows.length)} members now.`).waitFor();
    await page.getByRole('link', { name: '← Segments' }).click();
    const row = page.getByRole('row').filter({ hasText: `${city} repeat buyers` });
    await expect(row.getByRole('cell').nth(2).textContent()).resolves.toBe(numbers.number(members.rows.length));
  });

  it('builds a segment from the list: money typed the user\'s way is kept in minor units, all becomes any, a condition goes', async () => {
    // a currency with cents, so an amount typed in major units must be stored ×100
    const { currency } = await getStoreSettings(server.store.db);
    await updateStoreSettings(server.store.db, { currency: 'EUR' });
    let fieldTypes = heldBack();
    try {
      await page.goto(`${server.url}/segments/new`);
      await page.getByRole('heading', { level: 1, name: 'New segment' }).waitFor();
      // an amount is read and written in the store's currency, which comes with the settings
      await waitForStoreSettings(page);
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Big spenders or VIP');
      const conditions = page.getByRole('list', { name: 'Conditions' });
      await conditions.getByText('Last purchase in the last 90 days').waitFor();
      const builder = page.getByRole('form', { name: 'Add a condition on a field' });
      await builder.getByLabel('Field').selectOption({ label: 'Revenue' });
      await builder.getByLabel('Condition').selectOption({ label: 'at least' });
      await expect(builder.getByLabel('Value').getAttribute('placeholder')).resolves.toBe('e.g. 100.50');
      await builder.getByLabel('Value').fill('1,250.5');
      await builder.getByRole('button', { name: 'Add' }).click();
      const revenue = `Revenue at least ${euros.money(125_050)}`;
      await conditions.getByText(revenue).waitFor();

      await builder.getByLabel('Field').selectOption({ label: 'Customer types' });
      await builder.getByLabel('Condition').selectOption({ label: 'include' });
      await builder.getByLabel('Value').selectOption({ label: 'VIP' });
      await builder.getByRole('button', { name: 'Add' }).click();
      await conditions.getByText('Customer types include VIP').waitFor();

      await page.getByRole('radio', { name: 'Match any of these' }).check();
      await page.getByRole('button', { name: 'Remove: Last purchase in the last 90 days' }).click();
      await expect(conditions.getByRole('listitem').allTextContents()).resolves.toEqual([`${revenue}Remove`, 'Customer types include VIPRemove']);
      await expect(page.getByRole('radio', { name: 'Match any of these' }).isChecked()).resolves.toBe(true);
      // the removed condition's button is gone: the keyboard stays in the list
      await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Conditions');

      const expected = { or: [{ field: 'revenue_minor', op: 'gte', value: 125_050 }, { field: 'customer_types', op: 'contains', value: 'vip' }] };
      await page.getByText('Edit as JSON', { exact: true }).click();
      expect(JSON.parse(await page.getByLabel('Filter (JSON)').inputValue())).toEqual(expected);
      // the editor, list and JSON open, fits a phone without sideways scrolling
      const viewport = page.viewportSize();
      await page.setViewportSize({ width: 390, height: 844 });
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      if (viewport) await page.setViewportSize(viewport);
      const matching = await count(sql<{ n: number }>`
        select count(*)::int as n from customer c
        left join customer_trait t on t.customer_id = c.customer_id left join customer_type ct on ct.customer_id = c.customer_id
        where c.merged_into_customer_id is null and (t.revenue_minor >= 125050 or 'vip' = any(ct.types))`);
      const customers = await count(sql<{ n: number }>`select count(*)::int as n from customer where merged_into_customer_id is null`);
      await page.getByRole('region', { name: 'Preview' }).getByText(`${numbers.number(matching)} of ${numbers.number(customers)} customers`).waitFor();

      // the saved segment's page gets the field types late: until they arrive it must not word a list's "include" as text's "contains"
      // (held until the test has looked: a fixed delay could run out on a slow machine before the page is even drawn)
      await page.route('**/api/segments/fields', async (route) => {
        await fieldTypes.held;
        await route.continue();
      });
      await page.getByRole('button', { name: 'Save segment' }).click();
      await page.getByRole('heading', { level: 1, name: 'Big spenders or VIP' }).waitFor();
      const filterCard = page.getByRole('region', { name: 'Filter' });
      await expect(filterCard.getByRole('listitem').allTextContents()).resolves.toEqual([]);
      fieldTypes.release();
      await filterCard.getByText('Customer types include VIP').waitFor();
      // and so must its editor
      fieldTypes = heldBack();
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: 'Conditions' }).waitFor();
      await expect(conditions.getByRole('listitem').allTextContents()).resolves.toEqual([]);
      fieldTypes.release();
      await conditions.getByText('Customer types include VIP').waitFor();
      await page.unroute('**/api/segments/fields');
      await page.goBack();
      await page.getByRole('heading', { level: 1, name: 'Big spenders or VIP' }).waitFor();
      // back on the page, the field types are fetched again: the conditions show once they are in
      await filterCard.getByText('Customer types include VIP').waitFor();
      const saved = await sql<{ filter: unknown }>`select filter from segment where name = 'Big spenders or VIP'`.execute(server.store.db);
      expect(saved.rows[0].filter).toEqual(expected);
      await expect(filterCard.getByRole('listitem').allTextContents()).resolves.toEqual([revenue, 'Customer types include VIP']);
      await expect(filterCard.getByText('Match any of these').isVisible()).resolves.toBe(true);
    } finally {
      // a failure before the release must not leave the next tests' field types held
      fieldTypes.release();
      await page.unroute('**/api/segments/fields');
      await updateStoreSettings(server.store.db, { currency });
    }
  });

  it('refuses to save while a condition being added is wrong or not added yet, says what to fix, and stores nothing', async () => {
    const { currency } = await getStoreSettings(server.store.db);
    await updateStoreSettings(server.store.db, { currency: 'EUR' });
    const name = 'Unfinished big spenders';
    const storedNames = async () => (await page.evaluate(async () => (await fetch('/api/segments')).json() as Promise<{ items: Array<{ name: string }> }>)).items.map((segment) => segment.name);
    try {
      await page.goto(`${server.url}/segments/new`);
      await page.getByRole('heading', { level: 1, name: 'New segment' }).waitFor();
      await waitForStoreSettings(page);
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
      const builder = page.getByRole('form', { name: 'Add a condition on a field' });
      await builder.getByLabel('Field').selectOption({ label: 'Revenue' });
      // an amount starts on "at least", and the form says what the field means without its name in the JSON
      await expect(builder.getByLabel('Condition').inputValue()).resolves.toBe('gte');
      await expect(builder.getByLabel('Field').getAttribute('aria-describedby').then((id) => page.locator(`[id="${id}"]`).textContent())).resolves.toBe('Revenue, in the store currency');
      await expect(builder.textContent()).resolves.not.toMatch(/revenue_minor|minor units/);
      await builder.getByLabel('Value').fill('lots');
      await builder.getByRole('button', { name: 'Add' }).click();
      await builder.getByText('Enter an amount like 100.50.').waitFor();

      const save = page.getByRole('button', { name: 'Save segment' });
      await save.click();
      const refusal = page.getByRole('alert').filter({ hasText: 'Not saved yet' });
      await expect(refusal.textContent()).resolves.toBe('Not saved yet: the condition under “Add a condition on a field” is not finished. Enter an amount like 100.50. Then press Add, or Clear to drop it.');
      await expect(save.getAttribute('aria-describedby')).resolves.toBe(await refusal.getAttribute('id'));
      await expect(page.getByRole('heading', { level: 1, name: 'New segment' }).isVisible()).resolves.toBe(true);
      expect(await storedNames()).not.toContain(name);

      // a right amount not added yet is still not saved over: the message follows what the form holds
      await builder.getByLabel('Value').fill('20');
      await refusal.getByText('Not saved yet: you started a condition under “Add a condition on a field”. Press Add to include it, or Clear to drop it.').waitFor();
      await save.click();
      await expect(page.getByRole('heading', { level: 1, name: 'New segment' }).isVisible()).resolves.toBe(true);
      expect(await storedNames()).not.toContain(name);

      // added, the condition leaves the form empty and the message goes; the purchase form counts too, and Clear drops what it holds
      await builder.getByRole('button', { name: 'Add' }).click();
      await page.getByRole('list', { name: 'Conditions' }).getByText(`Revenue at least ${euros.money(2000)}`).waitFor();
      await expect(builder.getByLabel('Value').inputValue()).resolves.toBe('');
      await expect.poll(() => refusal.count()).toBe(0);
      const purchase = page.getByRole('form', { name: 'Add a purchase condition' });
      await purchase.getByLabel('Category (any of, comma-separated)').fill('tea');
      await save.click();
      await refusal.getByText('Not saved yet: you started a condition under “Add a purchase condition”. Press Add to include it, or Clear to drop it.').waitFor();
      await expect(refusal.getByText(/Add a condition on a field/).count()).resolves.toBe(0);
      await purchase.getByRole('button', { name: 'Clear' }).click();
      await expect(purchase.getByLabel('Category (any of, comma-separated)').inputValue()).resolves.toBe('');
      await expect.poll(() => refusal.count()).toBe(0);

      await save.click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const saved = await sql<{ filter: unknown }>`select filter from segment where name = ${name}`.execute(server.store.db);
      expect(saved.rows.map((row) => row.filter)).toEqual([{ and: [{ field: 'last_purchase_at', op: 'gt', value: { days_ago: 90 } }, { field: 'revenue_minor', op: 'gte', value: 2000 }] }]);
    } finally {
      await updateStoreSettings(server.store.db, { currency });
      const stored = await sql<{ segment_id: number }>`select segment_id from segment where name = ${name}`.execute(server.store.db);
      for (const row of stored.rows) await deleteSegment(server.store.db, row.segment_id);
    }
  });

  it('opens a persona profile, renames and pins it, and compares two periods', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Personas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Personas' }).waitFor();
    const listed = await page.evaluate(async () => (await fetch('/api/personas')).json() as Promise<{ personas: Persona[] }>);
    expect(listed.personas).toHaveLength(3);
    // the heading is drawn at once, the cards once the page's own request for the personas is answered
    await page.locator('.persona-card').first().waitFor();
    await expect(page.locator('.persona-card').count()).resolves.toBe(3);
    const largest = listed.personas[0];
    // a generated name is shown rebuilt from its traits ("Young big-city, mobile, “coffee”"), not as the server stores it
    const shownName = personaDisplayName(largest, nameWordsOf('en', (key, variables) => lookupMessage(messagesByLocale.en, key, variables))).text;
    const card = page.getByRole('region', { name: shownName, exact: true });
    await expect(card.getByText('Share of revenue').isVisible()).resolves.toBe(true);
    await expect(card.locator('dd').nth(1).textContent()).resolves.toBe(numbers.percent(largest.profile.revenueShare));
    await card.getByRole('link', { name: shownName, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: shownName, exact: true }).waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Morning regulars');
    await page.getByLabel('Pin this persona').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Morning regulars' }).waitFor();
    const updated = await page.evaluate(async (id) => (await fetch(`/api/personas/${id}`)).json() as Promise<{ name: string; isPinned: boolean }>, largest.personaId);
    expect(updated).toMatchObject({ name: 'Morning regulars', isPinned: true });

    const drift = page.getByRole('region', { name: 'What moved for Morning regulars' });
    await drift.getByRole('button', { name: 'Compare' }).click();
    const table = drift.getByRole('table', { name: 'Changes with effect sizes' });
    await table.waitFor();
    const periods = { before: { from: await drift.getByLabel('From').first().inputValue(), to: await drift.getByLabel('Until (not included)').first().inputValue() }, after: { from: await drift.getByLabel('From').nth(1).inputValue(), to: await drift.getByLabel('Until (not included)').nth(1).inputValue() } };
    const report = await page.evaluate(async (body) => {
      const me = await (await fetch('/api/auth/me')).json() as { csrfToken: string };
      const response = await fetch('/api/drift', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify(body) });
      return response.json() as Promise<{ attributes: Array<{ attribute: string; cohensD?: number | null; cramersV?: number | null }> }>;
    }, { group: { kind: 'persona', personaId: largest.personaId }, ...periods });
    const channel = report.attributes.find((attribute) => attribute.attribute === 'channel')!;
    const channelRow = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Channel' }) });
    await expect(channelRow.locator('td.numeric').textContent()).resolves.toBe(channel.cramersV === null || channel.cramersV === undefined ? '–' : numbers.number(channel.cramersV, 2));
    await expect(table.getByRole('row').count()).resolves.toBe(report.attributes.length + 1);
    await drift.locator('.chart canvas').first().waitFor();
  });

  it('gives an analyst the screens without the controls that change them, on a phone without sideways scrolling', async () => {
    const analyst = await createTestUser(server.store, 'analyst');
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      const phonePage = await phone.newPage();
      await signInThroughForm(phonePage, server.url, analyst.user.email, analyst.password);
      const navigation = phonePage.getByRole('navigation', { name: 'Main' });
      await navigation.getByRole('link', { name: 'Segments' }).click();
      await phonePage.getByRole('row').filter({ hasText: `${city} repeat buyers` }).waitFor();
      await phonePage.getByRole('link', { name: 'Big spenders or VIP' }).click();
      await phonePage.getByRole('region', { name: 'Filter' }).getByText('Customer types include VIP').waitFor();
      const segmentWidths = await phonePage.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(segmentWidths.page).toBeLessThanOrEqual(segmentWidths.viewport);
      await navigation.getByRole('link', { name: 'Segments' }).click();
      await expect(phonePage.getByRole('link', { name: 'New segment' }).count()).resolves.toBe(0);
      await phonePage.goto(`${server.url}/segments/new`);
      await phonePage.getByRole('heading', { name: 'Not open to your role' }).waitFor();
      await navigation.getByRole('link', { name: 'Personas' }).click();
      await phonePage.locator('.persona-card').first().waitFor();
      await expect(phonePage.getByRole('button', { name: /Discover/ }).count()).resolves.toBe(0);
      await phonePage.locator('.persona-card h2 a').first().click();
      await phonePage.getByRole('region', { name: 'Profile' }).waitFor();
      await expect(phonePage.getByLabel('Pin this persona').count()).resolves.toBe(0);
      const widths = await phonePage.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    } finally {
      await phone.close();
    }
  });

  it('keeps a long segment name to its axis, and shows a name written as markup as text in the tooltip', async () => {
    const name = 'A very long segment name for the autumn re-engagement campaign <img src=x onerror="window.__injected = 1">';
    const { segment } = await createSegment(server.store.db, { name, filter: { field: 'city', op: 'eq', value: city } }, { actor: 'test', clock: systemClock });
    try {
      await page.goto(`${server.url}/reports`);
      const chart = page.getByRole('region', { name: 'Saved segments' }).locator('.chart-canvas');
      await chart.locator('canvas').waitFor();
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      // down the plot, a row at a time, until the tooltip is this segment's: the axis tooltip answers anywhere over a row
      const tooltip = chart.locator('div').filter({ hasText: 'onerror' }).last();
      for (let y = box.y + 10; y < box.y + box.height && await tooltip.count() === 0; y += 9) {
        await page.mouse.move(box.x + box.width * 0.6, y);
        await page.waitForTimeout(60);
      }
      await tooltip.waitFor();
      await expect(tooltip.textContent()).resolves.toContain('<img src=x onerror=');
      await expect(page.evaluate(() => (window as unknown as { __injected?: number }).__injected)).resolves.toBeUndefined();
    } finally {
      await deleteSegment(server.store.db, segment.segment_id);
    }
  });
});
