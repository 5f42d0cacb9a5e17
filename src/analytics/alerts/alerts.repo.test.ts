import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../../test/helpers/stores.js';
import { alertCursorOf, alertKeyOfCursor } from './alert-cursor.js';
import { findAlerts, type AlertRow } from './alerts.repo.js';

/**
 * Alerts tied on window end, kind and change, inserted (so numbered) in an order other than their content's: the list
 * must not fall back on the ids, which the two stores assign in different orders.
 */
const inserted = [
  { kind: 'customer_overdue', metric: 'days_since_last_purchase', scope: 'customer:12217', customerId: 12217, start: '2026-11-20', granularity: 'customer' },
  { kind: 'metric_drop', metric: 'revenue', scope: 'channel:web', customerId: null, start: '2026-11-20', granularity: 'day' },
  { kind: 'customer_overdue', metric: 'days_since_last_purchase', scope: 'customer:3114', customerId: 3114, start: '2026-11-20', granularity: 'customer' },
  { kind: 'metric_drop', metric: 'revenue', scope: 'all', customerId: null, start: '2026-11-14', granularity: 'week' },
  { kind: 'metric_drop', metric: 'orders', scope: 'all', customerId: null, start: '2026-11-20', granularity: 'day' },
  { kind: 'metric_drop', metric: 'revenue', scope: 'all', customerId: null, start: '2026-11-20', granularity: 'day' },
  { kind: 'customer_overdue', metric: 'days_since_last_purchase', scope: 'customer:501', customerId: 501, start: '2026-11-20', granularity: 'customer' },
  { kind: 'metric_drop', metric: 'revenue', scope: 'Channel:Web', customerId: null, start: '2026-11-20', granularity: 'day' },
];

// by content: overdue before drop (kind), then the latest window start, metric, customer number, scope byte by byte
const contentOrder = [
  'customer_overdue customer:501', 'customer_overdue customer:3114', 'customer_overdue customer:12217',
  'metric_drop orders all 2026-11-20', 'metric_drop revenue Channel:Web 2026-11-20', 'metric_drop revenue all 2026-11-20',
  'metric_drop revenue channel:web 2026-11-20', 'metric_drop revenue all 2026-11-14',
];
const label = (alert: AlertRow) => (alert.kind === 'customer_overdue' ? `${alert.kind} ${alert.scope}` : `${alert.kind} ${alert.metric} ${alert.scope} ${alert.windowStart}`);

describeEachStore('the alert list order', (context) => {
  beforeAll(async () => {
    // one at a time, in this order, so the ids follow it on either store
    for (const alert of inserted) {
      await sql`insert into alert (kind, metric, scope, granularity, customer_id, window_start, window_end, expected, actual, change_pct, explanation)
        values (${alert.kind}, ${alert.metric}, ${alert.scope}, ${alert.granularity}, ${alert.customerId}::bigint, ${alert.start}::date, '2026-11-20'::date, 100, 80, -20, '{}'::jsonb)`
        .execute(context.store.db);
    }
  });

  it('orders alerts tied on window end, kind and change by their content, not by their ids', async () => {
    const alerts = await findAlerts(context.store.db, { state: 'open', kind: null, limit: 100, offset: 0 });
    expect(alerts.map(label)).toEqual(contentOrder);
    // the ids alone would have listed them in the order inserted
    expect(alerts.map((alert) => alert.alertId)).not.toEqual([...alerts.map((alert) => alert.alertId)].sort((a, b) => a - b));
  });

  it('resumes after a cursor in the same order, one alert a page', async () => {
    const seen: string[] = [];
    let after: ReturnType<typeof alertKeyOfCursor> | undefined;
    for (let page = 0; page <= inserted.length; page++) {
      const [alert] = await findAlerts(context.store.db, { state: 'open', kind: null, limit: 1, offset: 0, ...(after ? { after } : {}) });
      if (!alert) break;
      seen.push(label(alert));
      after = alertKeyOfCursor(alertCursorOf(alert));
    }
    expect(seen).toEqual(contentOrder);
  });
});
