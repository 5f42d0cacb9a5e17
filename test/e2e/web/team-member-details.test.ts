import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, ownerEmail, ownerPassword, useStaffApp } from '../../helpers/browser.js';
import { createTestUser } from '../../helpers/auth.js';

/**
 * Settings › Team: an owner edits a name and the email a person signs in with, their own first (the
 * store's first owner starts without a name), checked in the store and by signing in.
 */
describeWithBrowser('staff web app: a team member\'s name and email', () => {
  const app = useStaffApp({ customers: 10 });
  const teamRow = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const storedUser = (userId: number) => app.server.store.db.selectFrom('staff_user').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  const focusedName = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.getAttribute('name'));

  it('lets the first owner give themselves a name and a new sign-in address, focus moving into the form and back', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/settings/team`);
    const own = teamRow(page, ownerEmail);
    await own.getByRole('button', { name: `Edit the name and email of ${ownerEmail}` }).click();
    const form = page.getByRole('form', { name: `Name and email of ${ownerEmail}` });
    await expect(focusedName(page)).resolves.toBe('name');
    await form.getByLabel('Name').fill('Budi Santoso');
    await form.getByLabel('Email').fill(' Budi@Shop.example ');
    await form.getByRole('button', { name: 'Save' }).click();
    const row = teamRow(page, 'Budi Santoso');
    await row.getByRole('status').filter({ hasText: 'Name and email saved.' }).waitFor();
    await expect(row.textContent()).resolves.toContain('budi@shop.example');
    await expect(focusedName(page)).resolves.toBe('Edit the name and email of Budi Santoso (budi@shop.example)');
    const signIn = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'budi@shop.example', password: ownerPassword }) });
    expect(signIn.status).toBe(200);
    // still signed in, and the account page says who they are now
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Your account' }).click();
    await expect(page.getByRole('region', { name: 'Your account' }).textContent()).resolves.toContain('budi@shop.example');
  });

  it('says a taken address under the email field and focuses it; Cancel changes nothing and gives focus back', async () => {
    const { page, server } = app;
    const colleague = await createTestUser(server.store, 'analyst', { email: 'sari@shop.example' });
    await createTestUser(server.store, 'agent', { email: 'taken@shop.example' });
    await page.goto(`${server.url}/settings/team`);
    const row = teamRow(page, 'sari@shop.example');
    await row.getByRole('button', { name: 'Edit the name and email of Test analyst' }).click();
    // while the form is open the row shows the address only as the field's value
    const form = page.getByRole('form', { name: 'Name and email of Test analyst' });
    const email = form.getByLabel('Email');
    await email.fill('TAKEN@shop.example');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByRole('alert').filter({ hasText: 'A staff user with the email taken@shop.example already exists.' }).waitFor();
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(focusedName(page)).resolves.toBe('email');
    const describedBy = (await email.getAttribute('aria-describedby'))!.split(' ');
    const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.join(' ')).toContain('taken@shop.example already exists');
    await form.getByRole('button', { name: 'Cancel' }).click();
    await expect(focusedName(page)).resolves.toBe('Edit the name and email of Test analyst (sari@shop.example)');
    expect((await storedUser(colleague.user.userId)).email).toBe('sari@shop.example');
  });
});
