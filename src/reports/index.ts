export { reportRevenue, reportSummary, reportTypeMigration, type ReportCreditNotes, type RevenueReport, type SummaryReport, type TypeMigrationReport } from './store-reports.service.js';
export type { Granularity } from './period-coverage.js';
