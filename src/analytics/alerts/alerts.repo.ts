import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { AlertKind } from '../analytics.tables.js';

export type NewAlert = {
  kind: AlertKind;
  metric: string;
  scope: string;
  granularity: 'day' | 'week' | 'customer';
  windowStart: string;
  windowEnd: string;
  expected: number;
  actual: number;
  changePct: number;
  explanation: unknown;
};

/**
 * Stores alerts; re-running a day refreshes the figures of an alert already raised but keeps its
 * acknowledgement. Returns how many were new: an alert refreshed is not raised again (the statement's
 * own read of `alert` sees the table as it was before the insert).
 */
export async function storeAlerts(db: Kysely<Database>, alerts: readonly NewAlert[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const column = <K extends keyof NewAlert>(key: K) => alerts.map((alert) => alert[key]);
  const result = await sql<{ raised: number }>`
    with incoming as (
      select * from unnest(${column('kind')}::text[], ${column('metric')}::text[], ${column('scope')}::text[], ${column('granularity')}::text[],
        ${column('windowStart')}::date[], ${column('windowEnd')}::date[], ${column('expected')}::float8[], ${column('actual')}::float8[],
        ${column('changePct')}::float8[], ${alerts.map((alert) => JSON.stringify(alert.explanation))}::jsonb[])
        as t(kind, metric, scope, granularity, window_start, window_end, expected, actual, change_pct, explanation)
    ), stored as (
      insert into alert (kind, metric, scope, granularity, window_start, window_end, expected, actual, change_pct, explanation)
      select * from incoming
      on conflict on constraint alert_window_key do update set
        expected = excluded.expected, actual = excluded.actual, change_pct = excluded.change_pct, explanation = excluded.explanation
    )
    select count(*)::int as raised from incoming i
    where not exists (
      select 1 from alert a
      where (a.kind, a.metric, a.scope, a.window_start, a.window_end) = (i.kind, i.metric, i.scope, i.window_start, i.window_end))`.execute(db);
  return result.rows[0].raised;
}

/**
 * Open (unacknowledged) alerts of each kind dated by the as-of day, whichever run or order
 * raised them: one dated after it (raised by a later-dated run) did not exist as of that day.
 */
export async function countOpenAlerts(db: Kysely<Database>, asOfDay: string): Promise<{ metricDrops: number; customerOverdue: number }> {
  const result = await sql<{ metric_drops: number; customer_overdue: number }>`
    select count(*) filter (where kind = 'metric_drop')::int as metric_drops, count(*) filter (where kind = 'customer_overdue')::int as customer_overdue
    from alert where acknowledged_at is null and window_end <= ${asOfDay}::date`.execute(db);
  return { metricDrops: result.rows[0].metric_drops, customerOverdue: result.rows[0].customer_overdue };
}

export type AlertRow = {
  alertId: number; kind: string; metric: string; scope: string; granularity: string; customerId: number | null;
  /**
   * Who a customer's alert is about, as the web app labels customers everywhere (customer-label.ts):
   * their name, else their email, else their phone; null when none is known (shown as their number).
   */
  customerName: string | null;
  windowStart: string; windowEnd: string; expected: number; actual: number; changePct: number; explanation: unknown;
  raisedAt: string; acknowledgedAt: string | null; acknowledgedBy: string | null;
};

/** Where an alert stands in the alert list: its sort key in findAlerts' order. */
export type AlertKey = {
  windowEnd: string; kind: string; changePct: number; windowStart: string; metric: string; customerId: number | null; scope: string; alertId: number;
};

/**
 * The alert list's order, from the alerts' content so both stores list ties alike (each numbers alerts in its own order):
 * window end, newest first; kind; largest change first; window start, latest first (a day's window before the week ending
 * on it); metric; customer (by number); scope; the id only for what none of these tells apart. Text is compared byte by
 * byte (collate "C"), not by the server's locale. Each key: the column, the cursor's value of it, and its direction.
 */
function alertOrderKeys(key?: AlertKey) {
  return [
    { column: sql`window_end`, value: sql`${key?.windowEnd ?? null}::date`, descending: true },
    { column: sql`kind`, value: sql`${key?.kind ?? null}::text`, descending: false },
    { column: sql`abs(change_pct)`, value: sql`${key ? Math.abs(key.changePct) : null}::float8`, descending: true },
    { column: sql`window_start`, value: sql`${key?.windowStart ?? null}::date`, descending: true },
    { column: sql`metric collate "C"`, value: sql`${key?.metric ?? null}::text collate "C"`, descending: false },
    { column: sql`coalesce(customer_id, 0)`, value: sql`${key?.customerId ?? 0}::bigint`, descending: false },
    { column: sql`scope collate "C"`, value: sql`${key?.scope ?? null}::text collate "C"`, descending: false },
    { column: sql`alert_id`, value: sql`${key?.alertId ?? null}::bigint`, descending: false },
  ];
}

const alertOrder = sql.join(alertOrderKeys().map(({ column, descending }) => (descending ? sql`${column} desc` : column)));

/** An alert's state a list holds: open ones only, acknowledged ones only, or all. */
export type AlertState = 'open' | 'acknowledged' | 'all';

/** Which alerts a list holds: those of a state, of one kind or any. */
export type AlertFilter = { state: AlertState; kind: string | null };

// one condition for a page and the list's total, so the total counts exactly the alerts the pages hold; the state is a parameter, as the kind
const alertsMatching = (filter: AlertFilter) =>
  sql`(${filter.state}::text = 'all' or (${filter.state}::text = 'open' and acknowledged_at is null) or (${filter.state}::text = 'acknowledged' and acknowledged_at is not null))
    and (${filter.kind}::text is null or kind = ${filter.kind}::text)`;

/** How many alerts the list of `filter` holds, whatever page is read. */
export async function countAlerts(db: Kysely<Database>, filter: AlertFilter): Promise<number> {
  const result = await sql<{ total: number }>`select count(*)::int as total from alert where ${alertsMatching(filter)}`.execute(db);
  return result.rows[0].total;
}

/** Alerts in list order (alertOrderKeys: window end, newest first; kind; largest change first; then by content), those after `after` when given. */
export async function findAlerts(
  db: Kysely<Database>, filter: AlertFilter & { limit: number; offset: number; after?: AlertKey },
): Promise<AlertRow[]> {
  const result = await sql<{
    alert_id: number; kind: string; metric: string; scope: string; granularity: string; customer_id: number | null; customer_name: string | null; window_start: string; window_end: string;
    expected: number; actual: number; change_pct: number; explanation: unknown; raised_at: Date; acknowledged_at: Date | null; acknowledged_by: string | null;
  }>`
    select alert_id, kind, metric, scope, granularity, customer_id,
      (select coalesce(c.name, c.email, c.phone) from customer c where c.customer_id = alert.customer_id) as customer_name, to_char(window_start, 'YYYY-MM-DD') as window_start,
      to_char(window_end, 'YYYY-MM-DD') as window_end, expected, actual, change_pct, explanation, raised_at, acknowledged_at, acknowledged_by
    from alert
    where ${alertsMatching(filter)}
      ${filter.after ? sql`and ${afterAlert(filter.after)}` : sql``}
    order by ${alertOrder}
    limit ${filter.limit}::int offset ${filter.offset}::int`.execute(db);
  return result.rows.map((row) => ({
    alertId: Number(row.alert_id), kind: row.kind, metric: row.metric, scope: row.scope, granularity: row.granularity,
    customerId: row.customer_id === null ? null : Number(row.customer_id), customerName: row.customer_name, windowStart: row.window_start, windowEnd: row.window_end,
    expected: row.expected, actual: row.actual, changePct: row.change_pct, explanation: row.explanation,
    raisedAt: new Date(row.raised_at).toISOString(), acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
    acknowledgedBy: row.acknowledged_by,
  }));
}

/** The alerts after `key` in list order: resuming there holds wherever acknowledgements or new alerts have moved it since. */
function afterAlert(key: AlertKey) {
  // (first key beyond key's) or (first key equal and (second beyond, or …)), the last key (the id) strictly beyond
  return alertOrderKeys(key).reduceRight<RawBuilder<unknown> | null>((rest, { column, value, descending }) => {
    const beyond = descending ? sql`${column} < ${value}` : sql`${column} > ${value}`;
    return rest === null ? beyond : sql`(${beyond} or (${column} = ${value} and ${rest}))`;
  }, null)!;
}

export async function markAlertAcknowledged(db: Kysely<Database>, alertId: number, by: string): Promise<boolean> {
  const result = await sql`
    update alert set acknowledged_at = coalesce(acknowledged_at, now()), acknowledged_by = coalesce(acknowledged_by, ${by}::text)
    where alert_id = ${alertId}::bigint`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Undoes an acknowledgement: the alert is open again, and who had acknowledged it is forgotten with it. */
export async function markAlertOpen(db: Kysely<Database>, alertId: number): Promise<boolean> {
  const result = await sql`update alert set acknowledged_at = null, acknowledged_by = null where alert_id = ${alertId}::bigint`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** An alert's kind, or null when there is no such alert. */
export async function findAlertKind(db: Kysely<Database>, alertId: number): Promise<string | null> {
  const row = await db.selectFrom('alert').select('kind').where('alert_id', '=', alertId).executeTakeFirst();
  return row?.kind ?? null;
}
