/**
 * Shapes of the analytics endpoints, taken from the services colleagues are
 * writing (src/analytics/*.service.ts). The summary, revenue-trend and
 * type-migration shapes are the ones asked of the lead (docs/web-app.md).
 */
export type KeyFigures = {
  realCustomers: number; leads: number; newCustomers: number; activeCustomers: number; repeatPurchaseRate: number; revenueMinor: number; orders: number;
};
export type StoreSummary = { from: string; to: string; previousFrom: string; previousTo: string; current: KeyFigures; previous: KeyFigures };

export type TypesReport = {
  asOf: string | null; customers: number;
  types: Array<{ type: string; customers: number; primaryCustomers: number; share: number; revenueMinor?: number }>;
  combinations: Array<{ types: string[]; customers: number }>;
};

export type RfmReport = {
  asOf: string | null; customers: number;
  segments: Array<{ segment: string; customers: number; share: number; medianRecencyDays: number; averageFrequency: number; revenueMinor: number }>;
  grid: Array<{ r: number; f: number; customers: number }>;
};

export type LifecycleFunnel = {
  dimension: 'all' | 'channel' | 'cohort'; segment: string;
  stages: Array<{ stage: 'acquisition' | 'activation' | 'retention' | 'advocacy'; customers: number; conversionFromPrevious: number | null }>;
  medianDaysToActivation: number | null; medianDaysToRetention: number | null;
};
export type LifecycleReport = { asOf: string; overall: LifecycleFunnel | null; byChannel: LifecycleFunnel[]; byCohort: LifecycleFunnel[] };

export type Cohort = {
  cohort: string; customers: number; repeatPurchaseRate: number; medianDaysToSecondPurchase: number | null;
  months: Array<{ monthIndex: number; activeCustomers: number; retentionRate: number; revenuePerCustomerMinor: number }>;
};
export type CohortsReport = { asOf: string; cohorts: Cohort[] };

export type Alert = {
  alertId: number; kind: string; metric: string; scope: string; granularity: string; customerId: number | null; windowStart: string; windowEnd: string;
  expected: number; actual: number; changePct: number; explanation: unknown; raisedAt: string; acknowledgedAt: string | null; acknowledgedBy: string | null;
};
export type AlertsPage = { alerts: Alert[] };

export type RevenueTrend = { granularity: 'day' | 'week' | 'month'; points: Array<{ period: string; revenueMinor: number; orders: number }> };

export type TypeMigration = { from: string; to: string; flows: Array<{ fromType: string; toType: string; customers: number }> };

/** As GET /api/segments sends it (src/segments/segments.repo.ts SegmentRow); revenue is asked for, not there yet. */
export type Segment = { segment_id: number; name: string; description: string | null; member_count: number; refreshed_at: string | null; revenue_minor?: number };
export type SegmentsPage = { items: Segment[] };

export type CustomerPrediction = { asOf: string; pAlive: number; expectedPurchases: number; predictedValueMinor: number; horizonDays: number };
