import { expect, it } from 'vitest';
import { createTestUser, signInAs } from '../../helpers/auth.js';
import { describeWithBrowser, pagePoll, signInThroughForm, useStaffApp } from '../../helpers/browser.js';

/**
 * An agent (customers:write, without customers:merge or audit:read) on a customer's page. An email
 * another customer holds offered them a merge they have no control for, without saying who can;
 * and their own edits read "by staff member #5" in the timeline, as anyone else's do to them.
 */
describeWithBrowser('a customer page as an agent sees it', () => {
  const app = useStaffApp({ customers: 20, isSignedIn: false });

  it('tells them whom to ask to merge, naming both customers, and says their own edits are theirs', async () => {
    const { page, server } = app;
    const { db } = server.store;
    const [customer, other] = await db.selectFrom('customer').select(['customer_id', 'name', 'email', 'city', 'region']).where('merged_into_customer_id', 'is', null)
      .where('email', 'is not', null).orderBy('customer_id').limit(2).execute();
    const region = customer.region === 'Jawa Barat' ? 'Jawa Tengah' : 'Jawa Barat';
    const agent = await createTestUser(server.store, 'agent');
    // a colleague's edit first: the agent may not read audit, so it stays "staff member #…"
    const colleague = await signInAs(server.store, 'marketer');
    const colleagueEdit = await server.app.inject({ method: 'PATCH', url: `/api/customers/${customer.customer_id}`, headers: colleague.headers, payload: { region } });
    expect(colleagueEdit.statusCode, colleagueEdit.body).toBe(200);

    await signInThroughForm(page, server.url, agent.user.email, agent.password);
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'Edit' }).click();
    const email = profile.getByLabel('Email', { exact: true });
    await email.fill(other.email!);
    await profile.getByRole('button', { name: 'Save' }).click();
    const taken = profile.getByRole('alert').filter({ hasText: 'This email already belongs to another customer:' });
    await taken.getByText(`If they are one person, ask an owner or administrator to merge customers No. ${customer.customer_id} and No. ${other.customer_id}; otherwise correct it.`).waitFor();
    await expect(taken.textContent()).resolves.not.toContain('merge the two customers');
    await expect(taken.getByRole('button').count()).resolves.toBe(0);
    await expect(page.getByRole('region', { name: 'Merge with another customer' }).count()).resolves.toBe(0);

    await email.fill(customer.email!);
    const city = customer.city === 'Bandung' ? 'Bogor' : 'Bandung';
    await profile.getByLabel('City', { exact: true }).fill(city);
    await profile.getByRole('button', { name: 'Save' }).click();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const own = timeline.getByText(new RegExp(`^City changed from .* to ${city} by you$`));
    await own.waitFor(pagePoll);
    await timeline.getByText(new RegExp(`^Region changed from .* to ${region} by staff member #${colleague.user.userId}$`)).waitFor();
  });
});
