import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addDays, dayClosedBy } from '../core/clock.js';
import { getStoreSettings } from '../settings/index.js';
import { customerTypesByPrecedence } from './customer-types.js';
import { withReportMoney, type ReportMoney } from './report-money.js';
import { summarizeRfm, type RfmCellRow, type RfmSegmentRow } from './rfm.repo.js';
import { countTypeCombinations, findLatestAnalysisRun, revenueWindowDays, type TypeCombinationCount } from './types.repo.js';

/** A type's customers and the net revenue they brought (see countTypeCombinations for which revenue). */
export type TypeRow = {
  type: string; customers: number; primaryCustomers: number;
  /** Of the report's customers, to 4 decimals. */
  share: number;
  revenueLast365DaysMinor: number;
  /** Of the report's revenue in the same days, to 4 decimals; null when that is 0. */
  revenueLast365DaysShare: number | null;
  revenueLifetimeMinor: number;
  revenueLifetimeShare: number | null;
};

export type TypesReport = ReportMoney & {
  /** The end of the as-of day (exclusive): the instant everyone was classified at. */
  asOf: string | null;
  /** The as-of day itself, in the store's time zone. */
  asOfDay: string | null;
  /** When the latest analysis finished; null before the first. */
  analysedAt: string | null;
  customers: number;
  /** The first day of the last 365 days, which end on the as-of day. */
  revenueLast365DaysFrom: string | null;
  /** Every customer of the report's, each once: what the types' revenue shares are of. */
  revenueLast365DaysMinor: number;
  revenueLifetimeMinor: number;
  types: TypeRow[];
  combinations: Array<{ types: string[]; customers: number }>;
};

export async function reportTypes(db: Kysely<Database>): Promise<TypesReport> {
  const { timeZone } = await getStoreSettings(db);
  const report = typesReportOf(await countTypeCombinations(db, timeZone));
  const latest = await findLatestAnalysisRun(db);
  // an analysis that found no customers still ran: as of its day, no one holds a type
  const asOf = report.asOf ?? latest?.asOf.toISOString() ?? null;
  const asOfDay = asOf === null ? null : dayClosedBy(asOf, timeZone);
  return withReportMoney(db, {
    ...report, asOf, asOfDay, analysedAt: latest?.finishedAt.toISOString() ?? null,
    revenueLast365DaysFrom: asOfDay === null ? null : addDays(asOfDay, 1 - revenueWindowDays),
  });
}

/** The store-local day an as-of end instant closes. */
async function asOfDayOf(db: Kysely<Database>, end: string | null): Promise<string | null> {
  return end === null ? null : dayClosedBy(end, (await getStoreSettings(db)).timeZone);
}

/**
 * A part of a whole, unrounded: each surface (CLI, web) rounds it once for its reader, since a share
 * already rounded here and again there can flip a digit (0.62546 → 0.6255 → 62.6%, not 62.5%).
 */
function shareOf(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/** Every figure of the report as a sum over the combinations of types. */
export function typesReportOf(combinations: TypeCombinationCount[]): Omit<TypesReport, keyof ReportMoney> {
  const sum = (rows: TypeCombinationCount[], figure: (row: TypeCombinationCount) => number) => rows.reduce((total, row) => total + figure(row), 0);
  const total = sum(combinations, (row) => row.customers);
  const last365Days = sum(combinations, (row) => row.revenueLast365DaysMinor);
  const lifetime = sum(combinations, (row) => row.revenueLifetimeMinor);
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
    revenueLast365DaysFrom: null,
    revenueLast365DaysMinor: last365Days,
    revenueLifetimeMinor: lifetime,
    types: customerTypesByPrecedence.map((type) => {
      const holding = combinations.filter((row) => row.types.includes(type));
      const revenueLast365DaysMinor = sum(holding, (row) => row.revenueLast365DaysMinor);
      const revenueLifetimeMinor = sum(holding, (row) => row.revenueLifetimeMinor);
      return {
        type,
        customers: sum(holding, (row) => row.customers),
        primaryCustomers: sum(combinations, (row) => (row.primaryType === type ? row.customers : 0)),
        share: shareOf(sum(holding, (row) => row.customers), total) ?? 0,
        revenueLast365DaysMinor, revenueLast365DaysShare: shareOf(revenueLast365DaysMinor, last365Days),
        revenueLifetimeMinor, revenueLifetimeShare: shareOf(revenueLifetimeMinor, lifetime),
      };
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
  const customers = summary.segments.reduce((sum, segment) => sum + segment.customers, 0);
  return withReportMoney(db, {
    asOf,
    asOfDay: await asOfDayOf(db, asOf),
    customers,
    // the repository's share is rounded in SQL: taken again from the counts, unrounded as the types report's
    segments: summary.segments.map((segment) => ({ ...segment, share: shareOf(segment.customers, customers) ?? 0 })),
    grid: summary.grid,
  });
}
