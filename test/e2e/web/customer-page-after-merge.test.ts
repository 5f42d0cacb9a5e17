import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { signInAs } from '../../helpers/auth.js';
import { describeWithBrowser, pagePoll, useStaffApp } from '../../helpers/browser.js';

/**
 * A customer's page after a merge or its undo, where the forms still open showed the record as it
 * was and saved it back over the merged one; the timeline after a consent is saved; and the way
 * back to the list the person searched.
 */
describeWithBrowser('staff web app: the customer page after a merge', () => {
  const app = useStaffApp({ customers: 60 });

  // a customer with every profile field a merge fills, and an email the lead can ask for
  async function fullProfile(exceptIds: number[] = []) {
    const { rows: [row] } = await sql<{ customer_id: number; email: string; city: string; region: string; country: string; gender: string; birth_year: number; income_band: string }>`
      select customer_id, email, city, region, country, gender, birth_year, income_band from customer
      where merged_into_customer_id is null and email is not null and city is not null and region is not null and country is not null
        and gender is not null and birth_year is not null and income_band is not null and not (customer_id = any(${exceptIds}))
      order by customer_id limit 1`.execute(app.server.store.db);
    return row;
  }

  async function createLead(name: string): Promise<number> {
    const { server } = app;
    const admin = await signInAs(server.store, 'admin');
    const created = await server.app.inject({ method: 'POST', url: '/api/customers', headers: admin.headers, payload: { name } });
    expect(created.statusCode, created.body).toBe(201);
    return (created.json() as { customer: { customer_id: number } }).customer.customer_id;
  }

  const patches = (page: Page) => {
    const bodies: Array<Record<string, unknown>> = [];
    page.on('request', (request) => { if (request.method() === 'PATCH' && /\/api\/customers\/\d+$/.test(new URL(request.url()).pathname)) bodies.push(request.postDataJSON() as Record<string, unknown>); });
    return bodies;
  };

  it('keeps what a merge filled when the profile opened before it is saved, and sends only what the person changed', async () => {
    const { page, server } = app;
    const other = await fullProfile();
    const leadId = await createLead('Lead After Merge');
    const sent = patches(page);
    await page.goto(`${server.url}/customers/${leadId}`);
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'Edit' }).click();
    await profile.getByLabel('Email', { exact: true }).fill(other.email);
    await profile.getByRole('button', { name: 'Save' }).click();
    await profile.getByRole('button', { name: `Merge No. ${other.customer_id} into this customer…` }).click();
    const mergePanel = page.getByRole('region', { name: 'Merge with another customer' });
    await mergePanel.getByRole('region', { name: 'Merge preview' }).waitFor();
    await mergePanel.getByRole('button', { name: 'Merge', exact: true }).click();
    // the form still open follows the merged customer
    await expect.poll(() => profile.getByLabel('City', { exact: true }).inputValue(), pagePoll).toBe(other.city);
    await expect(profile.getByLabel('Region', { exact: true }).inputValue()).resolves.toBe(other.region);
    await expect(profile.getByLabel('Birth year', { exact: true }).inputValue()).resolves.toBe(String(other.birth_year));
    await expect(profile.getByLabel('Gender', { exact: true }).inputValue()).resolves.toBe(other.gender);
    await expect(profile.getByLabel('Income band', { exact: true }).inputValue()).resolves.toBe(other.income_band);
    // chosen under the card's own words, not as stored
    const bandChosen = await profile.locator('select[name=incomeBand] option:checked').textContent();
    await profile.getByLabel('Name', { exact: true }).fill('Lead After Merge Renamed');
    await profile.getByRole('button', { name: 'Save' }).click();
    await profile.getByRole('button', { name: 'Edit' }).waitFor();
    await expect(profile.locator('dt', { hasText: 'Income band' }).locator('+ dd').textContent()).resolves.toBe(bandChosen);

    const saved = await server.store.db.selectFrom('customer').select(['name', 'city', 'region', 'country', 'gender', 'birth_year', 'income_band'])
      .where('customer_id', '=', leadId).executeTakeFirstOrThrow();
    expect(saved).toEqual({ name: 'Lead After Merge Renamed', city: other.city, region: other.region, country: other.country, gender: other.gender, birth_year: other.birth_year, income_band: other.income_band });
    expect(sent.at(-1)).toEqual({ name: 'Lead After Merge Renamed' });
  });

  it('shows the consent a merge kept and its undo restored, never re-granting a refusal on Save', async () => {
    const { page, server } = app;
    const { db } = server.store;
    const { rows: [kept, refusing] } = await sql<{ customer_id: number }>`
      select c.customer_id from customer c where c.merged_into_customer_id is null
        and not exists (select 1 from customer_merge m where c.customer_id in (m.kept_customer_id, m.merged_customer_id))
      order by c.customer_id desc limit 2`.execute(db);
    await db.updateTable('customer').set({ consent_email: true, consent_sms: true }).where('customer_id', '=', kept.customer_id).execute();
    await db.updateTable('customer').set({ consent_email: false, consent_sms: false }).where('customer_id', '=', refusing.customer_id).execute();
    await page.goto(`${server.url}/customers/${kept.customer_id}`);
    const consent = page.getByRole('region', { name: 'Consent' });
    const email = consent.getByRole('combobox', { name: 'Email marketing' });
    const save = consent.getByRole('button', { name: 'Save consent' });
    await expect.poll(() => email.inputValue(), pagePoll).toBe('yes');

    const mergePanel = page.getByRole('region', { name: 'Merge with another customer' });
    await mergePanel.getByLabel("Other customer's number").fill(String(refusing.customer_id));
    await mergePanel.getByRole('button', { name: 'Look up' }).click();
    await mergePanel.getByRole('region', { name: 'Merge preview' }).waitFor();
    await mergePanel.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect.poll(() => email.inputValue(), pagePoll).toBe('no');
    await expect(consent.getByRole('combobox', { name: 'SMS marketing' }).inputValue()).resolves.toBe('no');
    await expect(save.isDisabled()).resolves.toBe(true);

    // the undo brings the kept customer's own answers back, and the card with them
    await mergePanel.getByRole('button', { name: 'Undo' }).first().click();
    await expect.poll(() => email.inputValue(), pagePoll).toBe('yes');
    await expect(save.isDisabled()).resolves.toBe(true);
    const stored = await db.selectFrom('customer').select(['consent_email', 'consent_sms']).where('customer_id', '=', kept.customer_id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ consent_email: true, consent_sms: true });
  });

  it('lists a saved consent in the timeline at once, and the one after it', async () => {
    const { page, server } = app;
    const { rows: [customer] } = await sql<{ customer_id: number }>`
      select customer_id from customer where merged_into_customer_id is null and consent_profiling is distinct from false order by customer_id limit 1`.execute(server.store.db);
    await page.goto(`${server.url}/customers/${customer.customer_id}`);
    const consent = page.getByRole('region', { name: 'Consent' });
    const timeline = page.getByRole('region', { name: 'Timeline' });
    await timeline.locator('li').first().waitFor();
    const profiling = consent.getByRole('combobox', { name: 'Profiling' });
    await profiling.selectOption('no');
    await consent.getByRole('button', { name: 'Save consent' }).click();
    await consent.getByRole('status').filter({ hasText: 'Consent saved.' }).waitFor();
    await timeline.getByText(/^Consent to profiling changed from .+ to No by you$/).waitFor(pagePoll);
    await profiling.selectOption('yes');
    await consent.getByRole('button', { name: 'Save consent' }).click();
    await timeline.getByText(/^Consent to profiling changed from No to Yes by you$/).waitFor(pagePoll);
  });

  it('goes back with "← Customers" to the list as it was searched', async () => {
    const { page, server } = app;
    const named = await server.store.db.selectFrom('customer').select(['customer_id', 'name']).where('merged_into_customer_id', 'is', null)
      .where('name', 'is not', null).orderBy('customer_id').executeTakeFirstOrThrow();
    const search = `?q=${encodeURIComponent(named.name!).replace(/%20/g, '+')}`;
    await page.goto(`${server.url}/customers${search}`);
    await page.locator(`a[href="/customers/${named.customer_id}"]`).first().click();
    await page.waitForURL(new RegExp(`/customers/${named.customer_id}$`));
    await page.getByRole('link', { name: '← Customers' }).click();
    await page.waitForURL((url) => url.pathname === '/customers');
    expect(new URL(page.url()).search).toBe(search);
    await expect(page.getByRole('searchbox', { name: 'Search' }).inputValue()).resolves.toBe(named.name);
  });
});
