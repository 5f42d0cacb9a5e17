import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedTypeRevenueStore, typeRevenueAsOf, typeRevenueExpected } from '../../test/fixtures/analytics/type-revenue-fixture.js';
import { fixedClock } from '../core/clock.js';
import { reportRevenue } from '../reports/index.js';
import { reportRfm, reportTypes } from './reports.service.js';

describeEachStore('types report revenue', (context) => {
  it('gives each type the net revenue of its customers over the last 365 days and lifetime, a customer in two types counting in both', async () => {
    const db = context.store.db;
    await seedTypeRevenueStore(db);
    const report = await reportTypes(db);
    expect(report).toMatchObject({
      currency: 'IDR', hasPrices: true, asOfDay: typeRevenueAsOf, customers: typeRevenueExpected.customers,
      revenueLast365DaysFrom: typeRevenueExpected.revenueLast365DaysFrom,
      revenueLast365DaysMinor: typeRevenueExpected.revenueLast365DaysMinor, revenueLifetimeMinor: typeRevenueExpected.revenueLifetimeMinor,
    });
    const row = (type: string) => report.types.find((entry) => entry.type === type);
    expect(row('vip')).toEqual({ type: 'vip', ...typeRevenueExpected.vip });
    expect(row('at_risk')).toEqual({ type: 'at_risk', ...typeRevenueExpected.at_risk });
    expect(row('lead')).toEqual({ type: 'lead', ...typeRevenueExpected.lead });
    // no one holds it: no customers, no revenue, and a share of revenue that is 0, not missing
    expect(row('loyal')).toMatchObject({ customers: 0, share: 0, revenueLast365DaysMinor: 0, revenueLast365DaysShare: 0, revenueLifetimeMinor: 0 });
  });

  it('reconciles with report revenue over the same days and with the RFM segments\' revenue', async () => {
    const db = context.store.db;
    await seedTypeRevenueStore(db);
    const report = await reportTypes(db);
    const revenue = await reportRevenue(db, { granularity: 'day', from: report.revenueLast365DaysFrom!, to: '2026-07-01', clock: fixedClock('2026-12-01T00:00:00Z') });
    expect(revenue.points.reduce((sum, point) => sum + point.revenueMinor, 0)).toBe(report.revenueLast365DaysMinor);
    const rfm = await reportRfm(db);
    expect(rfm.segments.reduce((sum, segment) => sum + segment.revenueMinor, 0)).toBe(report.revenueLifetimeMinor);
  });

  it('says a store whose orders carry no prices has none, with no share of revenue', async () => {
    const db = context.store.db;
    await seedTypeRevenueStore(db);
    await sql`update customer_order set amount_minor = 0, total_minor = 0, refunded_minor = 0`.execute(db);
    await sql`update customer_purchase_day set amount_minor = 0`.execute(db);
    const report = await reportTypes(db);
    expect(report).toMatchObject({ hasPrices: false, revenueLast365DaysMinor: 0, revenueLifetimeMinor: 0 });
    expect(report.types.find((entry) => entry.type === 'vip')).toMatchObject({ revenueLast365DaysMinor: 0, revenueLast365DaysShare: null, revenueLifetimeShare: null });
  });
});
