import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { buildApp } from '../server/app.js';
import { fixedClock } from '../core/clock.js';
import { importFile } from '../ingest/import-file.service.js';
import { updateStoreSettings } from '../settings/index.js';
import { analyze } from '../analytics/index.js';

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
    // `to` stays exclusive; the inclusive last days are told beside it
    expect(body).toMatchObject({ lastDay: '2024-05-31', previousLastDay: '2024-05-01' });
    // a live store: up to now (19:00 in Jakarta) against the 30 days before up to 19:00 on May 1
    expect(body).toMatchObject({
      comparison: 'same-time',
      currentPeriod: { from: '2024-05-01T17:00:00.000Z', to: '2024-05-31T12:00:00.000Z' },
      previousPeriod: { from: '2024-04-01T17:00:00.000Z', to: '2024-05-01T12:00:00.000Z' },
    });
    // May 2: PT Maju Jaya's catering order; O8 was cancelled
    expect(body.current).toMatchObject({ activeCustomers: 1, newCustomers: 1, revenueMinor: 750000, orders: 1, realCustomers: 4, repeatPurchaseRate: 0.25 });
    // April 20: Budi's partly refunded order (net 100,000); May 1: the free order of the stub C9
    expect(body.previous).toMatchObject({ activeCustomers: 2, newCustomers: 2, revenueMinor: 100000, orders: 2, realCustomers: 3 });
    expect(body.change.revenueMinor).toBeCloseTo(6.5);
  });

  it('ends the previous period at the time of day it is now, and at the end of its days for a data set', async () => {
    // 09:30 in Jakarta: the stub C9's free order at 10:00 on May 1 falls after the previous period's end
    const morning = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2024-05-31T02:30:00Z') });
    try {
      const body = (await morning.inject({ method: 'GET', url: '/api/reports/summary?days=30', headers: analyst.readHeaders })).json();
      expect(body).toMatchObject({
        comparison: 'same-time', from: '2024-05-02', to: '2024-06-01', previousFrom: '2024-04-02', previousTo: '2024-05-02',
        currentPeriod: { from: '2024-05-01T17:00:00.000Z', to: '2024-05-31T02:30:00.000Z' },
        previousPeriod: { from: '2024-04-01T17:00:00.000Z', to: '2024-05-01T02:30:00.000Z' },
      });
      expect(body.current).toMatchObject({ activeCustomers: 1, newCustomers: 1, revenueMinor: 750000, orders: 1, realCustomers: 4 });
      expect(body.previous).toMatchObject({ activeCustomers: 1, newCustomers: 1, revenueMinor: 100000, orders: 1, realCustomers: 2 });
    } finally {
      await morning.close();
    }
    await updateStoreSettings(context.store.db, { data_as_of: '2024-05-31T23:59:59.999+07:00' });
    try {
      const body = (await app.inject({ method: 'GET', url: '/api/reports/summary?days=30', headers: analyst.readHeaders })).json();
      expect(body).toMatchObject({
        comparison: 'whole-days', from: '2024-05-02', to: '2024-06-01', previousFrom: '2024-04-02', previousTo: '2024-05-02',
        currentPeriod: { from: '2024-05-01T17:00:00.000Z', to: '2024-05-31T17:00:00.000Z' },
        previousPeriod: { from: '2024-04-01T17:00:00.000Z', to: '2024-05-01T17:00:00.000Z' },
      });
      expect(body.previous).toMatchObject({ activeCustomers: 2, newCustomers: 2, revenueMinor: 100000, orders: 2, realCustomers: 3 });
    } finally {
      await updateStoreSettings(context.store.db, { data_as_of: null });
    }
  });

  it('gives revenue per month', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/reports/revenue?granularity=month&from=2024-03-01&to=2024-06-01', headers: analyst.readHeaders });
    // `to` is the query's, exclusive; `lastDay` the range's last day, inclusive
    expect(response.json()).toMatchObject({ from: '2024-03-01', to: '2024-06-01', lastDay: '2024-05-31' });
    // May holds today, 31 May, not over yet on a live store
    expect(response.json().points).toEqual([
      { period: '2024-03-01', revenueMinor: 127000, orders: 3, customers: 1, from: '2024-03-01', to: '2024-04-01', isPartial: false },
      { period: '2024-04-01', revenueMinor: 100000, orders: 1, customers: 1, from: '2024-04-01', to: '2024-05-01', isPartial: false },
      { period: '2024-05-01', revenueMinor: 750000, orders: 2, customers: 2, from: '2024-05-01', to: '2024-06-01', isPartial: true },
    ]);
    // a range the wrong way round is a mistake to point out, not an empty chart
    for (const url of ['/api/reports/revenue?from=2024-06-01&to=2024-03-01', '/api/reports/type-migration?from=2024-06-01&to=2024-03-01']) {
      const backwards = await app.inject({ method: 'GET', url, headers: analyst.readHeaders });
      expect({ url, status: backwards.statusCode, error: backwards.json().error }).toMatchObject({ url, status: 400, error: { code: 'REPORT_RANGE_INVALID', field: 'from' } });
    }
  });

  it('gives every day of the range, 0 on the days without a sale, of all channels or one (?channel=)', async () => {
    // 3 May: O8 was cancelled, so no sale; the range starts two days before the first order, on 1 March
    const days = (await app.inject({ method: 'GET', url: '/api/reports/revenue?granularity=day&from=2024-02-28&to=2024-03-03', headers: analyst.readHeaders })).json();
    expect(days).toMatchObject({ from: '2024-02-28', to: '2024-03-03', channel: null });
    expect(days.points.map((point: { period: string; revenueMinor: number; orders: number }) => [point.period, point.revenueMinor, point.orders]))
      .toEqual([['2024-02-28', 0, 0], ['2024-02-29', 0, 0], ['2024-03-01', 75000, 2], ['2024-03-02', 0, 0]]);
    const tail = (await app.inject({ method: 'GET', url: '/api/reports/revenue?granularity=day&from=2024-05-02&to=2024-05-04', headers: analyst.readHeaders })).json();
    expect(tail.points).toEqual([
      { period: '2024-05-02', revenueMinor: 750000, orders: 1, customers: 1, from: '2024-05-02', to: '2024-05-03', isPartial: false },
      { period: '2024-05-03', revenueMinor: 0, orders: 0, customers: 0, from: '2024-05-03', to: '2024-05-04', isPartial: false },
    ]);
    // O1 in the store (45,000), O5 partly refunded (net 100,000); in any letter case
    const store = (await app.inject({ method: 'GET', url: '/api/reports/revenue?granularity=month&from=2024-03-01&to=2024-06-01&channel=Store', headers: analyst.readHeaders })).json();
    expect(store.channel).toBe('store');
    expect(store.points.map((point: { period: string; revenueMinor: number; orders: number }) => [point.period, point.revenueMinor, point.orders]))
      .toEqual([['2024-03-01', 45000, 1], ['2024-04-01', 100000, 1], ['2024-05-01', 0, 0]]);
    const unknown = await app.inject({ method: 'GET', url: '/api/reports/revenue?channel=fax', headers: analyst.readHeaders });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'channel' });
    expect(unknown.json().error.message).toContain('"fax" is not an order channel. Use one of: store, web, mobile, marketplace, phone, other');
  });

  it('reads type migration between the ends of store days, which west of Greenwich end on the next UTC day', async () => {
    await updateStoreSettings(context.store.db, { timezone: 'America/New_York' });
    try {
      await analyze(context.store.db, { asOf: '2024-05-30', clock });
      // the analysis is dated the end of 30 May in New York: 04:00 UTC on 31 May
      const types = (await app.inject({ method: 'GET', url: '/api/reports/types', headers: analyst.readHeaders })).json();
      expect(types).toMatchObject({ asOf: '2024-05-31T04:00:00.000Z', asOfDay: '2024-05-30' });
      for (const url of ['/api/reports/type-migration?from=2024-03-01&to=2024-05-30', '/api/reports/type-migration']) {
        const body = (await app.inject({ method: 'GET', url, headers: analyst.readHeaders })).json();
        expect({ url, toDay: body.toDay, to: body.to }).toEqual({ url, toDay: '2024-05-30', to: '2024-05-31T04:00:00.000Z' });
        // the types the analysis gave count at the end of the day it analysed (read as 23:59 UTC, they fell after it);
        // it is the first analysis, its end the history's start: the range is read from there, where no one has moved yet
        expect(body).toMatchObject({ historyStartsAt: '2024-05-31T04:00:00.000Z', historyFrom: '2024-05-30' });
        expect(body.flows.length).toBeGreaterThan(0);
        expect(body.flows.every((flow: { fromType: string; toType: string }) => flow.fromType === flow.toType)).toBe(true);
        expect(body.firstTyped.length).toBeGreaterThan(0);
      }
      const explicit = (await app.inject({ method: 'GET', url: '/api/reports/type-migration?from=2024-03-01&to=2024-05-30', headers: analyst.readHeaders })).json();
      expect(explicit).toMatchObject({ fromDay: '2024-03-01', from: '2024-03-02T05:00:00.000Z' });
    } finally {
      await updateStoreSettings(context.store.db, { timezone: 'Asia/Jakarta' });
    }
  });

  it('marks the weeks the range starts or ends inside as partial, with the days it counts', async () => {
    // Wednesday 13 March to Thursday 2 May: the weeks of Monday 11 March and Monday 29 April are cut
    const body = (await app.inject({ method: 'GET', url: '/api/reports/revenue?granularity=week&from=2024-03-13&to=2024-05-03', headers: analyst.readHeaders })).json();
    expect(body.points).toEqual([
      { period: '2024-03-11', revenueMinor: 52000, orders: 1, customers: 1, from: '2024-03-13', to: '2024-03-18', isPartial: true },
      { period: '2024-03-18', revenueMinor: 0, orders: 0, customers: 0, from: '2024-03-18', to: '2024-03-25', isPartial: false },
      { period: '2024-03-25', revenueMinor: 0, orders: 0, customers: 0, from: '2024-03-25', to: '2024-04-01', isPartial: false },
      { period: '2024-04-01', revenueMinor: 0, orders: 0, customers: 0, from: '2024-04-01', to: '2024-04-08', isPartial: false },
      { period: '2024-04-08', revenueMinor: 0, orders: 0, customers: 0, from: '2024-04-08', to: '2024-04-15', isPartial: false },
      { period: '2024-04-15', revenueMinor: 100000, orders: 1, customers: 1, from: '2024-04-15', to: '2024-04-22', isPartial: false },
      { period: '2024-04-22', revenueMinor: 0, orders: 0, customers: 0, from: '2024-04-22', to: '2024-04-29', isPartial: false },
      { period: '2024-04-29', revenueMinor: 750000, orders: 2, customers: 2, from: '2024-04-29', to: '2024-05-03', isPartial: true },
    ]);
    // a data set's last day is over: a whole month up to it is not partial
    await updateStoreSettings(context.store.db, { data_as_of: '2024-05-31T23:59:59.999+07:00' });
    try {
      const month = (await app.inject({ method: 'GET', url: '/api/reports/revenue?granularity=month&from=2024-05-01&to=2024-06-01', headers: analyst.readHeaders })).json();
      expect(month.points).toEqual([{ period: '2024-05-01', revenueMinor: 750000, orders: 2, customers: 2, from: '2024-05-01', to: '2024-06-01', isPartial: false }]);
    } finally {
      await updateStoreSettings(context.store.db, { data_as_of: null });
    }
  });

  it('reads a range starting before the type history from its start, with the first analysis\'s typing', async () => {
    await analyze(context.store.db, { asOf: '2024-04-30', clock });
    await analyze(context.store.db, { asOf: '2024-05-30', clock });
    const before = (await app.inject({ method: 'GET', url: '/api/reports/type-migration?from=2024-03-01&to=2024-05-30', headers: analyst.readHeaders })).json();
    const after = (await app.inject({ method: 'GET', url: '/api/reports/type-migration?from=2024-04-30&to=2024-05-30', headers: analyst.readHeaders })).json();
    // the first analysis (the end of 30 April in Jakarta) typed three customers: no type is known for them on 1 March,
    // so the range is read from the history's start, with the moves a range from that day shows
    expect(before).toMatchObject({
      from: '2024-03-01T17:00:00.000Z', to: '2024-05-30T17:00:00.000Z', fromDay: '2024-03-01', toDay: '2024-05-30', historyStartsAt: '2024-04-30T17:00:00.000Z',
      historyFrom: '2024-04-30', flows: after.flows,
      // what the first analysis typed them as, not their types on 30 May
      firstTyped: [{ type: 'lead', customers: 1 }, { type: 'new', customers: 1 }, { type: 'vip', customers: 1 }],
    });
    // from the history's start on, the three move from the types they were given
    expect(after).toMatchObject({ historyFrom: null, firstTyped: [] });
    expect(after.flows).toEqual([
      { fromType: 'lead', toType: 'vip', customers: 1 }, { fromType: 'new', toType: 'one_time', customers: 1 },
      { fromType: 'none', toType: 'lead', customers: 1 }, { fromType: 'none', toType: 'new', customers: 1 }, { fromType: 'vip', toType: 'occasional', customers: 1 },
    ]);
  });

  it('says plainly when a customer has no prediction yet', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/customers/1/prediction', headers: analyst.readHeaders });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('PREDICTION_NOT_FOUND');
  });
});
