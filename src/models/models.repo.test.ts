import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { loadPurchaseDays } from './models.repo.js';

describeEachStore('models repository', (context) => {
  it('loads purchase days as sorted columns across keyset pages, up to the given day', async () => {
    const { db } = context.store;
    // customer, day number, amount: out of order on purpose, one customer with a negative amount (a refund day)
    const rows: [number, number, number][] = [
      [3, 100, 500],
      [1, 10, 250],
      [1, 12, -40],
      [2, 11, 0],
      [1, 11, 75],
      [3, 99, 9_007_199_254],
      [2, 300, 10],
    ];
    await sql`insert into customer_purchase_day (customer_id, day, order_count, amount_minor)
      select id, date '1970-01-01' + day, 1, amount
      from unnest(${rows.map((row) => row[0])}::bigint[], ${rows.map((row) => row[1])}::int[], ${rows.map((row) => row[2])}::bigint[]) as input(id, day, amount)`.execute(db);
    for (const pageRows of [1, 2, 4, 1000]) {
      const columns = await loadPurchaseDays(db, 200, { pageRows });
      expect(Array.from(columns.customerIndex)).toEqual([1, 1, 1, 2, 3, 3]);
      expect(Array.from(columns.day)).toEqual([10, 11, 12, 11, 99, 100]);
      expect(Array.from(columns.amount)).toEqual([250, 75, -40, 0, 9_007_199_254, 500]);
    }
    const none = await loadPurchaseDays(db, 5);
    expect(none.day.length).toBe(0);
  });
});
