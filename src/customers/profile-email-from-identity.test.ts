import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import { importFile } from '../ingest/import-file.service.js';
import { listCustomers } from './list-customers.js';
import { removeIdentity } from './remove-identity.service.js';
import { customerUpdateAuditDetail, updateCustomer } from './customers.service.js';
import { recordAudit } from '../auth/audit.js';
import { createSegment } from '../segments/index.js';
import { fixedClock } from '../core/clock.js';

const { file } = scratchFiles('profile-email-from-identity');
const base = importDefaults;

describeEachStore('a profile email or phone filled from an identity attached later', (context) => {
  const db = () => context.store.db;
  const importText = (entity: 'orders' | 'customers' | 'events', name: string, text: string) => importFile(db(), { ...base, entity, file: file(name, text) });
  const profileOf = async (identityValue: string) => {
    const result = await sql<{ customer_id: number; email: string | null; phone: string | null; name: string | null }>`
      select c.customer_id, c.email, c.phone, c.name from customer c join customer_identity ci on ci.customer_id = c.customer_id
      where ci.kind in ('email', 'phone') and ci.value = ${identityValue}`.execute(db());
    expect(result.rows).toHaveLength(1);
    return { ...result.rows[0], customer_id: Number(result.rows[0].customer_id) };
  };
  const customersFound = async (q: string) => (await listCustomers(db(), { q })).items.map((item) => ({ id: Number(item.customer_id), email: item.email }));

  it('fills the empty email of a stub made from an order by phone when a later order gives the email', async () => {
    await importText('orders', 'a1.csv', 'order_id,customer_phone,ordered_at,amount\nA1,+62 857 1111 0001,2026-04-01,15000\n');
    const stub = await profileOf('+6285711110001');
    expect(stub.email).toBeNull();
    await importText('orders', 'a2.csv', 'order_id,customer_phone,customer_email,ordered_at,amount\nA2,+62 857 1111 0001,Ani@Example.com,2026-04-08,20000\n');
    expect(await profileOf('ani@example.com')).toMatchObject({ customer_id: stub.customer_id, email: 'ani@example.com', phone: '+6285711110001' });
    // lists and search show the address the profile now holds
    expect(await customersFound('ani@example.com')).toEqual([{ id: stub.customer_id, email: 'ani@example.com' }]);
  });

  it('fills the empty phone of a stub made from an order by email when a later order gives the phone', async () => {
    await importText('orders', 'b1.csv', 'order_id,customer_email,ordered_at,amount\nB1,budi@example.com,2026-04-01,15000\n');
    expect((await profileOf('budi@example.com')).phone).toBeNull();
    await importText('orders', 'b2.csv', 'order_id,customer_email,customer_phone,ordered_at,amount\nB2,budi@example.com,+62 857 1111 0002,2026-04-08,20000\n');
    expect(await profileOf('budi@example.com')).toMatchObject({ email: 'budi@example.com', phone: '+6285711110002' });
  });

  it('fills the email of a customer a customers file row finds by phone and names by an email id', async () => {
    await importText('orders', 'c1.csv', 'order_id,customer_phone,ordered_at,amount\nC1,+62 857 1111 0003,2026-04-01,15000\n');
    const stub = await profileOf('+6285711110003');
    // the email comes only as the customer id, as exports from some tills give it
    await importText('customers', 'c2.csv', 'customer_id,phone,name\ncita@example.com,+62 857 1111 0003,Cita Lestari\n');
    expect(await profileOf('cita@example.com')).toMatchObject({ customer_id: stub.customer_id, email: 'cita@example.com', name: 'Cita Lestari' });
  });

  it('keeps a stated email: a later order only adds its address as an identity', async () => {
    await importText('customers', 'd1.csv', 'customer_id,email,phone,name\nD-1,dewi@example.com,+62 857 1111 0004,Dewi\n');
    await importText('orders', 'd2.csv', 'order_id,customer_phone,customer_email,ordered_at,amount\nD2,+62 857 1111 0004,dewi.work@example.com,2026-04-08,20000\n');
    const dewi = await profileOf('dewi.work@example.com');
    expect(dewi).toMatchObject({ email: 'dewi@example.com', phone: '+6285711110004' });
    expect(await customersFound('dewi.work@example.com')).toEqual([{ id: dewi.customer_id, email: 'dewi@example.com' }]);
  });

  it('leaves empty an email staff cleared, whether by an edit or by removing the identity', async () => {
    await importText('customers', 'e1.csv', 'customer_id,email,phone,name\nE-1,eka@example.com,+62 857 1111 0005,Eka\nE-2,fajar@example.com,+62 857 1111 0006,Fajar\n');
    const eka = await profileOf('eka@example.com');
    const fajar = await profileOf('fajar@example.com');
    // as PATCH /api/customers/{id} and `clientele customers update` do: the edit, then its audit entry
    const edit = await updateCustomer(db(), eka.customer_id, { email: null });
    await recordAudit(db(), { actor: 'cli:test', action: 'customer.update', entity: 'customer', entityId: String(eka.customer_id), detail: customerUpdateAuditDetail(edit) });
    await removeIdentity(db(), fajar.customer_id, { kind: 'email', value: 'fajar@example.com' }, 'cli:test');
    await importText('orders', 'e2.csv', 'order_id,customer_phone,customer_email,ordered_at,amount\n'
      + 'E3,+62 857 1111 0005,eka@example.com,2026-04-08,20000\nE4,+62 857 1111 0006,fajar@example.com,2026-04-08,20000\n');
    // the order's address is theirs again as an identity, but the profile stays as staff left it
    expect(await profileOf('eka@example.com')).toMatchObject({ customer_id: eka.customer_id, email: null });
    expect(await profileOf('fajar@example.com')).toMatchObject({ customer_id: fajar.customer_id, email: null });
  });

  it('takes back the email filled from a row the batch then rejected', async () => {
    await importText('orders', 'g1.csv', 'order_id,customer_phone,ordered_at,amount\nG1,+62 857 1111 0007,2026-04-01,15000\nH1,+62 857 1111 0008,2026-04-01,15000\n');
    const gita = await profileOf('+6285711110007');
    // G2 repeats H1's order id with another buyer: rejected, it attaches no identity and fills no profile
    const result = await importText('orders', 'g2.csv', 'order_id,customer_phone,customer_email,ordered_at,amount,line_sku,line_quantity,line_price\n'
      + 'H1,+62 857 1111 0007,gita@example.com,2026-04-01,15000,SKU-1,1,15000\n');
    expect(result.rejected).toBeGreaterThan(0);
    const after = await sql<{ email: string | null }>`select email from customer where customer_id = ${gita.customer_id}`.execute(db());
    expect(after.rows[0].email).toBeNull();
    const held = await sql`select 1 from customer_identity where value = 'gita@example.com'`.execute(db());
    expect(held.rows).toHaveLength(0);
  });

  it('keeps an accepted row\'s email on the profile when a rejected row of the batch gave the customer another one first', async () => {
    // a stub known by phone, and an order of another customer that the next file's first row claims
    await importText('orders', 'k1.csv', 'order_id,customer_phone,ordered_at,amount\nK1,+62 857 1111 0101,2026-04-01,15000\nOTHER,+62 857 1111 0109,2026-04-01,15000\n');
    const known = await profileOf('+6285711110101');
    const second = await importText('orders', 'k2.csv', 'order_id,customer_phone,customer_email,ordered_at,amount\n'
      + 'OTHER,+62 857 1111 0101,bad@example.com,2026-04-01,15000\n'
      + 'K2,+62 857 1111 0101,good@example.com,2026-04-02,15000\n');
    expect(second.rejected).toBe(1);
    expect(await profileOf('good@example.com')).toMatchObject({ customer_id: known.customer_id, email: 'good@example.com' });
    // a customer the batch created ends the same way: the kept row's email, not none
    await importText('orders', 'k3.csv', 'order_id,customer_phone,ordered_at,amount\nTAKEN,+62 857 1111 0177,2026-04-01,15000\n');
    const third = await importText('orders', 'k4.csv', 'order_id,customer_phone,customer_email,ordered_at,amount\n'
      + 'TAKEN,+62 857 1111 0103,zbad@example.com,2026-04-01,15000\n'
      + 'K4,+62 857 1111 0103,zgood@example.com,2026-04-02,15000\n');
    expect(third.rejected).toBe(1);
    expect(await profileOf('+6285711110103')).toMatchObject({ email: 'zgood@example.com' });
  });

  it('judges segments on email again for a customer whose email an unchanged order filled', async () => {
    await importText('orders', 's1.csv', 'order_id,customer_phone,ordered_at,amount\nS1,+62 857 1111 0201,2026-04-01,15000\n');
    const stub = await profileOf('+6285711110201');
    const { segment } = await createSegment(db(), { name: 'Sari by email', filter: { field: 'email', op: 'eq', value: 'sari@example.com' } }, { actor: 'test', clock: fixedClock(new Date()) });
    const members = async () => (await sql<{ customer_id: string }>`select customer_id from segment_member where segment_id = ${segment.segment_id}`.execute(db())).rows.map((row) => Number(row.customer_id));
    expect(await members()).toEqual([]);
    // the same order again, now with the buyer's email: nothing about the order changes
    const again = await importText('orders', 's2.csv', 'order_id,customer_phone,customer_email,ordered_at,amount\nS1,+62 857 1111 0201,sari@example.com,2026-04-01,15000\n');
    expect(again.unchanged).toBe(1);
    expect(await members()).toEqual([stub.customer_id]);
  });
});
