/** Response shapes of the endpoints the app uses, as the server sends them (see /api/openapi.json). */
export type Permission =
  | 'account:manage' | 'customers:read' | 'customers:write' | 'customers:merge' | 'customers:export' | 'ingest:write' | 'consent:override'
  | 'analytics:read' | 'analytics:write' | 'settings:write' | 'users:manage' | 'api-keys:manage' | 'audit:read';

export type Locale = 'en' | 'id' | 'lv';

export type Me = {
  userId: number; email: string; name: string; role: 'owner' | 'admin' | 'marketer' | 'agent' | 'analyst'; locale: string | null;
  mustChangePassword: boolean; permissions: Permission[]; csrfToken: string;
};

/** GET /api/users: a staff member as an owner or administrator sees them. */
export type StaffUser = {
  userId: number; email: string; name: string; role: Me['role']; locale: string | null; mustChangePassword: boolean;
  disabledAt: string | null; createdAt: string;
};

/**
 * GET /api/api-keys: a key without its secret. `scopesInEffect`: the granted scopes it may use now (none once revoked; a key acts
 * for its creator, so a scope their role no longer grants is suspended); `creator` is null for a key made from
 * the command line.
 */
export type ApiKey = {
  apiKeyId: number; name: string; prefix: string; scopes: string[]; scopesInEffect: string[]; createdBy: number | null;
  creator: { userId: number; email: string; role: Me['role']; isDisabled: boolean } | null;
  /** The key that made this one (revoked with it), or null when a person or the command line did. */
  createdByKey: { apiKeyId: number; name: string } | null;
  createdAt: string; lastUsedAt: string | null; revokedAt: string | null;
};

export type CustomerSummary = {
  customer_id: number; kind: string; name: string | null; email: string | null; phone: string | null; city: string | null; country: string | null;
  is_stub: boolean; created_at: string; first_purchase_at: string | null; last_purchase_at: string | null; order_count: number;
  revenue_minor: number; purchase_days: number; is_real: boolean;
  /** null: never asked. */
  consent_email: boolean | null; consent_sms: boolean | null; consent_whatsapp: boolean | null; consent_profiling: boolean | null;
  /** From the last analysis; absent or null before one has run. */
  types?: string[] | null; primary_type?: string | null; rfm_segment?: string | null;
};

export type Page<T> = { items: T[]; nextCursor: string | null };

export type Customer = {
  customer_id: number; kind: string; name: string | null; email: string | null; phone: string | null; birth_year: number | null;
  gender: string | null; city: string | null; region: string | null; country: string | null; income_band: string | null;
  consent_email: boolean | null; consent_sms: boolean | null; consent_whatsapp: boolean | null; consent_profiling: boolean | null; is_stub: boolean;
  merged_into_customer_id: number | null; created_at: string; updated_at: string;
};

export type Identity = { kind: 'email' | 'phone' | 'external'; namespace: string; value: string; created_at: string };

export type Traits = {
  first_purchase_at: string | null; last_purchase_at: string | null; purchase_days: number; order_count: number; revenue_minor: number;
  refunded_minor: number; refunded_order_count: number; promotion_order_count: number; store_order_count: number; web_order_count: number;
  mobile_order_count: number; marketplace_order_count: number; phone_order_count: number; other_order_count: number;
  first_interest_at: string | null; first_interest_channel: string | null; interest_event_count: number;
};

export type CategoryFact = { category: string; line_count: number; quantity: number; amount_minor: number };

/** The persona a customer belongs to now; null when none (not a buyer, no profiling consent, or no personas yet). */
export type CustomerPersona = { persona_id: number; name: string };

/** The latest analysis's RFM score; `orders_recorded_since`: the customer's orders recorded or changed after `analysed_at`, not in it. */
export type CustomerRfm = { r_score: number; f_score: number; m_score: number; segment: string; as_of: string; analysed_at: string; orders_recorded_since: number };

export type CustomerDetail = {
  customer: Customer; identities: Identity[]; traits: Traits | null; categories: CategoryFact[]; persona: CustomerPersona | null;
  rfm?: CustomerRfm | null;
  /** Only what the customer page reads of it (the prediction card's figures come from GET /api/customers/{id}/prediction). */
  prediction?: { predicted_at: string; orders_recorded_since: number } | null;
  /** Proof of each consent: since when it holds its stored value, and through what; absent from answers of servers before it. */
  consents?: { email: ConsentProof; sms: ConsentProof; profiling: ConsentProof; whatsapp?: ConsentProof };
};

/** `since`/`source` null when the consent was set before consent changes were recorded (or never); `import_run_id` for import and ingest. */
export type ConsentProof = { since: string | null; source: 'import' | 'ingest' | 'staff' | 'merge' | 'unmerge' | 'suppression' | null; import_run_id: number | null };

export type TimelineEntry = {
  at: string; kind: 'order' | 'interest' | 'merge' | 'type_change' | 'prediction' | 'profile_change' | 'identity_removal'
    | 'identity_addition' | 'customer_creation'; id: number; title: string;
  detail: Record<string, unknown>;
};

export type IngestEntity = 'customers' | 'orders' | 'lines' | 'products' | 'events';

/**
 * A rejected row: `code` and `params` (the values named) say why for the app to translate, `reason` says it in English (docs/import.md, "Reject codes").
 * `also`: the row's other problems, said the same way; absent when none (and from answers stored before rejects named them).
 */
export type Reject = {
  file: string; line: number; field: string | null; code: string; params: Record<string, string | number>; reason: string;
  also?: Array<Pick<Reject, 'field' | 'code' | 'params' | 'reason'>>;
};

/** Orders beside the row counts of an orders or lines import, each order counted once as what it became. */
export type OrderCounts = { inserted: number; updated: number; unchanged: number; rejected: number };

/** `orders`: null for entities without orders; absent from an answer the server stored before it counted orders (an idempotent replay). */
export type IngestSummary = {
  importId: number; entity: IngestEntity; read: number; inserted: number; updated: number; unchanged: number; rejected: number; rejects: Reject[];
  orders?: OrderCounts | null;
  /** Record fields the server did not read (an order line's fields in orders without unit_price); absent from answers stored before it said so. */
  ignoredFields?: string[];
  /** Customers the batch created (buyers or people no stored customer was found for); absent from answers stored before it was counted. */
  createdCustomers?: number;
};

/** A system the store's customer ids come from, with how many it holds (GET /api/ingest/sources, the most first). */
export type CustomerIdSource = { source: string; ids: number };

/** An import run as GET /api/imports lists it (one file, or one API batch sent alone). */
export type ImportRun = {
  import_id: number; entity: string; file_name: string | null; status: 'running' | 'completed' | 'failed' | 'interrupted';
  read_count: number; inserted_count: number; updated_count: number; unchanged_count: number; rejected_count: number;
  order_inserted_count: number | null; started_at: string; finished_at: string | null; started_by: string;
};

/** Expected from GET /api/settings (asked of the lead; the store's own settings in src/settings). */
export type StoreSettings = {
  name: string; currency: string; timeZone: string; defaultCountry: string; isSynthetic: boolean; dataAsOf: string | null; demoDataset: string | null;
  /** False when the store has orders but none carries an amount (src/analytics/report-money.ts). */
  hasPrices?: boolean;
};

/** Why the currency, time zone or phone country can no longer change (GET /api/settings `fixed`). */
export type FixedReason = {
  code: 'orders' | 'import_running' | 'product_prices' | 'money_segments' | 'recorded_times' | 'phone_numbers';
  message: string; segments?: string[]; file?: string | null;
};
export type FixedSettings = { currency: FixedReason | null; timeZone: FixedReason | null; defaultCountry: FixedReason | null };
