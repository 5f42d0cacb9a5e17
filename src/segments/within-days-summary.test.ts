import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { reportSummary } from '../reports/index.js';
import { updateStoreSettings } from '../settings/index.js';
import { rebuildTraits } from '../traits/index.js';
import { previewSegment } from './preview.service.js';

/**
 * "Bought in the last 30 days" in a segment and the summary's active customers of the last 30 days
 * are one set of people: the as-of day and the 29 before it, on the store's calendar. A window of
 * 31 days (from the start of the day 30 days back) once gave a marketer 756 against the summary's 748.
 */
const clock = fixedClock('2026-12-01T10:00:00+07:00');
// Jakarta wall-clock times around each day's edges, for 40 days back from the as-of day
const timesOfDay = ['00:00:00', '00:30:00', '09:59:00', '20:00:00', '23:59:59'];

describeEachStore('"within N days" in a segment and the summary\'s last N days', (context) => {
  const db = () => context.store.db;
  const boughtWithin = async (days: number) => (await previewSegment(db(), { purchased: { within: { days } } }, { clock })).count;
  const activeInSummary = async (days: number) => (await reportSummary(db(), { days, clock })).current.activeCustomers;

  beforeAll(async () => {
    await updateStoreSettings(db(), { timezone: 'Asia/Jakarta' });
    await sql`
      insert into customer (customer_id, kind, name)
      select k * 10 + t, 'person', 'C' || (k * 10 + t) from generate_series(0, 40) k, generate_series(1, ${timesOfDay.length}) t`.execute(db());
    await sql`
      insert into customer_order (customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
      select k * 10 + t, 't', 'T' || (k * 10 + t), ((date '2026-12-01' - k) + (${timesOfDay}::text[])[t]::time) at time zone 'Asia/Jakarta',
        'IDR', 1000, 1000, 'web', 'paid'
      from generate_series(0, 40) k, generate_series(1, ${timesOfDay.length}) t`.execute(db());
    await rebuildTraits(db());
  });

  it.each([1, 7, 30])('count the same buyers over %i days on a live store, as of now', async (days) => {
    expect(await activeInSummary(days)).toBeGreaterThan(0);
    expect(await boughtWithin(days)).toBe(await activeInSummary(days));
  });

  it('hold the as-of day and the 29 before it: nobody who last bought 30 days back', async () => {
    // three of today's five purchases are made by 10:00; each earlier day has all five
    expect(await boughtWithin(30)).toBe(3 + 29 * 5);
    expect(await boughtWithin(1)).toBe(3);
  });

  it("count the same buyers on a data set's store, whose last day is whole", async () => {
    await updateStoreSettings(db(), { data_as_of: '2026-12-01T23:59:59.999+07:00' });
    try {
      for (const days of [1, 7, 30]) expect(await boughtWithin(days)).toBe(await activeInSummary(days));
      expect(await boughtWithin(30)).toBe(30 * 5);
    } finally {
      await updateStoreSettings(db(), { data_as_of: null });
    }
  });
});
