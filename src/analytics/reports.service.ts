import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { customerTypesByPrecedence } from './customer-types.js';
import { summarizeRfm, type RfmCellRow, type RfmSegmentRow } from './rfm.repo.js';
import { countCustomersByType } from './types.repo.js';

export type TypesReport = {
  asOf: string | null;
  customers: number;
  types: Array<{ type: string; customers: number; primaryCustomers: number; share: number }>;
  combinations: Array<{ types: string[]; customers: number }>;
};

export async function reportTypes(db: Kysely<Database>): Promise<TypesReport> {
  const [counts, totals, combinations] = await Promise.all([
    countCustomersByType(db),
    sql<{ customers: number; as_of: Date | null }>`select count(*)::int as customers, max(as_of) as as_of from customer_type`.execute(db),
    sql<{ types: string[]; customers: number }>`
      select types, count(*)::int as customers from customer_type where cardinality(types) > 1
      group by types order by customers desc limit 10`.execute(db),
  ]);
  const total = totals.rows[0]?.customers ?? 0;
  const byType = new Map(counts.map((row) => [row.type, row]));
  return {
    asOf: totals.rows[0]?.as_of ? new Date(totals.rows[0].as_of).toISOString() : null,
    customers: total,
    types: customerTypesByPrecedence.map((type) => {
      const row = byType.get(type);
      return { type, customers: row?.customers ?? 0, primaryCustomers: row?.primaryCustomers ?? 0, share: total === 0 ? 0 : Math.round(((row?.customers ?? 0) / total) * 10_000) / 10_000 };
    }),
    combinations: combinations.rows,
  };
}

export type RfmReport = { asOf: string | null; customers: number; segments: RfmSegmentRow[]; grid: RfmCellRow[] };

export async function reportRfm(db: Kysely<Database>): Promise<RfmReport> {
  const summary = await summarizeRfm(db);
  return {
    asOf: summary.asOf ? new Date(summary.asOf).toISOString() : null,
    customers: summary.segments.reduce((sum, segment) => sum + segment.customers, 0),
    segments: summary.segments,
    grid: summary.grid,
  };
}
