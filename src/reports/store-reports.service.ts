import type { Kysely } from 'kysely';
import type { Database, OrderChannel } from '../db/schema.js';
import { addDays, dayClosedBy, type Clock } from '../core/clock.js';
import { calendarDayOf } from '../core/calendar-day.js';
import { AppError } from '../core/errors.js';
import { customerTypesByPrecedence, findReportAsOfDay, reportMoneyOf, reportRemedy, requireAsOfNotInFuture, type ReportMoney } from '../analytics/index.js';
import { getStoreSettings, storeNowOf } from '../settings/index.js';
import { changeRatio, comparedPeriods, startOfDay, type Comparison } from './period.js';
import { figuresForPeriods, type PeriodFigures } from './period-figures.repo.js';
import { coverageOf, type Granularity, type PeriodCoverage } from './period-coverage.js';
import { revenueSeries, typeMigration, type RevenuePoint, type TypeMigration } from './store-summary.repo.js';
import { findCreditNotesAsOf, type UnappliedCredit } from './credit-notes-as-of.repo.js';

/** The reports GET /api/reports/{summary,revenue,type-migration} and `clientele report …` share. */

/** A period's key figures as the summary gives them: revenue null when the store's orders carry no prices (not recorded, not 0). */
export type SummaryFigures = Omit<PeriodFigures, 'revenueMinor'> & { revenueMinor: number | null };

/**
 * What a store-level report says of credit notes up to its end (credit-notes-as-of.repo.ts): whether the store holds
 * any, and those dated by then that no earlier sale of their customer could take in full, which take nothing off revenue.
 */
export type ReportCreditNotes = { hasCreditNotes: boolean; unappliedCredit: UnappliedCredit };

/**
 * `to`, `previousTo`: exclusive, the day after the last; `lastDay`, `previousLastDay`: that last day, inclusive, as the CLI's text prints it.
 * Both periods are as of the current one's end: a credit note dated after it has given nothing back yet.
 */
export type SummaryReport = ReportMoney & ReportCreditNotes & {
  asOf: string; from: string; to: string; lastDay: string; previousFrom: string; previousTo: string; previousLastDay: string; comparison: Comparison;
  currentPeriod: { from: Date; to: Date }; previousPeriod: { from: Date; to: Date };
  current: SummaryFigures; previous: SummaryFigures; change: Record<string, number | null>;
};

/**
 * `asOf`: the store day the current period ends with (default: today, or a data set's end). A past day
 * is reported to its end, as a data set's last day is; today, or a day past a data set's end, as of the
 * store's now.
 */
export async function reportSummary(db: Kysely<Database>, options: { days: number; asOf?: string; clock: Clock }): Promise<SummaryReport> {
  const settings = await getStoreSettings(db);
  const now = options.clock.now();
  if (options.asOf !== undefined) requireAsOfNotInFuture(options.asOf, now, settings.timeZone, { remedy: reportRemedy });
  // with none asked for, the day every report stands on: the latest analysis's (docs/customer-types.md)
  const asOfDay = options.asOf ?? await findReportAsOfDay(db, now);
  const storeNowInstant = storeNowOf(settings, now);
  const isPastDay = asOfDay < calendarDayOf(storeNowInstant, settings.timeZone);
  const asOf = isPastDay ? new Date(startOfDay(addDays(asOfDay, 1), settings.timeZone).getTime() - 1) : storeNowInstant;
  // a live store is judged as of now, part-way through today; a data set, or a past day, as of its last whole day
  const periods = comparedPeriods(asOf, options.days, settings.timeZone, settings.dataAsOf || isPastDay ? 'whole-days' : 'same-time');
  // the instant the report stands on (the end of a past day, or now): both periods as they were known then
  const credits = await findCreditNotesAsOf(db, periods.current.end);
  const { current, previous } = await figuresForPeriods(db, periods, settings.timeZone, credits.later);
  const money = await reportMoneyOf(db);
  const change: Record<string, number | null> = Object.fromEntries(Object.keys(current).map((key) => [key, changeRatio(current[key as keyof PeriodFigures], previous[key as keyof PeriodFigures])]));
  // orders without prices: a revenue of 0 and a change of 0% read as flat sales, where nothing was recorded
  const priced = (figures: PeriodFigures): SummaryFigures => (money.hasPrices ? figures : { ...figures, revenueMinor: null });
  return {
    asOf: asOf.toISOString(), ...money, from: periods.current.from, to: periods.current.to, lastDay: addDays(periods.current.to, -1),
    previousFrom: periods.previous.from, previousTo: periods.previous.to, previousLastDay: addDays(periods.previous.to, -1), comparison: periods.comparison,
    currentPeriod: { from: periods.current.start, to: periods.current.end }, previousPeriod: { from: periods.previous.start, to: periods.previous.end },
    current: priced(current), previous: priced(previous), change: money.hasPrices ? change : { ...change, revenueMinor: null },
    hasCreditNotes: credits.hasCreditNotes, unappliedCredit: credits.unapplied,
  };
}

/**
 * `to`: exclusive, the day after the last; `lastDay`: that last day, inclusive (kept apart so a script reading
 * `to` as before is not misled, and one wanting the last day need not subtract). `channel`: the one order
 * channel counted, null for all of them. Every period of the range has a point, 0 where nothing was sold. As of the
 * end of the last day: a credit note dated after it has given nothing back yet.
 */
export type RevenueReport = ReportMoney & ReportCreditNotes & { granularity: Granularity; from: string; to: string; lastDay: string; channel: OrderChannel | null; points: Array<RevenuePoint & PeriodCoverage> };

export async function reportRevenue(db: Kysely<Database>, options: { granularity: Granularity; from?: string; to?: string; channel?: OrderChannel; clock: Clock }): Promise<RevenueReport> {
  const settings = await getStoreSettings(db);
  const now = options.clock.now();
  const asOf = storeNowOf(settings, now);
  const to = options.to ?? addDays(calendarDayOf(asOf, settings.timeZone), 1);
  const from = options.from ?? addDays(to, -365);
  requireOrderedRange(from, to);
  // `to` is exclusive: the range's last day is the one before
  requireAsOfNotInFuture(addDays(to, -1), now, settings.timeZone, { field: 'to', subject: "The range's last day", remedy: 'End the range by tomorrow at the latest ("to" is exclusive): the days after today have not happened yet.' });
  // on a live store today is under way; a data set's days are all over, its data simply ends
  const dayUnderWay = settings.dataAsOf ? null : calendarDayOf(now, settings.timeZone);
  const channel = options.channel ?? null;
  // as of the end of the range's last day, as the types report of that day counts the same days
  const credits = await findCreditNotesAsOf(db, startOfDay(to, settings.timeZone));
  const points = (await revenueSeries(db, { from, to }, options.granularity, { channel, timeZone: settings.timeZone, later: credits.later }))
    .map((point) => ({ ...point, ...coverageOf(point.period, options.granularity, { from, to }, dayUnderWay) }));
  return {
    granularity: options.granularity, from, to, lastDay: addDays(to, -1), channel, ...(await reportMoneyOf(db)), points,
    hasCreditNotes: credits.hasCreditNotes, unappliedCredit: credits.unapplied,
  };
}

/** `historyFrom`: the store day whose end the history starts at when `from` is before it (the flows are read from there), else null. */
export type TypeMigrationReport = Omit<TypeMigration, 'isFromClamped'> & { from: Date; to: Date; fromDay: string; toDay: string; historyFrom: string | null };

export async function reportTypeMigration(db: Kysely<Database>, options: { from?: string; to?: string; clock: Clock }): Promise<TypeMigrationReport> {
  const settings = await getStoreSettings(db);
  const asOf = storeNowOf(settings, options.clock.now());
  // An analysis is dated the end of its store day (the first instant of the next), so "the end of day D" is that
  // instant in the store's zone: read in UTC, a New York analysis of 30 June fell after the end of 30 June.
  const latest = await db.selectFrom('analysis_run').select('as_of').orderBy('run_id', 'desc').limit(1).executeTakeFirst();
  const toDay = options.to ?? dayClosedBy(latest ? latest.as_of : asOf, settings.timeZone);
  const fromDay = options.from ?? addDays(toDay, -90);
  requireOrderedRange(fromDay, toDay);
  // the default, the latest analysis's day, is a day that has happened (analyze refuses others)
  if (options.to !== undefined) requireAsOfNotInFuture(toDay, options.clock.now(), settings.timeZone, { field: 'to', subject: 'The day "to"', remedy: 'Give a "to" of today or an earlier day: the types held at the end of a day to come are not known yet.' });
  const endOf = (day: string) => startOfDay(addDays(day, 1), settings.timeZone);
  const [from, to] = [endOf(fromDay), endOf(toDay)];
  const { isFromClamped, ...migration } = await typeMigration(db, from, to, customerTypesByPrecedence);
  const historyFrom = isFromClamped && migration.historyStartsAt ? dayClosedBy(migration.historyStartsAt, settings.timeZone) : null;
  return { from, to, fromDay, toDay, historyFrom, ...migration };
}

/** A range whose start is not before its end is a mistake in the request, not an empty report. */
function requireOrderedRange(from: string, to: string): void {
  if (from >= to) throw new AppError('REPORT_RANGE_INVALID', `The range starts (${from.slice(0, 10)}) on or after it ends (${to.slice(0, 10)}); give a "from" before "to".`, { field: 'from' });
}
