/**
 * Shapes of the analytics endpoints, taken from the services colleagues are
 * writing (src/analytics/*.service.ts). The summary, revenue-trend and
 * type-migration shapes are the ones asked of the lead (docs/web-app.md).
 */
/**
 * Beside every report with amounts (…Minor, minor units of `currency`): `hasPrices` is false when the store
 * has orders but none carries an amount (a data set without prices, such as Groceries), so its revenue is not
 * recorded rather than nil (src/analytics/report-money.ts).
 */
export type ReportMoney = { currency: string; hasPrices: boolean };

/** `revenueMinor` is null when the store's orders carry no prices (`hasPrices` false): not recorded, not 0. */
export type KeyFigures = {
  realCustomers: number; leads: number; newCustomers: number; activeCustomers: number; repeatPurchaseRate: number; revenueMinor: number | null; orders: number;
};
/**
 * GET /api/reports/summary: `change` is (current − previous) / previous per figure, null when the previous value is 0.
 * Days are store calendar days, `to` and `previousTo` exclusive. `comparison` says how the periods were cut:
 * `same-time` (a live store: up to now, against the same span N days earlier up to the same time of day) or
 * `whole-days` (a data set); `currentPeriod` and `previousPeriod` give the instants covered (ISO 8601, `to` exclusive).
 */
export type StoreSummary = ReportMoney & ReportCreditNotes & {
  asOf: string; from: string; to: string; previousFrom: string; previousTo: string;
  comparison?: 'same-time' | 'whole-days'; currentPeriod?: InstantRange; previousPeriod?: InstantRange;
  current: KeyFigures; previous: KeyFigures; change: Partial<Record<keyof KeyFigures, number | null>>;
};
export type InstantRange = { from: string; to: string };

/**
 * Beside the summary and the revenue trend (src/reports/credit-notes-as-of.repo.ts): `hasCreditNotes`, the store holds
 * credit notes, each lowering the day of the sale it credits, not its own; `unappliedCredit`, the credit notes dated up to
 * the report's end that no earlier sale of their customer could take in full, and what they did not give back (minor
 * units), which takes nothing off revenue. Absent from a server older than them.
 */
export type ReportCreditNotes = { hasCreditNotes?: boolean; unappliedCredit?: { creditNotes: number; amountMinor: number } };

/**
 * GET /api/reports/types. Revenue is net (verified orders less refunds) of the customers holding a type, over the
 * last 365 days (from `revenueLast365DaysFrom` to `asOfDay`) and lifetime up to `asOfDay`; a customer holding several
 * types counts under each, so neither customers nor revenue shares add up to 1. Shares to 4 decimals, a revenue
 * share null when the report's revenue over those days is 0.
 */
export type TypesReport = ReportMoney & {
  /** The end of the analysed store day (an instant); `asOfDay` is that day, as the store's calendar names it. */
  asOf: string | null; asOfDay?: string | null; customers: number;
  revenueLast365DaysFrom: string | null; revenueLast365DaysMinor: number; revenueLifetimeMinor: number;
  types: Array<{
    type: string; customers: number; primaryCustomers: number; share: number;
    revenueLast365DaysMinor: number; revenueLast365DaysShare: number | null; revenueLifetimeMinor: number; revenueLifetimeShare: number | null;
  }>;
  combinations: Array<{ types: string[]; customers: number }>;
};

export type RfmReport = ReportMoney & {
  asOf: string | null; customers: number;
  segments: Array<{ segment: string; customers: number; share: number; medianRecencyDays: number; averageFrequency: number; revenueMinor: number }>;
  grid: Array<{ r: number; f: number; customers: number }>;
};

/** Of those who reached the previous stage at least the report's horizonDays ago (observed), who went on within it; the too young are left out. */
export type StageWithinHorizon = { observedCustomers: number; customers: number; conversion: number | null; tooYoungCustomers: number };
export type LifecycleFunnel = {
  dimension: 'all' | 'channel' | 'cohort'; segment: string;
  stages: Array<{ stage: 'acquisition' | 'activation' | 'retention' | 'advocacy'; customers: number; conversionFromPrevious: number | null; withinHorizon?: StageWithinHorizon | null }>;
  medianDaysToActivation: number | null; medianDaysToRetention: number | null;
  medianDaysToActivationWithinHorizon?: number | null; medianDaysToRetentionWithinHorizon?: number | null;
};
export type LifecycleReport = { asOf: string; horizonDays?: number; overall: LifecycleFunnel | null; byChannel: LifecycleFunnel[]; byCohort: LifecycleFunnel[] };

export type Cohort = {
  cohort: string; customers: number; repeatPurchaseRate: number; medianDaysToSecondPurchase: number | null;
  /** Within the report's horizonDays of the first purchase; null while the cohort is too young to tell. */
  repeatRateWithinHorizon?: number | null;
  months: Array<{ monthIndex: number; activeCustomers: number; retentionRate: number; revenuePerCustomerMinor: number; isPartial: boolean }>;
};
export type CohortsReport = ReportMoney & { asOf: string; horizonDays?: number; cohorts: Cohort[] };

export type Alert = {
  alertId: number; kind: string; metric: string; scope: string; granularity: string; customerId: number | null; customerName?: string | null; windowStart: string; windowEnd: string;
  expected: number; actual: number; changePct: number; explanation: unknown; raisedAt: string; acknowledgedAt: string | null; acknowledgedBy: string | null;
};
/** GET /api/alerts: `nextCursor` asks for the page after this one; null on the last. `total` counts every page's (absent from a server older than it). */
export type AlertsPage = ReportMoney & { alerts: Alert[]; nextCursor: string | null; total?: number };

export type Granularity = 'day' | 'week' | 'month';
/** GET /api/reports/revenue: `period` is the first day of each day, week or month (store calendar). */
/** Each point's `from`/`to` (exclusive) are the days it counts; `isPartial`: fewer than the whole period's, or today not over (the chart draws such a period dashed). */
export type RevenueTrend = ReportMoney & ReportCreditNotes & { granularity: Granularity; from: string; to: string; points: Array<{ period: string; revenueMinor: number; orders: number; customers: number; from: string; to: string; isPartial: boolean }> };

/** GET /api/reports/type-migration: types held at the end of the store day `fromDay` against the end of `toDay` (`from`, `to`: those instants). */
/**
 * `historyFrom`: when `fromDay` is before the type history's start (`historyStartsAt`), the day it starts on; the flows
 * are read from there, no type being known before. `firstTyped`: then, what the first analysis typed customers as.
 */
export type TypeMigration = {
  from: string; to: string; fromDay: string; toDay: string; flows: Array<{ fromType: string; toType: string; customers: number }>;
  historyStartsAt?: string | null; historyFrom?: string | null; firstTyped?: Array<{ type: string; customers: number }>;
};

/** What is wrong with a saved segment now (src/segments/persona-problems.ts): a persona its filter names is gone. */
export type SegmentProblem = { field: 'persona'; value: string; code: 'PERSONA_RETIRED' | 'PERSONA_MISSING'; retiredAt: string | null };
/** As GET /api/segments sends it (src/segments/segments.repo.ts SegmentRow); revenue is asked for, not there yet. */
export type Segment = { segment_id: number; name: string; description: string | null; member_count: number; refreshed_at: string | null; revenue_minor?: number; problems: SegmentProblem[] };
export type SegmentsPage = { items: Segment[] };

/** GET /api/customers/:id/prediction; a 404 PREDICTION_NOT_FOUND means no prediction yet (e.g. no purchase). */
export type CustomerPrediction = {
  /** The day (YYYY-MM-DD) the prediction describes. */
  asOf: string; model: string; pAlive: number | null; expectedPurchases90d: number; expectedSpendMinor: number | null; clvMinor: number | null;
  /** The days the CLV covers; null for predictions stored before it was kept. */
  clvHorizonDays?: number | null;
  /** The CLV's discount rate per period of `clvPeriodDays` days (0.01: 1%; 0: not discounted); null (absent from an older server) for predictions stored before it was kept. */
  clvDiscountRate?: number | null; clvPeriodDays?: number | null;
  /** Why expected spend and CLV are null: every purchase was free (the spend model describes paid purchases), or the run had no usable spend model; null when predicted, and for older predictions. */
  spendNotEstimated?: 'free_purchases_only' | 'no_spend_model' | null;
  /** YYYY-MM-DD; null when none is expected, or P(alive) is not estimated. */
  nextPurchaseDay: string | null; churnRisk: 'low' | 'medium' | 'high' | string | null; predictedAt: string;
  /** Purchase days up to asOf (1: a one-time buyer, whose expected spend is the store's average). */
  purchaseDays?: number;
};

/** GET /api/customers/:id/types (src/analytics/types.service.ts customerTypeTimeline). */
export type CustomerTypes = {
  customerId: number;
  current: { types: string[]; primaryType: string; explanation: string; numbers: unknown; asOf: string } | null;
  /** `sinceHistoryStart`: the spell begins the customer's type history (the store's first analysis, or their first typing when known before it): held already then, not taken. */
  timeline: Array<{
    type: string; enteredAt: string; leftAt: string | null; reason: string; numbers: unknown; sinceHistoryStart: boolean;
    /** The customer's check before a change no rule dates, seen at enteredAt (leftAt); null (absent from an older server) when the rule dates it. */
    enteredCheckedLastAt?: string | null; leftCheckedLastAt?: string | null;
  }>;
};

export type AlertCounts = { metricDrops: number; customerOverdue: number };

/** POST /api/analytics/analyze (src/analytics/analyze.service.ts). */
export type AnalyzeResult = {
  runId: number; asOf: string; customers: number; realCustomers: number; rfmScored: number;
  /** Type spells opened and closed by this run (a customer moving from new to regular counts once in each). */
  typeChanges: { entered: number; left: number };
  /** `new`: raised by this run; `open`: not acknowledged after it, whoever raised them (new ones included); `raised`: false for a replay of a day before the latest analysed, which raises none. */
  alerts: { new: AlertCounts; open: AlertCounts; raised: boolean }; timingMs: { total: number };
};
