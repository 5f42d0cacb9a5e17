import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { messagesByLocale } from '../../../src/web/i18n/messages.js';
import { createTestUser } from '../../helpers/auth.js';
import { buildWebApp, describeWithBrowser, openBrowser, ownerEmail, ownerPassword, startDemoServer, pagePoll, signInThroughForm, type DemoServer, type TestBrowser } from '../../helpers/browser.js';

const en = messagesByLocale.en;
const lv = messagesByLocale.lv;

/**
 * The sign-in and password forms as a person meets them in Chromium: what is wrong is said under the
 * field it concerns, the field is marked invalid and takes focus; an email not shaped like one, or an
 * empty field, is caught before anything is sent; a refused sign-in puts focus on the password with
 * the refusal read as its description; a wrong one-time or current password is said under its field.
 */

/** What a field says about itself: aria-invalid, the texts its aria-describedby names, whether it has focus, and the text right under it. */
function fieldState(field: Locator) {
  return field.evaluate((element) => ({
    invalid: element.getAttribute('aria-invalid'),
    describedBy: (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? `(missing #${id})`),
    isFocused: document.activeElement === element,
    under: element.closest('label')?.nextElementSibling?.textContent ?? null,
  }));
}

/** Counts the page's sign-in requests (POST /api/auth/login) from now on. */
function countSignInRequests(page: Page): { readonly count: number } {
  const counted = { count: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/auth/login') counted.count += 1;
  });
  return counted;
}

describeWithBrowser('staff web app: problems with credentials are said under their fields', () => {
  let web: Awaited<ReturnType<typeof buildWebApp>>;
  let server: DemoServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    web = await buildWebApp();
    // a new, empty store: the owner alone
    server = await startDemoServer({ webRoot: web.directory, customers: 0 });
    browser = await openBrowser();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await web?.dispose();
  });

  /** A fresh page with no session: the sign-in form. */
  const signInPage = async (): Promise<Page> => {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: en.signIn.title }).waitFor();
    return page;
  };

  it('says an email not shaped like one, or an empty field, under it before sending anything', async () => {
    const page = await signInPage();
    const sent = countSignInRequests(page);
    const email = page.getByLabel(en.signIn.email);
    const password = page.getByLabel(en.signIn.password);
    const submit = page.getByRole('button', { name: en.signIn.submit });

    // (d) both empty: the email first
    await submit.click();
    await page.getByText(en.signIn.emailMissing).waitFor();
    await expect.poll(() => fieldState(email), pagePoll).toEqual({ invalid: 'true', describedBy: [en.signIn.emailMissing], isFocused: true, under: en.signIn.emailMissing });

    // (a) not an email's shape
    await email.fill('name.example.com');
    await password.fill('some password of hers');
    await submit.click();
    await page.getByText(en.signIn.emailInvalid).waitFor();
    expect(en.signIn.emailInvalid).toBe('Enter an email address such as name@example.com.');
    await expect.poll(() => fieldState(email), pagePoll).toEqual({ invalid: 'true', describedBy: [en.signIn.emailInvalid], isFocused: true, under: en.signIn.emailInvalid });
    await expect(page.getByText(en.signIn.emailMissing).count()).resolves.toBe(0);

    // (d) a right-shaped email, an empty password
    await email.fill('name@example.com');
    await password.fill('');
    await submit.click();
    await page.getByText(en.signIn.passwordMissing).waitFor();
    await expect.poll(() => fieldState(password), pagePoll).toEqual({ invalid: 'true', describedBy: [en.signIn.passwordMissing], isFocused: true, under: en.signIn.passwordMissing });
    await expect.poll(() => fieldState(email), pagePoll).toMatchObject({ invalid: null, describedBy: [] });

    // nothing of it reached the server
    await page.waitForTimeout(300);
    expect(sent.count).toBe(0);
    await page.close();
  });

  it('after a refused sign-in, focuses the password with the refusal as its description', async () => {
    const page = await signInPage();
    const sent = countSignInRequests(page);
    const password = page.getByLabel(en.signIn.password);
    await page.getByLabel(en.signIn.email).fill(ownerEmail);
    await password.fill('not the owner password');
    await page.getByRole('button', { name: en.signIn.submit }).click();
    await page.getByText(en.signIn.wrongCredentials).waitFor();
    expect(en.signIn.wrongCredentials).toBe('The email or password is not right.');
    await expect.poll(() => fieldState(password), pagePoll).toMatchObject({ describedBy: [en.signIn.wrongCredentials], isFocused: true });
    expect(sent.count).toBe(1);
    await page.close();
  });

  it('on choosing a password, says an empty or wrong one-time password under its field and focuses it', async () => {
    const member = await createTestUser(server.store, 'analyst', { mustChangePassword: true });
    const page = await signInPage();
    await page.getByLabel(en.signIn.email).fill(member.user.email);
    await page.getByLabel(en.signIn.password).fill(member.password);
    await page.getByRole('button', { name: en.signIn.submit }).click();
    await page.getByRole('heading', { level: 1, name: en.password.title }).waitFor();
    // the one-time password typed a moment ago is kept only in the page: after a reload it is asked for
    await page.reload();
    const oneTime = page.getByLabel(en.password.current);
    await oneTime.waitFor();
    await page.getByLabel(en.passwordForm.new, { exact: true }).fill('a phrase of her very own');
    await page.getByLabel(en.passwordForm.repeat).fill('a phrase of her very own');
    const submit = page.getByRole('button', { name: en.password.submit });

    // (d) empty
    await submit.click();
    await page.getByText(en.password.currentMissing).waitFor();
    await expect.poll(() => fieldState(oneTime), pagePoll).toEqual({ invalid: 'true', describedBy: [en.password.currentMissing], isFocused: true, under: en.password.currentMissing });

    // (c) wrong, refused by the server
    await oneTime.fill('WrongOneTimePass');
    await submit.click();
    await page.getByText(en.password.currentWrong).waitFor();
    expect(en.password.currentWrong).toBe('The one-time password is wrong.');
    await expect.poll(() => fieldState(oneTime), pagePoll).toEqual({ invalid: 'true', describedBy: [en.password.currentWrong], isFocused: true, under: en.password.currentWrong });
    await page.getByRole('heading', { level: 1, name: en.password.title }).waitFor();
    await page.close();
  });

  it('in Settings › account, says an empty or wrong current password under its field and focuses it', async () => {
    await browser.context.clearCookies();
    const page = await browser.newPage();
    await signInThroughForm(page, server.url, ownerEmail, ownerPassword);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: en.settings.title }).click();
    await page.getByRole('heading', { level: 1, name: en.settings.title }).waitFor();
    const current = page.getByLabel(en.passwordForm.current);
    await page.getByLabel(en.passwordForm.new, { exact: true }).fill('the owner picks another phrase');
    await page.getByLabel(en.passwordForm.repeat).fill('the owner picks another phrase');
    const submit = page.getByRole('button', { name: en.passwordForm.submit });

    // (d) empty
    await submit.click();
    await page.getByText(en.passwordForm.problems.currentMissing).waitFor();
    await expect.poll(() => fieldState(current), pagePoll).toEqual({ invalid: 'true', describedBy: [en.passwordForm.problems.currentMissing], isFocused: true, under: en.passwordForm.problems.currentMissing });

    // (c) wrong, refused by the server
    await current.fill('not the owner password');
    await submit.click();
    await page.getByText(en.passwordForm.problems.currentWrong).waitFor();
    expect(en.passwordForm.problems.currentWrong).toBe('The current password is wrong.');
    await expect.poll(() => fieldState(current), pagePoll).toEqual({ invalid: 'true', describedBy: [en.passwordForm.problems.currentWrong], isFocused: true, under: en.passwordForm.problems.currentWrong });
    await page.close();
  });

  it('says an email not shaped like one in Latvian, with a Latvian browser, and sends nothing', async () => {
    const latvian = await openBrowser({ locale: 'lv-LV' });
    try {
      const page = await latvian.newPage();
      const sent = countSignInRequests(page);
      await page.goto(`${server.url}/`);
      await page.locator('html[lang="lv"]').waitFor({ state: 'attached' });
      const email = page.getByLabel(lv.signIn.email);
      await email.fill('vards.piemers.lv');
      await page.getByLabel(lv.signIn.password).fill('kāda parole');
      await page.getByRole('button', { name: lv.signIn.submit }).click();
      await page.getByText(lv.signIn.emailInvalid).waitFor();
      await expect.poll(() => fieldState(email), pagePoll).toEqual({ invalid: 'true', describedBy: [lv.signIn.emailInvalid], isFocused: true, under: lv.signIn.emailInvalid });
      await page.waitForTimeout(300);
      expect(sent.count).toBe(0);
    } finally {
      await latvian.close();
    }
  });
});
