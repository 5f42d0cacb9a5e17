import { sql, type Kysely } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { importDefaults, scratchFiles } from '../../test/helpers/import-files.js';
import type { Database } from '../db/schema.js';
import { analyze } from '../analytics/index.js';
import { mergeCustomers, undoMerge } from '../customers/merge.service.js';
import { importFile } from './import-file.service.js';
import { rebuildFacts } from './rebuild.service.js';

// UCI Online Retail's C invoices, and any file's credit notes, give money back for an earlier sale of the
// same customer without naming it. Stored as refunded orders of their own, they took nothing off the sale
// they cancelled: revenue was overstated, and a customer who cancelled everything still counted as real.
const files = scratchFiles('credit-notes');
const header = 'order_id,customer_id,ordered_at,status,sku,quantity,unit_price';

/**
 * K1 buys A (X 2×1,000 + Y 500 = 2,500) and B (Z 3,000); a credit note of one X (1,000) is A's.
 * K2's only sale (3,000) is cancelled in full. K3's credit note comes before any sale: unapplied.
 * K4's credit note of 4,000 with A3's SKU takes all of A3 (2,500) and 1,500 of B3. K5's credit note
 * comes in the file before the earlier sale it reduces (C5, 2,000, by 500).
 */
const fixture = (p: string) => [
  `${p}A,${p}K1,2024-03-01T10:00:00Z,paid,X,2,1000`, `${p}A,${p}K1,2024-03-01T10:00:00Z,paid,Y,1,500`,
  `${p}B,${p}K1,2024-03-05T10:00:00Z,paid,Z,1,3000`,
  `${p}CN1,${p}K1,2024-03-10T10:00:00Z,Credit Note,X,1,1000`,
  `${p}S,${p}K2,2024-03-02T10:00:00Z,paid,X,1,3000`,
  `${p}CN2,${p}K2,2024-03-03T10:00:00Z,credit_note,X,1,3000`,
  `${p}EARLY,${p}K3,2024-02-01T10:00:00Z,creditnote,X,1,700`,
  `${p}L,${p}K3,2024-03-01T10:00:00Z,paid,X,1,2000`,
  `${p}A3,${p}K4,2024-03-01T10:00:00Z,paid,X,1,2500`,
  `${p}B3,${p}K4,2024-03-04T10:00:00Z,paid,Z,1,3000`,
  `${p}CN4,${p}K4,2024-03-06T10:00:00Z,credit note,X,2,2000`,
  `${p}CN5,${p}K5,2024-03-09T10:00:00Z,kredītrēķins,X,1,500`,
  `${p}C5,${p}K5,2024-03-01T10:00:00Z,paid,X,1,2000`,
];
const writeFixture = (p: string) => files.file(`orders-${p}.csv`, [header, ...fixture(p)].join('\n'));

const customerOf = async (db: Kysely<Database>, value: string) =>
  Number((await sql<{ customer_id: number }>`select customer_id from customer_identity where value = ${value}`.execute(db)).rows[0].customer_id);

/** Each order of a run as stored, its ids without the run's prefix. */
async function ordersOf(db: Kysely<Database>, p: string) {
  const result = await sql<{ external_id: string; status: string; stated_status: string | null; amount_minor: number; refunded_minor: number; credited_minor: number }>`
    select substr(external_id, ${p.length + 1}) as external_id, status, stated_status, amount_minor::int, refunded_minor::int, credited_minor::int
    from customer_order where external_id like ${`${p}%`} order by external_id`.execute(db);
  return Object.fromEntries(result.rows.map(({ external_id, ...row }) => [external_id, row]));
}

async function creditsOf(db: Kysely<Database>, p: string) {
  const result = await sql<{ credit: string; sale: string; amount_minor: number }>`
    select substr(c.external_id, ${p.length + 1}) as credit, substr(s.external_id, ${p.length + 1}) as sale, k.amount_minor::int
    from order_credit k
    join customer_order c on c.customer_id = k.customer_id and c.order_id = k.credit_order_id
    join customer_order s on s.customer_id = k.customer_id and s.order_id = k.sale_order_id
    where c.external_id like ${`${p}%`} order by 1, 2`.execute(db);
  return result.rows;
}

async function factsOf(db: Kysely<Database>, customerId: number) {
  return db.selectFrom('customer_trait').select(['revenue_minor', 'refunded_minor', 'order_count', 'purchase_days', 'refunded_order_count'])
    .where('customer_id', '=', customerId).executeTakeFirstOrThrow();
}

/** What the store holds of orders, credits and facts, without the columns an import run stamps on what it meets. */
async function storeState(db: Kysely<Database>) {
  const orders = await sql`select customer_id, order_id, source, external_id, ordered_at, amount_minor, refunded_minor, credited_minor, status, stated_status, updated_at
    from customer_order order by order_id`.execute(db);
  const credits = await sql`select * from order_credit order by 1, 2, 3`.execute(db);
  // a recompute rewrites a facts row, the same facts or not
  const facts = await sql<{ updated_at: unknown }>`select * from customer_trait order by customer_id`.execute(db);
  return { orders: orders.rows, credits: credits.rows, facts: facts.rows.map(({ updated_at: _, ...row }) => row) };
}

describeEachStore('credit notes take what they give back off the earlier sales of their customer', (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    for (const batchSize of [1, 2, 10_000]) {
      const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file: writeFixture(`S${batchSize}-`), batchSize });
      expect(summary).toMatchObject({ read: 13, inserted: 13, rejected: 0 });
    }
  });

  it('reduces the sale holding the SKU, spills what it cannot take to the next, and leaves a credit note before any sale unapplied', async () => {
    expect(await ordersOf(db(), 'S10000-')).toEqual({
      A: { status: 'partially_refunded', stated_status: 'paid', amount_minor: 2500, refunded_minor: 1000, credited_minor: 1000 },
      A3: { status: 'refunded', stated_status: 'paid', amount_minor: 2500, refunded_minor: 2500, credited_minor: 2500 },
      B: { status: 'paid', stated_status: null, amount_minor: 3000, refunded_minor: 0, credited_minor: 0 },
      B3: { status: 'partially_refunded', stated_status: 'paid', amount_minor: 3000, refunded_minor: 1500, credited_minor: 1500 },
      C5: { status: 'partially_refunded', stated_status: 'paid', amount_minor: 2000, refunded_minor: 500, credited_minor: 500 },
      CN1: { status: 'credit_note', stated_status: null, amount_minor: 1000, refunded_minor: 0, credited_minor: 0 },
      CN2: { status: 'credit_note', stated_status: null, amount_minor: 3000, refunded_minor: 0, credited_minor: 0 },
      CN4: { status: 'credit_note', stated_status: null, amount_minor: 4000, refunded_minor: 0, credited_minor: 0 },
      CN5: { status: 'credit_note', stated_status: null, amount_minor: 500, refunded_minor: 0, credited_minor: 0 },
      EARLY: { status: 'credit_note', stated_status: null, amount_minor: 700, refunded_minor: 0, credited_minor: 0 },
      L: { status: 'paid', stated_status: null, amount_minor: 2000, refunded_minor: 0, credited_minor: 0 },
      S: { status: 'refunded', stated_status: 'paid', amount_minor: 3000, refunded_minor: 3000, credited_minor: 3000 },
    });
    expect(await creditsOf(db(), 'S10000-')).toEqual([
      { credit: 'CN1', sale: 'A', amount_minor: 1000 }, { credit: 'CN2', sale: 'S', amount_minor: 3000 },
      { credit: 'CN4', sale: 'A3', amount_minor: 2500 }, { credit: 'CN4', sale: 'B3', amount_minor: 1500 },
      { credit: 'CN5', sale: 'C5', amount_minor: 500 },
    ]);
  });

  it('counts revenue, refunds, orders and purchase days net of the credits; a credit note is none of them itself', async () => {
    const fact = async (customer: string) => {
      const row = await factsOf(db(), await customerOf(db(), `S10000-${customer}`));
      return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
    };
    expect(await fact('K1')).toEqual({ revenue_minor: 4500, refunded_minor: 1000, order_count: 2, purchase_days: 2, refunded_order_count: 1 });
    expect(await fact('K2')).toEqual({ revenue_minor: 0, refunded_minor: 3000, order_count: 0, purchase_days: 0, refunded_order_count: 1 });
    expect(await fact('K3')).toEqual({ revenue_minor: 2000, refunded_minor: 0, order_count: 1, purchase_days: 1, refunded_order_count: 0 });
    expect(await fact('K4')).toEqual({ revenue_minor: 1500, refunded_minor: 4000, order_count: 1, purchase_days: 1, refunded_order_count: 2 });
  });

  it('stores the same at batch sizes 1, 2 and 10,000', async () => {
    const at10000 = { orders: await ordersOf(db(), 'S10000-'), credits: await creditsOf(db(), 'S10000-') };
    for (const p of ['S1-', 'S2-']) expect({ orders: await ordersOf(db(), p), credits: await creditsOf(db(), p) }).toEqual(at10000);
  });

  it('finds nothing changed when the same file is imported again, at any batch size, and changes nothing', async () => {
    const before = await storeState(db());
    for (const batchSize of [1, 2, 10_000]) {
      const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file: writeFixture(`S${batchSize}-`), batchSize });
      expect(summary).toMatchObject({ read: 13, inserted: 0, updated: 0, unchanged: 13, rejected: 0 });
    }
    expect(await storeState(db())).toEqual(before);
  });

  it('rebuilds the same facts from the orders as the imports kept', async () => {
    const before = await storeState(db());
    expect((await rebuildFacts(db(), { clock: importDefaults.clock })).changedCustomers).toBe(0);
    expect(await storeState(db())).toEqual(before);
  });

  it('counts a customer whose only sale was cancelled in full as a lead, not a real customer', async () => {
    await analyze(db(), { asOf: '2024-04-01', clock: importDefaults.clock });
    const typesOf = async (customer: string) => (await db().selectFrom('customer_type').select('types')
      .where('customer_id', '=', await customerOf(db(), `S10000-${customer}`)).executeTakeFirstOrThrow()).types;
    expect(await typesOf('K2')).toContain('lead');
    expect(await typesOf('K1')).not.toContain('lead');
  });

  it('applies a credit note changed in a later file again, and keeps applying it to a sale restated since', async () => {
    const p = 'R-';
    await importFile(db(), { ...importDefaults, entity: 'orders', file: writeFixture(p) });
    // the credit note now gives back 2 of X (2,000) instead of one
    const changed = fixture(p).map((row) => row.replace(`${p}CN1,${p}K1,2024-03-10T10:00:00Z,Credit Note,X,1,1000`, `${p}CN1,${p}K1,2024-03-10T10:00:00Z,Credit Note,X,2,1000`));
    const summary = await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('changed.csv', [header, ...changed].join('\n')) });
    expect(summary).toMatchObject({ updated: 1, unchanged: 12, rejected: 0 });
    expect((await ordersOf(db(), p)).A).toEqual({ status: 'partially_refunded', stated_status: 'paid', amount_minor: 2500, refunded_minor: 2000, credited_minor: 2000 });
    expect(await creditsOf(db(), p)).toContainEqual({ credit: 'CN1', sale: 'A', amount_minor: 2000 });

    // A's Y now costs 2,000: A is 4,000, and still gives 2,000 back to the credit note
    const restated = changed.map((row) => row.replace(`${p}A,${p}K1,2024-03-01T10:00:00Z,paid,Y,1,500`, `${p}A,${p}K1,2024-03-01T10:00:00Z,paid,Y,1,2000`));
    expect(await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('restated.csv', [header, ...restated].join('\n')) }))
      .toMatchObject({ rejected: 0, orders: expect.objectContaining({ updated: 1 }) });
    expect((await ordersOf(db(), p)).A).toEqual({ status: 'partially_refunded', stated_status: 'paid', amount_minor: 4000, refunded_minor: 2000, credited_minor: 2000 });
    expect(Number((await factsOf(db(), await customerOf(db(), `${p}K1`))).revenue_minor)).toBe(4000 - 2000 + 3000);
  });

  it('applies a merged customer\'s credit note to the kept customer\'s sales, and gives it back on undo', async () => {
    const p = 'M-';
    await importFile(db(), { ...importDefaults, entity: 'orders', file: files.file('merge.csv', [header,
      `${p}B,${p}K1,2024-03-05T10:00:00Z,paid,Z,1,3000`,
      `${p}CN,${p}K9,2024-03-20T10:00:00Z,credit note,Z,1,1000`].join('\n')) });
    const [kept, merged] = [await customerOf(db(), `${p}K1`), await customerOf(db(), `${p}K9`)];
    const before = await storeState(db());
    expect(await creditsOf(db(), p)).toEqual([]);

    const { mergeId } = await mergeCustomers(db(), kept, merged, 'test', { clock: importDefaults.clock });
    expect(await creditsOf(db(), p)).toEqual([{ credit: 'CN', sale: 'B', amount_minor: 1000 }]);
    expect((await ordersOf(db(), p)).B).toMatchObject({ status: 'partially_refunded', refunded_minor: 1000 });
    expect(Number((await factsOf(db(), kept)).revenue_minor)).toBe(2000);

    await undoMerge(db(), mergeId, 'test', { clock: importDefaults.clock });
    expect(await creditsOf(db(), p)).toEqual([]);
    const after = await storeState(db());
    const withoutTimes = (state: Awaited<ReturnType<typeof storeState>>) => ({
      ...state, orders: (state.orders as Array<{ updated_at: unknown }>).map(({ updated_at: _, ...row }) => row),
    });
    expect(withoutTimes(after)).toEqual(withoutTimes(before));
  });
});
