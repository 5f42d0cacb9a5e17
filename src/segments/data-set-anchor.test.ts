import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { updateStoreSettings } from '../settings/index.js';
import { previewSegment } from './preview.service.js';
import { createSegment, refreshSegment } from './segments.service.js';

// a bundled data set ends long before the wall clock: relative dates count back from its end
const dataSetEnd = '1998-06-30T23:59:59.999-04:00';
const wallClock = fixedClock(new Date('2026-12-02T10:00:00Z'));
const lastPurchaseDaysAgo = [0, 10, 89, 91, 200, 400];
const recent = { field: 'last_purchase_at', op: 'gte', value: { days_ago: 90 } };
const quiet = { field: 'days_since_last_purchase', op: 'gt', value: 180 };
const boughtWithin90 = { purchased: { within: { days: 90 } } };

describeEachStore("segments on a data set's store", (context) => {
  const db = () => context.store.db;

  beforeAll(async () => {
    await updateStoreSettings(db(), { data_as_of: dataSetEnd, timezone: 'America/New_York' });
    for (const [index, daysAgo] of lastPurchaseDaysAgo.entries()) {
      const id = index + 1;
      const orderedAt = new Date(Date.parse('1998-06-30T12:00:00-04:00') - daysAgo * 86_400_000);
      await sql`insert into customer (customer_id, kind, name) values (${id}, 'person', ${`Customer ${id}`})`.execute(db());
      await sql`insert into customer_order (order_id, customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
        values (${id}, ${id}, 't', ${`T${id}`}, ${orderedAt}, 'USD', 1000, 1000, 'web', 'paid')`.execute(db());
      await sql`insert into customer_trait (customer_id, order_count, purchase_days, revenue_minor, first_purchase_at, last_purchase_at)
        values (${id}, 1, 1, 1000, ${orderedAt}, ${orderedAt})`.execute(db());
    }
  });

  it('counts relative dates and days since a purchase back from the data set\'s end, not from today', async () => {
    expect((await previewSegment(db(), recent, { clock: wallClock })).count).toBe(3);
    expect((await previewSegment(db(), boughtWithin90, { clock: wallClock })).count).toBe(3);
    expect((await previewSegment(db(), quiet, { clock: wallClock })).count).toBe(2);
    const { refresh } = await createSegment(db(), { name: 'recent buyers', filter: recent }, { actor: 'test', clock: wallClock });
    expect(refresh.members).toBe(3);
    expect((await refreshSegment(db(), 'recent buyers', { clock: wallClock })).members).toBe(3);
  });

  it('counts back from now in a live store', async () => {
    await updateStoreSettings(db(), { data_as_of: null });
    try {
      expect((await previewSegment(db(), recent, { clock: wallClock })).count).toBe(0);
      expect((await previewSegment(db(), quiet, { clock: wallClock })).count).toBe(6);
    } finally {
      await updateStoreSettings(db(), { data_as_of: dataSetEnd });
    }
  });
});
