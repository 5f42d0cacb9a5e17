import { expect, it } from 'vitest';
import { createTestUser } from '../../helpers/auth.js';
import { describeWithBrowser, openBrowser, signInThroughForm, useStaffApp } from '../../helpers/browser.js';

describeWithBrowser('staff web app on a new, empty store', () => {
  const app = useStaffApp({ customers: 0 });

  it('says what to do first and leads to the import, instead of figures at zero', async () => {
    const { page } = app;
    const start = page.getByRole('region', { name: 'Getting started' });
    await start.waitFor();
    await expect(start.textContent()).resolves.toMatch(/This store has no customers yet/);
    await expect(page.getByRole('region', { name: 'Recent imports' }).getByText('No imports yet.').isVisible()).resolves.toBe(true);
    await expect(page.title()).resolves.toBe('Home · Clientele');
    await start.getByRole('link', { name: 'Import customers and orders' }).click();
    await page.waitForURL(/\/import$/);
    await page.getByRole('heading', { level: 1, name: 'Import' }).waitFor();
    // a page of its own in the tab and history, and the keyboard starts on the new page's content
    await expect(page.title()).resolves.toBe('Import · Clientele');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('main');
  });

  it('tells a role that cannot import whom to ask, in its language', async () => {
    const analyst = await createTestUser(app.server.store, 'analyst');
    // a browser of their own: the owner's session stays in the other
    const analystBrowser = await openBrowser();
    const analystPage = await analystBrowser.newPage();
    try {
      await signInThroughForm(analystPage, app.server.url, analyst.user.email, analyst.password);
      const start = analystPage.getByRole('region', { name: 'Getting started' });
      await start.waitFor();
      await expect(start.getByRole('link').count()).resolves.toBe(0);
      await expect(start.textContent()).resolves.toMatch(/Ask an owner, an administrator or a marketer/);
      await analystPage.getByLabel('Language').selectOption('lv');
      await analystPage.getByRole('region', { name: 'Darba sākums' }).getByText(/Palūdziet īpašniekam/).waitFor();
    } finally {
      await analystBrowser.close();
    }
  });
});
