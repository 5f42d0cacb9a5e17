import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../../test/helpers/import-files.js';
import { undoMerge } from '../../customers/merge.service.js';
import { importFile } from '../import-file.service.js';

const { directory, file } = scratchFiles('join-stubs');
const base = importDefaults;

describeEachStore('customer rows joining stubs, and identities across batches', (context) => {
  const db = () => context.store.db;
  const ownerOf = async (kind: string, value: string) =>
    (await sql<{ customer_id: number }>`select customer_id from customer_identity where kind = ${kind} and value = ${value}`.execute(db())).rows[0]?.customer_id;
  const customerOfOrder = async (externalId: string) =>
    (await db().selectFrom('customer_order').select('customer_id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).customer_id;

  it('joins the stubs of one person\'s orders by phone and by email when their customer row names both, with an undoable merge', async () => {
    await importFile(db(), { ...base, entity: 'orders', file: file('o5.csv', 'order_id,customer_phone,ordered_at,amount\nS1,0857 2222 3333,2026-04-01,15000\n') });
    await importFile(db(), { ...base, entity: 'orders', file: file('o6.csv', 'order_id,customer_email,ordered_at,amount\nS2,  Stub.Person@Example.com,2026-04-02,25000\n') });
    const byPhone = (await ownerOf('phone', '+6285722223333'))!;
    const byEmail = (await ownerOf('email', 'stub.person@example.com'))!;
    expect(byPhone).not.toBe(byEmail);

    const summary = await importFile(db(), { ...base, entity: 'customers', file: file('c3.csv', 'customer_id,email,phone,name\nSP,stub.person@example.com,+62-857-2222-3333,Stub Person\n') });
    expect(summary).toMatchObject({ read: 1, updated: 1, rejected: 0, joinedStubs: 1 });
    expect(summary.joinsSample).toEqual([{ line: 2, customerId: byEmail, mergedCustomerIds: [byPhone], mergeIds: [expect.any(Number)] }]);
    expect(await ownerOf('phone', '+6285722223333')).toBe(byEmail);
    expect(await ownerOf('external', 'SP')).toBe(byEmail);
    expect([await customerOfOrder('S1'), await customerOfOrder('S2')]).toEqual([byEmail, byEmail]);
    const person = await db().selectFrom('customer').selectAll().where('customer_id', '=', byEmail).executeTakeFirstOrThrow();
    expect(person).toMatchObject({ name: 'Stub Person', email: 'stub.person@example.com', phone: '+6285722223333', is_stub: false });
    const audit = await db().selectFrom('audit_event').select(['action', 'actor', 'detail']).where('action', 'in', ['customer.merge', 'customer.import.join']).orderBy('audit_id').execute();
    expect(audit.map((event) => [event.action, event.actor])).toEqual([['customer.merge', 'cli:test'], ['customer.import.join', 'cli:test']]);
    const detail = typeof audit[1].detail === 'string' ? JSON.parse(audit[1].detail) : audit[1].detail;
    expect(detail).toMatchObject({ importId: summary.importId, line: 2, mergedCustomerIds: [byPhone], mergeIds: summary.joinsSample[0].mergeIds });

    // the join is an ordinary merge: undoing it gives the phone stub back its identity and order
    await undoMerge(db(), summary.joinsSample[0].mergeIds[0], 'cli:test');
    expect(await ownerOf('phone', '+6285722223333')).toBe(byPhone);
    expect(await customerOfOrder('S1')).toBe(byPhone);
  });

  it('still refuses a row whose phone belongs to a customer with a profile, naming them as they were before the batch', async () => {
    await importFile(db(), { ...base, entity: 'customers', file: file('c-real.csv', 'customer_id,phone,name\nR1,0857 3333 4444,Rina\n') });
    await importFile(db(), { ...base, entity: 'orders', file: file('o-stub.csv', 'order_id,customer_email,ordered_at,amount\nS3,rudi@example.com,2026-04-02,25000\n') });
    const rejectsPath = join(directory, 'c-conflict.csv.rejects.csv');
    // line 3 renames R1 after line 2 was decided: the message keeps the name R1 had then
    const summary = await importFile(db(), {
      ...base, rejectsPath, entity: 'customers',
      file: file('c-conflict.csv', 'customer_id,email,phone,name\nR2,rudi@example.com,0857 3333 4444,Rudi\nR1,,,Rina Later\n'),
    });
    expect(summary).toMatchObject({ rejected: 1, joinedStubs: 0 });
    const rina = (await ownerOf('external', 'R1'))!;
    const rudi = (await ownerOf('email', 'rudi@example.com'))!;
    expect(summary.rejectsSample[0]).toMatchObject({ line: 2, field: 'phone' });
    expect(summary.rejectsSample[0].reason).toContain(`belongs to customer #${rina} (Rina), but this row describes customer #${rudi}.`);
    // a write-time reject carries the row as written, like a parse-time one
    expect(readFileSync(rejectsPath, 'utf8').trim().split('\n')[1]).toMatch(/,"R2,rudi@example\.com,0857 3333 4444,Rudi"$/);
    // …and so does an order recorded for another customer, whatever batch it falls in
    const ordersRejects = join(directory, 'o-other.csv.rejects.csv');
    await importFile(db(), {
      ...base, rejectsPath: ordersRejects, entity: 'orders', batchSize: 1,
      file: file('o-other.csv', 'order_id,customer_email,ordered_at,amount\nS3,rina@example.com,2026-04-02,25000\nS9,x9@example.com,2026-04-03,1000\n'),
    });
    expect(readFileSync(ordersRejects, 'utf8').trim().split('\n').slice(1)).toEqual([expect.stringMatching(/^[^,]+,2,customer_email,.*,"S3,rina@example\.com,2026-04-02,25000"$/)]);
  });

  it('refuses an external id of another customer instead of dropping it', async () => {
    await importFile(db(), { ...base, entity: 'customers', file: file('c-card.csv', 'customer_id,name,external_id.pos\nK1,Kiki,CARD-1\nK2,Koko,\n') });
    const summary = await importFile(db(), { ...base, entity: 'customers', file: file('c-card2.csv', 'customer_id,external_id.pos\nK2,CARD-1\n') });
    expect(summary).toMatchObject({ rejected: 1, updated: 0 });
    expect(summary.rejectsSample[0]).toMatchObject({ line: 2, field: 'external_id.pos' });
    expect(await ownerOf('external', 'CARD-1')).toBe(await ownerOf('external', 'K1'));
  });

  it('gives a chain of identities in one orders file the same customers at batch size 1 and 20000', async () => {
    await importFile(db(), { ...base, entity: 'customers', file: file('c-w.csv', 'customer_id,email\nW1,w1@example.com\n') });
    const outcome = async (batchSize: number, tag: string) => {
      const text = `order_id,customer_id,customer_email,customer_phone,ordered_at,amount\n${tag}1,N${tag},e${tag}@x.com,,2026-01-05,100000\n`
        + `${tag}2,,e${tag}@x.com,0813 1111 ${tag === 'a' ? '2222' : '3333'},2026-01-06,200000\n${tag}3,W1,,0813-1111-${tag === 'a' ? '2222' : '3333'},2026-01-07,300000\n`;
      const summary = await importFile(db(), { ...base, batchSize, entity: 'orders', file: file(`o-chain-${tag}.csv`, text) });
      expect(summary).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
      const w1 = await ownerOf('external', 'W1');
      const stub = (await ownerOf('email', `e${tag}@x.com`))!;
      const profile = await db().selectFrom('customer').select(['email']).where('customer_id', '=', stub).executeTakeFirstOrThrow();
      return {
        orders: [await customerOfOrder(`${tag}1`), await customerOfOrder(`${tag}2`), await customerOfOrder(`${tag}3`)].map((id) => (id === w1 ? 'W1' : id === stub ? 'stub' : 'other')),
        idOwner: (await ownerOf('external', `N${tag}`)) === stub, profileEmail: profile.email === `e${tag}@x.com`,
      };
    };
    const whole = await outcome(20_000, 'a');
    expect(whole).toEqual({ orders: ['stub', 'stub', 'W1'], idOwner: true, profileEmail: true });
    expect(await outcome(1, 'b')).toEqual(whole);
  });
});
