import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createTestUser, signInAs } from '../../helpers/auth.js';
import { describeWithBrowser, pagePoll, signInThroughForm, useStaffApp } from '../../helpers/browser.js';

/** How wide the page is against the window: a form wider than a phone's screen makes the whole page scroll sideways. */
function pageWidths(page: Page) {
  return page.evaluate(() => ({ pageWidth: document.documentElement.scrollWidth, viewportWidth: window.innerWidth }));
}

/**
 * A walk-in customer at the till, or a caller, added by an agent (customers:write) from the list:
 * the form, the server's refusals under their fields, the new customer's page, and the list that
 * finds them. A reader who may not write (an analyst) is offered no such button.
 */
describeWithBrowser('a new customer added by hand', () => {
  const app = useStaffApp({ customers: 20, isSignedIn: false });

  it('lets an agent add a customer, refuses an email another customer has under the field, and lands on the new page', async () => {
    const { page, server } = app;
    const { db } = server.store;
    const [holder] = await db.selectFrom('customer').select(['customer_id', 'name', 'email']).where('merged_into_customer_id', 'is', null)
      .where('email', 'is not', null).where('name', 'is not', null).orderBy('customer_id').limit(1).execute();
    const agent = await createTestUser(server.store, 'agent');
    await signInThroughForm(page, server.url, agent.user.email, agent.password);

    await page.goto(`${server.url}/customers`);
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.waitForURL(/\/customers\/new$/);
    await page.getByRole('heading', { level: 1, name: 'New customer' }).waitFor();
    const customersBefore = await db.selectFrom('customer').select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();

    // nothing filled in: the server's CUSTOMER_EMPTY under the name
    await page.getByRole('button', { name: 'Create customer' }).click();
    const name = page.getByLabel('Name', { exact: true });
    // wait for the answer before reading which problem describes the name: under load it comes late
    await page.getByRole('alert').filter({ hasText: 'at least' }).waitFor();
    const nameProblem = page.locator(`[id="${await name.getAttribute('aria-describedby')}"]`);
    await expect(nameProblem.textContent()).resolves.toContain('at least');

    // an email another customer holds: said under the email, naming and linking that customer
    await name.fill('Wulan Sekarsari');
    const email = page.getByLabel('Email', { exact: true });
    await email.fill(holder.email!.toUpperCase());
    await page.getByRole('button', { name: 'Create customer' }).click();
    const taken = page.getByRole('alert').filter({ hasText: 'This email already belongs to another customer:' });
    await taken.waitFor();
    await expect(taken.getAttribute('id')).resolves.toBe(await email.getAttribute('aria-describedby'));
    await expect(taken.getByRole('link', { name: `${holder.name} (No. ${holder.customer_id})` }).getAttribute('href')).resolves.toBe(`/customers/${holder.customer_id}`);
    await expect(email.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    const customersAfterRefusals = await db.selectFrom('customer').select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
    expect(customersAfterRefusals.count).toBe(customersBefore.count);

    // on a phone the form fits the screen
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(pageWidths(page)).resolves.toEqual({ pageWidth: 390, viewportWidth: 390 });
    await page.setViewportSize({ width: 1366, height: 900 });

    await email.fill('wulan.sekarsari@warung.example');
    await page.getByRole('radio', { name: 'Organisation' }).check();
    await page.getByLabel('Phone', { exact: true }).fill('+62 812 5550 1234');
    await page.getByLabel('City', { exact: true }).fill('Yogyakarta');
    await page.getByRole('combobox', { name: /^Country/ }).selectOption('ID');
    await page.getByLabel('Birth year', { exact: true }).fill('1988');
    await page.getByRole('combobox', { name: /^Email marketing/ }).selectOption('yes');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);
    const customerId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByRole('heading', { level: 1, name: 'Wulan Sekarsari' }).waitFor();
    const created = await db.selectFrom('customer').select(['kind', 'name', 'email', 'phone', 'city', 'country', 'birth_year', 'consent_email', 'consent_sms'])
      .where('customer_id', '=', customerId).executeTakeFirstOrThrow();
    expect(created).toEqual({ kind: 'organization', name: 'Wulan Sekarsari', email: 'wulan.sekarsari@warung.example', phone: '+6281255501234', city: 'Yogyakarta', country: 'ID', birth_year: 1988, consent_email: true, consent_sms: null });

    await page.goto(`${server.url}/customers`);
    await page.getByRole('searchbox', { name: 'Search' }).fill('sekarsari wulan');
    await page.waitForURL(/q=/);
    await page.getByText('1 customer', { exact: true }).waitFor();
    await expect(page.getByRole('link', { name: 'Wulan Sekarsari' }).getAttribute('href')).resolves.toBe(`/customers/${customerId}`);

    // Cancel goes back to the list, creating no one
    await page.getByRole('link', { name: 'New customer' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Nobody Atall');
    await page.getByRole('link', { name: 'Cancel' }).click();
    await page.waitForURL(/\/customers$/);
    await expect(db.selectFrom('customer').select('customer_id').where('name', '=', 'Nobody Atall').execute()).resolves.toEqual([]);
  });

  it('records a caller\'s gender and income band, and changes or clears them on the profile', async () => {
    const { page, server } = app;
    const reader = await signInAs(server.store, 'analyst');
    const storedProfile = async (customerId: number) => {
      const response = await server.app.inject({ method: 'GET', url: `/api/customers/${customerId}`, headers: reader.readHeaders });
      expect(response.statusCode, response.body).toBe(200);
      const { customer } = response.json() as { customer: { name: string | null; gender: string | null; income_band: string | null } };
      return { name: customer.name, gender: customer.gender, income_band: customer.income_band };
    };
    const agent = await createTestUser(server.store, 'agent');
    await page.context().clearCookies();
    await signInThroughForm(page, server.url, agent.user.email, agent.password);

    await page.goto(`${server.url}/customers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Dewi Lestari');
    await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Female' });
    await page.getByLabel('Income band', { exact: true }).selectOption('5-10M');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);
    const customerId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect(storedProfile(customerId)).resolves.toEqual({ name: 'Dewi Lestari', gender: 'female', income_band: '5-10M' });

    // a blank one is left out: no "" stored, nothing for the card to show
    await page.goto(`${server.url}/customers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Rudi Hartono');
    await page.getByLabel('Gender', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Create customer' }).click();
    await page.waitForURL(/\/customers\/\d+$/);
    await expect(storedProfile(Number(new URL(page.url()).pathname.split('/').pop()))).resolves.toEqual({ name: 'Rudi Hartono', gender: null, income_band: null });

    await page.goto(`${server.url}/customers/${customerId}`);
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByText('Female', { exact: true }).waitFor();
    await profile.getByRole('button', { name: 'Edit' }).click();
    const gender = profile.getByLabel('Gender', { exact: true });
    const incomeBand = profile.getByLabel('Income band', { exact: true });
    await expect(gender.inputValue()).resolves.toBe('female');
    await expect(incomeBand.inputValue()).resolves.toBe('5-10M');
    await gender.selectOption('');
    await incomeBand.selectOption('10-20M');
    await profile.getByRole('button', { name: 'Save' }).click();
    await profile.getByRole('button', { name: 'Edit' }).waitFor();
    await expect(storedProfile(customerId)).resolves.toEqual({ name: 'Dewi Lestari', gender: null, income_band: '10-20M' });
    await page.getByRole('region', { name: 'Timeline' }).getByText(/^Gender changed from female to \(empty\); Income band changed from 5\s?M\s?–\s?10\s?M to 10\s?M\s?–\s?20\s?M by you$/i).waitFor(pagePoll);

    // the form opened again starts from what was saved
    await profile.getByRole('button', { name: 'Edit' }).click();
    await expect(gender.inputValue()).resolves.toBe('');
    await expect(incomeBand.inputValue()).resolves.toBe('10-20M');
  });

  it('offers an analyst no way to add a customer', async () => {
    const { page, server } = app;
    const analyst = await createTestUser(server.store, 'analyst');
    await page.context().clearCookies();
    await signInThroughForm(page, server.url, analyst.user.email, analyst.password);
    await page.goto(`${server.url}/customers`);
    await page.locator('.customer-table [role="row"][aria-rowindex="2"]').getByRole('link').waitFor();
    await expect(page.getByRole('link', { name: 'New customer' }).count()).resolves.toBe(0);
    await page.goto(`${server.url}/customers/new`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect(page.getByRole('button', { name: 'Create customer' }).count()).resolves.toBe(0);
  });
});
