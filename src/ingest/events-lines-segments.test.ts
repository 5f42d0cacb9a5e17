import { rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { createSegment, listSegmentMembers } from '../segments/index.js';
import { deleteCustomer } from '../customers/customers.service.js';
import { ingestRecords } from './ingest-batch.service.js';
import { importFile } from './import-file.service.js';

const files = scratchFiles('events-lines-segments');
afterAll(() => rmSync(files.directory, { recursive: true, force: true }));

describeEachStore('segment membership follows interest events and order lines', (context) => {
  const db = () => context.store.db;
  const clock = importDefaults.clock;
  const membersOf = async (name: string) => (await listSegmentMembers(db(), name, { limit: 100 })).items.map((row) => row.email).sort();

  it('takes in a customer whose inquiry arrives, and one whose order lines name the category', async () => {
    await importFile(db(), { ...importDefaults, entity: 'customers', file: files.file('customers.csv', 'customer_id,email\nc1,ayu@example.com\nc2,budi@example.com\n') });
    await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('orders.csv', 'order_id,customer_id,ordered_at,amount\nO1,c2,2026-12-01T10:00:00Z,50000\n') });
    await createSegment(db(), { name: 'asked', filter: { interest: { kind: ['inquiry'] } } }, { actor: 'test', clock });
    await createSegment(db(), { name: 'coffee buyers', filter: { purchased: { category: ['coffee'] } } }, { actor: 'test', clock });
    expect([await membersOf('asked'), await membersOf('coffee buyers')]).toEqual([[], []]);

    const events = await ingestRecords(db(), 'events', [{ event_id: 'E1', customer_email: 'ayu@example.com', kind: 'inquiry', occurred_at: '2026-12-02T09:00:00Z' }], { actor: 'test', clock });
    expect(events).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await membersOf('asked')).toEqual(['ayu@example.com']);

    const lines = await importFile(db(), { ...importDefaults, entity: 'lines', file: files.file('lines.csv', 'order_id,sku,product_name,category,quantity,unit_price\nO1,K1,Kopi susu,coffee,2,25000\n') });
    expect(lines).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await membersOf('coffee buyers')).toEqual(['budi@example.com']);
  });

  it('takes in a gift\'s recipient by the first sign of interest it gave them, and lets them go when it goes to someone else', async () => {
    await createSegment(db(), { name: 'interested before November', filter: { field: 'first_interest_at', op: 'lt', value: '2026-11-01' } }, { actor: 'test', clock });
    // the buyer, known by an id alone, is a member too: only recipients have an email
    const recipients = async () => (await membersOf('interested before November')).filter((email) => email !== null);
    const gift = (recipient: string) => files.file(`gift-${recipient}.csv`, `order_id,customer_id,ordered_at,amount,recipient_email\nG1,giver,2026-10-20T10:00:00Z,50000,${recipient}\n`);
    await importFile(db(), { ...importDefaults, entity: 'orders', file: gift('sari@example.com') });
    expect(await recipients()).toEqual(['sari@example.com']);

    await importFile(db(), { ...importDefaults, entity: 'orders', file: gift('tono@example.com') });
    expect(await recipients()).toEqual(['tono@example.com']);

    // the giver deleted, the gift goes with them, and with it the recipient's first sign of interest
    const giver = await db().selectFrom('customer_order').select('customer_id').where('external_id', '=', 'G1').executeTakeFirstOrThrow();
    await deleteCustomer(db(), Number(giver.customer_id), { clock });
    expect(await recipients()).toEqual([]);
  });
});
