import type { Kysely } from 'kysely';
import { systemClock, type Clock } from '../core/clock.js';
import type { Database } from '../db/schema.js';
import { getStoreSettings } from '../settings/index.js';
import { findReportAsOfDay, loadAnalysisContext, type AnalysisContext, type AsOfInput } from './analysis-context.js';
import { requireObservedReportDay } from './as-of-today.js';
import { buildCohortTriangle, defaultRepeatHorizonDays, type Cohort } from './cohorts.js';
import { readCohortRows } from './cohorts.repo.js';
import { buildFunnel, defaultLifecycleHorizonDays, type LifecycleFunnel } from './lifecycle.js';
import { readLifecycleCounts } from './lifecycle.repo.js';
import { findLaterCredits } from '../traits/index.js';
import { withReportMoney, type ReportMoney } from './report-money.js';

export type CohortsReport = ReportMoney & { asOf: string; horizonDays: number; cohorts: Cohort[] };

/** `asOf`: left out, the day every report stands on (findReportAsOfDay: the latest analysis's). */
export type ReportOptions = { asOf?: AsOfInput; horizonDays?: number; clock?: Clock };

/** The report's context as of a day the store has observed: see requireObservedReportDay. */
async function loadReportContext(db: Kysely<Database>, options: ReportOptions): Promise<AnalysisContext> {
  const clock = options.clock ?? systemClock;
  const now = clock.now();
  const context = await loadAnalysisContext(db, options.asOf ?? await findReportAsOfDay(db, now), clock);
  requireObservedReportDay(context.asOf.day, await getStoreSettings(db), now);
  return context;
}

export async function reportCohorts(db: Kysely<Database>, options: ReportOptions = {}): Promise<CohortsReport> {
  const context = await loadReportContext(db, options);
  const horizonDays = options.horizonDays ?? defaultRepeatHorizonDays;
  const laterCredits = await findLaterCredits(db, context.asOf.instant);
  const rows = await readCohortRows(db, context.asOf.day, horizonDays, { laterCredits, timeZone: context.settings.timezone });
  return withReportMoney(db, { asOf: context.asOf.day, horizonDays, cohorts: buildCohortTriangle(rows.summaries, rows.activity, context.asOf.day, horizonDays) });
}

export type LifecycleReport = { asOf: string; horizonDays: number; overall: LifecycleFunnel | null; byChannel: LifecycleFunnel[]; byCohort: LifecycleFunnel[] };

export async function reportLifecycle(db: Kysely<Database>, options: ReportOptions = {}): Promise<LifecycleReport> {
  const context = await loadReportContext(db, options);
  const horizonDays = options.horizonDays ?? defaultLifecycleHorizonDays;
  const laterCredits = await findLaterCredits(db, context.asOf.instant);
  const funnels = (await readLifecycleCounts(db, context.asOf.day, context.asOf.instant, context.settings.timezone, horizonDays, laterCredits)).map(buildFunnel);
  return {
    asOf: context.asOf.day,
    horizonDays,
    overall: funnels.find((funnel) => funnel.dimension === 'all') ?? null,
    byChannel: funnels.filter((funnel) => funnel.dimension === 'channel'),
    byCohort: funnels.filter((funnel) => funnel.dimension === 'cohort'),
  };
}
