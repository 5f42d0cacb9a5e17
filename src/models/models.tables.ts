import type { ColumnType, Generated } from 'kysely';

type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CalendarDay = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type ModelFitTable = {
  model_fit_id: Generated<number>;
  model: 'bgnbd' | 'paretonbd' | 'gammagamma';
  unit: 'day' | 'week';
  calibration_end: CalendarDay;
  params: Json;
  penalty: ColumnType<number, number | undefined, number>;
  log_likelihood: number;
  converged: boolean;
  iterations: number;
  gradient_norm: number;
  bic: number;
  customers: number;
  fitted_at: DefaultTimestamp;
  /** Made by a prediction run (models predict): only such a fit judges P(alive) in an analysis. */
  is_predicting: ColumnType<boolean, boolean | undefined, boolean>;
};

/** Why a prediction has no expected spend or CLV (customer_prediction.spend_not_estimated). */
export const spendNotEstimatedReasons = ['free_purchases_only', 'no_spend_model'] as const;
export type SpendNotEstimated = (typeof spendNotEstimatedReasons)[number];

export type CustomerPredictionTable = {
  customer_id: number;
  model_fit_id: number;
  spend_model_fit_id: number | null;
  p_alive: number | null;
  expected_purchases_90d: number;
  expected_spend_minor: number | null;
  clv_minor: number | null;
  /** The days the CLV sums purchases over (the run's horizon); null for predictions stored before it was kept. */
  clv_horizon_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** The CLV's discount rate per period of clv_period_days (0.01: 1%); both null for predictions stored before they were kept. */
  clv_discount_rate: ColumnType<number | null, number | null | undefined, number | null>;
  clv_period_days: ColumnType<number | null, number | null | undefined, number | null>;
  /** Why spend and CLV are null: a buyer of free orders only, or a run with no usable spend model; null when predicted, and for older rows. */
  spend_not_estimated: ColumnType<SpendNotEstimated | null, SpendNotEstimated | null | undefined, SpendNotEstimated | null>;
  next_purchase_day: CalendarDay | null;
  churn_risk: 'low' | 'medium' | 'high' | null;
  /** The day the prediction describes: its model's calibration end. */
  as_of: CalendarDay;
  predicted_at: DefaultTimestamp;
};

export type ModelTables = { model_fit: ModelFitTable; customer_prediction: CustomerPredictionTable };
