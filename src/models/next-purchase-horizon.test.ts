import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { predictCustomers } from './index.js';

const firstDay = 14_944; // 2010-12-01, as the online-retail demo: five days of history

describeEachStore('next purchase day', (context) => {
  it('stores "none expected" (null) for a median wait beyond ten years instead of overflowing the day', async () => {
    const { db } = context.store;
    // one customer buys on each of five days, forty buy once: the fit's r is near 0,
    // so a one-time buyer's median wait (α+T)(2^{1/r} − 1) is about 10^5 days (r = 0.075).
    // Two more buy on days 0–2 and 0–1 and then stop: without them nothing shows dropout, and the fit
    // (a = 7e-5, "no one ever leaves") is degenerate and refused (fit-soundness.ts)
    const rows: Array<[number, number]> = [];
    for (let day = 0; day < 5; day++) rows.push([1, firstDay + day]);
    for (let customer = 2; customer <= 41; customer++) rows.push([customer, firstDay + (customer % 5)]);
    rows.push([42, firstDay], [42, firstDay + 1], [42, firstDay + 2], [43, firstDay], [43, firstDay + 1]);
    await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
      select id, date '1970-01-01' + day, 1, 1000
      from unnest(${rows.map((row) => row[0])}::bigint[], ${rows.map((row) => row[1])}::int[]) as input(id, day)`.execute(db);

    const predicted = await predictCustomers(db, { asOf: '2010-12-06', horizonDays: 365, discountRate: 0.01 });
    expect(predicted.customers).toBe(43);
    const stored = await sql<{ customers: number; with_day: number; latest: unknown }>`
      select count(*)::int as customers, count(next_purchase_day)::int as with_day, max(next_purchase_day) as latest from customer_prediction`.execute(db);
    expect(stored.rows[0].customers).toBe(43);
    const latest = stored.rows[0].latest;
    if (latest !== null) expect(new Date(latest as string).getTime()).toBeLessThanOrEqual(Date.parse('2020-12-06T00:00:00Z'));
    // BG/NBD's P(alive) of 1 for a one-time buyer is not stored (not estimated), but it still makes their median wait
    const oneTimeBuyer = await sql<{ p_alive: number | null; next_purchase_day: unknown }>`select p_alive, next_purchase_day from customer_prediction where customer_id = 2`.execute(db);
    expect(oneTimeBuyer.rows[0].p_alive).toBeNull();
    expect(oneTimeBuyer.rows[0].next_purchase_day).toBeNull();
  });
});
