import { sql, type RawBuilder } from 'kysely';
import type { StoreCalendar } from './filter-days.js';
import { closedLists, type ClosedList } from './filter-values.js';

/**
 * The whitelist of fields a filter may name. Input never becomes SQL text: a
 * field name from a filter is only ever a key into this table, and each entry
 * builds its expression from fixed identifiers.
 *
 * Table aliases used by the expressions: c customer, t customer_trait,
 * ct customer_type, r customer_rfm, p customer_prediction, pn persona (through customer_persona).
 */
export type FieldType = 'number' | 'text' | 'date' | 'boolean' | 'text_list';
export type FieldSource = 'customer' | 'trait' | 'type' | 'rfm' | 'prediction' | 'persona';
/** The as-of time and the store's calendar: ages and days since a purchase are counted on it. */
export type FieldContext = StoreCalendar;

export type FieldDefinition = {
  type: FieldType;
  source: FieldSource;
  description: string;
  /** `table.column` pairs that must exist (optional sources are checked before compiling). */
  requires: string[];
  expression: (context: FieldContext) => RawBuilder<unknown>;
  /**
   * A number field whose SQL value is an integer: whole-number values are then
   * compared as bigint, which casts nothing, so the column keeps its statistics
   * and indexes (a numeric parameter would cast the column to numeric).
   */
  isWholeNumber?: boolean;
  /** For counts that read 0 without a trait row: the bare column, usable when 0 fails the test. */
  storedColumn?: () => RawBuilder<unknown>;
  /** A text field whose values come from a closed list, stored as the list spells them (filter-values.ts). */
  closedList?: ClosedList;
  /**
   * A text field whose values the store lists (persona names): checked like a closed list when a
   * filter is saved or previewed, against the list the filter catalog loads (storeLists).
   */
  storeList?: { noun: string };
  /** A date field that holds calendar days (a `date` column), compared as days rather than instants. */
  isCalendarDay?: boolean;
  /** A place name, compared with its accents folded as well as its case: "riga" is Rīga, as in the customer list. */
  isAccentBlind?: boolean;
  /**
   * A consent: only a recorded yes is yes, and a customer never asked (null) counts as no in `eq` and
   * `neq`, as the customer list's and the members export's consent filters count them (hasAgreedTo).
   * `is_null` still finds those never asked.
   */
  isConsent?: boolean;
};

const column = (type: FieldType, source: FieldSource, table: string, alias: string, name: string, description: string, isWholeNumber = false): FieldDefinition => ({
  type, source, description, requires: [`${table}.${name}`], expression: () => sql.ref(`${alias}.${name}`), ...(isWholeNumber ? { isWholeNumber } : {}),
});
const customerColumn = (type: FieldType, name: string, description: string) => column(type, 'customer', 'customer', 'c', name, description, type === 'number');
// Customers without a trait row have bought nothing: counts read 0, not unknown.
const traitCount = (name: string, description: string): FieldDefinition => ({
  type: 'number', source: 'trait', description, requires: [], isWholeNumber: true,
  expression: () => sql`coalesce(${sql.ref(`t.${name}`)}, 0)`, storedColumn: () => sql.ref(`t.${name}`),
});
const traitColumn = (type: FieldType, name: string, description: string) => column(type, 'trait', 'customer_trait', 't', name, description);
const withClosedList = (definition: FieldDefinition, closedList: ClosedList): FieldDefinition => ({ ...definition, closedList });
const accentBlind = (definition: FieldDefinition): FieldDefinition => ({ ...definition, isAccentBlind: true });
const consent = (definition: FieldDefinition): FieldDefinition => ({ ...definition, isConsent: true });
/** The as-of year on the store's calendar (on 31 December at 20:00 UTC it is already next year in Jakarta). */
const asOfYear = ({ asOfDay }: FieldContext) => Number(asOfDay.slice(0, 4));

export const filterFields: Record<string, FieldDefinition> = {
  customer_id: customerColumn('number', 'customer_id', 'internal customer id'),
  kind: withClosedList(customerColumn('text', 'kind', "'person' or 'organization'"), closedLists.customerKind),
  name: customerColumn('text', 'name', 'full name'),
  email: customerColumn('text', 'email', 'email address'),
  // is_null false: has a phone number (as email is_null false: has an email), e.g. for a WhatsApp or SMS audience
  phone: customerColumn('text', 'phone', 'phone number as stored, with its country code (+6281234567890)'),
  gender: customerColumn('text', 'gender', 'gender as imported'),
  city: accentBlind(customerColumn('text', 'city', 'city')),
  region: accentBlind(customerColumn('text', 'region', 'region or province')),
  country: customerColumn('text', 'country', 'ISO 3166 two-letter country code'),
  income_band: customerColumn('text', 'income_band', 'income band as imported'),
  birth_year: customerColumn('number', 'birth_year', 'year of birth'),
  age: {
    type: 'number', source: 'customer', description: 'age in whole years at the as-of year (from birth_year)', requires: [], isWholeNumber: true,
    expression: (context) => sql`(${asOfYear(context)}::int - c.birth_year)`,
  },
  created_at: customerColumn('date', 'created_at', 'when the customer was first recorded'),
  consent_email: consent(customerColumn('boolean', 'consent_email', 'agreed to email marketing (never asked counts as no)')),
  consent_sms: consent(customerColumn('boolean', 'consent_sms', 'agreed to SMS marketing (never asked counts as no)')),
  consent_whatsapp: consent(customerColumn('boolean', 'consent_whatsapp', 'agreed to WhatsApp marketing (never asked counts as no)')),
  consent_profiling: consent(customerColumn('boolean', 'consent_profiling', 'agreed to profiling (never asked counts as no)')),
  is_stub: customerColumn('boolean', 'is_stub', 'known only from an order, no profile yet'),

  is_buyer: {
    type: 'boolean', source: 'trait', description: 'has at least one paid order', requires: [],
    expression: () => sql`(coalesce(t.order_count, 0) > 0)`,
  },
  order_count: traitCount('order_count', 'paid orders'),
  purchase_days: traitCount('purchase_days', 'distinct days with a purchase (store time zone)'),
  revenue_minor: traitCount('revenue_minor', 'revenue in minor units of the store currency'),
  refunded_minor: traitCount('refunded_minor', 'refunded amount in minor units'),
  refunded_order_count: traitCount('refunded_order_count', 'orders with a refund'),
  promotion_order_count: traitCount('promotion_order_count', 'orders with a promotion code'),
  store_order_count: traitCount('store_order_count', 'orders in a shop'),
  web_order_count: traitCount('web_order_count', 'orders on the web'),
  mobile_order_count: traitCount('mobile_order_count', 'orders in the app'),
  marketplace_order_count: traitCount('marketplace_order_count', 'orders through a marketplace'),
  phone_order_count: traitCount('phone_order_count', 'orders by phone'),
  other_order_count: traitCount('other_order_count', 'orders through other channels'),
  interest_event_count: traitCount('interest_event_count', 'sign-ups, inquiries, carts and visits'),
  average_order_minor: {
    type: 'number', source: 'trait', description: 'revenue per paid order in minor units', requires: [],
    expression: () => sql`(t.revenue_minor::numeric / nullif(t.order_count, 0))`,
  },
  first_purchase_at: traitColumn('date', 'first_purchase_at', 'first paid order'),
  last_purchase_at: traitColumn('date', 'last_purchase_at', 'latest paid order'),
  // calendar days, as "purchased within the last N days" counts them (under N): bought yesterday evening is 1 day
  days_since_last_purchase: {
    type: 'number', source: 'trait', description: "calendar days (store time zone) from the latest paid order's day to the as-of day", requires: [], isWholeNumber: true,
    expression: ({ asOfDay, timeZone }) => sql`(${asOfDay}::date - (t.last_purchase_at at time zone ${timeZone}::text)::date)`,
  },
  first_interest_at: traitColumn('date', 'first_interest_at', 'first sign of interest'),
  first_interest_channel: traitColumn('text', 'first_interest_channel', 'channel of the first sign of interest'),

  customer_types: withClosedList(column('text_list', 'type', 'customer_type', 'ct', 'types', 'every customer type the customer has (clientele analyze)'), closedLists.customerType),
  primary_type: withClosedList(column('text', 'type', 'customer_type', 'ct', 'primary_type', 'the main customer type (clientele analyze)'), closedLists.customerType),
  rfm_segment: withClosedList(column('text', 'rfm', 'customer_rfm', 'r', 'segment', 'RFM segment name (clientele analyze)'), closedLists.rfmSegment),
  r_score: column('number', 'rfm', 'customer_rfm', 'r', 'r_score', 'RFM recency score 1-5', true),
  f_score: column('number', 'rfm', 'customer_rfm', 'r', 'f_score', 'RFM frequency score 1-5', true),
  m_score: column('number', 'rfm', 'customer_rfm', 'r', 'm_score', 'RFM monetary score 1-5', true),
  recency_days: column('number', 'rfm', 'customer_rfm', 'r', 'recency_days', 'days since last purchase at the RFM as-of time', true),

  p_alive: column('number', 'prediction', 'customer_prediction', 'p', 'p_alive', 'probability the customer is still active (models)'),
  expected_purchases_90d: column('number', 'prediction', 'customer_prediction', 'p', 'expected_purchases_90d', 'expected purchases in the next 90 days (models)'),
  expected_spend_minor: column('number', 'prediction', 'customer_prediction', 'p', 'expected_spend_minor', 'expected spend per purchase in minor units (models)', true),
  clv_minor: column('number', 'prediction', 'customer_prediction', 'p', 'clv_minor', 'predicted customer lifetime value in minor units (models)', true),
  next_purchase_day: { ...column('date', 'prediction', 'customer_prediction', 'p', 'next_purchase_day', 'predicted day of the next purchase (models)'), isCalendarDay: true },
  churn_risk: withClosedList(column('text', 'prediction', 'customer_prediction', 'p', 'churn_risk', "'low', 'medium' or 'high' (models)"), closedLists.churnRisk),

  // by name, as marketers know personas; ids change with every discovery (docs/segments.md)
  persona: {
    type: 'text', source: 'persona', description: "the customer's buyer persona by name, ignoring case; is_null: no persona (clientele personas discover)",
    requires: ['customer_persona.persona_id', 'persona.name'], expression: () => sql.ref('pn.name'), storeList: { noun: 'a persona of this store' },
  },
};

export const fieldNames = Object.keys(filterFields);

/** Where an optional source comes from, for the error that says it is missing. */
export const sourceOrigins: Record<FieldSource, string> = {
  customer: 'the customer table',
  trait: 'purchase facts',
  type: 'customer types: run `clientele analyze` after the analytics migration',
  rfm: 'RFM scores: run `clientele analyze` after the analytics migration',
  prediction: 'customer-value predictions: run `clientele models predict` after the models migration',
  persona: 'buyer personas: run `clientele personas discover`',
};

export function isFieldName(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(filterFields, name);
}

/** Amounts are whole minor units of the store currency (cents, or rupiah themselves), and every such field says so in its name. */
export function isMoneyField(name: string): boolean {
  return isFieldName(name) && filterFields[name].type === 'number' && name.endsWith('_minor');
}
