import { textOrAtFile } from './at-file.js';
import { AppError } from '../../core/errors.js';
import {
  acknowledgeAlert, analyze, getTypePolicy, pageAlerts, reopenAlert, reportCohorts, reportLifecycle, reportRfm, reportTypes, setTypePolicy, type AnalyzeResult, type RfmReport,
} from '../../analytics/index.js';
import type { AlertPage } from '../../analytics/alerts/alerts.service.js';
import type { ReportAlertsOptions } from './analytics.js';
import type { CliRuntime, StoreContext } from '../runtime.js';
import { grouped, keyValues } from '../format.js';
import { countNoun } from '../count-noun.js';
import { clienteleCommand } from '../store-command.js';
import { storeHasPrices } from '../../analytics/order-prices.repo.js';
import { readAnalysisSettings } from '../../analytics/settings.repo.js';
import { findLatestAnalysedDay } from '../../analytics/types.repo.js';
import { defaultAsOfDay, getStoreSettings } from '../../settings/index.js';
import { analyzeText, cohortsText, lifecycleText, rfmText, typesText } from './analytics-output.js';

const asOfOf = (context: StoreContext, value?: string) => value ?? context.runtime.settings.dataAsOf ?? context.clock.now().toISOString();

export async function runAnalyze(runtime: CliRuntime, options: { asOf?: string }): Promise<void> {
  const { result, textContext } = await runtime.withStore(async (context) => {
    const analysed = await analyze(context.db, { asOf: asOfOf(context, options.asOf), clock: context.clock });
    // the run just recorded: how many reached each VIP cut-off
    const { latestCutoffs } = await readAnalysisSettings(context.db);
    const { revenueReachedCount = null, frequencyReachedCount = null } = latestCutoffs;
    return { result: analysed, textContext: { hasPrices: await storeHasPrices(context.db), revenueReachedCount, frequencyReachedCount } };
  }, { bulk: true });
  const text = (r: AnalyzeResult) => analyzeText(r, textContext);
  runtime.print(result, (r: AnalyzeResult) => (options.asOf === undefined ? text(r) : `${text(r)}\n${replacedUntilNextAnalysis(r.asOf)}`));
}

/** A past --as-of is not a look back beside today's figures: it replaces them, which a list or export read next would not otherwise say. */
const replacedUntilNextAnalysis = (day: string) => `Customer types, RFM segments and saved segments' members are now those of ${day}, until the next analysis: `
  + `customer lists, reports and exports show that day's (\`${clienteleCommand('analyze')}\` without --as-of brings back the latest day's).`;

export async function runReportTypes(runtime: CliRuntime): Promise<void> {
  runtime.print(await runtime.withStore(({ db }) => reportTypes(db)), typesText);
}

export async function runReportRfm(runtime: CliRuntime): Promise<void> {
  const result = await runtime.withStore(async (context) => reportRfm(context.db));
  runtime.print(result, (r: RfmReport) => rfmText(r));
}

export async function runReportLifecycle(runtime: CliRuntime, options: { asOf?: string; horizon?: number }): Promise<void> {
  // with no --as-of the service stands on the latest analysis's day, as every report does
  const result = await runtime.withStore((context) => reportLifecycle(context.db, { asOf: options.asOf, horizonDays: options.horizon, clock: context.clock }));
  runtime.print(result, lifecycleText);
}

export async function runReportCohorts(runtime: CliRuntime, options: { asOf?: string; horizon?: number }): Promise<void> {
  const { result, dataEndDay } = await runtime.withStore(async (context) => {
    const settings = await getStoreSettings(context.db);
    return {
      result: await reportCohorts(context.db, { asOf: options.asOf, horizonDays: options.horizon, clock: context.clock }),
      dataEndDay: settings.dataAsOf ? defaultAsOfDay(settings, context.clock.now()) : null,
    };
  });
  runtime.print(result, (r: typeof result) => cohortsText(r, { dataEndDay }));
}

export async function runReportAlerts(runtime: CliRuntime, options: ReportAlertsOptions): Promise<void> {
  if (options.all && options.acknowledged) {
    throw new AppError('CLI_ARGUMENT_INVALID', 'Give --all or --acknowledged, not both: --all lists the open and the acknowledged alerts, --acknowledged only those acknowledged.', { field: '--acknowledged' });
  }
  const status: AlertStatus = options.all ? 'all' : options.acknowledged ? 'acknowledged' : 'open';
  const { result, isAnalysed } = await runtime.withStore(async ({ db }) => ({
    result: await pageAlerts(db, { status, limit: options.limit, cursor: options.cursor }), isAnalysed: (await findLatestAnalysedDay(db)) !== null,
  }));
  runtime.print(result, (r: AlertPage) => (r.total === 0 && r.alerts.length === 0 ? noAlertsText(isAnalysed, status)
    : [...r.alerts.map(alertLine), ...alertsShownText(r, status, options.cursor !== undefined)].join('\n')));
}

type AlertStatus = 'open' | 'acknowledged' | 'all';

/** The alerts a status lists, as a count names them: "open alerts", "acknowledged alerts", "alerts". */
const statusWord: Record<AlertStatus, string> = { open: 'open ', acknowledged: 'acknowledged ', all: '' };

/**
 * Said only when the page leaves some out: how many of how many, and how to see the rest. A page a
 * cursor opened shows "more of" the total: its alerts follow those of the pages before it.
 */
function alertsShownText(page: AlertPage, status: AlertStatus, isLaterPage: boolean): string[] {
  if (page.alerts.length >= page.total && page.nextCursor === null && !isLaterPage) return [];
  const shown = `${grouped(page.alerts.length)}${isLaterPage ? ' more' : ''} of ${grouped(page.total)} ${statusWord[status]}alert${page.total === 1 ? '' : 's'} shown`;
  return [page.nextCursor === null ? `${shown}; no more after this page`
    : `${shown}; for more, add --cursor ${page.nextCursor} (the next page) or a larger --limit (up to 500)`];
}

/** An empty list of a store never analysed is no all-clear: alerts are raised by analyses. */
const noAlertsText = (isAnalysed: boolean, status: AlertStatus) => (isAnalysed ? `No ${statusWord[status]}alerts.`
  : `No alerts: no analysis has run on this store yet, and analyses raise them (run \`${clienteleCommand('analyze')}\`).`);

export async function runAlertsAck(runtime: CliRuntime, id: number): Promise<void> {
  const result = await runtime.withStore(({ db, actor }) => acknowledgeAlert(db, id, actor));
  runtime.print(result, () => `Alert #${id} acknowledged.`);
}

export async function runAlertsReopen(runtime: CliRuntime, id: number): Promise<void> {
  const result = await runtime.withStore(({ db, actor }) => reopenAlert(db, id, actor));
  runtime.print(result, () => `Alert #${id} is open again.`);
}

export async function runPolicyShow(runtime: CliRuntime): Promise<void> {
  runtime.print(await runtime.withStore(({ db }) => getTypePolicy(db)), (p) => keyValues(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, JSON.stringify(v)]))));
}

export async function runPolicySet(runtime: CliRuntime, text: string, options: { asOf?: string }): Promise<void> {
  const source = textOrAtFile(text, 'policy');
  let change: unknown;
  try {
    change = JSON.parse(source);
  } catch (error) {
    throw new AppError('CLI_ARGUMENT_INVALID', `The policy change is not valid JSON: ${(error as Error).message}`);
  }
  // as the API refuses it: an empty change would reclassify everyone for nothing
  if (typeof change === 'object' && change !== null && !Array.isArray(change) && Object.keys(change).length === 0) {
    throw new AppError('CLI_ARGUMENT_INVALID', 'The policy change is empty: give at least one threshold to change, e.g. \'{"newWithinDays": 45}\' (`clientele policy show` lists them).');
  }
  const result = await runtime.withStore((context) => setTypePolicy(context.db, change, { actor: context.actor, asOf: options.asOf, defaultAsOf: asOfOf(context), clock: context.clock }), { bulk: true });
  const updated = (r: typeof result) => `Policy updated; ${countNoun(r.reclassified, 'customer')} reclassified as of ${r.asOf}.`;
  // as analyze --as-of says it: the types (and segments) now stand on that day
  runtime.print(result, (r: typeof result) => [updated(r), ...(options.asOf === undefined ? [] : [replacedUntilNextAnalysis(r.asOf)]), typeChangesText(r)].join('\n'));
}

/** "Types changed for 221 customers: vip: +119; new: +102 −3", or that the change moved no one. */
function typeChangesText(result: { typesChanged: number; typeChanges: Array<{ type: string; entered: number; left: number }> }): string {
  if (result.typesChanged === 0) return "No customer's types changed.";
  const moves = result.typeChanges.map(({ type, entered, left }) => `${type}: ${[entered > 0 ? `+${grouped(entered)}` : '', left > 0 ? `−${grouped(left)}` : ''].filter(Boolean).join(' ')}`);
  return `Types changed for ${grouped(result.typesChanged)} customer${result.typesChanged === 1 ? '' : 's'}: ${moves.join('; ')}`;
}

/**
 * "#12  metric_drop  2026-11-30..2026-12-06  channel:web  Channel web: revenue in the week … was …", with the
 * sentence the alert is read with (a drop's leads with its scope, so a segment's drop never reads as the store's).
 */
function alertLine(alert: ListedAlert): string {
  const window = alert.windowStart === alert.windowEnd ? String(alert.windowEnd) : `${alert.windowStart}..${alert.windowEnd}`;
  const explanation = (alert.explanation ?? {}) as { summary?: unknown; reason?: unknown };
  const sentence = typeof explanation.summary === 'string' ? explanation.summary
    : typeof explanation.reason === 'string' ? explanation.reason : `${alert.metric} ${alert.changePct.toFixed(1)}%`;
  const who = alert.customerName ? ` (${alert.customerName})` : '';
  return `#${alert.alertId}  ${alert.kind}  ${window}  ${alert.scope}${who}  ${sentence}${settledText(alert)}`;
}

type ListedAlert = AlertPage['alerts'][number];
type ClosedNote = { reason?: unknown; day?: unknown; alertId?: unknown; mergeId?: unknown };

/**
 * "  (acknowledged by cli:ana on 2026-12-03)", or for one the system closed, when and why:
 * "  (closed on 2026-12-04: bought again on 2026-12-02)". The day is that of the instant stored, in UTC.
 */
function settledText(alert: ListedAlert): string {
  if (!alert.acknowledgedAt) return '';
  const on = alert.acknowledgedAt.slice(0, 10);
  const closed = (alert.explanation as { closed?: ClosedNote } | null)?.closed;
  const reason = closed && typeof closed === 'object' ? closedReasonText(closed) : null;
  if (alert.acknowledgedBy === 'system' && reason) return `  (closed on ${on}: ${reason})`;
  // an alert staff acknowledged keeps who did, whatever ended it since (an undone merge)
  return `  (acknowledged by ${alert.acknowledgedBy ?? 'someone unknown'} on ${on}${reason ? `; ${reason}` : ''})`;
}

function closedReasonText(closed: ClosedNote): string {
  if (closed.reason === 'bought_again') return `bought again on ${String(closed.day)}${closed.mergeId === undefined ? '' : ` (a purchase merged in by merge #${String(closed.mergeId)})`}`;
  if (closed.reason === 'superseded') return `replaced by alert #${String(closed.alertId)} for the same lapse`;
  if (closed.reason === 'merge_undone') return `the merge that raised it (#${String(closed.mergeId)}) was undone`;
  return String(closed.reason);
}
