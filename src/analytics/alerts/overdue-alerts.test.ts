import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { seedStore, type SeedOrder } from '../../../test/fixtures/analytics/seed.js';
import { analyze } from '../analyze.service.js';

/** Weekly buyers (4 purchase days, 7 days apart): overdue from the 15th day after their last purchase. */
const weekly = (customerId: number, days: string[]): SeedOrder[] => days.map((day) => ({ customerId, day, amountMinor: 100_000 }));

const fixture = {
  customerIds: [1, 2, 3],
  orders: [
    // overdue since 2026-11-11 and 2026-11-15: both between two runs a fortnight apart
    ...weekly(1, ['2026-10-06', '2026-10-13', '2026-10-20', '2026-10-27']),
    ...weekly(2, ['2026-10-10', '2026-10-17', '2026-10-24', '2026-10-31']),
    // overdue since 2026-09-06, long before the first run
    ...weekly(3, ['2026-08-01', '2026-08-08', '2026-08-15', '2026-08-22']),
  ],
};

const overdueAlerts = async (db: Parameters<typeof seedStore>[0]) => (await sql<{ customer_id: number; day: string }>`
  select customer_id, to_char(window_start, 'YYYY-MM-DD') as day from alert where kind = 'customer_overdue' order by customer_id, window_start`.execute(db))
  .rows.map((row) => [Number(row.customer_id), row.day]);

describeEachStore('customer_overdue alerts', (context) => {
  it('raises every overdue day since the previous run, however far apart the runs, and each once', async () => {
    const db = context.store.db;
    await seedStore(db, fixture);
    // a first run looks back 7 days only: customer 3, overdue for two months, raises nothing
    expect((await analyze(db, { asOf: '2026-11-10' })).alerts.new.customerOverdue).toBe(0);
    expect((await analyze(db, { asOf: '2026-11-24' })).alerts.new.customerOverdue).toBe(2);
    expect(await overdueAlerts(db)).toEqual([[1, '2026-11-11'], [2, '2026-11-15']]);
    // re-running the day, or the next day, raises nothing again; the two raised before are still open, and said so
    expect((await analyze(db, { asOf: '2026-11-24' })).alerts).toMatchObject({ new: { customerOverdue: 0 }, open: { customerOverdue: 2 } });
    await sql`update alert set acknowledged_at = now(), acknowledged_by = 'owner@example.com' where customer_id = 1`.execute(db);
    expect((await analyze(db, { asOf: '2026-11-25' })).alerts).toMatchObject({ new: { customerOverdue: 0 }, open: { customerOverdue: 1 } });
    expect(await overdueAlerts(db)).toEqual([[1, '2026-11-11'], [2, '2026-11-15']]);
  });
});
