import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { signInAs, type TestSession } from '../../test/helpers/auth.js';
import { fixedClock } from '../core/clock.js';
import { encodeCursor } from '../core/cursor.js';
import { buildApp } from '../server/app.js';
import { storeAlerts, type NewAlert } from './alerts/alerts.repo.js';

// ties in change (20 and -20) and in window end, so the order's last key, the id, decides too
const alerts: NewAlert[] = Array.from({ length: 30 }, (_, i) => {
  const day = `2024-06-${String(10 + (i % 3)).padStart(2, '0')}`;
  return {
    kind: i % 3 === 0 ? 'customer_overdue' : 'metric_drop', metric: 'revenue', scope: `channel:c${i}`, granularity: 'day',
    windowStart: day, windowEnd: day, expected: 100, actual: 80, changePct: [-20, 20, -35.5, -10][i % 4], explanation: { summary: `alert ${i}` },
  };
});

describeEachStore('alerts over HTTP', (context) => {
  let app: FastifyInstance;
  let marketer: TestSession;
  let analyst: TestSession;

  beforeAll(async () => {
    await storeAlerts(context.store.db, alerts);
    app = await buildApp({ store: context.store, config: { isBehindTls: false }, clock: fixedClock('2025-01-01T00:00:00Z') });
    marketer = await signInAs(context.store, 'marketer');
    analyst = await signInAs(context.store, 'analyst');
  });
  afterAll(async () => app?.close());

  const get = (query: Record<string, string | number>) => app.inject({ method: 'GET', url: '/api/alerts', query: query as Record<string, string>, headers: marketer.readHeaders });
  const ids = (response: Awaited<ReturnType<typeof get>>) => response.json().alerts.map((alert: { alertId: number }) => alert.alertId) as number[];
  async function pageThrough(query: Record<string, string | number>, between: (page: number) => Promise<void> = async () => undefined): Promise<number[]> {
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page += 1) {
      const response = await get({ ...query, ...(cursor ? { cursor } : {}) });
      expect(response.statusCode, response.body).toBe(200);
      seen.push(...ids(response));
      cursor = response.json().nextCursor;
      if (!cursor) return seen;
      await between(page);
    }
    throw new Error('the pages did not end');
  }

  it('pages through every alert with the cursors it issues, in the list order', async () => {
    const everything = await get({ status: 'all', limit: 500 });
    expect(everything.json().nextCursor).toBeNull();
    expect(ids(everything)).toHaveLength(30);
    expect(await pageThrough({ status: 'all', limit: 7 })).toEqual(ids(everything));
    expect(await pageThrough({ status: 'all', kind: 'customer_overdue', limit: 3 })).toEqual(ids(await get({ status: 'all', kind: 'customer_overdue' })));
  });

  it('says how many alerts its status and kind match in all, the same on every page whatever the cursor, offset or limit', async () => {
    type Listed = { alerts: { alertId: number; kind: string }[]; total: number; nextCursor: string | null };
    const everything = (await get({ status: 'all', limit: 500 })).json() as Listed;
    expect(everything.total).toBe(everything.alerts.length);
    const overdue = everything.alerts.filter((alert) => alert.kind === 'customer_overdue').length;
    expect(overdue).toBeLessThan(everything.total);
    const first = (await get({ status: 'all', kind: 'customer_overdue', limit: 3 })).json() as Listed;
    expect(first.alerts).toHaveLength(3);
    expect(first.total).toBe(overdue);
    const second = (await get({ status: 'all', kind: 'customer_overdue', limit: 4, cursor: first.nextCursor! })).json() as Listed;
    expect(second.alerts).toHaveLength(4);
    expect(second.total).toBe(overdue);
    expect((await get({ status: 'all', kind: 'metric_drop', offset: 2, limit: 1 })).json().total).toBe(everything.total - overdue);

    // an acknowledged alert leaves the open list's total, not the whole list's
    const [acknowledged] = ids(await get({ status: 'open', limit: 1 }));
    expect((await app.inject({ method: 'POST', url: `/api/alerts/${acknowledged}/acknowledge`, headers: marketer.headers })).statusCode).toBe(200);
    try {
      const open = (await get({ status: 'open', limit: 2 })).json() as Listed;
      expect(open.total).toBe(everything.total - 1);
      expect((await get({ status: 'open', limit: 2, cursor: open.nextCursor! })).json().total).toBe(everything.total - 1);
      expect((await get({ status: 'all', limit: 2 })).json().total).toBe(everything.total);
    } finally {
      await app.inject({ method: 'POST', url: `/api/alerts/${acknowledged}/reopen`, headers: marketer.headers });
    }
  });

  it('resumes after the last alert seen even when acknowledgements shift the open list', async () => {
    const open = ids(await get({ status: 'open', limit: 500 }));
    const paged = await pageThrough({ status: 'open', limit: 5 }, async (page) => {
      // the reader acknowledges an alert it has seen: an offset would now skip one
      if (page < 2) expect((await app.inject({ method: 'POST', url: `/api/alerts/${open[page * 5]}/acknowledge`, headers: marketer.headers })).statusCode).toBe(200);
    });
    expect(paged).toEqual(open);
  });

  it('still takes an offset, but not beside a cursor, and refuses cursors it did not issue', async () => {
    const all = ids(await get({ status: 'all', limit: 500 }));
    expect(ids(await get({ status: 'all', offset: 5, limit: 3 }))).toEqual(all.slice(5, 8));
    const first = await get({ status: 'all', limit: 3 });
    const both = await get({ status: 'all', cursor: first.json().nextCursor, offset: 3 });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toMatchObject({ code: 'REQUEST_INVALID', field: 'offset' });
    const forged = [
      'forged', encodeCursor(null, 5, 'imports'), encodeCursor('2024-06-10 metric_drop 20', 5, 'customers'), encodeCursor('2024-02-30 metric_drop 20', 5, 'alerts'),
      encodeCursor('2024-06-10 anything 20', 5, 'alerts'), encodeCursor('2024-06-10 metric_drop Infinity', 5, 'alerts'), encodeCursor('2024-06-10 metric_drop', 5, 'alerts'),
      encodeCursor('2024-06-10 metric_drop 20 x', 5, 'alerts'), encodeCursor(20, 5, 'alerts'),
    ];
    for (const cursor of forged) {
      const response = await get({ cursor });
      expect(response.statusCode, cursor).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'PAGINATION_CURSOR_INVALID', field: 'cursor' });
    }
  });

  describe('reopening an acknowledged alert', () => {
    const post = (alertId: number, action: 'acknowledge' | 'reopen', session: TestSession = marketer) =>
      app.inject({ method: 'POST', url: `/api/alerts/${alertId}/${action}`, headers: session.headers });
    const find = async (alertId: number, status: 'open' | 'all') =>
      (await get({ status, limit: 500 })).json().alerts.find((alert: { alertId: number }) => alert.alertId === alertId) as { acknowledgedAt: string | null; acknowledgedBy: string | null } | undefined;

    it('undoes an acknowledgement: the alert is listed as open again, with no one named as having acknowledged it', async () => {
      const [alertId] = ids(await get({ status: 'open', limit: 1 }));
      expect((await post(alertId, 'acknowledge')).statusCode).toBe(200);
      expect(await find(alertId, 'open')).toBeUndefined();
      // a marketer cannot read the audit log, so sees who acknowledged it without their email
      expect((await find(alertId, 'all'))?.acknowledgedBy).toBe(`user:${marketer.user.userId}`);

      const reopened = await post(alertId, 'reopen');
      expect(reopened.statusCode, reopened.body).toBe(200);
      expect(reopened.json()).toEqual({ alertId, acknowledged: false });
      expect(await find(alertId, 'open')).toMatchObject({ acknowledgedAt: null, acknowledgedBy: null });
      // reopening an open alert is no error: a second click on Undo must not fail
      expect((await post(alertId, 'reopen')).statusCode).toBe(200);
      // the alert forgets who acknowledged it; the audit log keeps both steps and who took them
      const audited = await context.store.db.selectFrom('audit_event').select(['action', 'actor'])
        .where('entity', '=', 'alert').where('entity_id', '=', String(alertId)).orderBy('audit_id').execute();
      expect(audited.map((event) => event.action)).toEqual(['alert.acknowledge', 'alert.reopen', 'alert.reopen']);
      for (const event of audited) expect(event.actor).toContain(marketer.user.email);
    });

    it('answers 404 ANALYTICS_ALERT_NOT_FOUND for an alert that does not exist', async () => {
      const response = await post(987_654, 'reopen');
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toMatchObject({ code: 'ANALYTICS_ALERT_NOT_FOUND', field: 'alertId' });
    });

    it('lets an agent settle an overdue customer, whom they would call, but not a drop in the store\'s figures', async () => {
      const agent = await signInAs(context.store, 'agent');
      const [overdue] = ids(await get({ status: 'open', kind: 'customer_overdue', limit: 1 }));
      const [drop] = ids(await get({ status: 'open', kind: 'metric_drop', limit: 1 }));
      expect((await post(overdue, 'acknowledge', agent)).statusCode).toBe(200);
      expect((await post(overdue, 'reopen', agent)).statusCode).toBe(200);
      const refused = await post(drop, 'acknowledge', agent);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN', details: { permission: 'analytics:write' } });
      expect(await find(drop, 'open')).toBeDefined();
      expect((await post(drop, 'acknowledge')).statusCode).toBe(200);
      expect((await post(drop, 'reopen', agent)).statusCode).toBe(403);
      expect((await post(drop, 'reopen')).statusCode).toBe(200);
    });

    it('refuses an analyst, who may read alerts but not change them, and leaves the alert acknowledged', async () => {
      const [alertId] = ids(await get({ status: 'open', limit: 1 }));
      expect((await post(alertId, 'acknowledge')).statusCode).toBe(200);
      const response = await post(alertId, 'reopen', analyst);
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toMatchObject({ code: 'AUTH_FORBIDDEN' });
      expect(await find(alertId, 'open')).toBeUndefined();
      // the refused reopen is not in the audit log: its last step is still the acknowledgement
      const audited = await context.store.db.selectFrom('audit_event').select('action').where('entity', '=', 'alert').where('entity_id', '=', String(alertId)).orderBy('audit_id').execute();
      expect(audited.at(-1)?.action).toBe('alert.acknowledge');
    });
  });

  it('answers an analysis with the alerts it raised and those still open, raised by whoever', async () => {
    const open = (await get({ status: 'open', limit: 100 })).json().alerts as Array<{ kind: string }>;
    const response = await app.inject({ method: 'POST', url: '/api/analytics/analyze', headers: marketer.headers, payload: { asOf: '2024-12-31' } });
    expect(response.statusCode, response.body).toBe(200);
    // a store without orders raises nothing, yet the alerts stored before are still open
    expect(response.json().alerts).toEqual({
      new: { metricDrops: 0, customerOverdue: 0 },
      open: { metricDrops: open.filter((alert) => alert.kind === 'metric_drop').length, customerOverdue: open.filter((alert) => alert.kind === 'customer_overdue').length },
      raised: true,
    });
    expect(open.length).toBeGreaterThan(20);
  });
});
