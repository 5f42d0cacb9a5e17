import { expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import type { Database } from '../db/schema.js';
import { analyze } from './analyze.service.js';
import { defaultTypePolicy } from './policy.js';
import { fillWholeRhythmCacheStatement, type CustomerRange } from './facts.sql.js';
import { halvesByCustomer, refreshRhythmCache } from './rhythm-cache.repo.js';
import { setTypePolicy } from './types.service.js';
import { fixedClock } from '../core/clock.js';

// the fixture's days run into 2027: analyses are judged from a day after them (an as-of after today is refused)
const clock = fixedClock('2028-01-01T00:00:00Z');

async function typesRows(db: Kysely<Database>) {
  return (await sql`select customer_id, types, primary_type, numbers from customer_type order by customer_id`.execute(db)).rows;
}

async function rhythmCustomers(db: Kysely<Database>): Promise<number[]> {
  return (await sql<{ customer_id: number }>`select customer_id from customer_rhythm order by customer_id`.execute(db)).rows.map((row) => Number(row.customer_id));
}

/** Analyses as of a day, then again with every rhythm worked out afresh: both must classify alike. */
async function analyseBothWays(db: Kysely<Database>, asOf: string) {
  await analyze(db, { asOf, clock });
  const cached = await typesRows(db);
  await sql`delete from customer_rhythm`.execute(db);
  await analyze(db, { asOf, clock });
  const afresh = await typesRows(db);
  return { cached, afresh };
}

describeEachStore('customer rhythm kept between full analyses', (context) => {
  it('classifies as working every rhythm out afresh would, through new purchases, an earlier as-of day and a policy change', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    const buyers = (await sql<{ customer_id: number }>`select distinct customer_id from customer_purchase_day order by 1`.execute(db)).rows.map((row) => Number(row.customer_id));

    const first = await analyseBothWays(db, '2026-06-25');
    expect(first.cached).toEqual(first.afresh);
    expect(await rhythmCustomers(db)).toEqual(buyers);

    const second = await analyseBothWays(db, typesAsOf);
    expect(second.cached).toEqual(second.afresh);

    // a purchase (the ingest path writes purchase days) forgets that customer's rhythm, and only theirs
    await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor) values (4, '2026-07-03', 1, 200000), (6, '2026-07-01', 1, 50000)
      on conflict (customer_id, day) do update set order_count = customer_purchase_day.order_count + 1`.execute(db);
    expect(await rhythmCustomers(db)).toEqual(buyers.filter((id) => id !== 4 && id !== 6));
    const later = await analyseBothWays(db, '2026-07-10');
    expect(later.cached).toEqual(later.afresh);
    expect(later.cached).not.toEqual(second.cached);

    // an as-of day before some customers' last purchase works theirs out from the days up to it
    const earlier = await analyseBothWays(db, '2026-06-10');
    expect(earlier.cached).toEqual(earlier.afresh);

    // the loyal rule's period length is part of the rhythm: a new one remakes every row
    await setTypePolicy(db, { loyal: { periodMonths: 2 } }, { asOf: '2026-07-10' });
    const periods = (await sql<{ period_months: number }>`select distinct period_months from customer_rhythm`.execute(db)).rows.map((row) => row.period_months);
    expect(periods).toEqual([2]);
    const repoliced = await analyseBothWays(db, '2026-07-10');
    expect(repoliced.cached).toEqual(repoliced.afresh);
  });

  it('keeps the VIP window sums until a purchase day leaves the window, then brings them up to the day', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    // customer 5 bought on 2026-05-10, -20, -30 and 06-09: the first leaves a 365-day window on 2027-05-10
    const windowOf = async (customerId: number) => (await sql<{ window_as_of: string; window_until: string; window_revenue: string; window_day_count: number }>`
      select to_char(window_as_of, 'YYYY-MM-DD') as window_as_of, to_char(window_until, 'YYYY-MM-DD') as window_until,
        window_revenue::text as window_revenue, window_day_count from customer_rhythm where customer_id = ${customerId}::bigint`.execute(db)).rows[0];
    const summed = async (customerId: number, day: string) => (await sql<{ revenue: string; days: number }>`
      select coalesce(sum(amount_minor), 0)::text as revenue, count(*)::int as days from customer_purchase_day
      where customer_id = ${customerId}::bigint and day > ${day}::date - 365 and day <= ${day}::date`.execute(db)).rows[0];

    const before = await analyseBothWays(db, '2027-05-01');
    expect(before.cached).toEqual(before.afresh);
    expect(await windowOf(5)).toMatchObject({ window_as_of: '2027-05-01', window_until: '2027-05-09', window_day_count: 4 });

    // a later day within the sums' life reads them as they are
    await analyze(db, { asOf: '2027-05-09', clock });
    expect((await windowOf(5)).window_as_of).toBe('2027-05-01');

    for (const day of ['2027-05-10', '2027-05-25', '2027-06-05', '2027-06-30']) {
      // the sums of the day before, brought up to this day where a purchase day left the window
      await analyze(db, { asOf: day, clock });
      const window = await windowOf(5);
      const expected = await summed(5, day);
      expect([window.window_revenue, window.window_day_count]).toEqual([expected.revenue, expected.days]);
      if (day === '2027-06-05') expect(window).toMatchObject({ window_day_count: 1, window_until: '2027-06-08' });
      const moved = await analyseBothWays(db, day);
      expect(moved.cached).toEqual(moved.afresh);
    }
    // the last purchase day left on 2027-06-09: an empty window stays empty
    expect(await windowOf(5)).toMatchObject({ window_revenue: '0', window_day_count: 0 });

    // a new window length makes every window again
    await setTypePolicy(db, { vip: { windowDays: 400 } }, { asOf: '2027-06-30', clock });
    const lengths = (await sql<{ window_days: number }>`select distinct window_days from customer_rhythm`.execute(db)).rows.map((row) => row.window_days);
    expect(lengths).toEqual([400]);
    const relengthened = await analyseBothWays(db, '2027-06-30');
    expect(relengthened.cached).toEqual(relengthened.afresh);
  });

  it('forgets every rhythm when purchase days are rebuilt or emptied', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    await analyze(db, { asOf: typesAsOf, clock });
    expect((await rhythmCustomers(db)).length).toBeGreaterThan(0);
    await sql`delete from customer_purchase_day where customer_id = 5`.execute(db);
    expect(await rhythmCustomers(db)).not.toContain(5);
    await sql`truncate customer_purchase_day`.execute(db);
    expect(await rhythmCustomers(db)).toEqual([]);
  });

  it('makes a whole store in two halves split at the median customer, as in one pass', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    const rows = async () => (await sql<{ customer_id: number }>`select * from customer_rhythm order by customer_id`.execute(db)).rows;
    const made = async (ranges: CustomerRange[]) => {
      await sql`delete from customer_rhythm`.execute(db);
      for (const range of ranges) await fillWholeRhythmCacheStatement(defaultTypePolicy, typesAsOf, range).execute(db);
      return rows();
    };
    const inOnePass = await made([{}]);
    expect(inOnePass.length).toBeGreaterThan(5);
    // a customer at the boundary is in exactly one half
    const boundary = Number(inOnePass[Math.floor(inOnePass.length / 2)].customer_id);
    expect(await made([{ below: boundary }, { from: boundary }])).toEqual(inOnePass);

    // the split comes from the planner's statistics: 300 customers with 1 to 3 purchase days each
    await sql`delete from customer_purchase_day`.execute(db);
    await sql`insert into customer (customer_id, name) select i, 'Buyer ' || i from generate_series(1001, 1300) i`.execute(db);
    await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
      select c, date '2026-01-01' + d, 1, 10000 from generate_series(1001, 1300) c, generate_series(1, 1 + c % 3) d`.execute(db);
    await sql`analyze customer_purchase_day`.execute(db);
    const halves = await halvesByCustomer(db);
    expect(halves).toHaveLength(2);
    const [below, from] = [halves[0].below!, halves[1].from!];
    expect(below).toBe(from);
    const days = (await sql<{ lower: number; upper: number }>`
      select count(*) filter (where customer_id < ${below}::bigint)::int as lower, count(*) filter (where customer_id >= ${below}::bigint)::int as upper
      from customer_purchase_day`.execute(db)).rows[0];
    expect(Math.abs(days.lower - days.upper)).toBeLessThan(0.1 * (days.lower + days.upper));
    await sql`delete from customer_rhythm`.execute(db);
    const refreshed = await refreshRhythmCache(db, defaultTypePolicy, '2026-06-30');
    // two halves at once on a server; the embedded store's one connection makes it in one pass
    expect(refreshed).toMatchObject({ parts: context.kind === 'server' ? 2 : 1, made: 300, skipped: 0 });
    // a cache already made is left as it is
    expect(await refreshRhythmCache(db, defaultTypePolicy, '2026-06-30')).toMatchObject({ made: 0, windowsMoved: 0 });
  });

  // Two connections at once are a server's: the embedded store runs one transaction at a time.
  if (context.kind === 'server') {
    /** An import writing customer 4's purchase days, committing when told to. */
    const importHolding = async (db: Kysely<Database>) => {
      let commit!: () => void;
      const mayCommit = new Promise<void>((resolve) => { commit = resolve; });
      let wrote!: () => void;
      const written = new Promise<void>((resolve) => { wrote = resolve; });
      const done = db.transaction().execute(async (transaction) => {
        await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor) values (4, '2026-07-05', 1, 120000)`.execute(transaction);
        wrote();
        await mayCommit;
      });
      await written;
      return { commit: async () => { commit(); await done; } };
    };
    const rhythmOf4 = async (db: Kysely<Database>) => (await sql<{ purchase_day_count: number; last_day: string }>`
      select purchase_day_count, to_char(last_day, 'YYYY-MM-DD') as last_day from customer_rhythm where customer_id = 4`.execute(db)).rows[0];
    const daysOf4 = async (db: Kysely<Database>) => (await sql<{ days: number }>`select count(*)::int as days from customer_purchase_day where customer_id = 4`.execute(db)).rows[0].days;
    /** An analysed store where customer 4's purchase days changed since the run: no row until the next one makes it. */
    const analysedWithout4 = async (db: Kysely<Database>) => {
      await seedStore(db, typesFixture);
      await analyze(db, { asOf: typesAsOf, clock });
      await sql`delete from customer_rhythm where customer_id = 4`.execute(db);
    };

    it('never keeps a rhythm made from purchase days that an import is changing meanwhile', async () => {
      const db = context.store.db;
      await analysedWithout4(db);
      const before = await daysOf4(db);
      const importing = await importHolding(db);
      let refreshing: Promise<unknown> | undefined;
      try {
        refreshing = refreshRhythmCache(db, defaultTypePolicy, '2026-07-10');
        // the refresh waits for the import rather than reading the purchase days it is changing
        await expect.poll(async () => (await sql<{ waiting: number }>`
          select count(*)::int as waiting from pg_locks where relation = 'customer_purchase_day'::regclass and not granted`.execute(db)).rows[0].waiting,
        { timeout: 1_500 }).toBe(1);
      } finally {
        await importing.commit();
      }
      await refreshing;
      expect(await rhythmOf4(db)).toEqual({ purchase_day_count: before + 1, last_day: '2026-07-05' });
      expect(await daysOf4(db)).toBe(before + 1);
    });

    it('leaves the rows undone rather than holding imports up when it cannot have the lock in time', async () => {
      const db = context.store.db;
      await analysedWithout4(db);
      const importing = await importHolding(db);
      try {
        const started = Date.now();
        const refreshed = await refreshRhythmCache(db, defaultTypePolicy, '2026-07-10');
        expect(refreshed).toMatchObject({ parts: 1, skipped: 1, made: 0 });
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(await rhythmOf4(db)).toBeUndefined();
      } finally {
        await importing.commit();
      }
      // the next run makes it, from the days as the import left them
      expect(await refreshRhythmCache(db, defaultTypePolicy, '2026-07-10')).toMatchObject({ made: 1, skipped: 0 });
      expect((await rhythmOf4(db)).last_day).toBe('2026-07-05');
    });
  }
});
