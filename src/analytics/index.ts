/** The analytics domain's public API: customer types, RFM, lifecycle, cohorts and change alerts. */
export { analyze, type AnalyzeResult } from './analyze.service.js';
export {
  classifyCustomersIncremental, customerTypeTimeline, getTypePolicy, listCustomersByType, presetTypePolicy, setTypePolicy,
  type CustomerTypeRow, type TypeTimelineEntry,
} from './types.service.js';
export { reportRfm, reportTypes, type RfmReport, type TypesReport } from './reports.service.js';
export { reportMoneyOf, reportMoneyShape, type ReportMoney } from './report-money.js';
export { reportCohorts, reportLifecycle } from './cohorts.service.js';
export { reportRemedy, requireAsOfNotInFuture } from './as-of-today.js';
export type { Cohort } from './cohorts.js';
export type { CohortsReport, LifecycleReport } from './cohorts.service.js';
export { untrackedStages, type LifecycleFunnel, type StageWithinHorizon } from './lifecycle.js';
export { acknowledgeAlert, listAlerts, pageAlerts, reopenAlert } from './alerts/alerts.service.js';
export { judgeKeptCustomerOverdueAfterMerge } from './alerts/merge-overdue-alerts.js';
export { hasOpenOverdueAlert } from './alerts/overdue-alerts.repo.js';
export { revertMergeOverdueAlerts } from './alerts/overdue-alerts.repo.js';
export type { AlertRow } from './alerts/alerts.repo.js';
export type { AsOfInput, StoreAnalysisContext } from './analysis-context.js';
export { storeAnalysisContextFrom, storeAnalysisContextItem } from './analysis-context.js';
export { classifyCustomer, type Classification } from './classify.js';
export { typeReason, typesExplanation } from './type-reasons.js';
export { typeHistoryStartOf } from './type-history-start.sql.js';
export { typeChangeDating, typeChangeShownAt } from './type-change-time.sql.js';
export { findReportAsOfDay, loadMoneyFormat } from './analysis-context.js';
export { customerTypesByPrecedence, isCustomerType, type CustomerType } from './customer-types.js';
export { defaultTypePolicy, typePolicySchema, type TypePolicy } from './policy.js';
export { rfmSegmentNames, type RfmSegment } from './rfm-segments.js';
export { emptyRfmScores } from './rfm.js';
export type { AnalyticsTables } from './analytics.tables.js';
