import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from './import-file.service.js';

// A shop's orders export names its buyer in a "Klients" column of emails; the customers file
// that follows names them by email too (column-plan.ts, readContactsAsContacts).
const directory = mkdtempSync(join(tmpdir(), 'clientele-customer-column-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
const base = { actor: 'test', clock: fixedClock('2024-12-31T00:00:00Z'), rejectsPath: null };
const fileOf = (name: string, text: string) => {
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
};

describeEachStore('an orders file whose customer column holds emails', (context) => {
  const db = () => context.store.db;
  const customersOf = async (orderIds: string[]) =>
    (await db().selectFrom('customer_order').select('customer_id').distinct().where('external_id', 'in', orderIds).execute()).map((row) => row.customer_id);
  const liveCustomers = async () => Number((await sql<{ count: string }>`select count(*) as count from customer where merged_into_customer_id is null`.execute(db())).rows[0].count);

  it('reads the column as the customer\'s email, so the customers file that follows finds the same person', async () => {
    const orders = fileOf('orders.csv', 'Pasūtījums,Datums,Klients,Summa\nP-1,2024-03-01,anna.berzina@inbox.lv,25000\nP-2,2024-04-02,Anna.Berzina@inbox.lv,10000\nP-3,2024-04-03,janis@example.lv,5000\n');
    const summary = await importFile(db(), { ...base, entity: 'orders', file: orders });
    expect(summary).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    expect(summary.guessedColumns).toContainEqual({ field: 'customer_email', column: 'Klients', valuesAre: 'email' });
    expect(await sql`select 1 from customer_identity where kind = 'external'`.execute(db()).then((result) => result.rows)).toEqual([]);

    const customers = fileOf('customers.csv', 'customer_id,name,email\nK-7,Anna Bērziņa,anna.berzina@inbox.lv\n');
    expect(await importFile(db(), { ...base, entity: 'customers', file: customers })).toMatchObject({ read: 1, rejected: 0 });
    const anna = await customersOf(['P-1', 'P-2']);
    expect(anna).toHaveLength(1);
    const row = await db().selectFrom('customer').select(['name', 'email', 'merged_into_customer_id']).where('customer_id', '=', anna[0]).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Anna Bērziņa', email: 'anna.berzina@inbox.lv', merged_into_customer_id: null });
    const identities = await db().selectFrom('customer_identity').select(['kind', 'value']).where('customer_id', '=', anna[0]).orderBy('kind').execute();
    expect(identities).toEqual([{ kind: 'email', value: 'anna.berzina@inbox.lv' }, { kind: 'external', value: 'K-7' }]);
    // Anna and Jānis: no third customer for Anna's email
    expect(await liveCustomers()).toBe(2);
  });

  it('keeps a customer column of ids as customer_id', async () => {
    const orders = fileOf('orders-ids.csv', 'Pasūtījums,Datums,Klients,Summa\nQ-1,2024-03-01,K-100,25000\nQ-2,2024-04-02,K-100,10000\nQ-3,2024-04-03,200345,5000\n');
    const summary = await importFile(db(), { ...base, entity: 'orders', file: orders });
    expect(summary).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    expect(summary.guessedColumns).toContainEqual({ field: 'customer_id', column: 'Klients' });
    const [k100] = await customersOf(['Q-1', 'Q-2']);
    const identities = await db().selectFrom('customer_identity').select(['kind', 'value']).where('customer_id', '=', k100).execute();
    expect(identities).toEqual([{ kind: 'external', value: 'K-100' }]);
  });

  it('obeys --map customer_id=Klients even when the column holds emails', async () => {
    const orders = fileOf('orders-mapped.csv', 'Pasūtījums,Datums,Klients,Summa\nR-1,2024-03-01,mapped@example.lv,25000\n');
    const summary = await importFile(db(), { ...base, entity: 'orders', file: orders, mapping: { customer_id: 'Klients' } });
    expect(summary).toMatchObject({ inserted: 1, rejected: 0 });
    expect(summary.guessedColumns).not.toContainEqual(expect.objectContaining({ column: 'Klients' }));
    const [mapped] = await customersOf(['R-1']);
    // read as the id it was mapped to; an id that is an email address names that email too (docs/import.md)
    expect(await db().selectFrom('customer_identity').select(['kind', 'value']).where('customer_id', '=', mapped).orderBy('kind').execute())
      .toEqual([{ kind: 'email', value: 'mapped@example.lv' }, { kind: 'external', value: 'mapped@example.lv' }]);
  });
});
