import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { fixedClock } from '../core/clock.js';
import { analyze } from '../analytics/index.js';
import { createSegment, getSegment, listSegmentMembers, segmentHistory } from './segments.service.js';

// "today" is 2026-07-01 in Asia/Jakarta, the fixture's store zone; the look back is two months earlier
const clock = fixedClock('2026-07-01T10:00:00+07:00');
const pastDay = '2026-04-30';
const pastDayLastMoment = new Date('2026-04-30T23:59:59.999+07:00');

describeEachStore('segments refreshed by an analysis as of a day', (context) => {
  const db = () => context.store.db;

  async function memberIds(name: string): Promise<number[]> {
    return (await listSegmentMembers(db(), name, { limit: 1000 })).items.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  }

  async function customersOfType(type: string): Promise<number[]> {
    const rows = await sql<{ customer_id: number }>`select customer_id from customer_type where ${type} = any(types) order by customer_id`.execute(db());
    return rows.rows.map((row) => Number(row.customer_id));
  }

  it("judges every condition on the analysis's day and stamps the changes with it, and today's run brings today's back", async () => {
    await seedStore(db(), typesFixture);
    await analyze(db(), { clock });
    await createSegment(db(), { name: 'recent buyers', filter: { purchased: { within: { days: 90 } } } }, { actor: 'test', clock });
    await createSegment(db(), { name: 'lapsed', filter: { field: 'customer_types', op: 'contains', value: 'lapsed' } }, { actor: 'test', clock });
    const todaysBuyers = [1, 2, 3, 4, 5, 6, 7, 12, 13];
    expect(await memberIds('recent buyers')).toEqual(todaysBuyers);
    const todaysLapsed = await customersOfType('lapsed');
    expect(await memberIds('lapsed')).toEqual(todaysLapsed);

    await analyze(db(), { asOf: pastDay, clock });
    // paid orders from 2026-01-31 to 2026-04-30: customer 4 on 04-01, 6 in March, 7 on 03-30
    expect(await memberIds('recent buyers')).toEqual([4, 6, 7]);
    const pastLapsed = await customersOfType('lapsed');
    expect(pastLapsed).not.toEqual(todaysLapsed);
    expect(await memberIds('lapsed')).toEqual(pastLapsed);
    expect((await getSegment(db(), 'recent buyers')).refreshed_at).toEqual(pastDayLastMoment);
    const left = (await segmentHistory(db(), 'recent buyers')).filter((event) => event.change === 'left');
    expect(left.map((event) => event.at)).toEqual(left.map(() => pastDayLastMoment));

    await analyze(db(), { clock });
    expect(await memberIds('recent buyers')).toEqual(todaysBuyers);
    expect(await memberIds('lapsed')).toEqual(todaysLapsed);
    // today's run is stamped at the store's now, not at the end of a day still running
    expect((await getSegment(db(), 'recent buyers')).refreshed_at).toEqual(clock.now());
  });
});
