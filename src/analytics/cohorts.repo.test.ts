import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { readCohortRows } from './cohorts.repo.js';

/**
 * The cohort triangle's cells by hand, as of 2026-02-05: a customer counts once in a month however many
 * days they bought on in it, with all those days' revenue; months count on across a new year; a day after
 * the as-of day counts nowhere. Customer 1: cohort 2025-12, bought twice in December, once in January
 * (month 1), and on 10 February (after the as-of day). Customer 2: cohort 2025-12, again in February
 * (month 2). Customer 3: cohort 2026-01, twice in January, once in February.
 */
const fixture = {
  customerIds: [1, 2, 3],
  orders: [
    { customerId: 1, day: '2025-12-20', amountMinor: 1_000 },
    { customerId: 1, day: '2025-12-28', amountMinor: 2_000 },
    { customerId: 1, day: '2026-01-03', amountMinor: 4_000 },
    { customerId: 1, day: '2026-02-10', amountMinor: 8_000 },
    { customerId: 2, day: '2025-12-05', amountMinor: 100 },
    { customerId: 2, day: '2026-02-01', amountMinor: 200 },
    { customerId: 3, day: '2026-01-15', amountMinor: 10 },
    { customerId: 3, day: '2026-01-16', amountMinor: 20 },
    { customerId: 3, day: '2026-02-02', amountMinor: 40 },
  ],
};

describeEachStore('cohort activity by month since the first purchase', (context) => {
  beforeAll(async () => {
    await seedStore(context.store.db, fixture);
  });

  it('counts each customer once per month with all of that month\'s revenue, across a new year, up to the as-of day', async () => {
    const { activity } = await readCohortRows(context.store.db, '2026-02-05', 90);
    const cells = [...activity].sort((a, b) => a.cohort.localeCompare(b.cohort) || a.monthIndex - b.monthIndex);
    expect(cells).toEqual([
      { cohort: '2025-12', monthIndex: 0, activeCustomers: 2, revenueMinor: 3_100 },
      { cohort: '2025-12', monthIndex: 1, activeCustomers: 1, revenueMinor: 4_000 },
      { cohort: '2025-12', monthIndex: 2, activeCustomers: 1, revenueMinor: 200 },
      { cohort: '2026-01', monthIndex: 0, activeCustomers: 1, revenueMinor: 30 },
      { cohort: '2026-01', monthIndex: 1, activeCustomers: 1, revenueMinor: 40 },
    ]);
  });
});
