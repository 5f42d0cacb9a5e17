import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { chooseLanguage, describeWithBrowser, languageSaved, pagePoll, useStaffApp } from '../../helpers/browser.js';

/**
 * What the customer pages say where a reader could be misled: a prediction made before a merge, a
 * search that found no one with no filter set, a customer number the look-up cannot use, a language
 * picked just before leaving the page, and which alerts the revenue chart marks.
 */
describeWithBrowser('staff web app: notes on the customer pages', () => {
  const app = useStaffApp({ customers: 120 });

  it('says on the prediction card that it was made before the merge, and when', async () => {
    const { page, server } = app;
    const { rows: [kept, merged] } = await sql<{ customer_id: number }>`
      select c.customer_id from customer c join customer_trait t on t.customer_id = c.customer_id
      where c.merged_into_customer_id is null and t.order_count > 1
        and exists (select 1 from customer_prediction p where p.customer_id = c.customer_id)
      order by c.customer_id limit 2`.execute(server.store.db);
    await page.goto(`${server.url}/customers/${kept.customer_id}`);
    const prediction = page.getByRole('region', { name: 'Prediction' });
    await prediction.locator('.prediction-p-alive').waitFor();
    await page.getByRole('region', { name: 'Timeline' }).locator('li').first().waitFor();
    await expect(prediction.locator('.prediction-stale').count()).resolves.toBe(0);

    const mergePanel = page.getByRole('region', { name: 'Merge with another customer' });
    await mergePanel.getByLabel("Other customer's number").fill(String(merged.customer_id));
    await mergePanel.getByRole('button', { name: 'Look up' }).click();
    await mergePanel.getByRole('region', { name: 'Merge preview' }).waitFor();
    await mergePanel.getByRole('button', { name: 'Merge', exact: true }).click();
    const stale = prediction.locator('.prediction-stale');
    await stale.waitFor();
    await expect(stale.textContent()).resolves.toMatch(new RegExp(`^Made on .+ from purchases up to .+, before the merge with No\\. ${merged.customer_id} on .+: these figures do not count the purchases it brought here\\.`));
    // in the web's words, not the command line's
    await expect(stale.textContent()).resolves.not.toMatch(/models predict|\(analyze\)/);
    // its figures are still shown, the note above them
    await expect(prediction.locator('.prediction-p-alive').isVisible()).resolves.toBe(true);
  });

  it('names a search that found no one, with what to try, and keeps the filters\' wording for filters', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/customers?q=${encodeURIComponent('Fitri Setiwan')}`);
    await page.locator('.empty-state').filter({ hasText: 'No customer matches “Fitri Setiwan”.' }).waitFor();
    await expect(page.locator('.empty-state-hint').textContent()).resolves.toBe('Try fewer words, part of a name, or an email or phone number.');
    await expect(page.getByText('No customers match these filters.').count()).resolves.toBe(0);
  });

  it('says beside the number field, in the app\'s words, what the merge look-up cannot use, and still looks up a number after', async () => {
    const { page, server } = app;
    const { rows: [kept, other] } = await sql<{ customer_id: number }>`
      select customer_id from customer where merged_into_customer_id is null order by customer_id desc limit 2`.execute(server.store.db);
    await page.goto(`${server.url}/customers/${kept.customer_id}`);
    const mergePanel = page.getByRole('region', { name: 'Merge with another customer' });
    const field = mergePanel.getByLabel("Other customer's number");
    const lookUp = mergePanel.getByRole('button', { name: 'Look up' });
    // "No. 926" is the number as the page writes it, and looked up (customer-page-focus.test.ts)
    for (const typed of ['abc', '-5', 'No. -5']) {
      await field.fill(typed);
      await lookUp.click();
      const problem = mergePanel.getByRole('alert').filter({ hasText: `“${typed}” is not a customer number: enter its number, e.g. 926 or No. 926.` });
      await problem.waitFor();
      await expect(field.getAttribute('aria-describedby')).resolves.toBe(await problem.getAttribute('id'));
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
    }
    await field.fill('');
    await lookUp.click();
    await mergePanel.getByRole('alert').filter({ hasText: "Enter the other customer's number, e.g. 926." }).waitFor();
    await field.fill(String(other.customer_id));
    await expect(field.getAttribute('aria-describedby')).resolves.toBeNull();
    await lookUp.click();
    await mergePanel.getByRole('region', { name: 'Merge preview' }).waitFor();
  });

  it('keeps a language picked just before leaving the page, and saves it from the next one', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/customers`);
    await chooseLanguage(page, 'en');
    // the save never reaches the server, as when the page is left while it is under way
    const lost = page.waitForEvent('requestfailed', (request) => request.method() === 'PATCH' && new URL(request.url()).pathname === '/api/auth/me');
    await page.route((url) => url.pathname === '/api/auth/me', (route) => (route.request().method() === 'PATCH' ? route.abort('aborted') : route.continue()));
    await page.locator('.language-picker select').selectOption('lv');
    await lost;
    await page.unrouteAll({ behavior: 'wait' });
    const saved = languageSaved(page, 'lv');
    await page.goto(`${server.url}/segments`);
    await page.locator('html[lang="lv"]').waitFor({ state: 'attached' });
    await expect((await saved).ok()).toBe(true);
    await expect(page.locator('.language-picker select').inputValue()).resolves.toBe('lv');
    await expect.poll(async () => page.evaluate(async () => ((await (await fetch('/api/auth/me')).json()) as { locale: string }).locale), pagePoll).toBe('lv');
    await page.reload();
    await page.locator('html[lang="lv"]').waitFor({ state: 'attached' });
    await chooseLanguage(page, 'en');
  });

  it('says which alerts the revenue chart marks, and where the overdue ones are', async () => {
    const { page, server } = app;
    await page.goto(`${server.url}/reports`);
    await chooseLanguage(page, 'en');
    const note = page.locator('.alert-markers-note');
    await note.waitFor();
    await expect(note.textContent()).resolves.toMatch(/^(No drop alerts \(revenue, orders, active customers\) in this range\.|Drop alerts \(revenue, orders, active customers\) marked in this range: \d+ .*\)) Alerts about overdue customers are not marked on the chart: they are listed in the Alerts card below and on Home\.$/);
  });
});
