import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { AppError } from '../core/errors.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { defaultTypePolicy, mergePolicy, parseTypePolicy } from './policy.js';
import { getTypePolicy, setTypePolicy } from './types.service.js';

function refusalOf(change: object): AppError {
  try {
    parseTypePolicy(mergePolicy(defaultTypePolicy, change));
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`the policy change ${JSON.stringify(change)} was accepted`);
}

describe('the type policy bounds', () => {
  it.each([
    [{ lapsed: { quietDays: 1e12 } }, 'lapsed.quietDays must be a whole number of days from 1 to 3650; got 1000000000000'],
    [{ loyal: { minTenureDays: 2_000_000_000 } }, 'loyal.minTenureDays must be a whole number of days from 1 to 3650; got 2000000000'],
    [{ alerts: { zThreshold: 1e308 } }, 'alerts.zThreshold must be a number of robust standard deviations above 0 and at most 100; got 1e+308'],
    [{ loyal: { minPeriods: 1e9 } }, 'loyal.minPeriods must be a whole number of periods from 2 to 1000; got 1000000000'],
    [{ atRisk: { minIntervals: 1e9 } }, 'atRisk.minIntervals must be a whole number of intervals from 1 to 1000; got 1000000000'],
    [{ occasional: { promotionDrivenMinOrders: 1e9 } }, 'occasional.promotionDrivenMinOrders must be a whole number of orders from 1 to 1000; got 1000000000'],
    [{ alerts: { minExpected: 1e300 } }, 'alerts.minExpected must be a number from 0 to 1000000000000; got 1e+300'],
    [{ lapsed: { pAliveBelow: 1 } }, 'lapsed.pAliveBelow must be a probability above 0 and below 1; got 1'],
    [{ lapsed: { pAliveMinQuietDays: -1 } }, 'lapsed.pAliveMinQuietDays must be a whole number of days from 0 to 3650 (0 lets P(alive) judge at once); got -1'],
    [{ lapsed: { pAliveMinQuietDays: 3651 } }, 'lapsed.pAliveMinQuietDays must be a whole number of days from 0 to 3650 (0 lets P(alive) judge at once); got 3651'],
    [{ vip: { topPercent: 0 } }, 'vip.topPercent must be a percentage above 0 and at most 100; got 0'],
    [{ loyal: { periodMonths: 2.5 } }, 'loyal.periodMonths must be a whole number of months from 1 to 24; got 2.5'],
    [{ newWithinDays: '30' }, 'newWithinDays must be a whole number of days from 1 to 3650; got "30"'],
    [{ vip: { basis: 'spend' } }, 'vip.basis must be one of revenue, frequency, revenue_or_frequency; got "spend"'],
    [{ lapsed: 180 }, 'lapsed must be an object of thresholds (quietDays, pAliveBelow, pAliveMinQuietDays); got 180'],
  ])('refuses %j naming the field, its range and the value sent', (change, sentence) => {
    const refusal = refusalOf(change);
    expect(refusal.code).toBe('ANALYTICS_POLICY_INVALID');
    expect(refusal.message).toBe(`The type policy is invalid: ${sentence}`);
  });

  it('says a fractional number out of range once, and names each unknown threshold with those its group takes', () => {
    expect(refusalOf({ lapsed: { quietDays: 1e12 + 0.5 } }).details).toMatchObject({ issues: [{ field: 'lapsed.quietDays' }] });
    const unknown = refusalOf({ vip: { top: 3, bottom: 1 } });
    expect(unknown.message).toBe('The type policy is invalid: vip.top is not a threshold of the type policy; vip takes windowDays, topPercent, basis; '
      + 'vip.bottom is not a threshold of the type policy; vip takes windowDays, topPercent, basis');
  });

  it('accepts every bound itself', () => {
    const highest = { newWithinDays: 3650, loyal: { minTenureDays: 3650, minPeriods: 1000 }, lapsed: { quietDays: 3650, pAliveMinQuietDays: 3650 }, alerts: { zThreshold: 100, minExpected: 1e12 } };
    expect(parseTypePolicy(mergePolicy(defaultTypePolicy, highest))).toMatchObject(highest);
    expect(parseTypePolicy(mergePolicy(defaultTypePolicy, { lapsed: { pAliveMinQuietDays: 0 } })).lapsed.pAliveMinQuietDays).toBe(0);
  });
});

/** The bounds hold where a change arrives: the service and PATCH /api/analytics/policy, never an internal error. */
describeEachStore('a type policy change out of range', (context) => {
  let app: FastifyInstance;
  let owner: TestSession;

  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    owner = await signInAs(context.store, 'owner');
  });
  afterAll(async () => app?.close());

  it('is refused by the service as invalid, and the policy in force is kept', async () => {
    const change = setTypePolicy(context.store.db, { lapsed: { quietDays: 1e12 } }, { defaultAsOf: '2025-01-01' });
    await expect(change).rejects.toMatchObject({ code: 'ANALYTICS_POLICY_INVALID', details: { field: 'lapsed.quietDays' } });
    expect((await getTypePolicy(context.store.db)).lapsed.quietDays).toBe(defaultTypePolicy.lapsed.quietDays);
  });

  it('is answered 400 by the API, naming every field with its range', async () => {
    const refused = await app.inject({
      method: 'PATCH', url: '/api/analytics/policy', headers: owner.headers,
      payload: { lapsed: { quietDays: 1e12 }, loyal: { minTenureDays: 2_000_000_000 }, alerts: { zThreshold: 1e308 } },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toMatchObject({ code: 'ANALYTICS_POLICY_INVALID', field: 'loyal.minTenureDays' });
    expect(refused.json().error.message).toBe('The type policy is invalid: '
      + 'loyal.minTenureDays must be a whole number of days from 1 to 3650; got 2000000000; '
      + 'lapsed.quietDays must be a whole number of days from 1 to 3650; got 1000000000000; '
      + 'alerts.zThreshold must be a number of robust standard deviations above 0 and at most 100; got 1e+308');
  });

  it('stored before P(alive) waited for a silence, reads the default wait, and the form can change it', async () => {
    const before = { ...defaultTypePolicy, lapsed: { quietDays: 120, pAliveBelow: 0.25 } };
    await sql`insert into store_setting (key, value) values ('type_policy', ${JSON.stringify(before)}::jsonb)
      on conflict (key) do update set value = excluded.value`.execute(context.store.db);
    expect((await getTypePolicy(context.store.db)).lapsed).toEqual({ quietDays: 120, pAliveBelow: 0.25, pAliveMinQuietDays: 180 });
    await setTypePolicy(context.store.db, { lapsed: { pAliveMinQuietDays: 60 } }, { defaultAsOf: '2025-01-01' });
    expect((await getTypePolicy(context.store.db)).lapsed).toEqual({ quietDays: 120, pAliveBelow: 0.25, pAliveMinQuietDays: 60 });
  });

  it('stored before the bounds existed, is read at the bound, so analyses, imports and the form go on, and another change can be made', async () => {
    await sql`insert into store_setting (key, value) values ('type_policy', ${JSON.stringify({ lapsed: { quietDays: 2_000_000_000 }, vip: { topPercent: 0 } })}::jsonb)
      on conflict (key) do update set value = excluded.value`.execute(context.store.db);
    // a value no version accepted is still refused
    await expect(getTypePolicy(context.store.db)).rejects.toMatchObject({ code: 'ANALYTICS_POLICY_INVALID', details: { field: 'vip.topPercent' } });
    await sql`update store_setting set value = ${JSON.stringify({ lapsed: { quietDays: 2_000_000_000 } })}::jsonb where key = 'type_policy'`.execute(context.store.db);
    expect((await getTypePolicy(context.store.db)).lapsed.quietDays).toBe(3650);
    const read = await app.inject({ method: 'GET', url: '/api/analytics/policy', headers: owner.readHeaders });
    expect(read.statusCode).toBe(200);
    await setTypePolicy(context.store.db, { newWithinDays: 45 }, { defaultAsOf: '2025-01-01' });
    expect(await getTypePolicy(context.store.db)).toMatchObject({ newWithinDays: 45, lapsed: { quietDays: 3650 } });
  });
});
