import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createTestUser } from '../../helpers/auth.js';
import { describeWithBrowser, pagePoll, signInThroughForm, useStaffApp, type DemoServer } from '../../helpers/browser.js';

/** Whether the keyboard's focus is on `locator`, waited for: focus moves once the page has answered. */
async function expectFocusOn(locator: Locator): Promise<void> {
  await locator.waitFor();
  await expect.poll(() => locator.evaluate((element) => element === document.activeElement), pagePoll).toBe(true);
}

/** Presses a button from the keyboard, as a person who does not use a mouse does. */
async function press(button: Locator): Promise<void> {
  await button.focus();
  await button.press('Enter');
}

async function twoCustomers(server: DemoServer) {
  const customers = await server.store.db.selectFrom('customer').select(['customer_id', 'city']).where('merged_into_customer_id', 'is', null)
    .where('name', 'is not', null).orderBy('customer_id').limit(2).execute();
  expect(customers).toHaveLength(2);
  return customers;
}

const cityOf = async (server: DemoServer, customerId: number) => (await server.store.db.selectFrom('customer').select('city')
  .where('customer_id', '=', customerId).executeTakeFirstOrThrow()).city;

const focusedElement = (page: Page) => page.evaluate(() => document.activeElement?.tagName ?? null);

/**
 * A keyboard user on a customer's page: after almost every action focus fell to the page's start
 * (<body>), and a half-finished profile edit was lost when the session ended under it.
 */
describeWithBrowser('focus on the customer page, and a profile draft kept across a sign-in', () => {
  const app = useStaffApp({ customers: 20 });

  it('moves focus into what opens, back to what opened it, and to what an action did', async () => {
    const { page, server } = app;
    const [customer, other] = await twoCustomers(server);
    await page.goto(`${server.url}/customers/${customer.customer_id}`);

    const profile = page.getByRole('region', { name: 'Profile' });
    const edit = profile.getByRole('button', { name: 'Edit' });
    await press(edit);
    await expectFocusOn(profile.getByLabel('Name', { exact: true }));
    await press(profile.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(edit);
    await press(edit);
    const city = customer.city === 'Bogor' ? 'Bandung' : 'Bogor';
    await profile.getByLabel('City', { exact: true }).fill(city);
    await press(profile.getByRole('button', { name: 'Save' }));
    await expectFocusOn(edit);
    await expect(cityOf(server, customer.customer_id)).resolves.toBe(city);

    const identities = page.getByRole('region', { name: 'Identities' });
    const add = identities.getByRole('button', { name: 'Add identity' });
    await press(add);
    const form = identities.getByRole('form', { name: 'Add identity' });
    await expectFocusOn(form.getByLabel('Kind'));
    await press(form.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(add);
    await press(add);
    await form.getByLabel('Kind').selectOption({ label: 'Loyalty card' });
    await form.getByLabel('Value', { exact: true }).fill('LC-FOCUS-1');
    await press(form.getByRole('button', { name: 'Add', exact: true }));
    await identities.getByRole('status').filter({ hasText: 'Loyalty card LC-FOCUS-1 added.' }).waitFor();
    await expectFocusOn(add);

    const remove = identities.getByRole('button', { name: 'Remove Loyalty card LC-FOCUS-1' });
    await press(remove);
    await expectFocusOn(identities.getByRole('button', { name: 'Yes, remove it' }));
    await press(identities.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(remove);
    await press(remove);
    await press(identities.getByRole('button', { name: 'Yes, remove it' }));
    await expectFocusOn(identities.getByRole('status').filter({ hasText: 'Loyalty card LC-FOCUS-1 removed.' }));

    const consent = page.getByRole('region', { name: 'Consent' });
    const emailConsent = consent.getByRole('combobox', { name: 'Email marketing' });
    const before = await emailConsent.inputValue();
    await emailConsent.selectOption(before === 'yes' ? 'no' : 'yes');
    await press(consent.getByRole('button', { name: 'Cancel' }));
    await expectFocusOn(consent.getByRole('combobox').first());
    await emailConsent.selectOption(before === 'yes' ? 'no' : 'yes');
    await press(consent.getByRole('button', { name: 'Save consent' }));
    await expectFocusOn(consent.getByRole('status').filter({ hasText: 'Consent saved.' }));

    const merge = page.getByRole('region', { name: 'Merge with another customer' });
    // written as the page writes a customer's number
    await merge.getByLabel('Other customer\'s number').fill(`No. ${other.customer_id}`);
    await press(merge.getByRole('button', { name: 'Look up' }));
    await press(merge.getByRole('button', { name: 'Merge', exact: true }));
    await expectFocusOn(merge.getByRole('status').filter({ hasText: `No. ${other.customer_id} merged into this customer.` }));
    await press(merge.getByRole('button', { name: 'Undo', exact: true }));
    await expectFocusOn(merge.getByRole('status').filter({ hasText: `The merge of No. ${other.customer_id} into No. ${customer.customer_id} was undone.` }));

    await press(page.getByRole('button', { name: 'Sign out' }));
    // the sign-in form's field: until it shows, the customer page's consent and identities also name an email
    await expectFocusOn(page.getByLabel('Email', { exact: true }));
  });

  it('gives back a half-finished profile edit after the session ended under it, and says so', async () => {
    const { page, server } = app;
    const [customer] = await twoCustomers(server);
    const agent = await createTestUser(server.store, 'agent');
    await page.context().clearCookies();
    await signInThroughForm(page, server.url, agent.user.email, agent.password);
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'Edit' }).click();
    await profile.getByLabel('City', { exact: true }).fill('Kota Draf');

    // the session ends (cookie gone): Save is answered 401 and the sign-in page takes the page's place
    await page.context().clearCookies();
    await profile.getByRole('button', { name: 'Save' }).click();
    // the sign-in form's field: until it shows, the customer page's consent and identities also name an email
    await expectFocusOn(page.getByLabel('Email', { exact: true }));
    await page.getByLabel(/email/i).fill(agent.user.email);
    await page.getByLabel(/password/i).fill(agent.password);
    await page.getByRole('button', { name: /sign in/i }).click();

    await profile.getByRole('status').filter({ hasText: 'Your unsaved changes were kept while you signed in again.' }).waitFor();
    await expect(profile.getByLabel('City', { exact: true }).inputValue()).resolves.toBe('Kota Draf');
    await expect(cityOf(server, customer.customer_id)).resolves.not.toBe('Kota Draf');
    await profile.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => cityOf(server, customer.customer_id), pagePoll).toBe('Kota Draf');
    // given back once: the next Edit starts from what is stored, without the notice
    await profile.getByRole('button', { name: 'Edit' }).click();
    await expect(profile.getByRole('status').filter({ hasText: 'Your unsaved changes were kept' }).count()).resolves.toBe(0);
    expect(await focusedElement(page)).toBe('INPUT');
  });
});
