import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { categories as demoCategories } from '../../../src/synthetic/catalogue.js';
import { createFormatters } from '../../../src/web/i18n/format.js';
import { describeWithBrowser, pagePoll, useStaffApp } from '../../helpers/browser.js';
import { signInAs } from '../../helpers/auth.js';

const numbers = createFormatters('en-GB', null, 'UTC');

describeWithBrowser('staff web app: the categories of a purchase condition', () => {
  const app = useStaffApp({ customers: 200 });

  /** The demo's categories by how many customers bought them, counted from the order lines themselves. */
  async function categoriesByBuyers(): Promise<string[]> {
    const rows = await sql<{ category: string }>`
      select lower(l.category) as category from order_line l
      join customer_order o on o.customer_id = l.customer_id and o.order_id = l.order_id
      where o.status in ('paid', 'partially_refunded') and l.category is not null
      group by 1 order by count(distinct l.customer_id) desc, 1`.execute(app.server.store.db);
    return rows.rows.map((row) => row.category);
  }

  async function openNewSegment() {
    const { page } = app;
    await page.goto(`${app.server.url}/segments/new`);
    await page.getByRole('heading', { level: 1, name: 'New segment' }).waitFor();
    const form = page.getByRole('form', { name: 'Add a purchase condition' });
    return { page, form, field: form.getByLabel('Category (any of, comma-separated)') };
  }

  it("names the store's two most bought categories in the field's placeholder", async () => {
    const [first, second] = await categoriesByBuyers();
    expect(demoCategories).toContain(first);
    expect(demoCategories).toContain(second);
    const { field } = await openNewSegment();
    // the placeholder names them once the store's categories have come in a request of their own
    await expect.poll(() => field.getAttribute('placeholder'), pagePoll).toBe(`comma-separated, e.g. ${first}, ${second}`);
  });

  it('says quietly when no customer has bought a typed category, and not for a known one in any case', async () => {
    const [first] = await categoriesByBuyers();
    const { page, form, field } = await openNewSegment();
    await expect.poll(() => field.getAttribute('placeholder'), pagePoll).toContain(first);
    await field.fill(`${first.toUpperCase()}, xyz`);
    await form.getByText('No customer has bought "xyz" yet').waitFor();
    await expect(form.getByText(`No customer has bought "${first.toUpperCase()}" yet`).count()).resolves.toBe(0);
    // the field names the note to assistive technology
    const describedBy = await field.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe('No customer has bought "xyz" yet');
    await field.fill(first);
    await expect(form.getByText(/No customer has bought/).count()).resolves.toBe(0);
  });

  it('completes a category from the suggestions, adds it as a condition and counts its buyers', async () => {
    const [first] = await categoriesByBuyers();
    const { page, form, field } = await openNewSegment();
    const suggestions = form.getByRole('group', { name: 'Bought in this store:' });
    await field.fill(first.slice(0, 3));
    await suggestions.getByRole('button', { name: first, exact: true }).click();
    await expect(field.inputValue()).resolves.toBe(`${first}, `);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('id'))).toBe(await field.getAttribute('id'));
    await form.getByRole('button', { name: 'Add' }).click();

    const conditions = page.getByRole('list', { name: 'Conditions' });
    await conditions.getByText(`Bought ${first}`, { exact: false }).waitFor();
    await page.getByText('Edit as JSON', { exact: true }).click();
    const filter = JSON.parse(await page.getByLabel('Filter (JSON)').inputValue()) as { and: unknown[] };
    expect(filter.and.at(-1)).toEqual({ purchased: { category: [first], within: { days: 90 } } });

    // the count shown is the server's for that filter, and the category's buyers are found
    const owner = await signInAs(app.server.store, 'owner');
    const answer = await app.server.app.inject({ method: 'POST', url: '/api/segments/preview', headers: owner.headers, payload: { filter, count: 'exact' } });
    const { count, total } = answer.json() as { count: number; total: number };
    expect(count).toBeGreaterThan(0);
    await page.getByRole('region', { name: 'Preview' }).getByText(`${numbers.number(count)} of ${numbers.number(total)} customers`).waitFor();
  });

  // the 12.12 group: a fixed range of days, the last one included, written as the filter's exclusive `to`
  it('adds a purchase between two days, checks them, and opens a range written as JSON with its last day', async () => {
    const { page, form, field } = await openNewSegment();
    const conditions = page.getByRole('list', { name: 'Conditions' });
    const from = form.getByLabel('From', { exact: true });
    const last = form.getByLabel('To (included)', { exact: true });
    await field.fill('kopi');
    await form.getByLabel('When', { exact: true }).selectOption('range');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByText('Enter both dates: the first day and the last day.').waitFor();
    await expect(from.getAttribute('aria-invalid')).resolves.toBe('true');
    await from.fill('2025-12-14');
    await last.fill('2025-12-13');
    await form.getByRole('button', { name: 'Add' }).click();
    await form.getByText('The first day must not be after the last day.').waitFor();
    await from.fill('2025-12-12');
    await form.getByRole('button', { name: 'Add' }).click();
    await conditions.getByText('Bought kopi from 12 Dec 2025 to 13 Dec 2025 inclusive').waitFor();
    await page.getByText('Edit as JSON', { exact: true }).click();
    const json = page.getByLabel('Filter (JSON)');
    expect((JSON.parse(await json.inputValue()) as { and: unknown[] }).and.at(-1)).toEqual({ purchased: { category: ['kopi'], within: { from: '2025-12-12', to: '2025-12-14' } } });

    // written in the JSON editor, keys in another order: the form shows the last day, and saving it unchanged leaves the text as it is
    const written = JSON.stringify({ and: [{ purchased: { within: { to: '2026-01-01', from: '2025-12-30' }, category: ['kopi'] } }] }, null, 2);
    await json.fill(written);
    const edit = conditions.getByRole('button', { name: 'Edit: Bought kopi from 30 Dec 2025 to 31 Dec 2025 inclusive' });
    await edit.click();
    await expect(form.getByLabel('When', { exact: true }).inputValue()).resolves.toBe('range');
    await expect(from.inputValue()).resolves.toBe('2025-12-30');
    await expect(last.inputValue()).resolves.toBe('2025-12-31');
    await form.getByRole('button', { name: 'Save change' }).click();
    await expect(json.inputValue()).resolves.toBe(written);

    // changed in the form, it takes its place in the list
    await edit.click();
    await last.fill('2025-12-30');
    await form.getByRole('button', { name: 'Save change' }).click();
    await conditions.getByText('Bought kopi on 30 Dec 2025').waitFor();
    expect(JSON.parse(await json.inputValue())).toEqual({ and: [{ purchased: { category: ['kopi'], within: { from: '2025-12-30', to: '2025-12-31' } } }] });
  });
});
