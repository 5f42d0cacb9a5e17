import { reportRevenue, reportSummary, reportTypeMigration } from '../../reports/index.js';
import type { CliRuntime } from '../runtime.js';
import type { Granularity } from '../../reports/index.js';
import type { OrderChannel } from '../../db/schema.js';
import { revenueText, summaryText, typeMigrationText } from './store-reports-output.js';

export async function runReportSummary(runtime: CliRuntime, options: { days: number; asOf?: string }): Promise<void> {
  runtime.print(await runtime.withStore(({ db, clock }) => reportSummary(db, { days: options.days, asOf: options.asOf, clock })), summaryText);
}

export async function runReportRevenue(runtime: CliRuntime, options: { granularity: Granularity; from?: string; to?: string; channel?: OrderChannel }): Promise<void> {
  runtime.print(await runtime.withStore(({ db, clock }) => reportRevenue(db, { ...options, clock })), revenueText);
}

export async function runReportTypeMigration(runtime: CliRuntime, options: { from?: string; to?: string }): Promise<void> {
  runtime.print(await runtime.withStore(({ db, clock }) => reportTypeMigration(db, { ...options, clock })), typeMigrationText);
}
