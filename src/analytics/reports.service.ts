import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { dayClosedBy } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import { customerTypesByPrecedence } from './customer-types.js';
import { withReportMoney, type ReportMoney } from './report-money.js';
import { summarizeRfm, type RfmCellRow, type RfmSegmentRow } from './rfm.repo.js';
import { countTypeCombinations, findLatestAnalysisRun, type TypeCombinationCount } from './types.repo.js';

export type TypesReport = {
  /** The end of the as-of day (exclusive): the instant everyone was classified at. */
  asOf: string | null;
  /** The as-of day itself, in the store's time zone. */
  asOfDay: string | null;
  /** When the latest analysis finished; null before the first. */
  analysedAt: string | null;
  customers: number;
  types: Array<{ type: string; customers: number; primaryCustomers: number; share: number }>;
  combinations: Array<{ types: string[]; customers: number }>;
};

export async function reportTypes(db: Kysely<Database>): Promise<TypesReport> {
  const report = typesReportOf(await countTypeCombinations(db));
  const latest = await findLatestAnalysisRun(db);
  // an analysis that found no customers still ran: as of its day, no one holds a type
  const asOf = report.asOf ?? latest?.asOf.toISOString() ?? null;
  return { ...report, asOf, asOfDay: await asOfDayOf(db, asOf), analysedAt: latest?.finishedAt.toISOString() ?? null };
}

/** The store-local day an as-of end instant closes. */
async function asOfDayOf(db: Kysely<Database>, end: string | null): Promise<string | null> {
  return end === null ? null : dayClosedBy(end, (await getStoreSettings(db)).timeZone);
}

/** Every figure of the report as a sum over the combinations of types. */
export function typesReportOf(combinations: TypeCombinationCount[]): TypesReport {
  const total = combinations.reduce((sum, row) => sum + row.customers, 0);
  const asOf = combinations.reduce<Date | null>((latest, row) => (row.asOf && (!latest || row.asOf > latest) ? row.asOf : latest), null);
  const byTypes = new Map<string, { types: string[]; customers: number }>();
  for (const row of combinations) {
    if (row.types.length < 2) continue;
    const key = JSON.stringify(row.types);
    byTypes.set(key, { types: row.types, customers: (byTypes.get(key)?.customers ?? 0) + row.customers });
  }
  return {
    asOf: asOf ? asOf.toISOString() : null,
    asOfDay: null,
    analysedAt: null,
    customers: total,
    types: customerTypesByPrecedence.map((type) => {
      const customers = combinations.reduce((sum, row) => sum + (row.types.includes(type) ? row.customers : 0), 0);
      const primaryCustomers = combinations.reduce((sum, row) => sum + (row.primaryType === type ? row.customers : 0), 0);
      return { type, customers, primaryCustomers, share: total === 0 ? 0 : Math.round((customers / total) * 1_000_000) / 1_000_000 };
    }),
    // the ten most common, ties in the order of their types, so the answer does not depend on the plan
    combinations: [...byTypes.values()]
      .sort((a, b) => b.customers - a.customers || a.types.join(',').localeCompare(b.types.join(',')))
      .slice(0, 10),
  };
}

export type RfmReport = ReportMoney & { asOf: string | null; asOfDay: string | null; customers: number; segments: RfmSegmentRow[]; grid: RfmCellRow[] };

export async function reportRfm(db: Kysely<Database>): Promise<RfmReport> {
  const summary = await summarizeRfm(db);
  const asOf = summary.asOf ? new Date(summary.asOf).toISOString() : null;
  return withReportMoney(db, {
    asOf,
    asOfDay: await asOfDayOf(db, asOf),
    customers: summary.segments.reduce((sum, segment) => sum + segment.customers, 0),
    segments: summary.segments,
    grid: summary.grid,
  });
}
