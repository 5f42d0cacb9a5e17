import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the store's per-day totals (db/migrations/202611301300_web_speed.sql), part of the shared `Database`. */
type CalendarDay = ColumnType<Date, Date | string, Date | string>;

export type StorePurchaseDayTable = {
  day: CalendarDay;
  order_count: Generated<number>;
  amount_minor: Generated<number>;
  first_purchases: Generated<number>;
  second_purchases: Generated<number>;
};

export type StorePurchaseDayGapTable = {
  day: CalendarDay;
  previous_day: CalendarDay;
  customers: Generated<number>;
};

export type StoreFirstSeenTable = {
  seen_at: ColumnType<Date, Date | string, Date | string>;
  customers: Generated<number>;
};

/** Derived from the per-customer facts by triggers; never written by application code. Rows are changes: sum them per key. */
export type ReportTables = {
  store_purchase_day: StorePurchaseDayTable;
  store_purchase_day_gap: StorePurchaseDayGapTable;
  store_first_seen: StoreFirstSeenTable;
};
