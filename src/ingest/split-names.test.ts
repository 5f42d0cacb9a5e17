import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { listCustomers } from '../customers/list-customers.js';
import { importFile } from './import-file.service.js';

// A Riga shop's customers file had "Vārds" and "Uzvārds" columns: only the first name was stored,
// and searching the surname found no one.
const files = scratchFiles('split-names');

describeEachStore('customer names given as first and last name', (context) => {
  const db = () => context.store.db;
  const names = async (domain: string) => (await db().selectFrom('customer').select(['email', 'name']).where('email', 'like', `%@${domain}`).orderBy('email').execute())
    .map((row) => [row.email, row.name]);

  it('stores "Vārds" and "Uzvārds" mapped to first_name and last_name as one name, found by the folded surname, and a re-run changes nothing', async () => {
    const file = files.file('klienti.csv', ['Vārds;Uzvārds;E-pasts', 'Jānis;Bērziņš;janis@example.lv', 'Anna;Kalniņa;anna@example.lv'].join('\n'));
    const options = { ...importDefaults, entity: 'customers' as const, file, mapping: { first_name: 'Vārds', last_name: 'Uzvārds' } };
    expect(await importFile(db(), options)).toMatchObject({ inserted: 2, rejected: 0, ignoredColumns: [] });
    expect(await names('example.lv')).toEqual([['anna@example.lv', 'Anna Kalniņa'], ['janis@example.lv', 'Jānis Bērziņš']]);
    expect((await listCustomers(db(), { q: 'berzins' })).items.map((item) => item.email)).toEqual(['janis@example.lv']);
    expect(await importFile(db(), options)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
  });

  it('reads First Name and Last Name by their own names: one part alone, trimmed; neither is no name; a name column wins', async () => {
    const file = files.file('customers.csv', [
      'email,First Name,Last Name,name',
      'a@example.com,  Ayu ,  Lestari  ,',
      'b@example.com,,Bērziņš,',
      'c@example.com,Sari,,',
      'd@example.com, , ,',
      'e@example.com,Jānis,Bērziņš,"Bērziņš, Jānis"',
    ].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'customers', file })).toMatchObject({ inserted: 5, rejected: 0, ignoredColumns: [] });
    expect(await names('example.com')).toEqual([
      ['a@example.com', 'Ayu Lestari'], ['b@example.com', 'Bērziņš'], ['c@example.com', 'Sari'], ['d@example.com', null], ['e@example.com', 'Bērziņš, Jānis'],
    ]);
  });

  it('reads "Name" beside "Last name" as the first name and joins them, with nothing lost', async () => {
    const file = files.file('name-last-name.csv', ['Email,Name,Last name', 'ann@name.test,Ann,Lee', 'bo@name.test,Bo,', 'cy@name.test,,Cruz'].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'customers', file })).toMatchObject({ inserted: 3, rejected: 0, ignoredColumns: [] });
    expect(await names('name.test')).toEqual([['ann@name.test', 'Ann Lee'], ['bo@name.test', 'Bo'], ['cy@name.test', 'Cruz']]);
    expect((await listCustomers(db(), { q: 'lee' })).items.map((item) => item.email)).toEqual(['ann@name.test']);
  });

  it('keeps the surname when "Name" is mapped as the whole name beside a mapped last name, unless the name already holds it', async () => {
    const file = files.file('mapped-whole.csv', [
      'Email,Name,Surname', 'ann@whole.test,Ann,Lee', 'dee@whole.test,Dee Lee,Lee', 'eva@whole.test,EVA KALNINA,Kalniņa', 'fay@whole.test,Fay,',
      // a short surname inside the first name's letters is no surname of it
      'alice@whole.test,Alice,Li', 'zoe@whole.test,"Li, Zoe",Li',
    ].join('\n'));
    const options = { ...importDefaults, entity: 'customers' as const, file, mapping: { name: 'Name', last_name: 'Surname' } };
    expect(await importFile(db(), options)).toMatchObject({ inserted: 6, rejected: 0, ignoredColumns: [] });
    expect(await names('whole.test')).toEqual([
      ['alice@whole.test', 'Alice Li'], ['ann@whole.test', 'Ann Lee'], ['dee@whole.test', 'Dee Lee'], ['eva@whole.test', 'EVA KALNINA'], ['fay@whole.test', 'Fay'],
      ['zoe@whole.test', 'Li, Zoe'],
    ]);
    expect(await importFile(db(), options)).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 });
  });

  it('gives a customer first known from an orders file the name of its first and last name columns', async () => {
    const file = files.file('orders.csv', [
      'order_id,customer_email,customer_first_name,customer_last_name,ordered_at,amount',
      'W-1,janis@veikals.lv,Jānis,Bērziņš,2026-03-01,12500',
    ].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 1, rejected: 0, ignoredColumns: [] });
    expect(await names('veikals.lv')).toEqual([['janis@veikals.lv', 'Jānis Bērziņš']]);
    expect((await listCustomers(db(), { q: 'berzins janis' })).items.map((item) => item.email)).toContain('janis@veikals.lv');
  });

  it('fills the empty name of a buyer known only from an earlier orders file, without counting the order as updated', async () => {
    const orders = (name: string, rows: string[]) => files.file(name, ['order_id,customer_email,customer_first_name,customer_last_name,ordered_at,amount', ...rows].join('\n'));
    const unnamed = orders('orders-1.csv', ['S-1,ilze@stub.lv,,,2026-03-01,10.00', 'S-2,ayu@stub.lv,,,2026-03-01,10.00']);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: unnamed })).toMatchObject({ inserted: 2, rejected: 0 });
    expect(await names('stub.lv')).toEqual([['ayu@stub.lv', null], ['ilze@stub.lv', null]]);

    // the same orders again, now with the buyer's name on one of them, and a new order naming the other
    const named = orders('orders-2.csv', ['S-1,ilze@stub.lv,Ilze,Ozola,2026-03-01,10.00', 'S-2,ayu@stub.lv,,,2026-03-01,10.00', 'S-3,ayu@stub.lv,Ayu,Lestari,2026-03-05,20.00']);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: named })).toMatchObject({ inserted: 1, updated: 0, unchanged: 2, rejected: 0 });
    expect(await names('stub.lv')).toEqual([['ayu@stub.lv', 'Ayu Lestari'], ['ilze@stub.lv', 'Ilze Ozola']]);
    expect((await listCustomers(db(), { q: 'ozola' })).items.map((item) => item.email)).toEqual(['ilze@stub.lv']);
    const stubs = await db().selectFrom('customer').select('is_stub').where('email', 'like', '%@stub.lv').execute();
    expect(stubs.map((row) => row.is_stub)).toEqual([true, true]);

    // a name once given is kept: a later order with another name, or none, changes nothing
    const renamed = orders('orders-3.csv', ['S-4,ilze@stub.lv,Ilze,Bērziņa,2026-04-01,10.00', 'S-5,ayu@stub.lv,,,2026-04-01,10.00']);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: renamed })).toMatchObject({ inserted: 2, rejected: 0 });
    expect(await names('stub.lv')).toEqual([['ayu@stub.lv', 'Ayu Lestari'], ['ilze@stub.lv', 'Ilze Ozola']]);
  });

  it('names a buyer the batch created by the orders stored, not by an order of theirs rejected', async () => {
    const orders = (name: string, rows: string[]) => files.file(name, ['order_id,customer_email,customer_name,ordered_at,amount', ...rows].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: orders('taken.csv', ['R-1,owner@rejected.lv,Olga Owner,2026-03-01,10.00', 'R-2,owner@rejected.lv,,2026-03-01,10.00']) }))
      .toMatchObject({ inserted: 2, rejected: 0 });
    // are another customer's orders: both rows are rejected, and the orders after them land
    const file = orders('new-buyers.csv', [
      'R-1,vera@rejected.lv,Wrong Name,2026-03-02,10.00', 'R-3,vera@rejected.lv,Vera Vītola,2026-03-03,12.00',
      'R-2,ivo@rejected.lv,Ivo Wrong,2026-03-02,10.00', 'R-4,ivo@rejected.lv,,2026-03-03,12.00',
    ]);
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 2, rejected: 2 });
    expect(await names('rejected.lv')).toEqual([['ivo@rejected.lv', null], ['owner@rejected.lv', 'Olga Owner'], ['vera@rejected.lv', 'Vera Vītola']]);
  });

  it('does not name from an order a customer a customers file described without a name', async () => {
    const customers = files.file('described.csv', ['email,city', 'rita@profile.lv,Rīga'].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'customers', file: customers })).toMatchObject({ inserted: 1, rejected: 0 });
    const file = files.file('described-orders.csv', ['order_id,customer_email,customer_name,ordered_at,amount', 'P-1,rita@profile.lv,Rita Gift Card,2026-03-01,10.00'].join('\n'));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file })).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await names('profile.lv')).toEqual([['rita@profile.lv', null]]);
  });

  it("names the buyers of a Shopify orders export by its Billing Name, which Shopify writes on an order's first row only", async () => {
    const file = files.file('orders_export.csv', [
      'Name,Email,Financial Status,Created at,Total,Lineitem quantity,Lineitem name,Lineitem price,Billing Name',
      '#2001,ana@toko.id,paid,2024-03-01 10:15:22 +0700,50000,1,Kopi,50000,Ana Bērziņa',
      '#2002,budi@toko.id,paid,2024-03-02 09:00:00 +0700,30000,2,Roti,15000,Budi Santoso',
      '#2002,,,,,1,Teh,0,',
    ].join('\n'));
    const options = { ...importDefaults, entity: 'orders' as const, file, preset: 'shopify-orders' };
    expect(await importFile(db(), options)).toMatchObject({ inserted: 3, rejected: 0 });
    expect(await names('toko.id')).toEqual([['ana@toko.id', 'Ana Bērziņa'], ['budi@toko.id', 'Budi Santoso']]);
    expect(await importFile(db(), options)).toMatchObject({ inserted: 0, updated: 0, unchanged: 3 });
    expect((await listCustomers(db(), { q: 'berzina' })).items.map((item) => item.email)).toEqual(['ana@toko.id']);
  });
});
