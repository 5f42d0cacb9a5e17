import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadAnalysisContext, type AsOfInput } from './analysis-context.js';
import { buildCohortTriangle, defaultRepeatHorizonDays, type Cohort } from './cohorts.js';
import { readCohortRows } from './cohorts.repo.js';
import { buildFunnel, defaultLifecycleHorizonDays, type LifecycleFunnel } from './lifecycle.js';
import { readLifecycleCounts } from './lifecycle.repo.js';
import { withReportMoney, type ReportMoney } from './report-money.js';

export type CohortsReport = ReportMoney & { asOf: string; horizonDays: number; cohorts: Cohort[] };

export async function reportCohorts(db: Kysely<Database>, options: { asOf?: AsOfInput; horizonDays?: number } = {}): Promise<CohortsReport> {
  const context = await loadAnalysisContext(db, options.asOf);
  const horizonDays = options.horizonDays ?? defaultRepeatHorizonDays;
  const rows = await readCohortRows(db, context.asOf.day, horizonDays);
  return withReportMoney(db, { asOf: context.asOf.day, horizonDays, cohorts: buildCohortTriangle(rows.summaries, rows.activity, context.asOf.day, horizonDays) });
}

export type LifecycleReport = { asOf: string; horizonDays: number; overall: LifecycleFunnel | null; byChannel: LifecycleFunnel[]; byCohort: LifecycleFunnel[] };

export async function reportLifecycle(db: Kysely<Database>, options: { asOf?: AsOfInput; horizonDays?: number } = {}): Promise<LifecycleReport> {
  const context = await loadAnalysisContext(db, options.asOf);
  const horizonDays = options.horizonDays ?? defaultLifecycleHorizonDays;
  const funnels = (await readLifecycleCounts(db, context.asOf.day, context.asOf.instant, context.settings.timezone, horizonDays)).map(buildFunnel);
  return {
    asOf: context.asOf.day,
    horizonDays,
    overall: funnels.find((funnel) => funnel.dimension === 'all') ?? null,
    byChannel: funnels.filter((funnel) => funnel.dimension === 'channel'),
    byCohort: funnels.filter((funnel) => funnel.dimension === 'cohort'),
  };
}
