import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { updateStoreSettings } from '../settings/index.js';
import { checkFilter } from './filter-schema.js';
import { previewSegment } from './preview.service.js';
import { createSegment, listSegmentMembers, refreshAllSegments } from './segments.service.js';

// "Expected to buy in the next 7 days" could only be written with fixed dates, which go stale in a
// saved segment: {"days_ago": -7} was refused. {"days_ahead": N} counts forward on the store's calendar.
describe('{"days_ahead": N} in a filter', () => {
  it('is a date on every date field, alone or in a range, and a range that runs backwards is refused', () => {
    expect(checkFilter({ field: 'next_purchase_day', op: 'lte', value: { days_ahead: 7 } }).problems).toEqual([]);
    expect(checkFilter({ field: 'last_purchase_at', op: 'between', value: [{ days_ago: 3 }, { days_ahead: 0 }] }).problems).toEqual([]);
    expect(checkFilter({ field: 'next_purchase_day', op: 'between', value: [{ days_ahead: 7 }, { days_ahead: 1 }] }).problems)
      .toEqual([expect.objectContaining({ kind: 'range_reversed', path: 'filter.value' })]);
    expect(checkFilter({ field: 'next_purchase_day', op: 'between', value: [{ days_ahead: 1 }, { days_ago: 1 }] }).problems)
      .toEqual([expect.objectContaining({ kind: 'range_reversed' })]);
  });

  it('is what a negative days_ago is told to write instead', () => {
    const { problems } = checkFilter({ field: 'next_purchase_day', op: 'lte', value: { days_ago: -7 } });
    expect(problems).toEqual([expect.objectContaining({ path: 'filter.value.days_ago', message: expect.stringContaining('{"days_ahead": 7}') })]);
  });
});

describeEachStore('a segment of customers expected to buy in the next days', (context) => {
  const db = () => context.store.db;
  const today = fixedClock('2026-12-01T10:00:00+07:00');
  const memberIds = async (name: string) => (await listSegmentMembers(db(), name, { limit: 100 })).items.map((row) => Number(row.customer_id));

  beforeAll(async () => {
    await updateStoreSettings(db(), { timezone: 'Asia/Jakarta' });
    const fit = await db().insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: '2026-11-30', params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 3,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    for (const [id, day] of [[1, '2026-12-03'], [2, '2026-12-09'], [3, '2026-11-28']] as const) {
      await sql`insert into customer (customer_id, kind, name) values (${id}, 'person', ${`Customer ${id}`})`.execute(db());
      await db().insertInto('customer_prediction').values({
        customer_id: id, model_fit_id: Number(fit.model_fit_id), p_alive: 0.5, expected_purchases_90d: 1, clv_minor: 1000, clv_horizon_days: 365, next_purchase_day: day, churn_risk: 'low', as_of: '2026-11-30',
      }).execute();
    }
  });

  it('counts days ahead on the store calendar from the as-of day', async () => {
    const next = async (op: string, value: unknown) => (await previewSegment(db(), { field: 'next_purchase_day', op, value }, { clock: today, sampleSize: 50 })).sample.map((row) => Number(row.customer_id));
    // 1 December in Jakarta: 7 days ahead is 8 December, 8 days ahead 9 December
    expect(await next('lte', { days_ahead: 7 })).toEqual([1, 3]);
    expect(await next('lte', { days_ahead: 8 })).toEqual([1, 2, 3]);
    expect(await next('between', [{ days_ahead: 0 }, { days_ahead: 7 }])).toEqual([1]);
    expect(await next('gt', { days_ahead: 2 })).toEqual([2]);
  });

  it('moves a saved segment on as days pass, as days_ago does, on the refresh that runs every day', async () => {
    await createSegment(db(), { name: 'buying this week', filter: { field: 'next_purchase_day', op: 'between', value: [{ days_ahead: 0 }, { days_ahead: 7 }] } }, { actor: 'test', clock: today });
    expect(await memberIds('buying this week')).toEqual([1]);
    await refreshAllSegments(db(), { clock: fixedClock('2026-12-03T08:00:00+07:00') });
    expect(await memberIds('buying this week')).toEqual([1, 2]);
    await refreshAllSegments(db(), { clock: fixedClock('2026-12-05T08:00:00+07:00') });
    expect(await memberIds('buying this week')).toEqual([2]);
  });
});
