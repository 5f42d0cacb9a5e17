import { expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { chooseLanguage, describeWithBrowser, openBrowser, ownerEmail, ownerPassword, pagePoll, signInThroughForm, useStaffApp } from '../../helpers/browser.js';
import { createTestUser } from '../../helpers/auth.js';
import { createApiKey, permissionsByRole, setOwnLocale, shellCaller } from '../../../src/auth/index.js';
import { verifyPassword } from '../../../src/auth/passwords.js';

/**
 * Settings in the staff web app: one's own password, the team and API keys, driven as an owner
 * would, with a second browser page for the colleague the owner adds. Each step is checked in the
 * store or over the API, not only on the screen.
 */
/** Whether the keyboard's focus is on `locator`, waited for: focus moves once the page has answered. */
async function expectFocusOn(locator: Locator): Promise<void> {
  await locator.waitFor(pagePoll);
  await expect.poll(() => locator.evaluate((element) => element === document.activeElement), pagePoll).toBe(true);
}

async function sessionCookie(page: Page): Promise<string> {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

describeWithBrowser('staff web app: settings, team and API keys', () => {
  const app = useStaffApp({ customers: 40 });
  const colleagueEmail = 'rina@shop.example';
  let colleagueOneTimePassword = '';

  const storedUser = (email: string) => app.server.store.db.selectFrom('staff_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
  const teamRow = (page: Page, name: string) => page.getByRole('row').filter({ hasText: name });

  it('opens from the navigation on the own account, with the role explained and no password rules hidden', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const account = page.getByRole('region', { name: 'Your account' });
    await expect(account.textContent()).resolves.toContain(ownerEmail);
    await expect(account.textContent()).resolves.toContain('The store always keeps at least one owner');
    await expect(page.getByText('At least 10 characters.').isVisible()).resolves.toBe(true);
    const tabs = page.getByRole('navigation', { name: 'Settings' });
    await expect(tabs.getByRole('link').allTextContents()).resolves.toEqual(['Your account', 'Store', 'Customer types', 'Team', 'API keys', 'Audit log']);
  });

  it('adds a colleague, who signs in with the one-time password shown once and chooses their own without typing it again', async () => {
    const { page, server } = app;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Team' }).click();
    const form = page.getByRole('region', { name: 'Add a person' });
    await form.getByLabel('Name').fill('Rina Wijaya');
    await form.getByLabel('Email').fill(colleagueEmail);
    await expect(form.getByLabel('Role').inputValue()).resolves.toBe('analyst');
    await form.getByRole('button', { name: 'Add person' }).click();
    const secret = form.getByLabel('One-time password');
    await secret.waitFor();
    colleagueOneTimePassword = (await secret.textContent()) ?? '';
    expect(colleagueOneTimePassword).toMatch(/^[a-zA-Z2-9]{16}$/);
    await expect(form.textContent()).resolves.toContain(`as ${colleagueEmail}`);
    await teamRow(page, 'Rina Wijaya').getByText('Has not chosen a password yet').waitFor();
    const stored = await storedUser(colleagueEmail);
    expect({ role: stored.role, mustChange: stored.must_change_password }).toEqual({ role: 'analyst', mustChange: true });

    // a second browser: the colleague's own cookies, the owner stays signed in on the first
    const colleague = await openBrowser();
    try {
      const colleaguePage = await colleague.newPage();
      await colleaguePage.goto(`${server.url}/`);
      await colleaguePage.getByLabel('Email').fill(colleagueEmail);
      await colleaguePage.getByLabel('Password').fill(colleagueOneTimePassword);
      await colleaguePage.getByRole('button', { name: 'Sign in' }).click();
      await colleaguePage.getByRole('heading', { name: 'Choose your password' }).waitFor();
      await expect(colleaguePage.getByLabel('One-time password').count()).resolves.toBe(0);
      await colleaguePage.getByLabel('New password', { exact: true }).fill('rina chooses her own words');
      await colleaguePage.getByLabel('New password again').fill('rina chooses her own wordz');
      await colleaguePage.getByRole('button', { name: 'Save password' }).click();
      await colleaguePage.getByText('The two new passwords differ').waitFor();
      await colleaguePage.getByLabel('New password again').fill('rina chooses her own words');
      await colleaguePage.getByRole('button', { name: 'Save password' }).click();
      await colleaguePage.getByRole('navigation', { name: 'Main' }).waitFor();
      const changed = await storedUser(colleagueEmail);
      expect(changed.must_change_password).toBe(false);
      await expect(verifyPassword(changed.password_hash, 'rina chooses her own words')).resolves.toBe(true);

      // changing it again from Settings replaces the session once more: the page takes the new CSRF token, so writes go on working
      await colleaguePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await colleaguePage.getByLabel('Current password').fill('rina chooses her own words');
      await colleaguePage.getByLabel('New password', { exact: true }).fill('rina picks another phrase');
      await colleaguePage.getByLabel('New password again').fill('rina picks another phrase');
      await colleaguePage.getByRole('button', { name: 'Change password' }).click();
      await colleaguePage.getByText('Your password is changed.').waitFor();
      await chooseLanguage(colleaguePage, 'id');
      expect((await storedUser(colleagueEmail)).locale).toBe('id');
    } finally {
      await colleague.close();
    }
  });

  it('changes a role only on Save, and keeps the owner from demoting or disabling themselves', async () => {
    const { page } = app;
    await page.reload();
    const row = teamRow(page, 'Rina Wijaya');
    await row.getByText('Active').waitFor();
    await row.getByLabel('Role of Rina Wijaya').selectOption('agent');
    expect((await storedUser(colleagueEmail)).role).toBe('analyst');
    await row.getByRole('button', { name: 'Save role' }).click();
    await row.getByRole('button', { name: 'Save role' }).waitFor({ state: 'detached' });
    expect((await storedUser(colleagueEmail)).role).toBe('agent');
    const own = teamRow(page, ownerEmail);
    await expect(own.getByRole('combobox').count()).resolves.toBe(0);
    await expect(own.textContent()).resolves.toContain('You cannot change your own role or disable yourself.');
  });

  it('disables a colleague after a second click, which ends their session at once', async () => {
    const { page, server } = app;
    const colleague = await createTestUser(server.store, 'marketer', { email: 'dewi@shop.example' });
    const session = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: colleague.user.email, password: colleague.password }) });
    const cookie = session.headers.get('set-cookie')!.split(';')[0];
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    await page.reload();
    const row = teamRow(page, colleague.user.name);
    // the button shows "Disable"; a screen reader hears whom it disables
    await row.getByRole('button', { name: `Disable ${colleague.user.name} (${colleague.user.email})`, exact: true }).click();
    expect((await storedUser(colleague.user.email)).disabled_at).toBeNull();
    await row.getByRole('button', { name: `Disable ${colleague.user.name}` }).click();
    await row.getByText(/Disabled since/).waitFor();
    expect((await storedUser(colleague.user.email)).disabled_at).not.toBeNull();
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).status).toBe(401);
    await row.getByRole('button', { name: `Enable ${colleague.user.name} (${colleague.user.email})`, exact: true }).click();
    await row.getByText('Active').waitFor();
    expect((await storedUser(colleague.user.email)).disabled_at).toBeNull();
  });

  it('resets a colleague\'s forgotten password after a second click: a new one-time password, shown once', async () => {
    const { page, server } = app;
    const row = teamRow(page, 'Rina Wijaya');
    await row.getByRole('button', { name: `Reset password for Rina Wijaya (${colleagueEmail})`, exact: true }).click();
    await row.getByRole('button', { name: 'Reset the password of Rina Wijaya' }).click();
    const secret = row.getByLabel('One-time password');
    await secret.waitFor();
    const oneTimePassword = (await secret.textContent()) ?? '';
    const signedIn = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: colleagueEmail, password: oneTimePassword }) });
    expect(signedIn.status).toBe(200);
    expect((await signedIn.json() as { user: { mustChangePassword: boolean } }).user.mustChangePassword).toBe(true);
    await row.getByText('Has not chosen a password yet').waitFor();
    // nobody resets their own password here: they change it with the current one
    await expect(teamRow(page, ownerEmail).getByRole('button', { name: /^Reset password for / }).count()).resolves.toBe(0);
  });

  it('fits the team on a phone: every control on screen without sideways scrolling', async () => {
    const { server } = app;
    const phone = await openBrowser({ width: 390, height: 844 });
    try {
      const page = await phone.newPage();
      await signInThroughForm(page, server.url, ownerEmail, ownerPassword);
      await page.goto(`${server.url}/settings/team`);
      const row = teamRow(page, 'Rina Wijaya');
      await row.getByRole('button', { name: `Disable Rina Wijaya (${colleagueEmail})`, exact: true }).waitFor();
      const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
      const box = await row.getByRole('button', { name: `Disable Rina Wijaya (${colleagueEmail})`, exact: true }).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    } finally {
      await phone.close();
    }
  });

  it('creates an API key shown once, which works until it is revoked', async () => {
    const { page, server } = app;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'API keys' }).click();
    const form = page.getByRole('region', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('BI dashboard');
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByText('Choose at least one thing the key may do.').waitFor();
    await form.getByRole('checkbox', { name: /^Read/ }).check();
    await form.getByRole('button', { name: 'Create key' }).click();
    const secret = form.getByLabel('API key');
    await secret.waitFor();
    const key = (await secret.textContent()) ?? '';
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await form.getByRole('button', { name: 'Copy' }).click();
    await form.getByText('Copied to the clipboard.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(key);
    const asKey = () => fetch(`${server.url}/api/customers?limit=1`, { headers: { authorization: `Bearer ${key}` } });
    expect((await asKey()).status).toBe(200);
    expect((await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(403);

    const row = page.getByRole('row').filter({ hasText: 'BI dashboard' });
    await expect(row.textContent()).resolves.toContain('Read');
    // focus goes into the question (its Cancel), back to Revoke after Cancel and Escape, and to the row's "Revoked …" once revoked
    const revoke = row.getByRole('button', { name: /^Revoke key “BI dashboard” \(clt_\w+_…\)$/ });
    const question = row.getByRole('alertdialog', { name: /^Revoke key “BI dashboard”/ });
    await revoke.focus();
    await revoke.press('Enter');
    await expectFocusOn(question.getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => question.count(), pagePoll).toBe(0);
    await expectFocusOn(revoke);
    await revoke.press('Enter');
    await expectFocusOn(question.getByRole('button', { name: 'Cancel' }));
    await page.keyboard.press('Escape');
    await expectFocusOn(revoke);
    await revoke.click();
    await question.getByRole('button', { name: 'Revoke BI dashboard' }).click();
    await row.getByText(/Revoked/).waitFor();
    await expectFocusOn(row.getByText(/^Revoked /));
    expect((await asKey()).status).toBe(401);
  });

  it('changes the own password: a wrong current one is refused in words, the right one signs other sessions out', async () => {
    const { page, server } = app;
    const other = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: ownerEmail, password: ownerPassword }) });
    const otherCookie = other.headers.get('set-cookie')!.split(';')[0];
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Your account' }).click();
    const card = page.getByRole('region', { name: 'Password' });
    await card.getByLabel('Current password').fill('not my password');
    await card.getByLabel('New password', { exact: true }).fill('short');
    await card.getByLabel('New password again').fill('short');
    await card.getByRole('button', { name: 'Change password' }).click();
    await card.getByText('The new password is too short: use at least 10 characters.').waitFor();
    await card.getByLabel('New password', { exact: true }).fill('the owner has a new passphrase');
    await card.getByLabel('New password again').fill('the owner has a new passphrase');
    await card.getByRole('button', { name: 'Change password' }).click();
    await card.getByText('The current password is wrong.').waitFor();
    await card.getByLabel('Current password').fill(ownerPassword);
    await card.getByRole('button', { name: 'Change password' }).click();
    await card.getByRole('status').filter({ hasText: 'Your password is changed.' }).waitFor();
    await expect(verifyPassword((await storedUser(ownerEmail)).password_hash, 'the owner has a new passphrase')).resolves.toBe(true);
    expect((await fetch(`${server.url}/api/auth/me`, { headers: { cookie: otherCookie } })).status).toBe(401);
    // this page's own session goes on
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Customers' }).waitFor();
  });

  it('renames the store for everyone at once and sets an exchange rate, refusing an unknown currency in words', async () => {
    const { page, server } = app;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Store' }).click();
    const store = page.getByRole('region', { name: 'Store', exact: true });
    await store.getByText('IDR · Indonesian Rupiah').waitFor();
    await store.getByLabel('Store name').fill('Kopi Kita');
    await store.getByRole('button', { name: 'Save' }).click();
    await store.getByText('Store renamed.').waitFor();
    await page.locator('.shell-header').getByText('Kopi Kita').waitFor();
    const settings = await (await fetch(`${server.url}/api/settings`, { headers: { cookie: await sessionCookie(page) } })).json() as { name: string };
    expect(settings.name).toBe('Kopi Kita');

    const rates = page.getByRole('region', { name: 'Exchange rates' });
    await rates.getByLabel('Currency code').fill('XYZ');
    await rates.getByLabel('Worth in IDR').fill('2');
    await rates.getByRole('button', { name: 'Set rate' }).click();
    // in English the server's own words are shown; other languages translate its code
    await rates.getByText('"XYZ" is not a known ISO 4217 currency code.').waitFor();
    await rates.getByLabel('Currency code').fill('eur');
    await rates.getByLabel('Worth in IDR').fill('17500');
    await rates.getByRole('button', { name: 'Set rate' }).click();
    // the list's rate, not the field's "Read as: …" shown before the answer: the warning below compares with the list
    await rates.getByText('1 EUR = 17,500 IDR', { exact: true }).waitFor();
    const storedRates = async () => (await (await fetch(`${server.url}/api/settings/rates`, { headers: { cookie: await sessionCookie(page) } })).json() as { items: Array<{ currency: string; rate: number }> }).items;
    expect(await storedRates()).toEqual([{ currency: 'EUR', rate: 17500 }]);
    // a rate a thousand times off waits for a second click; a rate typed with grouping is read the reader's way
    await rates.getByLabel('Currency code').fill('EUR');
    await rates.getByLabel('Worth in IDR').fill('17.6');
    await rates.getByText('Read as: 1 EUR = 17.6 IDR').waitFor();
    await rates.getByRole('button', { name: 'Set rate' }).click();
    await rates.getByRole('alert').filter({ hasText: 'That is 994 times lower than the rate in force (17,500)' }).waitFor();
    expect(await storedRates()).toEqual([{ currency: 'EUR', rate: 17500 }]);
    await rates.getByLabel('Worth in IDR').fill('17,600');
    await rates.getByText('Read as: 1 EUR = 17,600 IDR').waitFor();
    await rates.getByRole('button', { name: 'Set rate' }).click();
    await rates.getByText('1 EUR = 17,600 IDR', { exact: true }).waitFor();
    expect(await storedRates()).toEqual([{ currency: 'EUR', rate: 17600 }]);
  });

  it('changes the customer-type thresholds: a bad value is marked and nothing is sent, a good change reclassifies and is audited', async () => {
    const { page, server } = app;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Customer types' }).click();
    const save = page.getByRole('button', { name: 'Save and reclassify' });
    const discard = page.getByRole('button', { name: 'Discard changes' });
    const fixFields = page.getByText('To save, correct the field marked in red, or discard the changes.');
    const danger = 'rgb(179, 38, 30)';
    // a lone bad value: marked in red, field and text, Save held back with the reason beside it, and Discard can take it back
    const newDays = page.getByRole('group', { name: 'New' }).getByLabel('New for this many days after the first purchase');
    const storedDays = await newDays.inputValue();
    await newDays.fill('0');
    const dayError = page.getByRole('group', { name: 'New' }).getByText('Use a whole number from 1 to 3650.');
    await dayError.waitFor();
    await expect(newDays.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(newDays.evaluate((input) => document.getElementById(input.getAttribute('aria-describedby')!)?.textContent)).resolves.toBe('Use a whole number from 1 to 3650.');
    await expect(dayError.evaluate((element) => getComputedStyle(element).color)).resolves.toBe(danger);
    await expect(newDays.evaluate((input) => getComputedStyle(input).borderTopColor)).resolves.toBe(danger);
    await fixFields.waitFor();
    await expect(save.isDisabled()).resolves.toBe(true);
    await expect(discard.isEnabled()).resolves.toBe(true);
    await newDays.fill('');
    await dayError.waitFor();
    await discard.click();
    await expect(newDays.inputValue()).resolves.toBe(storedDays);
    await expect(newDays.getAttribute('aria-invalid')).resolves.toBeNull();
    await fixFields.waitFor({ state: 'detached' });
    await expect(discard.isDisabled()).resolves.toBe(true);

    // a change of language keeps what was typed and not saved, each number rewritten the new language's way
    const firstField = page.locator('.policy-form input[type="text"]').first();
    await newDays.fill('45');
    await chooseLanguage(page, 'lv');
    await expect(firstField.inputValue()).resolves.toBe('45');
    await chooseLanguage(page, 'en');
    await expect(newDays.inputValue()).resolves.toBe('45');
    await discard.click();
    await expect(newDays.inputValue()).resolves.toBe(storedDays);

    // a number is typed as the reader writes it: a decimal comma in English is refused, never read as 25
    const atRisk = page.getByRole('group', { name: 'At risk' });
    const overdue = atRisk.getByLabel('Overdue after this many times their usual gap');
    await expect(overdue.getAttribute('type')).resolves.toBe('text');
    await expect(overdue.getAttribute('inputmode')).resolves.toBe('decimal');
    await overdue.fill('2,5');
    await atRisk.getByText('Write a decimal with a point: 2.5, not 2,5.').waitFor();
    await expect(overdue.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(save.isDisabled()).resolves.toBe(true);
    // in range as typed, but 100% once rounded as sent: said under the field, not refused by the server
    const lapsed = page.getByRole('group', { name: 'Lapsed' });
    await lapsed.getByLabel('Or a predicted chance of still buying below').fill('99.9999999999999');
    await lapsed.getByText('Too many decimals: it would be kept as 100%. Use a number above 0 and below 100.').waitFor();
    await discard.click();
    await expect(overdue.getAttribute('aria-invalid')).resolves.toBeNull();
    // the default beside a field is written as the field writes it
    await page.getByRole('group', { name: 'Change alerts' }).getByText('Default 3.5; allowed above 0, up to 100').waitFor();

    // beside a good change a bad value still holds Save back
    const vip = page.getByRole('group', { name: 'VIP' });
    await vip.getByLabel('The top share of real customers').fill('3');
    const loyal = page.getByRole('group', { name: 'Loyal' });
    await loyal.getByLabel('Length of a period').fill('1.5');
    await loyal.getByText('Use a whole number from 1 to 24.').waitFor();
    await fixFields.waitFor();
    await expect(save.isDisabled()).resolves.toBe(true);
    const policyNow = async () => (await (await fetch(`${server.url}/api/analytics/policy`, { headers: { cookie: await sessionCookie(page) } })).json()) as { vip: { topPercent: number; basis: string }; loyal: { periodMonths: number }; lapsed: { pAliveBelow: number } };
    expect((await policyNow()).vip.topPercent).toBe(5);
    await loyal.getByLabel('Length of a period').fill('3');
    await page.getByRole('group', { name: 'Lapsed' }).getByLabel('Or a predicted chance of still buying below').fill('25');
    await vip.getByLabel('Ranked by').selectOption('revenue_or_frequency');
    await save.click();
    await page.getByRole('status').filter({ hasText: /customers classified again as of/ }).waitFor();
    const policy = await policyNow();
    expect({ top: policy.vip.topPercent, basis: policy.vip.basis, months: policy.loyal.periodMonths, pAlive: policy.lapsed.pAliveBelow }).toEqual({ top: 3, basis: 'revenue_or_frequency', months: 3, pAlive: 0.25 });
    // once the saved policy has been read back, nothing differs from it
    await expect.poll(() => save.isDisabled(), pagePoll).toBe(true);
  });

  it('reads the audit log in words, filtered by action and by person', async () => {
    const { page } = app;
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Audit log' }).click();
    const log = page.getByRole('region', { name: 'Audit log' });
    const policyRow = log.getByRole('row').filter({ hasText: 'Changed the customer-type thresholds' });
    await policyRow.waitFor();
    await expect(policyRow.textContent()).resolves.toContain('Customer-type thresholds');
    await policyRow.getByText('Details').click();
    await expect(policyRow.locator('dl').textContent()).resolves.toContain('The top share of real customers5% → 3%');
    await log.getByLabel('What').selectOption({ label: 'Changed the store settings' });
    // the unfiltered rows, store settings among them, stay until the filtered ones are asked for
    await policyRow.waitFor({ state: 'detached' });
    await log.getByRole('row').filter({ hasText: 'Changed the store settings' }).first().waitFor();
    await expect(log.getByRole('row').filter({ hasText: 'Changed the customer-type thresholds' }).count()).resolves.toBe(0);
    await log.getByLabel('What').selectOption({ label: 'Added a staff member' });
    // the owner by the system at first start, Rina by the owner in the browser, Dewi by the test's shell
    const added = log.getByRole('row').filter({ hasText: 'Added a staff member' });
    await added.filter({ hasText: 'test' }).first().waitFor();
    await expect(added.count()).resolves.toBe(3);
    await added.getByRole('button', { name: ownerEmail }).click();
    await log.getByText(`Only what ${ownerEmail} did.`).waitFor();
    // said at the click; the rows follow their own request, the three of before shown until it is sent
    await expect.poll(() => added.count(), pagePoll).toBe(1);
    await log.getByRole('button', { name: 'Show everyone' }).click();
    await expect.poll(() => added.count(), pagePoll).toBe(3);
  });

  it('keeps the language picked on the sign-in page, for the account too, and offers the picker while choosing a password', async () => {
    const { server } = app;
    const newcomer = await createTestUser(server.store, 'analyst', { mustChangePassword: true });
    await setOwnLocale(server.store.db, newcomer.user.userId, 'en');
    const visitor = await openBrowser();
    try {
      const page = await visitor.newPage();
      await page.goto(`${server.url}/`);
      await page.getByLabel('Language').selectOption('lv');
      await page.getByLabel('E-pasts').fill(newcomer.user.email);
      await page.getByLabel('Parole').fill(newcomer.password);
      await page.getByRole('button', { name: 'Pierakstīties' }).click();
      // the account had English; the choice just made wins and is saved
      await page.getByRole('heading', { name: 'Izvēlieties paroli' }).waitFor();
      await expect(page.getByLabel('Valoda').inputValue()).resolves.toBe('lv');
      expect((await storedUser(newcomer.user.email)).locale).toBe('lv');
      await page.getByLabel('Valoda').selectOption('id');
      await page.getByRole('heading', { name: 'Pilih kata sandi Anda' }).waitFor();
      // shown at once, saved on the side
      await expect.poll(async () => (await storedUser(newcomer.user.email)).locale, pagePoll).toBe('id');

      // a language that cannot be saved does not turn a good sign-in into a failed one
      const other = await createTestUser(server.store, 'analyst');
      const second = await visitor.newPage();
      await second.context().clearCookies();
      await second.route('**/api/auth/me', (route) => (route.request().method() === 'PATCH' ? route.abort() : route.continue()));
      await second.goto(`${server.url}/`);
      await second.getByLabel(/Language|Bahasa|Valoda/).selectOption('lv');
      await second.getByLabel('E-pasts').fill(other.user.email);
      await second.getByLabel('Parole').fill(other.password);
      await second.getByRole('button', { name: 'Pierakstīties' }).click();
      // their account has no language yet, so the one in use stays although it was not saved
      await second.getByRole('navigation', { name: 'Galvenā' }).waitFor();
    } finally {
      await visitor.close();
    }
  });

  it("shows an admin the owner's key as one only an owner revokes, and their own with a Revoke button", async () => {
    const { server } = app;
    await createApiKey(server.store.db, shellCaller('test'), { name: 'Till feed', scopes: ['ingest'] }, new Date());
    const admin = await createTestUser(server.store, 'admin');
    const adminCaller = { actor: 'test', role: 'admin' as const, userId: admin.user.userId, apiKeyId: null, permissions: permissionsByRole.admin };
    const report = await createApiKey(server.store.db, adminCaller, { name: 'Admin report', scopes: ['read', 'admin'] }, new Date());
    await createApiKey(server.store.db, { ...adminCaller, apiKeyId: report.apiKey.apiKeyId }, { name: 'Report helper', scopes: ['read'] }, new Date());
    const adminBrowser = await openBrowser();
    try {
      const page = await adminBrowser.newPage();
      await signInThroughForm(page, server.url, admin.user.email, admin.password);
      await page.goto(`${server.url}/settings/api-keys`);
      const shellRow = page.getByRole('row').filter({ hasText: 'Till feed' });
      await shellRow.getByText('Only an owner can revoke a key made by an owner or on the server\'s command line.').waitFor();
      await expect(shellRow.getByRole('button', { name: /^Revoke/ }).count()).resolves.toBe(0);
      const reportRow = page.getByRole('row').filter({ hasText: 'Admin report' }).filter({ hasNotText: 'Report helper' });
      const helperRow = page.getByRole('row').filter({ hasText: 'Report helper' });
      await helperRow.getByText('Made by key “Admin report”: revoking it revokes this one too.').waitFor();
      // the key it made goes with it
      await reportRow.getByRole('button', { name: /^Revoke key “Admin report” \(clt_\w+_…\)$/ }).click();
      await reportRow.getByRole('button', { name: 'Revoke Admin report' }).click();
      await reportRow.getByText(/Revoked/).waitFor();
      await helperRow.getByText(/Revoked/).waitFor();
    } finally {
      await adminBrowser.close();
    }
  });

  it('shows an agent only their own account: no team or key tabs, and no page behind their addresses', async () => {
    const { server } = app;
    const agent = await createTestUser(server.store, 'agent');
    const agentBrowser = await openBrowser();
    try {
      const page = await agentBrowser.newPage();
      await signInThroughForm(page, server.url, agent.user.email, agent.password);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
      await page.getByRole('region', { name: 'Your account' }).waitFor();
      const tabs = page.getByRole('navigation', { name: 'Settings' });
      await expect(tabs.getByRole('link').allTextContents()).resolves.toEqual(['Your account', 'Store', 'Customer types']);
      await expect(page.getByText('edits a customer\'s contact details and consent').isVisible()).resolves.toBe(true);
      await tabs.getByRole('link', { name: 'Customer types' }).click();
      await page.getByText('Your role can read these thresholds but not change them.').waitFor();
      await expect(page.getByRole('group', { name: 'VIP' }).getByLabel('Over the last').isDisabled()).resolves.toBe(true);
      await expect(page.getByRole('button', { name: 'Save and reclassify' }).count()).resolves.toBe(0);
      for (const path of ['/settings/team', '/settings/api-keys', '/settings/audit']) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { name: 'Not open to your role' }).waitFor();
      }
    } finally {
      await agentBrowser.close();
    }
  });
});
