import { sql, type Kysely, type RawBuilder } from 'kysely';
import { addDays } from '../../core/clock.js';
import { AppError } from '../../core/errors.js';
import { recordAudit } from '../../auth/audit.js';
import type { Database } from '../../db/schema.js';
import { loadMoneyFormat, type AnalysisContext } from '../analysis-context.js';
import { typeReason } from '../type-reasons.js';
import { detectDrops, type Granularity } from './detect-drops.js';
import { dropFiguresOf, summarizeDrop } from './drop-summary.js';
import {
  countAlerts, findAlerts, markAlertAcknowledged, markAlertOpen, storeAlerts, type AlertFilter, type AlertKey, type AlertRow, type AlertState, type NewAlert,
} from './alerts.repo.js';
import { alertCursorOf, alertKeyOfCursor } from './alert-cursor.js';
import type { AlertKind } from '../analytics.tables.js';
import { combineSeries, readAllSeries, readTypeSeries, type SeriesRow, type SeriesWindow } from './metric-series.repo.js';
import { resolveAsOfDay } from '../settings.repo.js';
import { findLaterCredits } from '../../traits/index.js';
import { withReportMoney, type ReportMoney } from '../report-money.js';

/**
 * The window the metric alerts judge: only complete days are judged, so when
 * the as-of day is still running (`now` is before its end), the day before it
 * is the last one — a half-day of sales is not a drop.
 */
export async function metricSeriesWindow(db: Kysely<Database>, context: AnalysisContext, now: Date): Promise<SeriesWindow> {
  const { settings, policy } = context;
  const asOf = now < context.asOf.instant ? await resolveAsOfDay(db, addDays(context.asOf.day, -1), settings.timezone) : context.asOf;
  return {
    asOfDay: asOf.day, asOfInstant: asOf.instant, timezone: settings.timezone, weeksOfHistory: policy.alerts.weeksOfHistory,
    laterCredits: await findLaterCredits(db, asOf.instant),
  };
}

/** The part of the series that does not depend on customer types, read ahead (see analyze) for a window. */
export type StoreSeriesReadAhead = { window: SeriesWindow; rows: Promise<SeriesRow[]> };

/**
 * Judges the last day and the last 7 days of every series and stores the drops.
 * `primaryTypes` is a relation of (customer_id, primary_type): a full analysis
 * passes the types it has just stored. `storeSeries`, when it was read for the
 * same window, stands for the store, channel and category part.
 */
export async function raiseMetricAlerts(
  db: Kysely<Database>, context: AnalysisContext, now: Date, primaryTypes: RawBuilder<unknown>, options: { storeSeries?: StoreSeriesReadAhead } = {},
): Promise<{ raised: number; usedReadAhead: boolean }> {
  const { policy, money } = context;
  const window = await metricSeriesWindow(db, context, now);
  const ahead = options.storeSeries;
  const usedReadAhead = ahead !== undefined && sameWindow(ahead.window, window);
  const series = usedReadAhead
    ? combineSeries(await ahead.rows, await readTypeSeries(db, { ...window, primaryTypes }))
    : combineSeries(await readAllSeries(db, { ...window, primaryTypes }));
  const alerts: NewAlert[] = [];
  for (const granularity of ['day', 'week'] as Granularity[]) {
    const windowStart = granularity === 'day' ? window.asOfDay : addDays(window.asOfDay, -6);
    for (const drop of detectDrops(series[granularity], { granularity, weeksOfHistory: policy.alerts.weeksOfHistory, thresholds: policy.alerts })) {
      alerts.push({
        kind: 'metric_drop', metric: drop.metric, scope: drop.scope, granularity, windowStart, windowEnd: window.asOfDay,
        expected: drop.expected, actual: drop.actual, changePct: Math.round(drop.changePct * 10) / 10,
        explanation: {
          summary: summarizeDrop(drop, windowStart, window.asOfDay, money),
          zScore: Math.round(drop.zScore * 100) / 100,
          comparables: drop.comparables,
          explainedBy: drop.explainedBy,
        },
      });
    }
  }
  return { raised: await storeAlerts(db, alerts), usedReadAhead };
}

function sameWindow(a: SeriesWindow, b: SeriesWindow): boolean {
  return a.asOfDay === b.asOfDay && a.asOfInstant.getTime() === b.asOfInstant.getTime() && a.timezone === b.timezone && a.weeksOfHistory === b.weeksOfHistory;
}

/** The states an alert list can be asked for (GET /api/alerts `status`, `report alerts` --all / --acknowledged); open by default. */
export const alertListStatuses = ['open', 'acknowledged', 'all'] as const satisfies readonly AlertState[];

type AlertListOptions = { status?: AlertState; kind?: AlertKind };

const alertFilterOf = (options: AlertListOptions): AlertFilter => ({ state: options.status ?? 'open', kind: options.kind ?? null });

export async function listAlerts(
  db: Kysely<Database>, options: AlertListOptions & { limit?: number; offset?: number; after?: AlertKey } = {},
): Promise<ReportMoney & { alerts: AlertRow[] }> {
  const alerts = await findAlerts(db, {
    ...alertFilterOf(options),
    limit: Math.min(Math.max(options.limit ?? 100, 1), 1000),
    offset: Math.max(options.offset ?? 0, 0),
    after: options.after,
  });
  // a drop's expected and actual figures are amounts when its metric is revenue
  return withReportMoney(db, { alerts: await withSentences(db, alerts) });
}

export type AlertPage = ReportMoney & { alerts: AlertRow[]; nextCursor: string | null; total: number };

/**
 * One page of the alert list, the cursor after it (null on the last page) and how many alerts the
 * list holds in all: the one path for GET /api/alerts and `report alerts`. A cursor resumes right
 * after its alert, wherever acknowledgements have moved it since.
 */
export async function pageAlerts(
  db: Kysely<Database>, query: AlertListOptions & { limit: number; cursor?: string; offset?: number },
): Promise<AlertPage> {
  const { cursor, offset, limit, ...filter } = query;
  // one more than the page tells whether a next page exists
  const { alerts, ...money } = await listAlerts(db, { ...filter, limit: limit + 1, ...(cursor ? { after: alertKeyOfCursor(cursor) } : { offset }) });
  const page = alerts.slice(0, limit);
  const last = page.at(-1);
  const nextCursor = alerts.length > limit && last ? alertCursorOf(last) : null;
  return { ...money, alerts: page, nextCursor, total: await countAlerts(db, alertFilterOf(filter)) };
}

/**
 * Sentences are made on read from the stored figures, as for a customer's
 * types: an overdue customer's from the at-risk numbers, a drop's in the
 * current wording (scope first), whatever wording it was raised with.
 */
async function withSentences(db: Kysely<Database>, alerts: AlertRow[]): Promise<AlertRow[]> {
  const needsReason = (alert: AlertRow) => alert.kind === 'customer_overdue' && isRecord(alert.explanation) && 'atRisk' in alert.explanation;
  const isDrop = (alert: AlertRow) => alert.kind === 'metric_drop' && isRecord(alert.explanation);
  if (!alerts.some((alert) => needsReason(alert) || isDrop(alert))) return alerts;
  const money = await loadMoneyFormat(db);
  return alerts.map((alert) => {
    const explanation = alert.explanation as Record<string, unknown>;
    if (needsReason(alert)) return { ...alert, explanation: { reason: typeReason('at_risk', explanation.atRisk, money), ...explanation } };
    const figures = isDrop(alert) ? dropFiguresOf(alert) : null;
    if (!figures) return alert;
    return { ...alert, explanation: { ...explanation, summary: summarizeDrop(figures, alert.windowStart, alert.windowEnd, money) } };
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Acknowledges an alert and writes it to the audit log (`alert.acknowledge`) in the same
 * transaction: the one path for the API and the CLI, so both leave the same entry.
 */
export async function acknowledgeAlert(db: Kysely<Database>, alertId: number, acknowledgedBy: string): Promise<{ alertId: number; acknowledged: true }> {
  if (!db.isTransaction) return db.transaction().execute((transaction) => acknowledgeAlert(transaction, alertId, acknowledgedBy));
  if (!(await markAlertAcknowledged(db, alertId, acknowledgedBy))) throw alertNotFound(alertId);
  await recordAudit(db, { actor: acknowledgedBy, action: 'alert.acknowledge', entity: 'alert', entityId: String(alertId) });
  return { alertId, acknowledged: true };
}

/**
 * The undo of acknowledgeAlert: the alert is listed as open again and forgets who had acknowledged
 * it; the audit log keeps who reopened it (`alert.reopen`). Reopening an open alert changes nothing.
 */
export async function reopenAlert(db: Kysely<Database>, alertId: number, reopenedBy = 'system'): Promise<{ alertId: number; acknowledged: false }> {
  if (!db.isTransaction) return db.transaction().execute((transaction) => reopenAlert(transaction, alertId, reopenedBy));
  if (!(await markAlertOpen(db, alertId))) throw alertNotFound(alertId);
  await recordAudit(db, { actor: reopenedBy, action: 'alert.reopen', entity: 'alert', entityId: String(alertId) });
  return { alertId, acknowledged: false };
}

const alertNotFound = (alertId: number) => new AppError('ANALYTICS_ALERT_NOT_FOUND', `Alert ${alertId} does not exist.`, { field: 'alertId' });

export { permissionToSettle } from './alert-permissions.js';
