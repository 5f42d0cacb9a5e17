import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { userActor } from '../auth/index.js';
import { describeEachStore } from '../../test/helpers/stores.js';
import { hasRowIn, loadStoreWithDerivedRows, oneCustomer, rowsNaming } from '../../test/helpers/derived-rows.js';
import { fixedClock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { getSegment } from '../segments/index.js';
import { buildApp } from '../server/app.js';
import { deleteCustomer } from './customers.service.js';
import { mergeCustomers } from './merge.service.js';

const clock = fixedClock('2026-03-02T09:00:00Z');

/**
 * Columns that may still name a deleted customer, each with why. Every other
 * column of any table whose name ends in customer_id must hold none of them,
 * so a table added later is checked without being listed here.
 */
const mayStillNameThem = new Set([
  // a merge stays on record (who merged whom, when, by whom) for the timeline of a
  // customer it was undone for and for an undo's refusal; what it moved is cleared
  'customer_merge.kept_customer_id',
  'customer_merge.merged_customer_id',
]);
type Db = Kysely<Database>;

/** Tables holding any of the texts anywhere in a row. */
async function tablesHolding(db: Db, texts: string[]): Promise<string[]> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(db);
  const holding: string[] = [];
  for (const { table_name: table } of tables.rows) {
    const result = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)} as r where exists (select 1 from unnest(${texts}::text[]) as t(text) where strpos(r::text, t.text) > 0)`.execute(db);
    if (result.rows[0].n > 0) holding.push(table);
  }
  return holding;
}

/** The store-wide daily sums against the per-customer facts they sum. */
async function storeSums(db: Db) {
  const result = await sql<Record<string, string>>`
    select
      (select coalesce(sum(order_count), 0)::text from store_purchase_day) as kept_orders,
      (select coalesce(sum(order_count), 0)::text from customer_purchase_day) as orders,
      (select coalesce(sum(amount_minor), 0)::text from store_purchase_day) as kept_amount,
      (select coalesce(sum(amount_minor), 0)::text from customer_purchase_day) as amount,
      (select coalesce(sum(first_purchases), 0)::text from store_purchase_day) as kept_buyers,
      (select count(distinct customer_id)::text from customer_purchase_day) as buyers,
      (select coalesce(sum(customers), 0)::text from store_first_seen) as kept_seen,
      (select count(*)::text from customer_trait t join customer c on c.customer_id = t.customer_id) as seen`.execute(db);
  const row = result.rows[0];
  return { kept: [row.kept_orders, row.kept_amount, row.kept_buyers, row.kept_seen], facts: [row.orders, row.amount, row.buyers, row.seen] };
}

describeEachStore('deleting a customer', (context) => {
  const db = () => context.store.db;

  beforeAll(() => loadStoreWithDerivedRows(db(), clock), 240_000);

  it('leaves no row naming them or a customer merged into them, apart from the merge records', async () => {
    const has = hasRowIn;
    const kept = await oneCustomer(db(), sql`${has('customer_persona')} and ${has('customer_prediction')} and ${has('interest_event')} and ${has('order_line')}
      and ${has('customer_type')} and ${has('customer_rfm_score')} and ${has('segment_member')}`);
    const merged = await oneCustomer(db(), sql`${has('alert')} and c.customer_id <> ${kept}`);
    // a refusal of profiling would be the kept customer's after the merge, and take them out of their persona
    await db().updateTable('customer').set({ consent_profiling: null }).where('customer_id', '=', merged).execute();
    const emails = (await db().selectFrom('customer').select('email').where('customer_id', 'in', [kept, merged]).execute()).map((row) => row.email!);
    expect(emails).toHaveLength(2);
    await mergeCustomers(db(), kept, merged, 'test', { clock });

    const before = await rowsNaming(db(), [kept, merged]);
    // what the test set up: the kept customer's derived rows, and the merged one's alert set aside by the merge
    for (const column of ['customer_type', 'customer_type_history', 'customer_rfm_score', 'customer_persona', 'customer_prediction', 'segment_member', 'segment_membership_event']) {
      expect(before[`${column}.customer_id`], column).toBeGreaterThan(0);
    }
    expect(before['customer_merge.kept_customer_id']).toBe(1);
    const setAsideAlerts = sql<{ n: number }>`select coalesce(sum(jsonb_array_length(moved -> 'setAside' -> 'alerts')), 0)::int as n from customer_merge`;
    expect((await setAsideAlerts.execute(db())).rows[0].n).toBeGreaterThan(0);

    await deleteCustomer(db(), kept, { clock });

    const after = await rowsNaming(db(), [kept, merged]);
    const left = Object.entries(after).filter(([column, rows]) => rows > 0 && !mayStillNameThem.has(column));
    expect(left).toEqual([]);
    expect(after['customer_merge.kept_customer_id']).toBe(1);
    expect((await setAsideAlerts.execute(db())).rows[0].n).toBe(0);
    expect(await tablesHolding(db(), emails)).toEqual([]);
  });

  it('keeps the store-wide sums and the segment count equal to what is left', async () => {
    const buyer = await oneCustomer(db(), sql`exists (select 1 from customer_purchase_day d where d.customer_id = c.customer_id)`);
    const sums = await storeSums(db());
    expect(sums.kept).toEqual(sums.facts);
    await deleteCustomer(db(), buyer, { clock });
    const after = await storeSums(db());
    expect(after.kept).toEqual(after.facts);
    expect(after.facts).not.toEqual(sums.facts);
    const segment = await getSegment(db(), 'buyers');
    const rows = await db().selectFrom('segment_member').select((eb) => eb.fn.countAll<number>().as('n')).where('segment_id', '=', segment.segment_id).executeTakeFirstOrThrow();
    expect(segment.member_count).toBe(Number(rows.n));
  });
});

describeEachStore('deleting a customer over HTTP erases their personal values everywhere', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
    app.inject({ method, url, headers: { ...admin.headers, ...headers }, ...(payload ? { payload } : {}) });
  const create = async (payload: object, headers: Record<string, string> = {}) => {
    const response = await inject('POST', '/api/customers', payload, headers);
    expect(response.statusCode).toBe(201);
    return response.json().customer.customer_id as number;
  };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  it('leaves their names, emails, phones and external ids in no table, and the audit log who did what and when', async () => {
    const first = { name: 'Erin Erasure', email: 'erin.first@erase.example', phone: '+62 812 7777 1234', identities: [{ kind: 'external', namespace: 'loyalty', value: 'LC-ERASE-77' }] };
    const customerId = await create(first, { 'idempotency-key': 'erase-create-1' });
    expect((await inject('PATCH', `/api/customers/${customerId}`, { email: 'erin.second@erase.example', identities: [{ kind: 'phone', value: '+62 813 5555 9876' }] })).statusCode).toBe(200);
    expect((await inject('DELETE', `/api/customers/${customerId}/identities?kind=phone&value=${encodeURIComponent('+6281355559876')}`)).statusCode).toBe(200);
    const mergedId = await create({ name: 'Erin Old Account', email: 'erin.old@erase.example' });
    expect((await inject('PATCH', `/api/customers/${mergedId}`, { phone: '+62 857 4444 2020' })).statusCode).toBe(200);
    expect((await inject('POST', `/api/customers/${customerId}/merge`, { otherCustomerId: mergedId })).statusCode).toBe(200);
    // another person's row claiming her phone: the answer kept for the key names her, by number, name and phone
    await create({ name: 'Someone Else', email: 'someone.else@erase.example' });
    const batch = { records: [{ email: 'someone.else@erase.example', phone: '+62 812 7777 1234' }] };
    const claimed = await inject('POST', '/api/ingest/customers', batch, { 'idempotency-key': 'erase-batch-1' });
    expect(claimed.json().rejects[0]).toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN', params: { ownerId: customerId } });
    expect(claimed.json().rejects[0].reason).toContain('Erin Erasure');

    const theirs = ['Erin Erasure', 'Erin Old Account', 'erin.first@erase.example', 'erin.second@erase.example', 'erin.old@erase.example',
      '+6281277771234', '+6281355559876', '+6285744442020', 'LC-ERASE-77'];
    expect(await tablesHolding(context.store.db, theirs)).toContain('audit_event');
    const audited = async () => (await inject('GET', `/api/audit?entity=customer&entityId=${customerId}&limit=50`)).json().items as Array<{ action: string; actor: string; detail: Record<string, unknown> }>;
    const before = await audited();

    expect((await inject('DELETE', `/api/customers/${customerId}`)).statusCode).toBe(204);

    expect(await tablesHolding(context.store.db, theirs)).toEqual([]);
    const after = await audited();
    expect(after.map((entry) => [entry.action, entry.actor]).slice(1)).toEqual(before.map((entry) => [entry.action, entry.actor]));
    expect(after[0].action).toBe('customer.delete');
    const removal = after.find((entry) => entry.action === 'customer.identity.remove');
    expect(removal?.detail).toEqual({ kind: 'phone', namespace: '', value: '[erased]', clearedField: null, before: {} });
    const edit = after.find((entry) => entry.action === 'customer.update');
    expect(edit?.detail).toMatchObject({ fields: ['email'], before: { email: '[erased]' }, after: { email: '[erased]' }, replacedIdentities: [{ kind: 'email', from: '[erased]', to: '[erased]' }] });
    expect(edit?.detail.addedIdentities).toContainEqual({ kind: 'phone', namespace: '', value: '[erased]' });
    const replayed = await inject('POST', '/api/ingest/customers', batch, { 'idempotency-key': 'erase-batch-1' });
    expect(replayed.json().rejects[0]).toMatchObject({ code: 'CUSTOMER_IDENTITY_TAKEN', field: 'phone', reason: '[erased]', params: { ownerId: customerId, value: '[erased]' } });
    // a retry of her creation is not taken for a new request that would create her again
    expect((await inject('POST', '/api/customers', first, { 'idempotency-key': 'erase-create-1' })).statusCode).toBe(409);
  });
});

/** Backends waiting, directly or behind another waiter, on a lock `pid` holds. */
async function waitersOn(db: Db, pid: number): Promise<number> {
  const result = await sql<{ n: number }>`
    with recursive waiting (pid) as (
      select pid from pg_stat_activity where ${pid}::int = any(pg_blocking_pids(pid))
      union select a.pid from pg_stat_activity a join waiting w on w.pid = any(pg_blocking_pids(a.pid)))
    select count(*)::int as n from waiting`.execute(db);
  return result.rows[0].n;
}

/**
 * On a server store: starts the requests one by one while another transaction holds the customer's
 * row, each once the one before waits behind it, then lets them go in that order.
 */
async function inOrderBehindRowLock<T>(db: Db, customerId: number, starts: Array<() => Promise<T>>): Promise<T[]> {
  const started: Array<Promise<T>> = [];
  await db.transaction().execute(async (trx) => {
    await sql`select customer_id from customer where customer_id = ${customerId}::bigint for update`.execute(trx);
    const pid = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)).rows[0].pid;
    for (const start of starts) {
      started.push(start());
      const deadline = Date.now() + 20_000;
      while ((await waitersOn(db, pid)) < started.length) {
        if (Date.now() > deadline) throw new Error(`request ${started.length} never waited for the held row`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  });
  return Promise.all(started);
}

/** Starts `first`, and `second` after that many turns of the event loop. */
async function afterTurns<T>(turns: number, first: () => Promise<T>, second: () => Promise<T>): Promise<T[]> {
  const started = first();
  for (let turn = 0; turn < turns; turn += 1) await new Promise((resolve) => setImmediate(resolve));
  return Promise.all([started, second()]);
}

describeEachStore('a customer edit racing their deletion leaves no personal value in the audit log', (context) => {
  let app: FastifyInstance;
  let admin: TestSession;
  const inject = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: admin.headers, ...(payload ? { payload } : {}) });
  const entriesOf = async (customerId: number) => (await context.store.db.selectFrom('audit_event').select(['action', 'actor', 'detail'])
    .where('entity', '=', 'customer').where('entity_id', '=', String(customerId)).orderBy('audit_id').execute())
    .map((entry) => ({ ...entry, detail: (typeof entry.detail === 'string' ? JSON.parse(entry.detail) : entry.detail) as Record<string, unknown> }));
  const createAna = async (tag: string) => {
    const created = await inject('POST', '/api/customers', { name: `Ana ${tag}`, email: `ana.${tag}@race.example` });
    expect(created.statusCode).toBe(201);
    return created.json().customer.customer_id as number;
  };
  const actor = () => userActor(admin.user.userId, admin.user.email);
  const edit = { name: 'Ana Renamed', identities: [{ kind: 'email', value: 'ana.second@race.example' }] };

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    admin = await signInAs(context.store, 'admin');
  });
  afterAll(async () => app?.close());

  it('writes the create and update entries with their actor, and a deletion erases them', async () => {
    const customerId = await createAna('plain');
    expect((await inject('PATCH', `/api/customers/${customerId}`, edit)).statusCode).toBe(200);
    const entries = await entriesOf(customerId);
    expect(entries.map((entry) => [entry.action, entry.actor])).toEqual([['customer.create', actor()], ['customer.update', actor()]]);
    expect(entries[1].detail).toMatchObject({ fields: ['name'], after: { name: 'Ana Renamed' }, addedIdentities: [{ kind: 'email', value: 'ana.second@race.example' }] });
    expect((await inject('DELETE', `/api/customers/${customerId}`)).statusCode).toBe(204);
    expect(await tablesHolding(context.store.db, ['ana.plain@race.example', 'ana.second@race.example', 'Ana Renamed'])).toEqual([]);
    expect((await entriesOf(customerId)).map((entry) => [entry.action, entry.actor])).toEqual([
      ['customer.create', actor()], ['customer.update', actor()], ['customer.delete', actor()]]);
  });

  it('erases the values of an edit that committed while the deletion waited for it', async () => {
    // the embedded store has one connection, so no row lock is held for them: the deletion, started a few
    // turns of the event loop after the edit, comes before it (404) or after, and either way the entry is erased
    for (const turns of context.kind === 'server' ? [0] : [0, 1, 2, 4, 8]) {
      const tag = `first${turns}`;
      const customerId = await createAna(tag);
      const patch = () => inject('PATCH', `/api/customers/${customerId}`, edit);
      const remove = () => inject('DELETE', `/api/customers/${customerId}`);
      const [patched, deleted] = context.kind === 'server' ? await inOrderBehindRowLock(context.store.db, customerId, [patch, remove]) : await afterTurns(turns, patch, remove);
      expect(deleted.statusCode).toBe(204);
      const update = (await entriesOf(customerId)).find((entry) => entry.action === 'customer.update');
      if (context.kind === 'server' || patched.statusCode === 200) {
        expect(patched.statusCode).toBe(200);
        expect(patched.json().customer.name).toBe('Ana Renamed');
        expect(update).toMatchObject({ actor: actor(), detail: { fields: ['name'], after: { name: '[erased]' } } });
      } else {
        expect({ status: patched.statusCode, update }).toEqual({ status: 404, update: undefined });
      }
      expect(await tablesHolding(context.store.db, [`ana.${tag}@race.example`, 'ana.second@race.example', 'Ana Renamed'])).toEqual([]);
    }
  });

  it('answers 404 to an edit of a customer deleted while it waited, and audits no update', async () => {
    const customerId = await createAna('gone');
    const remove = () => inject('DELETE', `/api/customers/${customerId}`);
    const patch = () => inject('PATCH', `/api/customers/${customerId}`, edit);
    const [deleted, patched] = context.kind === 'server' ? await inOrderBehindRowLock(context.store.db, customerId, [remove, patch]) : await Promise.all([remove(), patch()]);
    expect(deleted.statusCode).toBe(204);
    expect({ status: patched.statusCode, code: patched.json().error?.code }).toEqual({ status: 404, code: 'CUSTOMER_NOT_FOUND' });
    expect((await entriesOf(customerId)).map((entry) => entry.action)).toEqual(['customer.create', 'customer.delete']);
    expect(await tablesHolding(context.store.db, ['ana.gone@race.example', 'ana.second@race.example', 'Ana Renamed'])).toEqual([]);
  });
});
