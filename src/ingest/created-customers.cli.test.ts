import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../test/helpers/cli-in-process.js';
import { scratchFiles } from '../../test/helpers/import-files.js';

const files = scratchFiles('created-customers');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

const customers = 'customer_id,name\nK1,Ana\nK2,Budi\n';
const orders = 'order_id,customer_id,ordered_at,amount\nO-1,K1,2024-06-01,10\nO-2,K2,2024-06-02,12\nO-3,K1,2024-06-03,9\n';

describeEachCliStore('clientele import: the customers a file created', (context) => {
  const createdCountOf = (importId: number) => context.withStore(async (store) =>
    (await store.db.selectFrom('import_run').select('created_customer_count').where('import_id', '=', importId).executeTakeFirstOrThrow()).created_customer_count);

  it('counts the customers a file created, says so in text and JSON, in the run too, and none when the file is imported again', async () => {
    const customersFile = files.file(`${context.kind}-customers.csv`, customers);
    const ordersFile = files.file(`${context.kind}-orders.csv`, orders);
    const described = await runCliInProcess(context.db, ['--json', 'import', 'customers', customersFile, '--source', 'shop']);
    expect(described.error).toBeNull();
    expect(JSON.parse(described.stdout)).toMatchObject({ inserted: 2, createdCustomers: 2 });

    // the orders name the shop's customer ids, but are imported without --source shop: two new customers
    const first = await runCliInProcess(context.db, ['--json', 'import', 'orders', ordersFile]);
    expect(first.error).toBeNull();
    const summary = JSON.parse(first.stdout);
    expect(summary).toMatchObject({ inserted: 3, rejected: 0, createdCustomers: 2 });
    expect(await createdCountOf(summary.importId)).toBe(2);

    const again = await runCliInProcess(context.db, ['import', 'orders', ordersFile]);
    expect(again.error).toBeNull();
    expect(again.stdout).toContain('  customers created: 0\n');

    const withSource = await runCliInProcess(context.db, ['import', 'orders', files.file(`${context.kind}-more-orders.csv`, 'order_id,customer_id,ordered_at,amount\nO-9,K1,2024-06-09,10\nO-8,K7,2024-06-08,4\n'), '--source', 'shop']);
    expect(withSource.error).toBeNull();
    expect(withSource.stdout).toContain('  customers created: 1 (buyers or gift recipients no stored customer was found for: a customer_id is looked up only among the ids imported with the same --source, so check it is the one the customers were imported with)');
  }, 240_000);

  it('gives the --source advice only for a file that names customers by their ids', async () => {
    const byEmail = await runCliInProcess(context.db, ['import', 'orders', files.file(`${context.kind}-email-orders.csv`, 'order_id,customer_email,ordered_at,amount\nE-1,sari@example.com,2024-06-01,10\n')]);
    expect(byEmail.error).toBeNull();
    expect(byEmail.stdout).toContain('  read 1 row  inserted 1');
    expect(byEmail.stdout).toContain('  customers created: 1 (buyers or gift recipients no stored customer was found for by email, phone or external id)');
    expect(byEmail.stdout).not.toContain('--source');
  }, 240_000);
});
