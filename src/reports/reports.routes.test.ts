import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from '../ingest/import-file.service.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/store/${name}`, import.meta.url));
const clock = fixedClock('2024-05-31T12:00:00Z');

describeEachStore('store reports over HTTP', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  beforeAll(async () => {
    await importFile(context.store.db, { entity: 'customers', file: fixture('customers.csv'), actor: 'test', clock, rejectsPath: null });
    await importFile(context.store.db, { entity: 'orders', file: fixture('orders.csv'), actor: 'test', clock, rejectsPath: null });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('compares the last 30 days with the 30 before, in store calendar days', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/reports/summary?days=30', headers: analyst.readHeaders });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ from: '2024-05-02', to: '2024-06-01', previousFrom: '2024-04-02', previousTo: '2024-05-02' });
    // May 2: PT Maju Jaya's catering order; O8 was cancelled
    expect(body.current).toMatchObject({ activeCustomers: 1, newCustomers: 1, revenueMinor: 750000, orders: 1, realCustomers: 4, repeatPurchaseRate: 0.25 });
    // April 20: Budi's partly refunded order (net 100,000); May 1: the free order of the stub C9
    expect(body.previous).toMatchObject({ activeCustomers: 2, newCustomers: 2, revenueMinor: 100000, orders: 2, realCustomers: 3 });
    expect(body.change.revenueMinor).toBeCloseTo(6.5);
  });

  it('gives revenue per month', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/reports/revenue?granularity=month&from=2024-03-01&to=2024-06-01', headers: analyst.readHeaders });
    expect(response.json().points).toEqual([
      { period: '2024-03-01', revenueMinor: 127000, orders: 3, customers: 1 },
      { period: '2024-04-01', revenueMinor: 100000, orders: 1, customers: 1 },
      { period: '2024-05-01', revenueMinor: 750000, orders: 2, customers: 2 },
    ]);
    // a range the wrong way round is a mistake to point out, not an empty chart
    for (const url of ['/api/reports/revenue?from=2024-06-01&to=2024-03-01', '/api/reports/type-migration?from=2024-06-01&to=2024-03-01']) {
      const backwards = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
      expect({ url, status: backwards.statusCode, error: backwards.json().error }).toMatchObject({ url, status: 400, error: { code: 'REPORT_RANGE_INVALID', field: 'from' } });
    }
  });

  it('says plainly when a customer has no prediction yet', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/customers/1/prediction', headers: analyst.readHeaders });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PREDICTION_NOT_FOUND');
  });
});
