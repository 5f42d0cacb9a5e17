import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachStore } from '../../test/helpers/stores.js';
import { seedStore } from '../../test/fixtures/analytics/seed.js';
import { typesAsOf, typesFixture } from '../../test/fixtures/analytics/types-fixture.js';
import { analyze } from './analyze.service.js';
import { reportRfm, reportTypes, typesReportOf } from './reports.service.js';

describeEachStore('types report', (context) => {
  it('sums to what counting customer_type type by type gives', async () => {
    const db = context.store.db;
    await seedStore(db, typesFixture);
    await analyze(db, { asOf: typesAsOf });
    const report = await reportTypes(db);
    const byType = await sql<{ type: string; customers: number; primary_customers: number }>`
      select t.type, count(*)::int as customers, count(*) filter (where c.primary_type = t.type)::int as primary_customers
      from customer_type c cross join lateral unnest(c.types) as t(type) group by t.type`.execute(db);
    const totals = await sql<{ customers: number; as_of: Date }>`select count(*)::int as customers, max(as_of) as as_of from customer_type`.execute(db);
    const combinations = await sql<{ types: string[]; customers: number }>`
      select types, count(*)::int as customers from customer_type where cardinality(types) > 1 group by types`.execute(db);
    expect(report.customers).toBe(totals.rows[0].customers);
    expect(report.asOf).toBe(new Date(totals.rows[0].as_of).toISOString());
    // the day itself beside the exclusive end instant (which west of UTC reads as the next day)
    expect(report.asOfDay).toBe(typesAsOf);
    const rfm = await reportRfm(db);
    expect(rfm.asOfDay).toBe(typesAsOf);
    const counted = report.types.filter((entry) => entry.customers > 0).map(({ type, customers, primaryCustomers }) => ({ type, customers, primary_customers: primaryCustomers }));
    expect(counted.sort((a, b) => a.type.localeCompare(b.type))).toEqual([...byType.rows].sort((a, b) => a.type.localeCompare(b.type)));
    expect(report.combinations.length).toBeGreaterThan(0);
    expect([...report.combinations].sort((a, b) => a.types.join().localeCompare(b.types.join())))
      .toEqual([...combinations.rows].sort((a, b) => a.types.join().localeCompare(b.types.join())));
  });
});

describeEachStore('types report of a store with no customers', (context) => {
  it('says no analysis ran before the first, and after one that found no one, its day and when it ran', async () => {
    const db = context.store.db;
    expect(await reportTypes(db)).toMatchObject({ asOf: null, asOfDay: null, analysedAt: null, customers: 0 });
    const before = Date.now();
    await analyze(db, { asOf: typesAsOf });
    const report = await reportTypes(db);
    expect(report).toMatchObject({ asOfDay: typesAsOf, customers: 0, asOf: expect.any(String), analysedAt: expect.any(String) });
    expect(Date.parse(report.analysedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(report.types.every((entry) => entry.customers === 0)).toBe(true);
  });
});

describe('typesReportOf', () => {
  it('keeps the ten most common combinations, ties in the order of their types', () => {
    const asOf = new Date('2026-06-30T17:00:00Z');
    const rows = Array.from({ length: 12 }, (_, index) => ({
      types: ['vip', `t${String(index).padStart(2, '0')}`], primaryType: 'vip', customers: index < 6 ? 5 : 2, asOf, revenueLast365DaysMinor: 100, revenueLifetimeMinor: 0,
    }));
    const report = typesReportOf([...rows].reverse());
    expect(report.combinations.map((row) => row.types[1])).toEqual(['t00', 't01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't09']);
    expect(report.types.find((entry) => entry.type === 'vip')).toEqual({
      type: 'vip', customers: 42, primaryCustomers: 42, share: 1,
      revenueLast365DaysMinor: 1200, revenueLast365DaysShare: 1, revenueLifetimeMinor: 0, revenueLifetimeShare: null,
    });
    expect(typesReportOf([])).toMatchObject({ asOf: null, customers: 0, combinations: [] });
  });
});
