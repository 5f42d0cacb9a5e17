import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import type { Database } from '../db/schema.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from '../ingest/import-file.service.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { rebuildTraits } from '../traits/index.js';
import { mergeCustomers, undoMerge } from '../customers/merge.service.js';
import { deleteCustomer } from '../customers/customers.service.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/store/${name}`, import.meta.url));
const clock = fixedClock('2024-06-30T12:00:00Z');

type Snapshot = { totals: unknown[]; gaps: unknown[]; seen: unknown[] };

/** The derived tables as the triggers keep them: change rows summed per key, empty keys left out. */
async function kept(db: Kysely<Database>): Promise<Snapshot> {
  const totals = await sql`
    select day::text, sum(order_count)::bigint as order_count, sum(amount_minor)::bigint as amount_minor,
      sum(first_purchases)::int as first_purchases, sum(second_purchases)::int as second_purchases
    from store_purchase_day group by day
    having sum(order_count) <> 0 or sum(amount_minor) <> 0 or sum(first_purchases) <> 0 or sum(second_purchases) <> 0 order by day`.execute(db);
  const gaps = await sql`
    select day::text, previous_day::text, sum(customers)::int as customers from store_purchase_day_gap
    group by 1, 2 having sum(customers) <> 0 order by 1, 2`.execute(db);
  const seen = await sql`select seen_at::text, sum(customers)::int as customers from store_first_seen group by 1 having sum(customers) <> 0 order by 1`.execute(db);
  return { totals: totals.rows, gaps: gaps.rows, seen: seen.rows };
}

/** The same computed from scratch: every customer's purchase days, and every customer with facts by when first seen. */
async function recomputed(db: Kysely<Database>): Promise<Snapshot> {
  const totals = await sql`
    select day::text, sum(order_count)::bigint as order_count, sum(amount_minor)::bigint as amount_minor,
      (count(*) filter (where previous_day is null))::int as first_purchases,
      (count(*) filter (where previous_day is not null and day_before_previous is null))::int as second_purchases
    from (select day, order_count, amount_minor, lag(day) over w as previous_day, lag(day, 2) over w as day_before_previous
      from customer_purchase_day window w as (partition by customer_id order by day)) d
    group by day order by day`.execute(db);
  const gaps = await sql`
    select day::text, coalesce(previous_day, '-infinity'::date)::text as previous_day, count(*)::int as customers
    from (select day, lag(day) over (partition by customer_id order by day) as previous_day from customer_purchase_day) d
    group by 1, 2 order by 1, 2`.execute(db);
  const seen = await sql`
    select date_bin('15 minutes', coalesce(t.first_interest_at, c.created_at), timestamptz '2000-01-01 00:00:00+00')::text as seen_at, count(*)::int as customers
    from customer_trait t join customer c on c.customer_id = t.customer_id group by 1 order by 1`.execute(db);
  return { totals: totals.rows, gaps: gaps.rows, seen: seen.rows };
}

async function expectConsistent(db: Kysely<Database>, step: string): Promise<void> {
  const now = await kept(db);
  expect({ step, ...now }).toEqual({ step, ...(await recomputed(db)) });
  expect(now.totals.length, step).toBeGreaterThan(0);
  expect(now.seen.length, step).toBeGreaterThan(0);
}

const order = (id: string, email: string, at: string, amount: string, extra: Record<string, string> = {}) =>
  ({ order_id: id, customer_email: email, ordered_at: at, amount, channel: 'web', ...extra });

describeEachStore('per-day store totals kept by triggers', (context) => {
  beforeAll(async () => {
    await importFile(context.store.db, { entity: 'customers', file: fixture('customers.csv'), actor: 'test', clock, rejectsPath: null });
  });

  it('follow imports, later and earlier orders, same-day orders, refunds, merges, deletions, interest, sign-up times and rebuilds', async () => {
    const db = context.store.db;
    // new people in a customer file are written whole, sign-up time included
    const afterCustomers = await kept(db);
    expect(afterCustomers.seen.length).toBeGreaterThan(1);
    expect(afterCustomers.seen).toEqual((await recomputed(db)).seen);
    await importFile(db, { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock, rejectsPath: null });
    await expectConsistent(db, 'file import');

    // a new buyer's first and second day, an existing buyer's day between two known days, and a second order on a known day
    await ingestRecords(db, 'orders', [
      order('N1', 'nina@example.com', '2024-06-10T10:00:00+07:00', '20000'),
      order('N2', 'nina@example.com', '2024-06-12T10:00:00+07:00', '25000'),
      order('N3', 'nina@example.com', '2024-06-12T18:00:00+07:00', '5000'),
      order('A9', 'ana@example.com', '2024-03-15T10:00:00+07:00', '15000'),
      order('A10', 'ana@example.com', '2023-12-01T10:00:00+07:00', '9000'),
    ], { actor: 'test', clock });
    await expectConsistent(db, 'batch with earlier and same-day orders');

    // refunding an order changes an existing order: its customer's facts are recomputed
    await ingestRecords(db, 'orders', [order('N2', 'nina@example.com', '2024-06-12T10:00:00+07:00', '25000', { status: 'refunded' })], { actor: 'test', clock });
    await expectConsistent(db, 'refund');
    await ingestRecords(db, 'orders', [order('N4', 'nina@example.com', '2024-06-10T15:00:00+07:00', '7000')], { actor: 'test', clock });
    await expectConsistent(db, 'another order on a day already counted');
    // no code moves a purchase day, but the triggers must follow any change
    await sql`update customer_purchase_day set day = date '2020-01-01' where (customer_id, day) in (
      select customer_id, max(day) from customer_purchase_day where customer_id = (select min(customer_id) from customer_purchase_day) group by 1)`.execute(db);
    await expectConsistent(db, 'purchase days moved');

    const ids = await sql<{ customer_id: number }>`select distinct customer_id from customer_purchase_day order by 1`.execute(db);
    const [first, second, third] = ids.rows.map((row) => Number(row.customer_id));
    const { mergeId } = await mergeCustomers(db, first, second, 'test');
    await expectConsistent(db, 'merge');
    await undoMerge(db, mergeId, 'test');
    await expectConsistent(db, 'undo merge');
    await deleteCustomer(db, third);
    await expectConsistent(db, 'delete a customer');

    // a lead's first sign of interest, a corrected sign-up time, and a customer removed without their facts first
    await ingestRecords(db, 'events', [
      { event_id: 'E9', customer_email: 'lead.two@example.com', kind: 'signup', channel: 'web', occurred_at: '2024-06-20T09:00:00+07:00' },
      { event_id: 'E10', customer_email: 'budi@example.com', kind: 'inquiry', channel: 'web', occurred_at: '2023-11-02T09:00:00+07:00' },
    ], { actor: 'test', clock });
    await sql`update customer set created_at = created_at - interval '40 days' where customer_id in (select customer_id from customer_trait where first_interest_at is null)`.execute(db);
    await expectConsistent(db, 'interest events and sign-up times');
    await sql`delete from customer where customer_id = (select max(customer_id) from customer_trait where first_interest_at is null)`.execute(db);
    await expectConsistent(db, 'customer row deleted before its facts');

    await rebuildTraits(db);
    await expectConsistent(db, 'full rebuild');
    const before = await kept(db);
    await sql`select store_summary_compact()`.execute(db);
    expect(await kept(db)).toEqual(before);
    await sql`truncate customer_purchase_day`.execute(db);
    await sql`truncate customer_trait`.execute(db);
    expect(await kept(db)).toEqual({ totals: [], gaps: [], seen: [] });
  });
});
