import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestUser } from '../../helpers/auth.js';
import { describeWithBrowser, pagePoll, signInThroughForm, useStaffApp, type DemoServer } from '../../helpers/browser.js';

/** How wide the page is against the window: wider, and the whole page scrolls sideways. */
function pageWidths(page: Page) {
  return page.evaluate(() => ({ pageWidth: document.documentElement.scrollWidth, viewportWidth: window.innerWidth }));
}

/** Two customers with loyalty cards, as the demo imports them (external_id.loyalty_card). */
async function loyaltyCardHolders(server: DemoServer) {
  const { db } = server.store;
  const holders = await db.selectFrom('customer_identity').innerJoin('customer', 'customer.customer_id', 'customer_identity.customer_id')
    .select(['customer.customer_id', 'customer.name', 'customer_identity.value']).where('customer_identity.kind', '=', 'external')
    .where('customer_identity.namespace', '=', 'loyalty_card').where('customer.merged_into_customer_id', 'is', null).where('customer.name', 'is not', null)
    .orderBy('customer.customer_id').limit(2).execute();
  expect(holders).toHaveLength(2);
  return holders;
}

const loyaltyCardsOf = (server: DemoServer, customerId: number) => server.store.db.selectFrom('customer_identity').select('value')
  .where('customer_id', '=', customerId).where('kind', '=', 'external').where('namespace', '=', 'loyalty_card').execute();

/**
 * An agent (customers:write, without customers:merge) on a customer's Identities card and on the New
 * customer form: a loyalty card removed could not be put back but through the API, and a session
 * ending under a filled-in New customer form lost every field.
 */
describeWithBrowser('identities added by an agent, and a draft kept across a sign-in', () => {
  const app = useStaffApp({ customers: 20, isSignedIn: false });

  it('lets an agent put back a loyalty card they removed, naming the customer who has one already, and refusing a placeholder phone under its field', async () => {
    const { page, server } = app;
    const [customer, other] = await loyaltyCardHolders(server);
    const agent = await createTestUser(server.store, 'agent');
    await signInThroughForm(page, server.url, agent.user.email, agent.password);
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    const card = page.getByRole('region', { name: 'Identities' });

    await card.getByRole('button', { name: `Remove Loyalty card ${customer.value}` }).click();
    await card.getByRole('button', { name: 'Yes, remove it' }).click();
    await expect.poll(() => loyaltyCardsOf(server, customer.customer_id), pagePoll).toEqual([]);
    await card.getByText(customer.value, { exact: true }).waitFor({ state: 'detached' });

    // another customer's card: said under the value, naming and linking them, with whom to ask to merge
    await card.getByRole('button', { name: 'Add identity' }).click();
    const form = card.getByRole('form', { name: 'Add identity' });
    await expect(form.getByLabel('Kind').inputValue()).resolves.toBe('external:loyalty_card');
    const value = form.getByLabel('Value', { exact: true });
    await value.fill(other.value);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const taken = form.getByRole('alert').filter({ hasText: `Loyalty card ${other.value} already belongs to another customer:` });
    await taken.waitFor();
    await expect(taken.getAttribute('id')).resolves.toBe(await value.getAttribute('aria-describedby'));
    await expect(taken.getByRole('link', { name: `${other.name} (No. ${other.customer_id})` }).getAttribute('href')).resolves.toBe(`/customers/${other.customer_id}`);
    await taken.getByText(`ask an owner or administrator to merge customers No. ${customer.customer_id} and No. ${other.customer_id}`).waitFor();
    await expect(loyaltyCardsOf(server, customer.customer_id)).resolves.toEqual([]);

    // a placeholder phone the server refuses: under the value, not as a bare error under the card
    await form.getByLabel('Kind').selectOption({ label: 'Phone' });
    await value.fill('0000000000');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const refused = form.getByRole('alert').filter({ hasText: 'This is not a phone number the store can use' });
    await refused.waitFor();
    await expect(refused.getAttribute('id')).resolves.toBe(await value.getAttribute('aria-describedby'));

    // another system needs its name, said before anything is sent
    await form.getByLabel('Kind').selectOption({ label: 'Another system\'s id' });
    await value.fill('K-77');
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    const system = form.getByLabel('System the id comes from');
    await form.getByRole('alert').filter({ hasText: 'Name the system this id comes from' }).waitFor();
    await expect(system.getAttribute('aria-invalid')).resolves.toBe('true');

    await form.getByLabel('Kind').selectOption({ label: 'Loyalty card' });
    await value.fill(` ${customer.value} `);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await card.getByRole('status').filter({ hasText: `Loyalty card ${customer.value} added.` }).waitFor();
    await card.getByText(customer.value, { exact: true }).waitFor();
    await expect(loyaltyCardsOf(server, customer.customer_id)).resolves.toEqual([{ value: customer.value }]);
  });

  it('adds a new customer with a loyalty card, refusing one another customer has under its row', async () => {
    const { page, server } = app;
    const [holder] = await loyaltyCardHolders(server);
    await page.goto(`${server.url}/customers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Sari Wulandari');
    await page.getByRole('button', { name: 'Add identity' }).click();
    const row = page.getByRole('group', { name: 'Identity 1' });
    const value = row.getByLabel('Value', { exact: true });
    await value.fill(holder.value);
    await page.getByRole('button', { name: 'Create customer' }).click();
    const taken = row.getByRole('alert').filter({ hasText: `Loyalty card ${holder.value} already belongs to another customer:` });
    await taken.waitFor();
    // the holder's name comes in a request of its own after the refusal: waited for, as a person would
    await expect.poll(() => taken.getByRole('link', { name: `${holder.name} (No. ${holder.customer_id})` }).count(), pagePoll).toBe(1);
    await expect(value.evaluate((input) => input === document.activeElement)).resolves.toBe(true);

    await value.fill('LC-NEW-0001');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);
    const customerId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('region', { name: 'Identities' }).getByText('LC-NEW-0001', { exact: true }).waitFor();
    await expect(loyaltyCardsOf(server, customerId)).resolves.toEqual([{ value: 'LC-NEW-0001' }]);
  });

  it('keeps a New customer draft while the person signs in again, and starts empty once it is cancelled', async () => {
    const { page, server } = app;
    const agent = await createTestUser(server.store, 'agent');
    await page.context().clearCookies();
    await signInThroughForm(page, server.url, agent.user.email, agent.password);
    await page.goto(`${server.url}/customers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Putu Kusumawardani');
    await page.getByLabel('Email', { exact: true }).fill('putu.k@warung.example');
    await page.getByLabel('City', { exact: true }).fill('Denpasar');
    await page.getByRole('radio', { name: 'Organisation' }).check();
    await page.getByRole('combobox', { name: /^SMS marketing/ }).selectOption('no');
    await page.getByRole('button', { name: 'Add identity' }).click();
    await page.getByRole('group', { name: 'Identity 1' }).getByLabel('Value', { exact: true }).fill('LC-DRAFT-7');

    // the session ends (cookie gone): the create is answered 401 and the sign-in page takes the form's place
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.getByLabel(/password/i).waitFor();
    expect(new URL(page.url()).pathname).toBe('/customers/new');
    const kept = await page.evaluate(() => Object.entries(window.sessionStorage).map(([key, text]) => `${key}=${text}`).join('\n'));
    expect(kept).toContain('Putu Kusumawardani');
    expect(kept).not.toContain(agent.password);
    await page.getByLabel(/email/i).fill(agent.user.email);
    await page.getByLabel(/password/i).fill(agent.password);
    await page.getByRole('button', { name: /sign in/i }).click();

    await page.getByRole('heading', { level: 1, name: 'New customer' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'What you had typed was kept while you signed in again' }).waitFor();
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Putu Kusumawardani');
    await expect(page.getByLabel('Email', { exact: true }).inputValue()).resolves.toBe('putu.k@warung.example');
    await expect(page.getByLabel('City', { exact: true }).inputValue()).resolves.toBe('Denpasar');
    await expect(page.getByRole('radio', { name: 'Organisation' }).isChecked()).resolves.toBe(true);
    await expect(page.getByRole('combobox', { name: /^SMS marketing/ }).inputValue()).resolves.toBe('no');
    await expect(page.getByRole('group', { name: 'Identity 1' }).getByLabel('Value', { exact: true }).inputValue()).resolves.toBe('LC-DRAFT-7');
    // given back once: nothing is left in the tab's storage
    await expect(page.evaluate(() => window.sessionStorage.length)).resolves.toBe(0);

    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(/\/customers$/);
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByRole('heading', { level: 1, name: 'New customer' }).waitFor();
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('');
    await expect(page.getByRole('status').filter({ hasText: 'What you had typed was kept' }).count()).resolves.toBe(0);
  });

  it('fits the customer page and New customer into a 320px screen', async () => {
    const { page, server } = app;
    const [customer] = await loyaltyCardHolders(server);
    const agent = await createTestUser(server.store, 'agent');
    await page.context().clearCookies();
    await signInThroughForm(page, server.url, agent.user.email, agent.password);
    await page.setViewportSize({ width: 320, height: 640 });
    try {
      await page.goto(`${server.url}/customers/${customer.customer_id}`);
      const identities = page.getByRole('region', { name: 'Identities' });
      await identities.getByText(customer.value, { exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await expect(pageWidths(page)).resolves.toEqual({ pageWidth: 320, viewportWidth: 320 });
      await identities.getByRole('button', { name: 'Add identity' }).click();
      await expect(pageWidths(page)).resolves.toEqual({ pageWidth: 320, viewportWidth: 320 });
      await page.goto(`${server.url}/customers/new`);
      await page.getByRole('heading', { level: 1, name: 'New customer' }).waitFor();
      await expect(pageWidths(page)).resolves.toEqual({ pageWidth: 320, viewportWidth: 320 });
      await page.getByRole('button', { name: 'Add identity' }).click();
      await page.getByRole('group', { name: 'Identity 1' }).getByLabel('Kind').selectOption({ label: 'Another system\'s id' });
      await expect(pageWidths(page)).resolves.toEqual({ pageWidth: 320, viewportWidth: 320 });
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
    }
  });
});
