import { afterAll, beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import { setOwnLocale } from '../../../src/auth/index.js';
import { messagesByLocale } from '../../../src/web/i18n/messages.js';
import { createTestUser } from '../../helpers/auth.js';
import { buildWebApp, describeWithBrowser, openBrowser, ownerEmail, ownerPassword, pagePoll, signInThroughForm, startDemoServer, type DemoServer } from '../../helpers/browser.js';

const lv = messagesByLocale.lv;

describeWithBrowser('staff web app: the language a person signs in with', () => {
  let web: Awaited<ReturnType<typeof buildWebApp>>;
  let server: DemoServer;

  beforeAll(async () => {
    web = await buildWebApp();
    server = await startDemoServer({ webRoot: web.directory, customers: 0 });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await web?.dispose();
  });

  const savedLocaleOf = async (email: string) => (await sql<{ locale: string | null }>`select locale from staff_user where email = ${email}`.execute(server.store.db)).rows[0]?.locale;

  /** A browser of its own for each person: nothing of another's sign-in stays on the device. */
  const withLatvianBrowser = async (body: (page: Awaited<ReturnType<Awaited<ReturnType<typeof openBrowser>>['newPage']>>) => Promise<void>) => {
    const browser = await openBrowser({ locale: 'lv-LV' });
    try {
      await body(await browser.newPage());
    } finally {
      await browser.close();
    }
  };

  it('stays in Latvian after signing in, names the unnamed owner and store in Latvian, and saves the language to the account', async () => {
    await withLatvianBrowser(async (page) => {
      await signInThroughForm(page, server.url, ownerEmail, ownerPassword);
      await page.locator('html[lang="lv"]').waitFor({ state: 'attached' });
      await page.getByRole('navigation').getByRole('link', { name: lv.nav.home }).waitFor();
      // no stored English word: the address the owner signs in with, and a Latvian placeholder for the store
      await expect.poll(() => page.locator('.user-name').textContent(), pagePoll).toBe(`${ownerEmail} · ${lv.roles.owner}`);
      await expect.poll(() => page.locator('.shell-header .store-name').textContent(), pagePoll).toBe(lv.shell.unnamedStore);
      // kept for the account, so another device, the CLI and the API agree
      await expect.poll(() => savedLocaleOf(ownerEmail), pagePoll).toBe('lv');
      await page.reload();
      await page.getByRole('navigation').getByRole('link', { name: lv.nav.home }).waitFor();
    });
  });

  it('asks a new staff member with a Latvian browser for their password in Latvian', async () => {
    const member = await createTestUser(server.store, 'agent', { mustChangePassword: true });
    await withLatvianBrowser(async (page) => {
      await page.goto(`${server.url}/`);
      await page.getByLabel(/e-pasts/i).fill(member.user.email);
      await page.getByLabel(/parole/i).fill(member.password);
      await page.getByRole('button', { name: /pierakstīties/i }).click();
      await page.getByRole('heading', { level: 1, name: lv.password.title }).waitFor();
      await expect.poll(() => savedLocaleOf(member.user.email), pagePoll).toBe('lv');
    });
  });

  it('keeps the language a person chose, whatever the browser says', async () => {
    const member = await createTestUser(server.store, 'analyst');
    await setOwnLocale(server.store.db, member.user.userId, 'en');
    await withLatvianBrowser(async (page) => {
      await signInThroughForm(page, server.url, member.user.email, member.password);
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await page.getByRole('navigation').getByRole('link', { name: messagesByLocale.en.nav.home }).waitFor();
      await expect(savedLocaleOf(member.user.email)).resolves.toBe('en');
    });
  });
});
