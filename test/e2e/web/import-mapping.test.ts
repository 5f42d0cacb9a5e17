import { beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toMinorUnits } from '../../../src/core/money.js';
import { getStoreSettings } from '../../../src/settings/index.js';
import { chooseLanguage, describeWithBrowser, useStaffApp, type DemoServer } from '../../helpers/browser.js';

const phone = { width: 390, height: 844 };

/** A till's own export: none of its headers is a field name, all are common names for one. */
const tillCsv = ['Date,Total,Customer,Order ID', '2024-03-05,90000,MAP-C1,MAP-1', '2024-03-06,25000,MAP-C2,MAP-2', '2024-03-06,12500,MAP-C1,MAP-3'].join('\n');

async function chooseOrdersFile(page: Page, url: string, name: string, csv = tillCsv) {
  await page.goto(`${url}/import`);
  await page.locator('main h1').waitFor();
  await page.locator('select[name="entity"]').selectOption('orders');
  await page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.locator('.mapping-table').waitFor();
}

/** The mapping row of a field, found by the field's name shown beside its label. */
const rowOf = (page: Page, field: string) => page.locator('.mapping-row').filter({ has: page.locator('code', { hasText: new RegExp(`^${field.replace('.', '\\.')}$`) }) });

/** What a screen reader says after the select's name: the texts its aria-describedby points to. */
const descriptionOf = (page: Page, field: string) => rowOf(page, field).locator('select').evaluate((select) =>
  (select.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));

describeWithBrowser('the import page\'s column mapping', () => {
  const app = useStaffApp({ customers: 30 });
  let server: DemoServer;
  let page: Page;
  beforeAll(() => {
    ({ server, page } = app);
  });

  it('maps Date, Total, Customer and Order ID by itself, says in words what each field is and which are required, and imports the rows', async () => {
    await chooseOrdersFile(page, server.url, 'till.csv');
    const preset = { ordered_at: 'Date', amount: 'Total', customer_id: 'Customer', order_id: 'Order ID' };
    for (const [field, column] of Object.entries(preset)) await expect(rowOf(page, field).locator('select').inputValue()).resolves.toBe(column);

    // a label a shop owner reads, the field's own name beside it for docs and CSV headers
    await expect(page.getByRole('combobox', { name: 'Order date — column for ordered_at', exact: true }).inputValue()).resolves.toBe('Date');
    await expect(rowOf(page, 'ordered_at').locator('th').textContent()).resolves.toMatch(/^Order date ordered_at/);
    await expect(rowOf(page, 'amount').locator('.mapping-label').textContent()).resolves.toBe('Order total');
    await expect(rowOf(page, 'amount').locator('.mapping-hint').textContent()).resolves.toMatch(/in the store currency unless a currency column is given/);

    // required in words, with the alternatives the importer accepts, and said to screen readers too
    await expect(rowOf(page, 'order_id').locator('.mapping-required').textContent()).resolves.toBe('Required');
    await expect(rowOf(page, 'amount').locator('.mapping-required').textContent()).resolves.toBe('Required (or Unit price)');
    await expect(rowOf(page, 'customer_id').locator('.mapping-required').textContent()).resolves.toBe('Required (or Customer email / Customer phone)');
    await expect(rowOf(page, 'currency').locator('.mapping-required').count()).resolves.toBe(0);
    await expect(descriptionOf(page, 'ordered_at')).resolves.toMatch(/^Required /);
    await expect(rowOf(page, 'order_id').locator('select').getAttribute('aria-required')).resolves.toBe('true');

    // unmapping a required field names it in words
    await rowOf(page, 'ordered_at').locator('select').selectOption('');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Map these before importing: Order date');
    await rowOf(page, 'ordered_at').locator('select').selectOption('Date');

    await chooseLanguage(page, 'lv');
    await expect(page.getByRole('combobox', { name: 'Pasūtījuma datums — kolonna laukam ordered_at', exact: true }).inputValue()).resolves.toBe('Date');
    await expect(rowOf(page, 'amount').locator('.mapping-label').textContent()).resolves.toBe('Pasūtījuma summa');
    await expect(rowOf(page, 'order_id').locator('.mapping-required').textContent()).resolves.toBe('Obligāts');
    await expect(rowOf(page, 'customer_id').locator('.mapping-required').textContent()).resolves.toBe('Obligāts (vai Klienta e-pasts / Klienta tālrunis)');
    await chooseLanguage(page, 'en');

    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByText('Finished').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'rows read' }).textContent()).resolves.toMatch(/^3 of 3 rows read: 3 new, 0 updated, 0 unchanged, 0 rejected\./);
    const { currency } = await getStoreSettings(server.store.db);
    const stored = await server.store.db.selectFrom('customer_order').select(['external_id', 'amount_minor']).where('external_id', 'in', ['MAP-1', 'MAP-2', 'MAP-3']).orderBy('external_id').execute();
    expect(stored.map((order) => [order.external_id, Number(order.amount_minor)])).toEqual([
      ['MAP-1', toMinorUnits(90000, currency)], ['MAP-2', toMinorUnits(25000, currency)], ['MAP-3', toMinorUnits(12500, currency)],
    ]);
  });

  it('leaves a money column and a field two columns could hold for the user to choose, naming the columns', async () => {
    const csv = ['Order ID,Customer,Date,Total,Discount,Order Status,Payment Status', 'CH-1,CH-C1,2024-03-05,90000,10,paid,paid'].join('\n');
    await chooseOrdersFile(page, server.url, 'choices.csv', csv);
    await expect(rowOf(page, 'amount').locator('select').inputValue()).resolves.toBe('Total');
    await expect(rowOf(page, 'discount_amount').locator('select').inputValue()).resolves.toBe('');
    await expect(rowOf(page, 'discount_amount').locator('.mapping-choice').textContent()).resolves
      .toBe('“Discount” may hold it, but a money column is never chosen for you (a wrong one changes revenue): choose it if it holds this amount.');
    await expect(rowOf(page, 'status').locator('select').inputValue()).resolves.toBe('');
    await expect(descriptionOf(page, 'status')).resolves.toMatch(/Several columns could hold it \(“Order Status”, “Payment Status”\), so none was chosen: choose the right one\.$/);
    await chooseLanguage(page, 'id');
    await expect(rowOf(page, 'status').locator('.mapping-choice').textContent()).resolves.toBe('Beberapa kolom bisa berisi ini (“Order Status”, “Payment Status”), jadi tidak ada yang dipilih: pilih kolom yang benar.');
    await chooseLanguage(page, 'en');
    // chosen, the field needs no more words
    await rowOf(page, 'status').locator('select').selectOption('Order Status');
    await expect(rowOf(page, 'status').locator('.mapping-choice').count()).resolves.toBe(0);
  });

  it('maps a Customer column of emails to the customer\'s email, so an order finds the customer that email already names', async () => {
    const known = await server.store.db.selectFrom('customer').select(['customer_id', 'email']).where('email', 'is not', null).orderBy('customer_id').executeTakeFirstOrThrow();
    const customersBefore = await server.store.db.selectFrom('customer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const csv = ['Date,Total,Customer,Order ID', `2024-03-05,90000,${known.email},MAIL-1`, '2024-03-06,25000,new.buyer@mapmail.example,MAIL-2',
      `2024-03-07,12500,${known.email},MAIL-3`].join('\n');
    await chooseOrdersFile(page, server.url, 'till-emails.csv', csv);
    await expect(rowOf(page, 'customer_email').locator('select').inputValue()).resolves.toBe('Customer');
    await expect(rowOf(page, 'customer_id').locator('select').inputValue()).resolves.toBe('');

    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByText('Finished').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'rows read' }).textContent()).resolves.toMatch(/^3 of 3 rows read: 3 new, 0 updated, 0 unchanged, 0 rejected\./);
    const customersAfter = await server.store.db.selectFrom('customer').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(customersAfter.n)).toBe(Number(customersBefore.n) + 1);
    const stored = await server.store.db.selectFrom('customer_order').innerJoin('customer', 'customer.customer_id', 'customer_order.customer_id')
      .select(['customer_order.external_id', 'customer.customer_id', 'customer.email']).where('customer_order.external_id', 'in', ['MAIL-1', 'MAIL-2', 'MAIL-3'])
      .orderBy('customer_order.external_id').execute();
    expect(stored.map((order) => [order.external_id, order.email])).toEqual([['MAIL-1', known.email], ['MAIL-2', 'new.buyer@mapmail.example'], ['MAIL-3', known.email]]);
    expect(stored[0].customer_id).toBe(known.customer_id);
  });

  it('fits the mapping into a phone\'s width, every select on the screen, in English and Latvian', async () => {
    await page.setViewportSize(phone);
    for (const locale of ['en', 'lv']) {
      await chooseLanguage(page, locale);
      await chooseOrdersFile(page, server.url, 'till.csv');
      const layout = await page.evaluate(() => ({
        pageWidth: document.documentElement.scrollWidth,
        viewportWidth: window.innerWidth,
        selectsOffScreen: [...document.querySelectorAll('.mapping-table select')].map((select) => select.getBoundingClientRect())
          .filter((box) => box.left < 0 || box.right > window.innerWidth).length,
      }));
      expect({ locale, ...layout }).toEqual({ locale, pageWidth: layout.viewportWidth, viewportWidth: phone.width, selectsOffScreen: 0 });
    }
    await chooseLanguage(page, 'en');
  });

  it('sends nothing of a file whose quote is never closed: the row after it would be swallowed into it', async () => {
    const runsBefore = await server.store.db.selectFrom('import_run').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await page.goto(`${server.url}/import`);
    await page.locator('main h1').waitFor();
    const broken = ['customer_id,name,email', 'Q-1,Ana,ana@example.com', 'Q-2,"Quote ""unclosed,q2@example.com', 'Q-3,Jānis,janis@example.com'].join('\n');
    await page.locator('input[type="file"]').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
    const problem = page.locator('.inline-error li').filter({ hasText: 'a quoted value is opened and never closed' });
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toMatch(/^Line 3: /);
    await expect(page.getByRole('button', { name: /^Import/ }).isDisabled()).resolves.toBe(true);
    const runsAfter = await server.store.db.selectFrom('import_run').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(runsAfter.n)).toBe(Number(runsBefore.n));
    const stored = await server.store.db.selectFrom('customer').select('customer_id').where('name', 'like', 'Quote%').execute();
    expect(stored).toEqual([]);
  });

  it('opens one run when the answer to opening it is lost, and imports the file into it', async () => {
    let opened = 0;
    const isImports = (url: URL) => url.pathname === '/api/imports';
    await page.route(isImports, async (route) => {
      if (route.request().method() !== 'POST' || opened > 0) return route.continue();
      opened += 1;
      await route.fetch(); // the server opens the run; its answer never reaches the page
      await route.abort('connectionreset');
    });
    try {
      await chooseOrdersFile(page, server.url, 'lost-open.csv', ['Date,Total,Customer,Order ID', '2024-03-07,5000,LOST-C1,LOST-1'].join('\n'));
      await page.getByRole('button', { name: 'Import 1 row' }).click();
      await page.getByText('Finished').waitFor();
    } finally {
      await page.unroute(isImports);
    }
    expect(opened).toBe(1);
    const runs = await server.store.db.selectFrom('import_run').select(['status', 'inserted_count']).where('file_name', '=', 'lost-open.csv').execute();
    expect(runs).toEqual([{ status: 'completed', inserted_count: 1 }]);
  });

  it('sends orders under the source their customers\' ids come from, the demo\'s by default, or under a new source the user names', async () => {
    const count = (table: 'customer') => server.store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((row) => Number(row.n));
    const known = await server.store.db.selectFrom('customer_identity').select(['value', 'customer_id']).where('kind', '=', 'external').where('namespace', '=', 'demo')
      .orderBy('customer_id').limit(2).execute();
    const demoIds = await server.store.db.selectFrom('customer_identity').select((eb) => eb.fn.countAll<number>().as('n')).where('kind', '=', 'external').where('namespace', '=', 'demo').executeTakeFirstOrThrow();
    const before = await count('customer');
    const csv = ['Date,Total,Customer,Order ID', `2024-03-05,90000,${known[0].value},SRC-1`, `2024-03-06,25000,${known[1].value},SRC-2`].join('\n');
    await chooseOrdersFile(page, server.url, 'known-customers.csv', csv);
    const source = page.getByRole('combobox', { name: 'Source' });
    await expect(source.inputValue()).resolves.toBe('demo');
    await expect(source.locator('option:checked').textContent()).resolves.toBe(`demo (${Number(demoIds.n)} customer IDs)`);
    await expect(page.locator('#source-hint').textContent()).resolves.toMatch(/a customer ID finds only customers imported from the same source/);
    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    await page.getByText('Finished').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'rows read' }).textContent()).resolves.not.toMatch(/New customers/);
    expect(await count('customer')).toBe(before);
    const stored = await server.store.db.selectFrom('customer_order').select(['external_id', 'customer_id', 'source']).where('external_id', 'in', ['SRC-1', 'SRC-2']).orderBy('external_id').execute();
    expect(stored).toEqual([{ external_id: 'SRC-1', customer_id: known[0].customer_id, source: 'demo' }, { external_id: 'SRC-2', customer_id: known[1].customer_id, source: 'demo' }]);

    // another system's ids are not the demo's: under a new source the same id is someone new, and the source is listed after
    await chooseOrdersFile(page, server.url, 'till-ids.csv', ['Date,Total,Customer,Order ID', `2024-03-07,5000,${known[0].value},TILL-1`].join('\n'));
    await source.selectOption({ label: 'A new source…' });
    await expect(page.getByRole('button', { name: 'Import 1 row' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('textbox', { name: 'Name of the new source' }).fill('till');
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await page.getByText('Finished').waitFor();
    await expect(page.getByRole('status').filter({ hasText: 'row read' }).textContent()).resolves.toMatch(/New customers: 1\. No stored customer had/);
    expect(await count('customer')).toBe(before + 1);
    const options = await source.locator('option').allTextContents();
    expect([options[0], ...options.slice(-2)]).toEqual([`demo (${Number(demoIds.n)} customer IDs)`, 'till (1 customer ID)', 'A new source…']);
  });

  it('warns that an orders file chosen as customers is orders, imports nothing until asked, and switches the data in one click', async () => {
    const csv = ['order_id,customer_id,ordered_at,amount', 'KIND-1,KIND-C1,2024-03-05,90000'].join('\n');
    const open = async () => {
      await page.goto(`${server.url}/import`);
      await page.locator('main h1').waitFor();
      await expect(page.locator('select[name="entity"]').inputValue()).resolves.toBe('customers');
      await page.locator('input[type="file"]').setInputFiles({ name: 'orders-as-customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.locator('.mapping-table').waitFor();
    };
    await open();
    const warning = page.locator('.entity-warning');
    await expect(warning.locator('p').textContent()).resolves.toBe('These columns belong to “Orders” data, which “Customers” does not read: order_id, ordered_at, amount. Is this a file of “Orders”?');
    await expect(page.getByRole('button', { name: 'Import 1 row' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Import as “Orders”' }).click();
    await expect(page.locator('select[name="entity"]').inputValue()).resolves.toBe('orders');
    await expect(warning.count()).resolves.toBe(0);
    await expect(rowOf(page, 'order_id').locator('select').inputValue()).resolves.toBe('order_id');
    await expect(page.getByRole('button', { name: 'Import 1 row' }).isDisabled()).resolves.toBe(false);

    // kept as customers, the file imports as the user said
    await open();
    await page.getByRole('button', { name: 'Import as “Customers” anyway' }).click();
    await expect(warning.count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await page.getByText('Finished').waitFor();
    const orders = await server.store.db.selectFrom('customer_order').select('external_id').where('external_id', '=', 'KIND-1').execute();
    expect(orders).toEqual([]);
  });
});
