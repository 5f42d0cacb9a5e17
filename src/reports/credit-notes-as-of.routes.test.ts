import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { ingestRecords } from '../ingest/ingest-batch.service.js';
import { updateStoreSettings } from '../settings/index.js';
import { analyze } from '../analytics/index.js';

// A live shop in Riga (EUR), on 10 March 2026. Credit notes give money back for the same customer's earlier sales,
// the most recent first (docs/import.md):
// - Ana buys for 100.00 on 1 March and 50.00 on 2 March; her credit note of 70.00 on 3 March takes all of the 2 March
//   sale and 20.00 of the 1 March one.
// - Cici's only sale, 20.00 on 2 March, is credited in full on 3 March: she is a lead from then on.
// - Budi's credit note of 30.00 on 2 March comes before his only sale (40.00 on 3 March): nothing it could take, unapplied.
const clock = fixedClock('2026-03-10T12:00:00Z');
const order = (id: string, email: string, at: string, amount: string, status = 'paid') =>
  ({ order_id: id, customer_email: email, ordered_at: at, amount, currency: 'EUR', channel: 'web', status });
const orders = [
  order('S1', 'ana@example.com', '2026-03-01T10:00:00+02:00', '100.00'),
  order('S2', 'ana@example.com', '2026-03-02T10:00:00+02:00', '50.00'),
  order('S3', 'cici@example.com', '2026-03-02T15:00:00+02:00', '20.00'),
  order('CN1', 'ana@example.com', '2026-03-03T09:00:00+02:00', '70.00', 'credit_note'),
  order('CN3', 'cici@example.com', '2026-03-03T11:00:00+02:00', '20.00', 'credit_note'),
  order('CN2', 'budi@example.com', '2026-03-02T12:00:00+02:00', '30.00', 'credit_note'),
  order('S4', 'budi@example.com', '2026-03-03T12:00:00+02:00', '40.00'),
];
const days = (body: { points: Array<{ period: string; revenueMinor: number; orders: number; customers: number }> }) =>
  body.points.map(({ period, revenueMinor, orders: count, customers }) => [period, revenueMinor, count, customers]);

describeEachStore('store reports as of a day before a credit note', (context) => {
  let app: FastifyInstance;
  let analyst: TestSession;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    await updateStoreSettings(context.store.db, { timezone: 'Europe/Riga', currency: 'EUR', data_as_of: null });
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock });
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  it('says a store without credit notes has none, and nothing unapplied', async () => {
    await ingestRecords(context.store.db, 'orders', orders.filter((row) => row.status === 'paid'), { actor: 'test', clock });
    for (const url of ['/api/reports/summary?days=2&asOf=2026-03-02', '/api/reports/revenue?granularity=day&from=2026-03-01&to=2026-03-04']) {
      expect(await get(url)).toMatchObject({ hasCreditNotes: false, unappliedCredit: { creditNotes: 0, amountMinor: 0 } });
    }
    await ingestRecords(context.store.db, 'orders', orders.filter((row) => row.status === 'credit_note'), { actor: 'test', clock });
  });

  it('counts the sales credited on 3 March as kept as of 2 March, as the types report does', async () => {
    await analyze(context.store.db, { asOf: '2026-03-02', clock });
    const types = await get('/api/reports/types');
    expect(types).toMatchObject({ asOfDay: '2026-03-02', revenueLifetimeMinor: 17_000 });
    const summary = await get('/api/reports/summary?days=2&asOf=2026-03-02');
    expect(summary).toMatchObject({ from: '2026-03-01', lastDay: '2026-03-02', comparison: 'whole-days' });
    // Ana on both days (a repeat buyer), Cici a new customer on the 2nd; Budi's credit note is no sign of interest
    expect(summary.current).toEqual({ realCustomers: 2, leads: 0, newCustomers: 2, activeCustomers: 2, repeatPurchaseRate: 0.5, revenueMinor: 17_000, orders: 3 });
    expect(summary.current.revenueMinor).toBe(types.revenueLifetimeMinor);
    const revenue = await get('/api/reports/revenue?granularity=day&from=2026-03-01&to=2026-03-03');
    expect(days(revenue)).toEqual([['2026-03-01', 10_000, 1, 1], ['2026-03-02', 7_000, 2, 2]]);
    // the same from the orders of one channel
    expect(days(await get('/api/reports/revenue?granularity=day&from=2026-03-01&to=2026-03-03&channel=web'))).toEqual(days(revenue));
    // a month's buyers each once: Ana bought on both days
    expect(days(await get('/api/reports/revenue?granularity=month&from=2026-03-01&to=2026-03-03'))).toEqual([['2026-03-01', 17_000, 3, 2]]);
  });

  it('nets the credit notes as of 3 March: a sale credited in full is no purchase, its buyer a lead', async () => {
    const summary = await get('/api/reports/summary?days=3&asOf=2026-03-03');
    // Ana keeps 80.00 of her first sale and nothing of her second; Budi's sale comes after his credit note
    expect(summary.current).toEqual({ realCustomers: 2, leads: 1, newCustomers: 2, activeCustomers: 2, repeatPurchaseRate: 0, revenueMinor: 12_000, orders: 2 });
    const revenue = await get('/api/reports/revenue?granularity=day&from=2026-03-01&to=2026-03-04');
    expect(days(revenue)).toEqual([['2026-03-01', 8_000, 1, 1], ['2026-03-02', 0, 0, 0], ['2026-03-03', 4_000, 1, 1]]);
    expect(days(await get('/api/reports/revenue?granularity=day&from=2026-03-01&to=2026-03-04&channel=web'))).toEqual(days(revenue));
  });

  it('tells how many credit notes up to the report\'s last day matched no earlier sale, and what they did not give back', async () => {
    const unapplied = { hasCreditNotes: true, unappliedCredit: { creditNotes: 1, amountMinor: 3_000 } };
    expect(await get('/api/reports/summary?days=2&asOf=2026-03-02')).toMatchObject(unapplied);
    expect(await get('/api/reports/revenue?granularity=day&from=2026-03-01&to=2026-03-04')).toMatchObject(unapplied);
    // Budi's credit note of 2 March is not yet there on the 1st; the store holds credit notes all the same
    const before = { hasCreditNotes: true, unappliedCredit: { creditNotes: 0, amountMinor: 0 } };
    expect(await get('/api/reports/summary?days=1&asOf=2026-03-01')).toMatchObject(before);
    expect(await get('/api/reports/revenue?granularity=day&from=2026-03-01&to=2026-03-02')).toMatchObject(before);
  });
});
