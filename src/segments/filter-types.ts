/** The filter language as data (see docs/segments.md). */
/** A day counted from the as-of day: before it (`days_ago`) or after it (`days_ahead`, for predicted days). */
export type RelativeDate = { days_ago: number } | { days_ahead: number };
export type DateValue = string | RelativeDate;
export type ScalarValue = number | string | boolean | RelativeDate;

export const comparisonOperators = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'starts_with', 'is_null'] as const;
export type ComparisonOperator = (typeof comparisonOperators)[number];

export type Comparison = { field: string; op: ComparisonOperator; value?: ScalarValue | ScalarValue[] };

export const countOperators = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between'] as const;
export type CountTest = { op: (typeof countOperators)[number]; value: number | [number, number] };

/** The last N days up to the as-of time, or a fixed range (from inclusive, to exclusive). */
export type TimeWindow = { days: number } | { from: DateValue; to?: DateValue };

export const purchaseMeasures = ['orders', 'quantity', 'amount_minor'] as const;
export type PurchaseMeasure = (typeof purchaseMeasures)[number];

export type PurchasedCondition = {
  purchased: {
    category?: string[];
    sku?: string[];
    product_contains?: string;
    channel?: string[];
    within?: TimeWindow;
    count?: CountTest;
    measure?: PurchaseMeasure;
  };
};

export type InterestCondition = {
  interest: { kind?: string[]; channel?: string[]; within?: TimeWindow; count?: CountTest };
};

export type FilterNode =
  | { and: FilterNode[] }
  | { or: FilterNode[] }
  | { not: FilterNode }
  | Comparison
  | PurchasedCondition
  | InterestCondition;

/** A filter that matches everyone: an empty conjunction. */
export const everyone: FilterNode = { and: [] };
