import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { fixedClock } from '../core/clock.js';
import { updateStoreSettings } from '../settings/index.js';
import { previewSegment } from './preview.service.js';

/**
 * A filter's days are the store's calendar days (Asia/Jakarta here, UTC+7): what a marketer means
 * by "on or after 1 November" or "bought in the last 30 days". Read as UTC midnight, a purchase at
 * 06:30 on 1 November in Jakarta (23:30 on 31 October UTC) fell on the wrong side of every bound.
 */
const clock = fixedClock('2026-12-01T10:00:00+07:00');
const purchases = [
  { id: 1, at: '2026-11-01T06:30:00+07:00' },
  { id: 2, at: '2026-11-30T23:30:00+07:00' },
  { id: 3, at: '2026-12-01T00:30:00+07:00' },
];

describeEachStore("a filter's days are the store's days", (context) => {
  const db = () => context.store.db;
  const members = async (filter: unknown) => (await previewSegment(db(), filter, { clock, sampleSize: 50 })).sample.map((customer) => Number(customer.customer_id));
  const last = (op: string, value: unknown) => members({ field: 'last_purchase_at', op, value });

  beforeAll(async () => {
    await updateStoreSettings(db(), { timezone: 'Asia/Jakarta' });
    for (const { id, at } of purchases) {
      await sql`insert into customer (customer_id, kind, name) values (${id}, 'person', ${`Customer ${id}`})`.execute(db());
      await sql`insert into customer_order (order_id, customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
        values (${id}, ${id}, 't', ${`T${id}`}, ${at}::timestamptz, 'IDR', 1000, 1000, 'web', 'paid')`.execute(db());
      await sql`insert into customer_trait (customer_id, order_count, purchase_days, revenue_minor, first_purchase_at, last_purchase_at)
        values (${id}, 1, 1, 1000, ${at}::timestamptz, ${at}::timestamptz)`.execute(db());
    }
  });

  describe('a day stands for the whole of it', () => {
    it('on or after a day includes its morning; before it does not', async () => {
      expect(await last('gte', '2026-11-01')).toEqual([1, 2, 3]);
      expect(await last('lt', '2026-11-01')).toEqual([]);
    });

    it('on or before a day includes its last hour; after it starts at the next day', async () => {
      expect(await last('lte', '2026-11-30')).toEqual([1, 2]);
      expect(await last('gt', '2026-11-30')).toEqual([3]);
    });

    it('between two days includes all of both', async () => {
      expect(await last('between', ['2026-11-01', '2026-11-01'])).toEqual([1]);
      expect(await last('between', ['2026-11-02', '2026-11-30'])).toEqual([2]);
    });

    it('a fixed purchase window runs from the start of "from" to the start of "to"', async () => {
      expect(await members({ purchased: { within: { from: '2026-11-01', to: '2026-11-02' } } })).toEqual([1]);
      expect(await members({ purchased: { within: { from: '2026-11-02', to: '2026-12-01' } } })).toEqual([2]);
    });

    it('days ago are days too: today is all of the as-of day, yesterday all of the day before', async () => {
      expect(await last('gte', { days_ago: 0 })).toEqual([3]);
      expect(await last('lte', { days_ago: 1 })).toEqual([1, 2]);
    });
  });

  it('compares a column of days as days: a time stands for its day on the store calendar', async () => {
    const fit = await context.store.db.insertInto('model_fit').values({
      model: 'bgnbd', unit: 'week', calibration_end: '2026-11-30', params: '{}', log_likelihood: 0, converged: true, iterations: 1, gradient_norm: 0, bic: 0, customers: 2,
    }).returning('model_fit_id').executeTakeFirstOrThrow();
    for (const [customerId, day, risk] of [[1, '2026-12-05', 'high'], [2, '2026-12-06', 'low']] as const) {
      await context.store.db.insertInto('customer_prediction').values({
        customer_id: customerId, model_fit_id: Number(fit.model_fit_id), p_alive: 0.5, expected_purchases_90d: 1, clv_minor: 1000, clv_horizon_days: 365,
        next_purchase_day: day, churn_risk: risk, as_of: '2026-11-30',
      }).execute();
    }
    const next = (op: string, value: unknown) => members({ field: 'next_purchase_day', op, value });
    expect(await next('lte', '2026-12-05')).toEqual([1]);
    expect(await next('between', ['2026-12-05', '2026-12-06'])).toEqual([1, 2]);
    // 03:00 on 6 December in Jakarta
    expect(await next('gte', '2026-12-05T20:00:00Z')).toEqual([2]);
    expect(await next('lt', '2026-12-05T20:00:00Z')).toEqual([1]);
    expect(await members({ field: 'churn_risk', op: 'eq', value: 'HIGH' })).toEqual([1]);
  });

  it('an instant with an offset keeps its exact meaning; a time without one is on the store clock', async () => {
    expect(await last('gte', '2026-11-01T06:30:00+07:00')).toEqual([1, 2, 3]);
    expect(await last('gt', '2026-11-01T06:30:00+07:00')).toEqual([2, 3]);
    expect(await last('lte', '2026-10-31T23:30:00Z')).toEqual([1]);
    expect(await last('lt', '2026-11-30T16:30:00Z')).toEqual([1]);
    expect(await last('gt', '2026-11-01T06:30')).toEqual([2, 3]);
    expect(await last('between', ['2026-11-30T23:00', '2026-12-01T00:00'])).toEqual([2]);
  });
});

describeEachStore('days since the last purchase and "the last N days" agree', (context) => {
  const db = () => context.store.db;
  const asOf = clock.now();

  beforeAll(async () => {
    await updateStoreSettings(db(), { timezone: 'Asia/Jakarta' });
    // a last purchase every 97 minutes for 100 days back, and at the first instant of each day and just before it
    await sql`
      with moments as (
        select ${asOf}::timestamptz - g * interval '97 minutes' as at from generate_series(0, 1484) g
        union all
        select (${'2026-12-01'}::date - k)::timestamp at time zone 'Asia/Jakarta' + shift
        from generate_series(0, 100) k, (values (interval '0'), (interval '-1 microsecond')) s(shift)
      ), numbered as (select row_number() over (order by at)::int as id, at from moments)
      insert into customer (customer_id, kind, name) select id, 'person', 'C' || id from numbered`.execute(db());
    await sql`
      with moments as (
        select ${asOf}::timestamptz - g * interval '97 minutes' as at from generate_series(0, 1484) g
        union all
        select (${'2026-12-01'}::date - k)::timestamp at time zone 'Asia/Jakarta' + shift
        from generate_series(0, 100) k, (values (interval '0'), (interval '-1 microsecond')) s(shift)
      ), numbered as (select row_number() over (order by at)::int as id, at from moments)
      insert into customer_trait (customer_id, order_count, purchase_days, revenue_minor, first_purchase_at, last_purchase_at)
      select id, 1, 1, 1000, at, at from numbered`.execute(db());
    await sql`
      insert into customer_order (order_id, customer_id, source, external_id, ordered_at, currency, total_minor, amount_minor, channel, status)
      select customer_id, customer_id, 't', 'T' || customer_id, last_purchase_at, 'IDR', 1000, 1000, 'web', 'paid' from customer_trait`.execute(db());
  });

  // the last N days are the as-of day and the N − 1 before it: fewer than N days since the purchase
  it.each([1, 7, 30, 90])('%i days', async (days) => {
    const recent = { field: 'days_since_last_purchase', op: 'lt', value: days };
    const bought = { purchased: { within: { days } } };
    const count = async (filter: unknown) => (await previewSegment(db(), filter, { clock })).count;
    expect(await count({ and: [recent, { not: bought }] })).toBe(0);
    expect(await count({ and: [bought, { not: recent }] })).toBe(0);
    // and neither side is empty, so the agreement says something
    expect(await count(recent)).toBeGreaterThan(0);
    // after the day N days ago is the same again
    expect(await count({ field: 'last_purchase_at', op: 'gt', value: { days_ago: days } })).toBe(await count(recent));
    expect(await count({ field: 'last_purchase_at', op: 'gte', value: { days_ago: days - 1 } })).toBe(await count(recent));
  });
});
