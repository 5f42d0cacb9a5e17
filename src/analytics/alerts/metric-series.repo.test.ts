import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { fixedClock } from '../../core/clock.js';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { alertsAsOf, alertsFixture } from '../../../test/fixtures/analytics/alerts-fixture.js';
import { seedStore } from '../../../test/fixtures/analytics/seed.js';
import { loadAnalysisContext } from '../analysis-context.js';
import { analyze } from '../analyze.service.js';
import { heldTypes } from '../types-store.repo.js';
import { metricSeriesWindow, raiseMetricAlerts } from './alerts.service.js';
import { combineSeries, readStoreSeries, readTypeSeries } from './metric-series.repo.js';

describeEachStore('metric series for change alerts', (context) => {
  it('reads the store, channel and category part apart from the types part, and puts them together in the detector\'s order', async () => {
    const db = context.store.db;
    await seedStore(db, alertsFixture(0.4));
    await analyze(db, { asOf: alertsAsOf });
    const clock = fixedClock('2026-07-05T00:00:00Z');
    const analysis = await loadAnalysisContext(db, alertsAsOf, clock);
    const window = await metricSeriesWindow(db, analysis, clock.now());
    const series = combineSeries(await readStoreSeries(db, window), await readTypeSeries(db, { ...window, primaryTypes: heldTypes }));

    // the last week's figures, against the orders themselves
    const lastWeek = series.week.filter((point) => point.bucket === 0);
    const expected = (await sql<{ revenue: number; orders: number; customers: number }>`
      select sum(amount_minor)::float8 as revenue, count(*)::int as orders, count(distinct customer_id)::int as customers from customer_order
      where (ordered_at at time zone 'Asia/Jakarta')::date between ${alertsAsOf}::date - 6 and ${alertsAsOf}::date`.execute(db)).rows[0];
    const whole = lastWeek.find((point) => point.dimension === 'all')!;
    expect({ revenue: whole.revenue, orders: whole.orders, customers: whole.customers }).toEqual(expected);
    for (const dimension of ['channel', 'type', 'category'] as const) {
      const parts = lastWeek.filter((point) => point.dimension === dimension);
      expect(parts.length, dimension).toBeGreaterThan(1);
      expect(parts.reduce((sum, point) => sum + point.revenue, 0), dimension).toBe(whole.revenue);
    }
    // channels, then the store, then types, then categories, each sorted by segment
    expect(lastWeek.map((point) => `${point.dimension}:${point.segment}`)).toEqual([
      'channel:store', 'channel:web', 'all:all',
      ...lastWeek.filter((point) => point.dimension === 'type').map((point) => `type:${point.segment}`).sort(),
      'category:Books', 'category:Music',
    ]);
    // in every granularity, sections never go back
    for (const points of [series.day, series.week]) {
      const sections = points.map((point) => ({ channel: 0, all: 0, type: 1, category: 2 })[point.dimension]);
      expect(sections).toEqual([...sections].sort((a, b) => a - b));
    }
  });

  it('uses a part read ahead only for the window it was read for', async () => {
    const db = context.store.db;
    await seedStore(db, alertsFixture(0.4));
    await analyze(db, { asOf: alertsAsOf });
    const clock = fixedClock('2026-07-05T00:00:00Z');
    const analysis = await loadAnalysisContext(db, alertsAsOf, clock);
    const window = await metricSeriesWindow(db, analysis, clock.now());
    const unreadable = () => { const rows = Promise.reject(new Error('read ahead')); rows.catch(() => undefined); return rows; };
    await expect(raiseMetricAlerts(db, analysis, clock.now(), heldTypes, { storeSeries: { window, rows: unreadable() } })).rejects.toThrow('read ahead');
    const otherWindow = { ...window, weeksOfHistory: window.weeksOfHistory + 1 };
    await expect(raiseMetricAlerts(db, analysis, clock.now(), heldTypes, { storeSeries: { window: otherWindow, rows: unreadable() } })).resolves.toBeGreaterThan(0);
  });
});
