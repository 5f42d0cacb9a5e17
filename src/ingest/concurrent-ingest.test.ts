import { sql, type Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import type { AppError } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import { createCustomer, normaliseIdentity, updateCustomer, type IdentityInput } from '../customers/customers.service.js';
import { lockIdentityCreation } from '../customers/identity-locks.js';
import { toIdentityTriple } from '../customers/identity-resolution.js';
import { mergeCustomers, undoMerge } from '../customers/merge.service.js';
import { ingestRecords } from './ingest-batch.service.js';
import { rebuildFacts } from './rebuild.service.js';

/**
 * Requests arriving together: on a PostgreSQL server each runs on its own connection, and the
 * store must end as if they had come one after the other (on the embedded store they do).
 */
const clock = fixedClock('2024-06-30T12:00:00Z');
let orderNumber = 0;
const order = (email: string) => ({
  order_id: `race-${(orderNumber += 1)}`, customer_email: email, ordered_at: `2024-06-${String(1 + (orderNumber % 28)).padStart(2, '0')}T10:00:00+07:00`,
  channel: 'web', amount: '150000',
});
const send = (db: Kysely<Database>, email: string, count = 1) =>
  ingestRecords(db, 'orders', Array.from({ length: count }, () => order(email)), { actor: 'test', clock });

/** Live customers holding an email, and the orders each has. */
async function customersOf(db: Kysely<Database>, email: string) {
  const result = await sql<{ customer_id: number; orders: number }>`
    select c.customer_id, (select count(*) from customer_order o where o.customer_id = c.customer_id)::int as orders from customer c
    where c.merged_into_customer_id is null and (c.email = ${email} or exists (
      select 1 from customer_identity i where i.customer_id = c.customer_id and i.kind = 'email' and i.value = ${email}))`.execute(db);
  return result.rows;
}

/** Orders held by customers merged away: no one's facts count them. */
async function ordersOfMergedAway(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ count: number }>`select count(*)::int as count from customer_order o
    join customer c on c.customer_id = o.customer_id where c.merged_into_customer_id is not null`.execute(db);
  return result.rows[0].count;
}

/** Customers whose facts differ from what their orders, lines and events make them (a rebuild's count of changed customers). */
const factsOff = async (db: Kysely<Database>): Promise<number> => (await rebuildFacts(db, { clock })).changedCustomers;

describeEachStore('ingest arriving together with other ingest, merges and rebuilds', (context) => {
  it('makes one customer of a new person named by two requests at once', async () => {
    const db = context.store.db;
    for (let round = 0; round < 6; round += 1) {
      const email = `twice.${round}@example.com`;
      const answers = await Promise.all([send(db, email), send(db, email), send(db, email)]);
      expect(answers.reduce((sum, answer) => sum + answer.createdCustomers, 0), `round ${round}`).toBe(1);
      expect(await customersOf(db, email), `round ${round}`).toEqual([{ customer_id: expect.any(Number), orders: 3 }]);
    }
  });

  it('attaches a new person to the customer another request created, when a customer record names them', async () => {
    const db = context.store.db;
    for (let round = 0; round < 6; round += 1) {
      const email = `record.${round}@example.com`;
      const [, created] = await Promise.allSettled([send(db, email), createCustomer(db, { name: `Record ${round}`, email })]);
      // the record either came first (the order joins it) or is refused naming the customer the order made
      if (created.status === 'rejected') expect((created.reason as AppError).code, `round ${round}`).toBe('CUSTOMER_IDENTITY_CONFLICT');
      expect(await customersOf(db, email), `round ${round}`).toEqual([{ customer_id: expect.any(Number), orders: 1 }]);
    }
  });

  it('takes the locks of the identities an edit attaches before the customer\'s row, as an import batch does', async () => {
    // the embedded store has one connection: nothing there ever waits on a lock
    if (context.kind !== 'server') return;
    const db = context.store.db;
    const customerId = await createCustomer(db, { email: 'lock.order@example.com' });
    const sent: IdentityInput = { kind: 'external', namespace: 'crm', value: 'lock-order-1' };
    // another request creating a customer for the same identity holds its lock
    let release!: () => void;
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => { held = resolve; });
    const holder = db.transaction().execute(async (trx) => {
      await lockIdentityCreation(trx, [toIdentityTriple(normaliseIdentity(sent, 'ID'))]);
      held();
      await new Promise<void>((resolve) => { release = resolve; });
    });
    await isHeld;
    const update = updateCustomer(db, customerId, { city: 'Rīga' }, [sent]);
    const waiting = async () => (await sql<{ count: number }>`select count(*)::int as count from pg_locks
      where locktype = 'advisory' and classid = 727276 and not granted and database = (select oid from pg_database where datname = current_database())`.execute(db)).rows[0].count;
    await expect.poll(waiting, { timeout: 10_000 }).toBe(1);
    // while the edit waits, an import batch may still write to the customer: the edit has not locked the row
    const probe = await db.transaction().execute((trx) => sql`select customer_id from customer where customer_id = ${customerId} for no key update nowait`.execute(trx))
      .then(() => 'free', (error: { code?: string }) => error.code);
    release();
    await holder;
    await update;
    expect(probe).toBe('free');
  });

  it('leaves no order on a customer merged away while orders for both kept arriving, and moves them back on undo', async () => {
    const db = context.store.db;
    for (let round = 0; round < 4; round += 1) {
      const [kept, other] = [`kept.${round}@example.com`, `other.${round}@example.com`];
      const keptId = await createCustomer(db, { email: kept });
      const otherId = await createCustomer(db, { email: other });
      const feed = async () => { for (let batch = 0; batch < 6; batch += 1) await Promise.all([send(db, kept, 3), send(db, other, 3)]); };
      const [, merge] = await Promise.all([feed(), (async () => { await send(db, other); return mergeCustomers(db, keptId, otherId, 'test', { clock }); })()]);
      expect(await ordersOfMergedAway(db), `round ${round}`).toBe(0);
      expect(await customersOf(db, other), `round ${round}`).toEqual([{ customer_id: keptId, orders: 1 + 18 + 18 }]);

      await Promise.all([feed(), undoMerge(db, merge.mergeId, 'test', { clock })]);
      // every order by the other's email is theirs again, those that came during the undo too
      expect(await customersOf(db, other), `round ${round}`).toEqual([{ customer_id: otherId, orders: 1 + 18 + 18 }]);
      expect(await customersOf(db, kept), `round ${round}`).toEqual([{ customer_id: keptId, orders: 36 }]);
      expect(await factsOff(db), `round ${round}`).toBe(0);
    }
  });

  it('rebuilds while orders arrive, and the facts are those of the orders', async () => {
    const db = context.store.db;
    const feed = async (who: number) => { for (let batch = 0; batch < 8; batch += 1) await send(db, `feed.${batch % 3}.${who}@example.com`, 4); };
    const [result] = await Promise.all([rebuildFacts(db, { clock }), feed(1), feed(2), feed(3)]);
    expect(result.customers).toBeGreaterThan(0);
    expect(await factsOff(db)).toBe(0);
  });
});
