import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { seedStore, type SeedOrder } from '../../test/fixtures/analytics/seed.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { analyze } from './analyze.service.js';
import { storeAlerts } from './alerts/alerts.repo.js';

const clock = fixedClock('2026-06-30T12:00:00Z');
// two customers, each buying on three days in June; the amounts are the test's to choose
const ordersOf = (amountMinor: number): SeedOrder[] => [1, 2].flatMap((customerId) => ['2026-06-02', '2026-06-12', '2026-06-22'].map((day) => ({ customerId, day, amountMinor })));
const moneyReports = ['/api/reports/summary?days=30', '/api/reports/revenue?granularity=month&from=2026-06-01&to=2026-07-01', '/api/reports/rfm', '/api/reports/cohorts', '/api/alerts?status=all',
  // the staff app's customer pages read the flag from the settings it loads once
  '/api/settings'];

describeEachStore('the money of reports over HTTP', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  beforeAll(async () => {
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const seedAndAnalyse = async (orders: SeedOrder[]) => {
    await seedStore(context.store.db, { currency: 'EUR', timezone: 'Europe/Riga', customerIds: [1, 2], orders });
    await analyze(context.store.db, { asOf: '2026-06-30', clock });
    // a revenue drop, so the alert list has amounts in it
    await storeAlerts(context.store.db, [{ kind: 'metric_drop', metric: 'revenue', scope: 'all', granularity: 'week', windowStart: '2026-06-22', windowEnd: '2026-06-28', expected: 12_000, actual: 3_000, changePct: -75, explanation: { summary: 'drop' } }]);
  };
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
    return response.json();
  };

  it('says in every report with amounts which currency they are minor units of', async () => {
    await seedAndAnalyse(ordersOf(1_250));
    for (const url of moneyReports) expect({ url, ...(await get(url)) }).toMatchObject({ url, currency: 'EUR', hasPrices: true });
    expect((await get('/api/reports/rfm')).segments.reduce((sum: number, segment: { revenueMinor: number }) => sum + segment.revenueMinor, 0)).toBe(7_500);
  });

  it('says when the orders carry no prices, so revenue of 0 does not read as nothing sold', async () => {
    await seedAndAnalyse(ordersOf(0));
    const summary = await get('/api/reports/summary?days=30');
    // not recorded rather than 0 in both periods and a change of 0%, which read as flat sales (as report types gives null shares)
    expect(summary.current).toMatchObject({ orders: 6, revenueMinor: null });
    expect(summary.previous).toMatchObject({ orders: 0, revenueMinor: null });
    expect(summary.change).toMatchObject({ revenueMinor: null, activeCustomers: null });
    expect(summary.hasPrices).toBe(false);
    for (const url of moneyReports) expect({ url, ...(await get(url)) }).toMatchObject({ url, currency: 'EUR', hasPrices: false });
  });

  it('counts one priced order as prices, and a store without orders as not lacking them', async () => {
    await seedAndAnalyse([...ordersOf(0), { customerId: 1, day: '2026-06-25', amountMinor: 990 }]);
    expect((await get('/api/reports/summary?days=30')).hasPrices).toBe(true);
    await seedAndAnalyse([]);
    expect(await get('/api/reports/summary?days=30')).toMatchObject({ currency: 'EUR', hasPrices: true, current: { orders: 0, revenueMinor: 0 } });
  });
});
