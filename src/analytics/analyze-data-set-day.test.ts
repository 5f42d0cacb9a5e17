import { expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { updateStoreSettings } from '../settings/index.js';
import { analyze, reportTypes } from './index.js';

describeEachStore("analyze with no day on a data set's store", (context) => {
  it("classifies and records the run as of the data set's end, the day it checked, not the clock's today", async () => {
    const { db } = context.store;
    await seedStore(db, {
      timezone: 'Asia/Jakarta', customerIds: [1, 2],
      orders: [{ customerId: 1, day: '2024-09-10', amountMinor: 10_000 }, { customerId: 2, day: '2024-11-20', amountMinor: 20_000 }],
    });
    await updateStoreSettings(db, { data_as_of: '2024-11-30T23:59:59.999+07:00' });
    const result = await analyze(db, { clock: fixedClock('2026-12-03T05:00:00Z') });
    expect(result.asOf).toBe('2024-11-30');
    expect((await reportTypes(db)).asOfDay).toBe('2024-11-30');
  });
});
