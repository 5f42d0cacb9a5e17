import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { buildApp } from '../server/app.js';
import { storeAlerts, type NewAlert } from './alerts/alerts.repo.js';

// ties in change and window end, so every key of the order decides somewhere
const alerts: NewAlert[] = Array.from({ length: 24 }, (_, i) => {
  const day = `2024-06-${String(10 + (i % 3)).padStart(2, '0')}`;
  return {
    kind: i % 3 === 0 ? 'customer_overdue' : 'metric_drop', metric: 'revenue', scope: `channel:c${i}`, granularity: 'day',
    windowStart: day, windowEnd: day, expected: 100, actual: 80, changePct: [-20, 20, -35.5, -10][i % 4], explanation: { summary: `alert ${i}` },
  };
});

type Listed = { alerts: { alertId: number; kind: string; acknowledgedAt: string | null }[]; total: number; nextCursor: string | null };

describeEachStore('acknowledged alerts over HTTP (status=acknowledged)', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let everything: Listed['alerts'];
  let acknowledged: number[];

  const get = async (query: Record<string, string | number>): Promise<Listed> => {
    const response = await app.inject({ method: 'GET', url: '/api/alerts', query: query as Record<string, string>, headers: marketer.readHeaders });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Listed;
  };
  const ids = (listed: Listed) => listed.alerts.map((alert) => alert.alertId);

  beforeAll(async () => {
    await storeAlerts(context.store.db, alerts);
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    marketer = await signInAs(context.store, 'marketer');
    everything = (await get({ status: 'all', limit: 500 })).alerts;
    // every third alert in list order, overdue customers and metric drops among them
    acknowledged = everything.filter((_, index) => index % 3 === 1).map((alert) => alert.alertId);
    for (const alertId of acknowledged) {
      expect((await app.inject({ method: 'POST', url: `/api/alerts/${alertId}/acknowledge`, headers: marketer.headers })).statusCode).toBe(200);
    }
  });
  afterAll(async () => app?.close());

  it('lists only the acknowledged alerts, in the list order, and counts them in total', async () => {
    const listed = await get({ status: 'acknowledged', limit: 500 });
    expect(ids(listed)).toEqual(acknowledged);
    expect(listed.alerts.every((alert) => alert.acknowledgedAt !== null)).toBe(true);
    expect(listed).toMatchObject({ total: acknowledged.length, nextCursor: null });
    // open and acknowledged part the whole list between them
    const open = await get({ status: 'open', limit: 500 });
    expect(open.total + listed.total).toBe(everything.length);
    expect(ids(open).filter((alertId) => acknowledged.includes(alertId))).toEqual([]);
    // with a kind, both the page and its total
    const overdue = everything.filter((alert) => alert.kind === 'customer_overdue' && acknowledged.includes(alert.alertId)).map((alert) => alert.alertId);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(acknowledged.length);
    const overdueListed = await get({ status: 'acknowledged', kind: 'customer_overdue' });
    expect(ids(overdueListed)).toEqual(overdue);
    expect(overdueListed.total).toBe(overdue.length);
  });

  it('pages the acknowledged alerts by cursor, the total the same on every page', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const listed = await get({ status: 'acknowledged', limit: 3, ...(cursor ? { cursor } : {}) });
      expect(listed.total).toBe(acknowledged.length);
      seen.push(...ids(listed));
      cursor = listed.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(acknowledged);
    // a cursor is a place in the list order, whichever status issued it: one from all resumes after its alert among the acknowledged
    const all = await get({ status: 'all', limit: 3 });
    const after = everything.findIndex((alert) => alert.alertId === ids(all).at(-1));
    const rest = acknowledged.filter((alertId) => everything.findIndex((alert) => alert.alertId === alertId) > after);
    expect(ids(await get({ status: 'acknowledged', limit: 500, cursor: all.nextCursor! }))).toEqual(rest);
  });

  it('still refuses a status it does not know', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/alerts?status=closed', headers: marketer.readHeaders });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'status' });
  });
});
