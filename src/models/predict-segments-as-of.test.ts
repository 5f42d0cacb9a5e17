import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore, type SeedOrder } from '../../test/fixtures/analytics/seed.js';
import { addDays, fixedClock } from '../core/clock.js';
import { createSegment, getSegment, listSegmentMembers, segmentHistory } from '../segments/index.js';
import { predictCustomers } from './models.service.js';

// "today" is 2026-07-01 in Asia/Jakarta, the seed's store zone; the prediction looks back two months
const clock = fixedClock('2026-07-01T10:00:00+07:00');
const pastDay = '2026-04-30';
const pastDayLastMoment = new Date('2026-04-30T23:59:59.999+07:00');

/** Sixty customers, half of whom buy often for a few weeks and then stop: enough for the models to see customers leave. */
function rhythmOrders(): SeedOrder[] {
  const orders: SeedOrder[] = [];
  for (let customerId = 1; customerId <= 60; customerId++) {
    const isLeaving = customerId % 2 === 0;
    const gap = isLeaving ? 5 + ((customerId * 7) % 15) : 10 + ((customerId * 37) % 50);
    const firstDay = addDays('2025-07-01', (customerId * 13) % 90);
    // every tenth customer stops in March: a recent buyer at the end of April, no longer at the end of June
    const lastDay = isLeaving ? addDays(firstDay, 40 + ((customerId * 29) % 60)) : customerId % 10 === 5 ? '2026-03-20' : '2026-06-30';
    for (let day = firstDay; day <= lastDay; day = addDays(day, gap)) orders.push({ customerId, day, amountMinor: 50_000 + ((customerId * 7_919) % 200_000) });
  }
  return orders;
}

describeEachStore('segments refreshed by a prediction run as of a day', (context) => {
  const db = () => context.store.db;
  const memberIds = async (name: string) => (await listSegmentMembers(db(), name, { limit: 1000 })).items.map((row) => Number(row.customer_id)).sort((a, b) => a - b);

  it("judges the segments on the run's day and stamps their entries with it", async () => {
    const orders = rhythmOrders();
    await seedStore(db(), { customerIds: Array.from({ length: 60 }, (_, index) => index + 1), orders });
    await predictCustomers(db(), { asOf: '2026-06-30', horizonDays: 365, discountRate: 0.01, penalty: 0.1, clock });
    await createSegment(db(), { name: 'recent buyers', filter: { purchased: { within: { days: 90 } } } }, { actor: 'test', clock });
    await createSegment(db(), { name: 'likely active', filter: { field: 'p_alive', op: 'gte', value: 0.5 } }, { actor: 'test', clock });
    const buyersWithin = (from: string, to: string) => [...new Set(orders.filter((order) => order.day > from && order.day <= to).map((order) => order.customerId))].sort((a, b) => a - b);
    const todaysBuyers = buyersWithin(addDays('2026-07-01', -90), '2026-07-01');
    expect(await memberIds('recent buyers')).toEqual(todaysBuyers);

    const eventCountBefore = (await segmentHistory(db(), 'recent buyers', 1000)).length;
    await predictCustomers(db(), { asOf: pastDay, horizonDays: 365, discountRate: 0.01, penalty: 0.1, clock });
    const pastBuyers = buyersWithin(addDays(pastDay, -90), pastDay);
    expect(pastBuyers).not.toEqual(todaysBuyers);
    expect(await memberIds('recent buyers')).toEqual(pastBuyers);
    for (const name of ['recent buyers', 'likely active']) expect((await getSegment(db(), name)).refreshed_at, name).toEqual(pastDayLastMoment);
    const history = await segmentHistory(db(), 'recent buyers', 1000);
    const runEvents = history.slice(0, history.length - eventCountBefore);
    expect(runEvents.length).toBeGreaterThan(0);
    expect(runEvents.map((event) => event.at)).toEqual(runEvents.map(() => pastDayLastMoment));
  });
});
