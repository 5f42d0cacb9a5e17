import type { ColumnType, Generated } from 'kysely';

/** Kysely types of db/migrations/202611240600_analytics.sql, part of the shared `Database`. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CalendarDay = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type CustomerTypeTable = {
  customer_id: number;
  types: string[];
  primary_type: string;
  /** Per type, the figures behind it; the sentences are made from them on read (type-reasons.ts). */
  numbers: Json;
  /** A hash of what the row was built from (classify.sql.ts, basisOf); null on rows from before it existed. */
  basis: ColumnType<string | null, string | null | undefined, string | null>;
  as_of: Timestamp;
  updated_at: DefaultTimestamp;
};

export type CustomerTypeHistoryTable = {
  history_id: Generated<number>;
  customer_id: number;
  type: string;
  entered_at: Timestamp;
  left_at: Timestamp | null;
  numbers: Json;
};

/** What the analysis stores per scored customer: nothing in it moves with the calendar. */
export type CustomerRfmScoreTable = {
  customer_id: number;
  last_purchase_day: CalendarDay;
  frequency: number;
  monetary_minor: number;
  r_score: number;
  f_score: number;
  m_score: number;
  segment: string;
};

/** The customer_rfm view: the scores with the days since the last purchase as of the latest run that scored RFM. */
export type CustomerRfmTable = Omit<CustomerRfmScoreTable, 'last_purchase_day'> & {
  as_of: Timestamp;
  recency_days: number;
  last_purchase_day: CalendarDay;
};

export type AnalysisRunTable = {
  run_id: Generated<number>;
  as_of: Timestamp;
  as_of_day: CalendarDay;
  policy: Json;
  real_customer_count: number;
  vip_revenue_cutoff_minor: number | null;
  vip_frequency_cutoff: number | null;
  /** Real customers reaching each VIP cut-off; null for runs recorded before they were counted. */
  vip_revenue_reached_count: number | null;
  vip_frequency_reached_count: number | null;
  /** How many customers the run scored for RFM; null for a run that scored none (a policy change). */
  rfm_scored: number | null;
  counts: Json;
  started_at: Timestamp;
  finished_at: Timestamp;
};

export const alertKinds = ['metric_drop', 'customer_overdue'] as const;
export type AlertKind = (typeof alertKinds)[number];
export type AlertGranularity = 'day' | 'week' | 'customer';

export type AlertTable = {
  alert_id: Generated<number>;
  kind: AlertKind;
  metric: string;
  scope: string;
  granularity: AlertGranularity;
  customer_id: number | null;
  window_start: CalendarDay;
  window_end: CalendarDay;
  expected: number;
  actual: number;
  change_pct: number;
  explanation: Json;
  raised_at: DefaultTimestamp;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
};

export type AnalyticsTables = {
  customer_type: CustomerTypeTable;
  customer_type_history: CustomerTypeHistoryTable;
  customer_rfm_score: CustomerRfmScoreTable;
  customer_rfm: CustomerRfmTable;
  analysis_run: AnalysisRunTable;
  alert: AlertTable;
};
