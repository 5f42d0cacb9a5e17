import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { createTestUser } from '../../helpers/auth.js';
import { describeWithBrowser, pagePoll, signInThroughForm, useStaffApp } from '../../helpers/browser.js';

/**
 * The customer page's privacy card (GET /api/customers/{id}/export, DELETE /api/customers/{id}), shown only to
 * those who may merge (owner, admin), and the consent card's "since … · changed by staff" line.
 */
describeWithBrowser('a customer page: privacy and consent proof', () => {
  const app = useStaffApp({ customers: 20 });
  const customers = async () => app.server.store.db.selectFrom('customer').select(['customer_id', 'name'])
    .where('merged_into_customer_id', 'is', null).orderBy('customer_id').limit(3).execute();

  it('as the owner downloads everything held about a customer as JSON naming them', async () => {
    const { page, server } = app;
    const [customer] = await customers();
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    const privacy = page.getByRole('region', { name: 'Privacy' });
    const download = page.waitForEvent('download');
    await privacy.getByRole('button', { name: 'Download all data (JSON)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`customer-${customer.customer_id}-export.json`);
    const document = JSON.parse(await readFile(await file.path(), 'utf8')) as { customerId: number };
    expect(document.customerId).toBe(customer.customer_id);
  });

  it('as the owner deletes a customer after the confirm box says it cannot be undone, and they are gone', async () => {
    const { page, server } = app;
    const [, customer] = await customers();
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    const privacy = page.getByRole('region', { name: 'Privacy' });
    await privacy.getByRole('button', { name: 'Delete customer…' }).click();
    const question = privacy.getByRole('alertdialog');
    await question.getByText('This cannot be undone.', { exact: false }).waitFor();
    await question.getByText(/^Erased: their profile, identities/).waitFor();
    // Cancel first: nothing goes
    await question.getByRole('button', { name: 'Cancel' }).click();
    await expect(privacy.getByRole('alertdialog').count()).resolves.toBe(0);
    await privacy.getByRole('button', { name: 'Delete customer…' }).click();
    await privacy.getByRole('alertdialog').getByRole('button', { name: 'Delete for good' }).click();

    await page.waitForURL(`${server.url}/customers`, pagePoll);
    await page.getByRole('status').filter({ hasText: `Customer No. ${customer.customer_id} was deleted.` }).waitFor(pagePoll);
    const left = await server.store.db.selectFrom('customer').select('customer_id').where('customer_id', '=', customer.customer_id).execute();
    expect(left).toEqual([]);
    const status = await page.evaluate(async (id) => (await fetch(`/api/customers/${id}`)).status, customer.customer_id);
    expect(status).toBe(404);
  });

  it('says since when a consent holds after a staff edit', async () => {
    const { page, server } = app;
    const [, , customer] = await customers();
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    const consent = page.getByRole('region', { name: 'Consent' });
    const email = consent.getByLabel('Email marketing', { exact: true });
    const next = (await email.inputValue()) === 'yes' ? 'no' : 'yes';
    await email.selectOption(next);
    await consent.getByRole('button', { name: 'Save consent' }).click();
    await consent.getByText('Consent saved.').waitFor(pagePoll);
    await consent.getByText(/^since \d{1,2} \w{3,4} \d{4} · changed by staff$/).first().waitFor(pagePoll);
  });

  it('as an agent shows no privacy buttons', async () => {
    const { page, server } = app;
    const [customer] = await customers();
    const agent = await createTestUser(server.store, 'agent');
    await page.context().clearCookies();
    await signInThroughForm(page, server.url, agent.user.email, agent.password);
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    await page.getByRole('region', { name: 'Consent' }).waitFor(pagePoll);
    await expect(page.getByRole('region', { name: 'Privacy' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Download all data (JSON)' }).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Delete customer…' }).count()).resolves.toBe(0);
  });
});
