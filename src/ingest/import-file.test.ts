import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { rebuildTraits } from '../traits/index.js';
import { importFile } from './import-file.service.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/store/${name}`, import.meta.url));
const clock = fixedClock('2024-12-31T00:00:00Z');
const base = { actor: 'test', clock, rejectsPath: null };

describeEachStore('importing files', (context) => {
  const db = () => context.store.db;
  const customerByIdentity = async (kind: string, value: string) =>
    (await sql<{ customer_id: number }>`select customer_id from customer_identity where kind = ${kind} and value = ${value}`.execute(db())).rows[0]?.customer_id;
  const traitsOf = async (customerId: number) => db().selectFrom('customer_trait').selectAll().where('customer_id', '=', customerId).executeTakeFirstOrThrow();

  it('imports customers and changes nothing when the same file is imported again', async () => {
    const first = await importFile(db(), { ...base, entity: 'customers', file: fixture('customers.csv') });
    expect(first).toMatchObject({ read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const again = await importFile(db(), { ...base, entity: 'customers', file: fixture('customers.csv') });
    expect(again).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    const ana = await db().selectFrom('customer').selectAll().where('email', '=', 'ana@example.com').executeTakeFirstOrThrow();
    expect(ana).toMatchObject({ name: 'Ana Wijaya', phone: '+6281234567890', birth_year: 1990, consent_email: true, consent_sms: false, is_stub: false });
    // a new person is written whole from the row: every field, and the line it came from (of the latest import that named them)
    expect(ana).toMatchObject({
      kind: 'person', gender: 'female', city: 'Jakarta', region: 'DKI Jakarta', country: 'ID', income_band: '10-20M', consent_profiling: true,
      import_id: again.importId, import_line: 2, merged_into_customer_id: null,
    });
    expect(new Date(ana.created_at).toISOString()).toBe('2024-01-05T03:00:00.000Z');
  });

  it('merges two rows that name one person through different ids, and rejects the same id twice', async () => {
    const summary = await importFile(db(), { ...base, entity: 'customers', file: fixture('customers-same-person.csv') });
    expect(summary).toMatchObject({ read: 3, inserted: 1, updated: 1, rejected: 1 });
    expect(summary.rejectsSample[0]).toMatchObject({ line: 4, field: 'customer_id' });
    const dewi = (await customerByIdentity('external', 'W-1'))!;
    expect(await customerByIdentity('external', 'P-9')).toBe(dewi);
    expect(await customerByIdentity('phone', '+6281277778888')).toBe(dewi);
    const row = await db().selectFrom('customer').selectAll().where('customer_id', '=', dewi).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Dewi Lestari', city: 'Surabaya', phone: '+6281277778888' });
  });

  it('resolves one person across loyalty card, web email and app phone', async () => {
    const summary = await importFile(db(), { ...base, entity: 'orders', file: fixture('orders.csv') });
    expect(summary).toMatchObject({ read: 8, inserted: 8, rejected: 0 });
    const ana = await customerByIdentity('external', 'C1');
    expect(await customerByIdentity('email', 'ana@example.com')).toBe(ana);
    expect(await customerByIdentity('phone', '+6281234567890')).toBe(ana);
    const anaOrders = await db().selectFrom('customer_order').select('external_id').where('customer_id', '=', ana).orderBy('external_id').execute();
    expect(anaOrders.map((o) => o.external_id)).toEqual(['O1', 'O2', 'O3', 'O8']);
  });

  it('keeps purchase facts: same-day orders are one purchase day, cancelled and refunded orders are not purchases', async () => {
    const ana = await traitsOf((await customerByIdentity('external', 'C1'))!);
    expect(ana).toMatchObject({ order_count: 3, purchase_days: 2, revenue_minor: 127000, promotion_order_count: 1, store_order_count: 1, web_order_count: 1, mobile_order_count: 1 });
    expect(new Date(ana.first_purchase_at!).toISOString()).toBe('2024-03-01T01:00:00.000Z');
    expect(new Date(ana.last_purchase_at!).toISOString()).toBe('2024-03-15T02:00:00.000Z');
    const budi = await traitsOf((await customerByIdentity('external', 'C2'))!);
    expect(budi).toMatchObject({ order_count: 1, revenue_minor: 100000, refunded_minor: 100000, refunded_order_count: 2, purchase_days: 1 });
  });

  it('creates a stub for an order whose customer is unknown, and a zero amount is a valid order', async () => {
    const stubId = (await customerByIdentity('external', 'C9'))!;
    const stub = await db().selectFrom('customer').selectAll().where('customer_id', '=', stubId).executeTakeFirstOrThrow();
    expect(stub.is_stub).toBe(true);
    expect(await traitsOf(stubId)).toMatchObject({ order_count: 1, revenue_minor: 0, purchase_days: 1 });
  });

  it('records a gift recipient as a separate person', async () => {
    const recipient = await customerByIdentity('email', 'sari@example.com');
    const order = await db().selectFrom('customer_order').selectAll().where('external_id', '=', 'O7').executeTakeFirstOrThrow();
    expect(order.recipient_customer_id).toBe(recipient);
    expect(order.customer_id).toBe(await customerByIdentity('external', 'C3'));
  });

  it('re-importing the orders changes nothing', async () => {
    const again = await importFile(db(), { ...base, entity: 'orders', file: fixture('orders.csv') });
    expect(again).toMatchObject({ read: 8, inserted: 0, updated: 0, unchanged: 8, rejected: 0 });
  });

  it('imports interest events; a person known only by events is a lead with a first sign of interest', async () => {
    const summary = await importFile(db(), { ...base, entity: 'events', file: fixture('events.csv') });
    expect(summary).toMatchObject({ inserted: 3, rejected: 0 });
    const lead = await traitsOf((await customerByIdentity('email', 'lead@example.com'))!);
    expect(lead).toMatchObject({ order_count: 0, interest_event_count: 2, first_interest_channel: 'web' });
    const ana = await traitsOf((await customerByIdentity('email', 'ana@example.com'))!);
    expect(new Date(ana.first_interest_at!).toISOString()).toBe('2024-02-20T05:00:00.000Z');
    expect(ana.first_interest_channel).toBe('web');
  });

  it('sums line-level exports into orders and keeps categories per customer', async () => {
    const summary = await importFile(db(), { ...base, entity: 'orders', file: fixture('lines-level-orders.csv'), batchSize: 2 });
    expect(summary).toMatchObject({ read: 6, rejected: 0 });
    const totals = await db().selectFrom('customer_order').select(['external_id', 'total_minor']).where('external_id', 'in', ['L1', 'L2', 'L3']).orderBy('external_id').execute();
    expect(totals).toEqual([{ external_id: 'L1', total_minor: 68000 }, { external_id: 'L2', total_minor: 25000 }, { external_id: 'L3', total_minor: 97000 }]);
    const c6 = (await customerByIdentity('external', 'C6'))!;
    expect(await traitsOf(c6)).toMatchObject({ order_count: 1, revenue_minor: 97000 });
    const categories = await db().selectFrom('customer_category').select(['category', 'line_count', 'amount_minor']).where('customer_id', '=', c6).orderBy('category').execute();
    expect(categories).toEqual([{ category: 'bread', line_count: 1, amount_minor: 36000 }, { category: 'cake', line_count: 1, amount_minor: 36000 }, { category: 'coffee', line_count: 1, amount_minor: 25000 }]);
    const again = await importFile(db(), { ...base, entity: 'orders', file: fixture('lines-level-orders.csv'), batchSize: 4 });
    expect(again).toMatchObject({ inserted: 0, updated: 0, rejected: 0 });
  });

  it('rejects bad rows with their line and reason, and lands the valid ones', async () => {
    const summary = await importFile(db(), { ...base, entity: 'orders', file: fixture('bad-orders.csv') });
    expect(summary.inserted).toBe(1);
    const byLine = new Map(summary.rejectsSample.map((reject) => [reject.line, reject]));
    expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(byLine.get(3)?.field).toBe('ordered_at');
    expect(byLine.get(4)?.field).toBe('amount');
    expect(byLine.get(5)?.field).toBe('currency');
    expect(byLine.get(6)?.reason).toMatch(/future/i);
    expect(byLine.get(7)?.reason).toMatch(/1970/);
    expect(byLine.get(8)?.reason).toMatch(/line 2/);
    expect(byLine.get(10)?.reason).toMatch(/exchange rate/);
    await sql`insert into currency_rate (currency, rate_to_store) values ('EUR', 17500)`.execute(db());
    const retry = await importFile(db(), { ...base, entity: 'orders', file: fixture('bad-orders.csv') });
    expect(retry.inserted).toBe(1);
    const euro = await db().selectFrom('customer_order').select(['total_minor', 'amount_minor', 'currency']).where('external_id', '=', 'B8').executeTakeFirstOrThrow();
    expect(euro).toEqual({ total_minor: 100000, amount_minor: 17500000, currency: 'EUR' });
  });

  it('counts the rejected rows per code, most first, each with its first row, also past the first rejects it keeps', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clientele-reject-counts-'));
    try {
      const file = join(directory, 'orders.csv');
      const unreadable = Array.from({ length: 25 }, (_, index) => `RC${index},RC-BUYER,2024-03-01,12abc`);
      writeFileSync(file, ['order_id,customer_id,ordered_at,amount', ...unreadable, 'RD1,RC-BUYER,yesterday,10', 'RD2,RC-BUYER,someday,10', 'RD3,RC-BUYER,2024-03-01,10'].join('\n') + '\n');
      const summary = await importFile(db(), { ...base, entity: 'orders', file, batchSize: 10 });
      expect(summary).toMatchObject({ read: 28, inserted: 1, rejected: 27 });
      expect(summary.rejectCounts).toEqual([
        { code: 'AMOUNT_UNREADABLE', rows: 25, first: { line: 2, field: 'amount', reason: expect.stringContaining('write amounts like 1234 or 1.234') } },
        { code: 'DATE_UNREADABLE', rows: 2, first: { line: 27, field: 'ordered_at', reason: expect.stringContaining('"yesterday" is not a date we can read') } },
      ]);
      const clean = await importFile(db(), { ...base, entity: 'orders', file: fixture('orders.csv') });
      expect(clean.rejectCounts).toEqual([]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('updates a changed order and recomputes that customer', async () => {
    await sql`update customer_order set status = 'refunded' where external_id = 'O3'`.execute(db());
    const before = await snapshotTraits();
    await rebuildTraits(db());
    expect(await snapshotTraits()).not.toEqual(before);
    const again = await importFile(db(), { ...base, entity: 'orders', file: fixture('orders.csv') });
    expect(again).toMatchObject({ updated: 1, unchanged: 7 });
    const ana = await traitsOf((await customerByIdentity('external', 'C1'))!);
    // O1, O2, O3 plus B1 and B8 from the previous test: days 03-01, 03-06 and 03-15
    expect(ana).toMatchObject({ order_count: 5, purchase_days: 3 });
  });

  it('inserts a large batch whose orders are partly stored already once, skipping those', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clientele-orders-'));
    const write = (name: string, from: number, to: number) => {
      const rows = Array.from({ length: to - from + 1 }, (_, index) => {
        const n = from + index;
        return `L${n % 97},LO${n},2024-0${1 + (n % 9)}-1${n % 10}T10:00:00Z,${1000 + n}`;
      });
      const file = join(directory, name);
      writeFileSync(file, ['customer_id,order_id,ordered_at,amount', ...rows].join('\n') + '\n');
      return file;
    };
    try {
      const first = await importFile(db(), { ...base, entity: 'orders', file: write('first.csv', 1, 1500), batchSize: 1000 });
      expect(first).toMatchObject({ read: 1500, inserted: 1500, unchanged: 0, rejected: 0 });
      // the first batch meets 500 stored orders among 700 new ones
      const overlapping = await importFile(db(), { ...base, entity: 'orders', file: write('overlapping.csv', 1001, 2500), batchSize: 1200 });
      expect(overlapping).toMatchObject({ read: 1500, inserted: 1000, unchanged: 500, rejected: 0 });
      const stored = await sql<{ orders: number; distinct: number }>`
        select count(*)::int as orders, count(distinct external_id)::int as distinct from customer_order where external_id like 'LO%'`.execute(db());
      expect(stored.rows[0]).toEqual({ orders: 2500, distinct: 2500 });
      // every order counted once in its customer's facts
      const facts = await sql<{ counted: number; orders: number }>`
        select sum(t.order_count)::int as counted, (select count(*)::int from customer_order o where o.customer_id in (
          select customer_id from customer_order where external_id like 'LO%')) as orders
        from customer_trait t where t.customer_id in (select customer_id from customer_order where external_id like 'LO%')`.execute(db());
      expect(facts.rows[0].counted).toBe(facts.rows[0].orders);
      expect(facts.rows[0].orders).toBeGreaterThanOrEqual(2500);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('keeps incrementally maintained facts identical to a full rebuild', async () => {
    const incremental = await snapshotTraits();
    await rebuildTraits(db());
    expect(await snapshotTraits()).toEqual(incremental);
  });

  async function snapshotTraits() {
    const traits = await sql`select * from customer_trait order by customer_id`.execute(db());
    const days = await sql`select * from customer_purchase_day order by customer_id, day`.execute(db());
    const categories = await sql`select * from customer_category order by customer_id, category`.execute(db());
    const strip = (rows: unknown[]) => rows.map((row) => ({ ...(row as Record<string, unknown>), updated_at: undefined }));
    return { traits: strip(traits.rows), days: days.rows, categories: categories.rows };
  }
});
