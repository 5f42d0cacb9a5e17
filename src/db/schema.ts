import type { ColumnType, Generated } from 'kysely';
import type { ModelTables } from '../models/models.tables.js';
import type { AnalyticsTables } from '../analytics/analytics.tables.js';
import type { SegmentTables } from '../segments/segments.tables.js';
import type { ReportTables } from '../reports/reports.tables.js';

/** Timestamps: read as Date, written as Date or ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` columns come back as Date on both drivers' default parsers. */
type CalendarDay = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type StoreSettingTable = { key: string; value: Json; updated_at: DefaultTimestamp };

export type CurrencyRateTable = { currency: string; rate_to_store: number; updated_at: DefaultTimestamp };

export type CustomerKind = 'person' | 'organization';

export type CustomerTable = {
  customer_id: Generated<number>;
  kind: ColumnType<CustomerKind, CustomerKind | undefined, CustomerKind>;
  name: string | null;
  email: string | null;
  phone: string | null;
  birth_year: number | null;
  gender: string | null;
  city: string | null;
  region: string | null;
  country: string | null;
  income_band: string | null;
  consent_email: boolean | null;
  consent_sms: boolean | null;
  /** 202612250200: null for every customer before it (never asked). */
  consent_whatsapp: boolean | null;
  consent_profiling: boolean | null;
  attributes: ColumnType<Record<string, string | number>, string | undefined, string>;
  is_stub: Generated<boolean>;
  merged_into_customer_id: number | null;
  import_id: number | null;
  import_line: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type IdentityKind = 'email' | 'phone' | 'external';

export type CustomerIdentityTable = {
  kind: IdentityKind;
  namespace: Generated<string>;
  value: string;
  customer_id: number;
  created_at: DefaultTimestamp;
};

export type ProductTable = {
  product_id: Generated<number>;
  sku: string;
  name: string | null;
  category: string | null;
  unit_price_minor: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type OrderChannel = 'store' | 'web' | 'mobile' | 'marketplace' | 'phone' | 'other';
/** `credit_note`: money given back for an earlier purchase of the same customer, never a purchase itself (docs/import.md). */
export type OrderStatus = 'paid' | 'refunded' | 'partially_refunded' | 'cancelled' | 'credit_note';

export type CustomerOrderTable = {
  order_id: Generated<number>;
  customer_id: number;
  source: string;
  external_id: string;
  ordered_at: Timestamp;
  currency: string;
  total_minor: number;
  amount_minor: number;
  refunded_minor: Generated<number>;
  discount_minor: Generated<number>;
  promotion_code: string | null;
  channel: OrderChannel;
  status: OrderStatus;
  recipient_customer_id: number | null;
  location: string | null;
  import_id: number | null;
  import_line: number | null;
  /** The rate a foreign-currency order was converted with; null in the store's currency. */
  amount_factor: number | null;
  /** The part of refunded_minor that credit notes gave back (order_credit). */
  credited_minor: Generated<number>;
  /** The status the source stated, while credit notes changed it; null otherwise. */
  stated_status: 'paid' | 'partially_refunded' | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

/** What a credit note gave back to one earlier sale of the same customer. */
export type OrderCreditTable = {
  customer_id: number;
  credit_order_id: number;
  sale_order_id: number;
  amount_minor: number;
};

export type OrderLineTable = {
  customer_id: number;
  order_id: number;
  line_no: number;
  sku: string | null;
  product_name: string | null;
  category: string | null;
  quantity: number;
  unit_price_minor: number;
  import_id: number | null;
  import_line: number | null;
};

export type InterestKind = 'signup' | 'inquiry' | 'cart' | 'visit' | 'newsletter' | 'other';

export type InterestEventTable = {
  event_id: Generated<number>;
  customer_id: number;
  source: string;
  external_id: string;
  kind: InterestKind;
  channel: string;
  occurred_at: Timestamp;
  detail: string | null;
  import_id: number | null;
  import_line: number | null;
  created_at: DefaultTimestamp;
};

export type CustomerTraitTable = {
  customer_id: number;
  first_purchase_at: Timestamp | null;
  last_purchase_at: Timestamp | null;
  purchase_days: Generated<number>;
  order_count: Generated<number>;
  revenue_minor: Generated<number>;
  refunded_minor: Generated<number>;
  refunded_order_count: Generated<number>;
  promotion_order_count: Generated<number>;
  store_order_count: Generated<number>;
  web_order_count: Generated<number>;
  mobile_order_count: Generated<number>;
  marketplace_order_count: Generated<number>;
  phone_order_count: Generated<number>;
  other_order_count: Generated<number>;
  first_interest_at: Timestamp | null;
  first_interest_channel: string | null;
  interest_event_count: Generated<number>;
  updated_at: DefaultTimestamp;
};

export type CustomerPurchaseDayTable = { customer_id: number; day: CalendarDay; order_count: number; amount_minor: number };

export type CustomerCategoryTable = { customer_id: number; category: string; line_count: number; quantity: number; amount_minor: number };

/** A customer's purchase rhythm over all their purchase days, kept for full analyses (see facts.sql.ts). */
export type CustomerRhythmTable = {
  customer_id: number;
  period_months: number;
  purchase_day_count: number;
  order_count: number;
  first_day: CalendarDay;
  last_day: CalendarDay;
  interval_count: number;
  median_interval: number | null;
  cv: number | null;
  period_count: number;
  total_revenue: number;
  /** The VIP window sums as of window_as_of, for the window length window_days; they hold up to window_until. */
  window_days: number | null;
  window_as_of: CalendarDay | null;
  window_until: CalendarDay | null;
  window_revenue: number | null;
  window_day_count: number | null;
};

/** Autovacuum's counters carried over from an embedded store's earlier sessions (see db/maintenance.ts). */
export type TableActivityTable = {
  table_name: string;
  dead_rows: Generated<number>;
  changed_since_analyze: Generated<number>;
  inserted_since_vacuum: Generated<number>;
};

export type CustomerMergeTable = {
  merge_id: Generated<number>;
  kept_customer_id: number;
  merged_customer_id: number;
  moved: Json;
  merged_at: DefaultTimestamp;
  merged_by: string;
  undone_at: Timestamp | null;
  undone_by: string | null;
};

/** An order that reached a merge's kept customer after the merge through an identity it moved. */
export type CustomerMergeOrderTable = {
  merge_id: number;
  order_id: number;
};

export type CustomerMergeEventTable = {
  merge_id: number;
  event_id: number;
};

/** A gift (an order naming a recipient) whose recipient reached the merge's kept customer through a moved identity. */
export type CustomerMergeGiftTable = {
  merge_id: number;
  order_id: number;
};

export type ImportRunTable = {
  import_id: Generated<number>;
  entity: string;
  file_name: string | null;
  preset: string | null;
  status: ColumnType<'running' | 'completed' | 'failed', 'running' | 'completed' | 'failed' | undefined, 'running' | 'completed' | 'failed'>;
  read_count: Generated<number>;
  inserted_count: Generated<number>;
  updated_count: Generated<number>;
  unchanged_count: Generated<number>;
  rejected_count: Generated<number>;
  started_at: DefaultTimestamp;
  finished_at: Timestamp | null;
  started_by: string;
  /** Touched by each committed batch; a running run with an old heartbeat lost its process. */
  heartbeat_at: DefaultTimestamp;
  /** Orders and lines files: their orders, each counted once (the counts above are of rows); null for other entities and older runs. */
  order_inserted_count: number | null;
  order_updated_count: number | null;
  order_unchanged_count: number | null;
  order_rejected_count: number | null;
  /** Customers the run created (buyers or people it did not know); null for runs before it was counted. */
  created_customer_count: number | null;
  /** A server store's file import holding an advisory lock on the run while its process lives (import-run-session.repo.ts). */
  is_held_by_session: Generated<boolean>;
  /**
   * An API client's open run (POST /api/imports), kept by the client across requests: a server restart does not end it
   * (isRunAlive). False for every other run, and for runs that had ended before it was recorded (202612270100).
   */
  is_opened_by_client: Generated<boolean>;
  /**
   * Customers runs: whether the run was the consent authority, its yes replacing a stored no (consent:override);
   * set at a file import's start or by an API batch sent so (202612250100). False for runs before it was recorded.
   */
  consent_overrides_refusals: Generated<boolean>;
};

/** How many rows of an import run were rejected, per reject code. */
export type ImportRunRejectTable = { import_id: number; code: string; row_count: number };
/** A consent's change of value, appended by imports, API batches, staff edits and merges (202612240200_customer_consent_change.sql). */
export type CustomerConsentChangeTable = {
  customer_id: number; kind: 'email' | 'sms' | 'whatsapp' | 'profiling'; granted: boolean | null; changed_at: Date;
  source: 'import' | 'ingest' | 'staff' | 'merge' | 'unmerge' | 'suppression'; import_run_id: number | null; actor: string | null;
  /** The order rows were appended in: changes of one transaction share changed_at (202612240300). */
  change_id: Generated<number>;
};

/**
 * An erased person's email or phone as an HMAC-SHA-256 digest keyed by the store's secret, nothing else
 * (202612260200_erasure_suppression.sql; customers/erasure-suppression.ts): a customer it matches later has consents refused.
 */
export type ErasureSuppressionTable = { digest: Buffer; kind: 'email' | 'phone'; erased_at: Generated<Date> };

/** The first id of each accepted row of a running customer-file import (see customer-file-memory.repo.ts). */
export type ImportSeenRefTable = { import_id: number; kind: IdentityKind; namespace: string; value: string; line: number; customer_id: number };

/** Per customer, the fields (a bit each) and attribute names a running customer-file import has given. */
export type ImportGivenTable = { import_id: number; customer_id: number; fields: number; attributes: string[] | null };
/** What an orders or events import remembers of its rows' text between batches (src/ingest/write/row-text-memory.repo.ts). */
export type ImportRowTextTable = { import_id: number; first_line: number; lines: number[]; digest_width: number; text_digests: Buffer };
/** Orders whose lines no batch of a running orders import restated yet, removed when it completes (src/ingest/write/deferred-stale-lines.repo.ts). */
export type ImportDeferredOrderTable = { import_id: number; order_id: number; factor: number; discount_minor: number; is_summed: boolean; counted_unchanged: boolean };

export type StaffRole = 'owner' | 'admin' | 'marketer' | 'agent' | 'analyst';

export type StaffUserTable = {
  user_id: Generated<number>;
  email: string;
  name: string;
  role: StaffRole;
  password_hash: string;
  must_change_password: Generated<boolean>;
  locale: string | null;
  disabled_at: Timestamp | null;
  created_at: DefaultTimestamp;
};

export type UserSessionTable = {
  session_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
  last_seen_at: DefaultTimestamp;
};

export type ApiKeyTable = {
  api_key_id: Generated<number>;
  name: string;
  prefix: string;
  secret_hash: string;
  scopes: string[];
  created_by: number | null;
  created_at: DefaultTimestamp;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** The key that made this one (null when a person or the shell did): revoked with it. */
  created_by_key: number | null;
};

export type IdempotencyRecordTable = {
  idempotency_key: string;
  principal: string;
  request_hash: string;
  status_code: number;
  response: Json;
  created_at: DefaultTimestamp;
};

export type AuditEventTable = {
  audit_id: Generated<number>;
  occurred_at: DefaultTimestamp;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  detail: ColumnType<unknown, string | undefined, string>;
};

export type SchemaMigrationTable = { name: string; applied_at: DefaultTimestamp };

/** A limit's attempts in its current window on a server store, the key a digest (202612260300_attempt_windows.sql; auth/attempt-limiter.ts). */
export type AttemptWindowTable = { key: string; window_start: Timestamp; count: number };

/** Core tables, plus each domain's own (declared beside the domain, merged here). */
export type Database = ModelTables & AnalyticsTables & SegmentTables & ReportTables & {
  store_setting: StoreSettingTable;
  currency_rate: CurrencyRateTable;
  customer: CustomerTable;
  customer_identity: CustomerIdentityTable;
  product: ProductTable;
  customer_order: CustomerOrderTable;
  order_line: OrderLineTable;
  order_credit: OrderCreditTable;
  interest_event: InterestEventTable;
  customer_trait: CustomerTraitTable;
  customer_purchase_day: CustomerPurchaseDayTable;
  customer_category: CustomerCategoryTable;
  customer_rhythm: CustomerRhythmTable;
  table_activity: TableActivityTable;
  customer_merge: CustomerMergeTable;
  customer_merge_order: CustomerMergeOrderTable;
  customer_merge_event: CustomerMergeEventTable;
  customer_merge_gift: CustomerMergeGiftTable;
  import_run: ImportRunTable;
  import_run_reject: ImportRunRejectTable;
  customer_consent_change: CustomerConsentChangeTable;
  erasure_suppression: ErasureSuppressionTable;
  import_seen_ref: ImportSeenRefTable;
  import_given: ImportGivenTable;
  import_row_text: ImportRowTextTable;
  import_deferred_order: ImportDeferredOrderTable;
  staff_user: StaffUserTable;
  user_session: UserSessionTable;
  api_key: ApiKeyTable;
  idempotency_record: IdempotencyRecordTable;
  audit_event: AuditEventTable;
  schema_migration: SchemaMigrationTable;
  attempt_window: AttemptWindowTable;
};
