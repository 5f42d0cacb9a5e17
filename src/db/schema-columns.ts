import type { Database } from './schema.js';

type ColumnsOf<T> = ReadonlyArray<keyof T & string>;
/** Fails to compile when a column of the type is missing from the list. */
type Exhaustive<T, L extends ReadonlyArray<string>> = Exclude<keyof T, L[number]> extends never ? L : never;

function columns<T>() {
  return <const L extends ColumnsOf<T>>(list: Exhaustive<T, L>) => list;
}

/** The columns of every table, checked against `Database` at compile time and the migrated store by a test. */
export const schemaColumns: { [T in keyof Database]: ColumnsOf<Database[T]> } = {
  store_setting: columns<Database['store_setting']>()(['key', 'value', 'updated_at']),
  currency_rate: columns<Database['currency_rate']>()(['currency', 'rate_to_store', 'updated_at']),
  customer: columns<Database['customer']>()(['customer_id', 'kind', 'name', 'email', 'phone', 'birth_year', 'gender', 'city', 'region', 'country', 'income_band', 'consent_email', 'consent_sms', 'consent_profiling', 'attributes', 'consent_whatsapp', 'is_stub', 'merged_into_customer_id', 'import_id', 'import_line', 'created_at', 'updated_at']),
  customer_identity: columns<Database['customer_identity']>()(['kind', 'namespace', 'value', 'customer_id', 'created_at']),
  product: columns<Database['product']>()(['product_id', 'sku', 'name', 'category', 'unit_price_minor', 'created_at', 'updated_at']),
  customer_order: columns<Database['customer_order']>()(['order_id', 'customer_id', 'source', 'external_id', 'ordered_at', 'currency', 'total_minor', 'amount_minor', 'refunded_minor', 'discount_minor', 'promotion_code', 'channel', 'status', 'recipient_customer_id', 'location', 'import_id', 'import_line', 'created_at', 'updated_at', 'amount_factor', 'credited_minor', 'stated_status']),
  order_line: columns<Database['order_line']>()(['customer_id', 'order_id', 'line_no', 'sku', 'product_name', 'category', 'quantity', 'unit_price_minor', 'import_id', 'import_line']),
  order_credit: columns<Database['order_credit']>()(['customer_id', 'credit_order_id', 'sale_order_id', 'amount_minor']),
  interest_event: columns<Database['interest_event']>()(['event_id', 'customer_id', 'source', 'external_id', 'kind', 'channel', 'occurred_at', 'detail', 'import_id', 'import_line', 'created_at']),
  customer_trait: columns<Database['customer_trait']>()(['customer_id', 'first_purchase_at', 'last_purchase_at', 'purchase_days', 'order_count', 'revenue_minor', 'refunded_minor', 'refunded_order_count', 'promotion_order_count', 'store_order_count', 'web_order_count', 'mobile_order_count', 'marketplace_order_count', 'phone_order_count', 'other_order_count', 'first_interest_at', 'first_interest_channel', 'interest_event_count', 'updated_at']),
  customer_purchase_day: columns<Database['customer_purchase_day']>()(['customer_id', 'day', 'order_count', 'amount_minor']),
  customer_category: columns<Database['customer_category']>()(['customer_id', 'category', 'line_count', 'quantity', 'amount_minor']),
  customer_rhythm: columns<Database['customer_rhythm']>()(['customer_id', 'period_months', 'purchase_day_count', 'order_count', 'first_day', 'last_day', 'interval_count',
    'median_interval', 'cv', 'period_count', 'total_revenue', 'window_days', 'window_as_of', 'window_until', 'window_revenue', 'window_day_count']),
  table_activity: columns<Database['table_activity']>()(['table_name', 'dead_rows', 'changed_since_analyze', 'inserted_since_vacuum']),
  customer_merge: columns<Database['customer_merge']>()(['merge_id', 'kept_customer_id', 'merged_customer_id', 'moved', 'merged_at', 'merged_by', 'undone_at', 'undone_by']),
  customer_merge_order: columns<Database['customer_merge_order']>()(['merge_id', 'order_id']),
  customer_merge_event: columns<Database['customer_merge_event']>()(['merge_id', 'event_id']),
  customer_merge_gift: columns<Database['customer_merge_gift']>()(['merge_id', 'order_id']),
  import_run: columns<Database['import_run']>()(['import_id', 'entity', 'file_name', 'preset', 'status', 'read_count', 'inserted_count', 'updated_count', 'unchanged_count', 'rejected_count', 'order_inserted_count', 'order_updated_count', 'order_unchanged_count', 'order_rejected_count', 'created_customer_count', 'started_at', 'finished_at', 'started_by', 'heartbeat_at', 'is_held_by_session', 'consent_overrides_refusals', 'is_opened_by_client']),
  import_run_reject: columns<Database['import_run_reject']>()(['import_id', 'code', 'row_count']),
  customer_consent_change: columns<Database['customer_consent_change']>()(['customer_id', 'kind', 'granted', 'changed_at', 'source', 'import_run_id', 'actor', 'change_id']),
  erasure_suppression: columns<Database['erasure_suppression']>()(['digest', 'kind', 'erased_at']),
  import_seen_ref: columns<Database['import_seen_ref']>()(['import_id', 'kind', 'namespace', 'value', 'line', 'customer_id']),
  import_given: columns<Database['import_given']>()(['import_id', 'customer_id', 'fields', 'attributes']),
  import_row_text: columns<Database['import_row_text']>()(['import_id', 'first_line', 'lines', 'digest_width', 'text_digests']),
  import_deferred_order: columns<Database['import_deferred_order']>()(['import_id', 'order_id', 'factor', 'discount_minor', 'is_summed', 'counted_unchanged']),
  staff_user: columns<Database['staff_user']>()(['user_id', 'email', 'name', 'role', 'password_hash', 'must_change_password', 'locale', 'disabled_at', 'created_at']),
  user_session: columns<Database['user_session']>()(['session_hash', 'user_id', 'csrf_token', 'created_at', 'expires_at', 'last_seen_at']),
  api_key: columns<Database['api_key']>()(['api_key_id', 'name', 'prefix', 'secret_hash', 'scopes', 'created_by', 'created_at', 'last_used_at', 'revoked_at', 'created_by_key']),
  idempotency_record: columns<Database['idempotency_record']>()(['idempotency_key', 'principal', 'request_hash', 'status_code', 'response', 'created_at']),
  audit_event: columns<Database['audit_event']>()(['audit_id', 'occurred_at', 'actor', 'action', 'entity', 'entity_id', 'detail']),
  schema_migration: columns<Database['schema_migration']>()(['name', 'applied_at']),
  attempt_window: columns<Database['attempt_window']>()(['key', 'window_start', 'count']),
  customer_type: columns<Database['customer_type']>()(['customer_id', 'types', 'primary_type', 'numbers', 'basis', 'as_of', 'updated_at']),
  customer_type_history: columns<Database['customer_type_history']>()(['history_id', 'customer_id', 'type', 'entered_at', 'left_at', 'numbers']),
  customer_rfm_score: columns<Database['customer_rfm_score']>()(['customer_id', 'last_purchase_day', 'frequency', 'monetary_minor', 'r_score', 'f_score', 'm_score', 'segment']),
  customer_rfm: columns<Database['customer_rfm']>()(['customer_id', 'as_of', 'recency_days', 'frequency', 'monetary_minor', 'r_score', 'f_score', 'm_score', 'segment', 'last_purchase_day']),
  analysis_run: columns<Database['analysis_run']>()(['run_id', 'as_of', 'as_of_day', 'policy', 'real_customer_count', 'vip_revenue_cutoff_minor', 'vip_frequency_cutoff', 'vip_revenue_reached_count', 'vip_frequency_reached_count', 'rfm_scored', 'counts', 'started_at', 'finished_at']),
  alert: columns<Database['alert']>()(['alert_id', 'kind', 'metric', 'scope', 'granularity', 'customer_id', 'window_start', 'window_end', 'expected', 'actual', 'change_pct', 'explanation', 'raised_at', 'acknowledged_at', 'acknowledged_by']),
  segment: columns<Database['segment']>()(['segment_id', 'name', 'description', 'filter', 'member_count', 'refreshed_at', 'created_by', 'created_at', 'updated_at']),
  segment_member: columns<Database['segment_member']>()(['segment_id', 'customer_id', 'entered_at']),
  segment_membership_event: columns<Database['segment_membership_event']>()(['event_id', 'segment_id', 'customer_id', 'change', 'at']),
  persona_model: columns<Database['persona_model']>()(['model_id', 'discovered_at', 'k', 'silhouette', 'sample_size', 'population', 'feature_spec', 'candidates', 'is_current']),
  persona: columns<Database['persona']>()(['persona_id', 'model_id', 'name', 'generated_name', 'description', 'is_pinned', 'centroid', 'profile', 'retired_at', 'created_at', 'updated_at']),
  customer_persona: columns<Database['customer_persona']>()(['customer_id', 'persona_id', 'distance', 'assigned_at']),
  model_fit: columns<Database['model_fit']>()(['model_fit_id', 'model', 'unit', 'calibration_end', 'params', 'penalty', 'log_likelihood', 'converged', 'iterations', 'gradient_norm', 'bic', 'customers', 'fitted_at', 'is_predicting']),
  store_purchase_day: columns<Database['store_purchase_day']>()(['day', 'order_count', 'amount_minor', 'first_purchases', 'second_purchases']),
  store_purchase_day_gap: columns<Database['store_purchase_day_gap']>()(['day', 'previous_day', 'customers']),
  store_first_seen: columns<Database['store_first_seen']>()(['seen_at', 'customers']),
  customer_prediction: columns<Database['customer_prediction']>()(['customer_id', 'model_fit_id', 'spend_model_fit_id', 'p_alive', 'expected_purchases_90d', 'expected_spend_minor', 'clv_minor', 'clv_horizon_days', 'next_purchase_day', 'churn_risk', 'as_of', 'predicted_at', 'clv_discount_rate', 'clv_period_days', 'spend_not_estimated']),
};
