import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeWithBrowser, useStaffApp } from '../../helpers/browser.js';
import { createTestUser } from '../../helpers/auth.js';

/**
 * Settings › Team driven from the keyboard, as a screen reader user would: after every action focus is
 * somewhere useful (never the page's start), a question takes focus and is named, Cancel and Escape
 * give focus back to the button that asked, and the outcome is said in the page's status region.
 */
describeWithBrowser('staff web app: keyboard focus and announcements on the Team page', () => {
  const app = useStaffApp({ customers: 10 });
  const teamRow = (page: Page, text: string) => page.getByRole('row').filter({ hasText: text });
  const storedUser = (userId: number) => app.server.store.db.selectFrom('staff_user').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();
  /** What has focus, as a screen reader names it: tag, then label or text. */
  const focused = (page: Page) => page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    return `${active.tagName.toLowerCase()}: ${active.getAttribute('aria-label') ?? active.textContent ?? ''}`;
  });
  /** The question a box asks, as a screen reader reads it after the box's name. */
  const description = async (page: Page, box: ReturnType<Page['getByRole']>) => {
    const ids = (await box.getAttribute('aria-describedby'))!.split(' ');
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  };
  const announced = (page: Page, text: string) => page.getByRole('region', { name: 'Team' }).getByRole('status').filter({ hasText: text }).waitFor();
  /** Waits until focus has left body for good, then says where it is. */
  const settledFocus = async (page: Page) => {
    await page.waitForTimeout(300);
    return focused(page);
  };

  it('keeps focus on the row through a role change, a disable (with its question) and an enable, saying each outcome', async () => {
    const { page, server } = app;
    const colleague = await createTestUser(server.store, 'marketer', { email: 'ana@shop.example' });
    await page.goto(`${server.url}/settings/team`);
    const row = teamRow(page, 'ana@shop.example');

    await row.getByLabel('Role of Test marketer').selectOption('analyst');
    await row.getByRole('button', { name: 'Save role' }).focus();
    await page.keyboard.press('Enter');
    await announced(page, 'Role of Test marketer saved: Analyst');
    await expect(settledFocus(page)).resolves.toBe('select: Role of Test marketer (ana@shop.example)');
    expect((await storedUser(colleague.user.userId)).role).toBe('analyst');

    // the question takes focus on its least destructive answer and is named by its text
    await row.getByRole('button', { name: 'Disable Test marketer (ana@shop.example)', exact: true }).focus();
    await page.keyboard.press('Enter');
    const question = row.getByRole('alertdialog', { name: 'Disable Test marketer (ana@shop.example)', exact: true });
    await question.waitFor();
    await expect(description(page, question)).resolves.toContain('Test marketer is signed out at once');
    await expect(focused(page)).resolves.toBe('button: Cancel');
    await page.keyboard.press('Escape');
    await expect(settledFocus(page)).resolves.toBe('button: Disable Test marketer (ana@shop.example)');
    await page.keyboard.press('Enter');
    await question.waitFor();
    await page.keyboard.press('Enter');
    await expect(settledFocus(page)).resolves.toBe('button: Disable Test marketer (ana@shop.example)');
    expect((await storedUser(colleague.user.userId)).disabled_at).toBeNull();

    await page.keyboard.press('Enter');
    await row.getByRole('button', { name: 'Disable Test marketer' }).focus();
    await page.keyboard.press('Enter');
    await announced(page, 'Test marketer disabled: signed out everywhere');
    await expect(settledFocus(page)).resolves.toBe('button: Enable Test marketer (ana@shop.example)');
    expect((await storedUser(colleague.user.userId)).disabled_at).not.toBeNull();

    await page.keyboard.press('Enter');
    await announced(page, 'Test marketer enabled: can sign in again');
    await expect(settledFocus(page)).resolves.toBe('button: Disable Test marketer (ana@shop.example)');
    expect((await storedUser(colleague.user.userId)).disabled_at).toBeNull();
  });

  it('asks before a password reset, gives focus back on Cancel, and focuses the new one-time password', async () => {
    const { page, server } = app;
    await createTestUser(server.store, 'agent', { email: 'budi@shop.example' });
    await page.goto(`${server.url}/settings/team`);
    const row = teamRow(page, 'budi@shop.example');
    await row.getByRole('button', { name: 'Reset password for Test agent (budi@shop.example)', exact: true }).focus();
    await page.keyboard.press('Enter');
    const question = row.getByRole('alertdialog', { name: 'Reset password for Test agent (budi@shop.example)', exact: true });
    await question.waitFor();
    await expect(description(page, question)).resolves.toContain('Test agent gets a new one-time password');
    await expect(focused(page)).resolves.toBe('button: Cancel');
    await page.keyboard.press('Enter');
    await expect(settledFocus(page)).resolves.toBe('button: Reset password for Test agent (budi@shop.example)');

    await page.keyboard.press('Enter');
    await row.getByRole('button', { name: 'Reset the password of Test agent' }).focus();
    await page.keyboard.press('Enter');
    await announced(page, 'Password of Test agent reset');
    const secret = (await row.getByLabel('One-time password').textContent()) ?? '';
    expect(secret).toMatch(/^[a-zA-Z2-9]{16}$/);
    await expect(settledFocus(page)).resolves.toContain(secret);
  });

  it('focuses the new person\'s one-time password after Add person, and the first field when it is refused', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/settings/team`);
    const form = page.getByRole('region', { name: 'Add a person' });
    await form.getByLabel('Name').fill('Sari Dewi');
    await form.getByLabel('Email').fill('sari@shop.example');
    await form.getByRole('button', { name: 'Add person' }).focus();
    await page.keyboard.press('Enter');
    const secret = (await form.getByLabel('One-time password').textContent()) ?? '';
    expect(secret).toMatch(/^[a-zA-Z2-9]{16}$/);
    await expect(settledFocus(page)).resolves.toContain(secret);
    await teamRow(page, 'sari@shop.example').waitFor();

    await form.getByLabel('Name').fill('Sari again');
    await form.getByLabel('Email').fill('sari@shop.example');
    await form.getByRole('button', { name: 'Add person' }).focus();
    await page.keyboard.press('Enter');
    await form.getByText('sari@shop.example already exists').waitFor();
    await expect(settledFocus(page)).resolves.toBe('input: ');
    await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).value)).resolves.toBe('Sari again');
  });
});
