import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { storeCdnowPurchaseDays } from '../../test/fixtures/models/store-cdnow.js';
import { fixedClock } from '../core/clock.js';
import { createSegment, getSegment, listSegmentMembers } from '../segments/index.js';
import { predictCustomers } from './models.service.js';

const clock = fixedClock('1998-07-01T00:00:00Z');

describeEachStore('segments follow prediction runs', (context) => {
  it('recomputes segments on churn risk when predictions are replaced', async () => {
    const { db } = context.store;
    await storeCdnowPurchaseDays(db);
    // a condition on churn risk is refused until a prediction run has stored some (SEGMENT_SOURCE_MISSING)
    await expect(createSegment(db, { name: 'high churn risk', filter: { field: 'churn_risk', op: 'eq', value: 'high' } }, { actor: 'test', clock }))
      .rejects.toMatchObject({ code: 'SEGMENT_SOURCE_MISSING' });
    await predictCustomers(db, { asOf: '1997-09-30', horizonDays: 365, discountRate: 0.01, clock });
    await createSegment(db, { name: 'high churn risk', filter: { field: 'churn_risk', op: 'eq', value: 'high' } }, { actor: 'test', clock });

    const held = async () => ({
      ids: (await listSegmentMembers(db, 'high churn risk', { limit: 1000 })).items.map((row) => Number(row.customer_id)),
      count: (await getSegment(db, 'high churn risk')).member_count,
    });
    const predictedHigh = async () => {
      const result = await sql<{ customer_id: number }>`select customer_id from customer_prediction where churn_risk = 'high' order by customer_id limit 1000`.execute(db);
      const count = await sql<{ n: number }>`select count(*)::int as n from customer_prediction where churn_risk = 'high'`.execute(db);
      return { ids: result.rows.map((row) => Number(row.customer_id)), count: count.rows[0].n };
    };

    const first = await predictedHigh();
    expect(first.count).toBeGreaterThan(0);
    expect(await held()).toEqual(first);
    // nine months later more of them have gone quiet
    await predictCustomers(db, { asOf: '1998-06-30', horizonDays: 365, discountRate: 0.01, clock });
    const second = await predictedHigh();
    expect(second.count).not.toBe(first.count);
    expect(await held()).toEqual(second);
  });
});
