import { z } from 'zod';
import { cursorPage, objectOf, timestamp } from '../server/responses.js';
import type { ConsentProof, CustomerSummary, getCustomer } from './customers.queries.js';
import type { listMerges } from './merge.service.js';
import type { TimelineEntry } from './timeline.js';
import type { RemovedIdentity } from './remove-identity.service.js';
import { searchHintCodes } from './search-identities.js';
import { spendNotEstimatedReasons } from '../models/models.tables.js';

type CustomerDetail = Awaited<ReturnType<typeof getCustomer>>;

/**
 * What the customer routes answer, field for field as the queries return
 * them (database column names; times as ISO 8601). A field missing here would
 * be left out of the answer, so these follow customers.queries.ts, timeline.ts
 * and the table types in db/schema.ts.
 */
const text = z.string().nullable();
const count = z.number();
const customerKind = z.enum(['person', 'organization']);

export const customerRowSchema = objectOf<CustomerDetail['customer']>()({
  customer_id: z.number().int(),
  kind: customerKind,
  name: text,
  email: text,
  phone: text.describe('E.164, e.g. +6281299990000'),
  birth_year: z.number().int().nullable(),
  gender: text,
  city: text,
  region: text,
  country: text.describe('ISO 3166-1 alpha-2'),
  income_band: text,
  consent_email: z.boolean().nullable(),
  consent_sms: z.boolean().nullable(),
  consent_whatsapp: z.boolean().nullable().describe('Whether they agreed to WhatsApp marketing; null when never asked'),
  consent_profiling: z.boolean().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])).describe('Extra columns of imported files'),
  is_stub: z.boolean().describe('Known only from an order or event so far, with no profile of their own'),
  merged_into_customer_id: z.number().int().nullable(),
  import_id: z.number().int().nullable(),
  import_line: z.number().int().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

const identitySchema = objectOf<CustomerDetail['identities'][number]>()({ kind: z.enum(['email', 'phone', 'external']), namespace: z.string(), value: z.string(), created_at: timestamp });

const traitsSchema = objectOf<NonNullable<CustomerDetail['traits']>>()({
  customer_id: z.number().int(),
  first_purchase_at: timestamp.nullable(),
  last_purchase_at: timestamp.nullable(),
  purchase_days: count,
  order_count: count,
  revenue_minor: count.describe('Net revenue in minor units of the store currency'),
  refunded_minor: count,
  refunded_order_count: count,
  promotion_order_count: count,
  store_order_count: count,
  web_order_count: count,
  mobile_order_count: count,
  marketplace_order_count: count,
  phone_order_count: count,
  other_order_count: count,
  first_interest_at: timestamp.nullable(),
  first_interest_channel: text,
  interest_event_count: count,
  updated_at: timestamp,
}).describe('Purchase facts, kept current with every order');

const categorySchema = objectOf<CustomerDetail['categories'][number]>()({ category: z.string(), line_count: count, quantity: count, amount_minor: count });

const predictionSchema = objectOf<NonNullable<CustomerDetail['prediction']>>()({
  customer_id: z.number().int(),
  model_fit_id: z.number().int(),
  spend_model_fit_id: z.number().int().nullable(),
  p_alive: z.number().nullable().describe('Null when not estimated: BG/NBD gives a customer without a repeat purchase 1 whatever their silence'),
  expected_purchases_90d: z.number(),
  expected_spend_minor: z.number().nullable(),
  clv_minor: z.number().nullable(),
  clv_horizon_days: z.number().int().nullable().describe('The days the CLV sums expected purchases over; null for predictions stored before it was kept'),
  clv_discount_rate: z.number().nullable().describe('The CLV\'s discount rate per period of clv_period_days (0.01: 1%; 0: not discounted); null for predictions stored before it was kept'),
  clv_period_days: z.number().nullable().describe('The days of one discount period; null for predictions stored before it was kept'),
  spend_not_estimated: z.enum(spendNotEstimatedReasons).nullable().describe('Why expected_spend_minor and clv_minor are null: free_purchases_only (every purchase up to as_of was free, and the spend model describes paid purchases), no_spend_model (the run had no usable spend model); null when they were predicted, and for predictions stored before it was kept'),
  next_purchase_day: z.iso.date().nullable().describe('The day (YYYY-MM-DD, store calendar) the next purchase is expected on; null when none is expected, or P(alive) is not estimated'),
  churn_risk: z.enum(['low', 'medium', 'high']).nullable().describe('From P(alive); null when P(alive) is not estimated'),
  as_of: z.iso.date().describe('The day (YYYY-MM-DD, store calendar) the prediction describes, purchases up to its end: its model\'s calibration end. A plain date, not a time of day'),
  predicted_at: timestamp,
  orders_recorded_since: count.describe('The customer\'s orders recorded or changed (a refund, a status), or moved to them by a merge (still standing), after predicted_at: not in these figures until the next `models predict`'),
});

const rfmSchema = objectOf<NonNullable<CustomerDetail['rfm']>>()({
  r_score: z.number().int(),
  f_score: z.number().int(),
  m_score: z.number().int(),
  segment: z.string(),
  as_of: z.string().describe('The day (YYYY-MM-DD) the analysis scored as of'),
  analysed_at: timestamp.describe('When the analysis that made the score started'),
  orders_recorded_since: count.describe('The customer\'s orders recorded or changed (a refund, a status), or moved to them by a merge (still standing), after analysed_at: not in the score until the next analysis'),
});

const consentProofSchema = objectOf<ConsentProof>()({
  since: timestamp.nullable().describe('When the consent took its stored value (yes, no, or cleared); null when it was set before consent changes were recorded, or never'),
  source: z.enum(['import', 'ingest', 'staff', 'merge', 'unmerge', 'suppression']).nullable()
    .describe('Through what: import (a file), ingest (an API batch), staff (an edit), merge, unmerge (a merge undone; where the undo gave back the value held before the merge, the record from before it is shown instead, with its since and source), suppression (refused because an erased person\'s email or phone matched: docs/privacy.md); null with since'),
  import_run_id: z.number().int().nullable().describe('The import run (GET /api/imports/{importId}) for import and ingest; who made a staff edit is in the audit log (customer.update)'),
});

export const customerDetailSchema = objectOf<CustomerDetail>()({
  customer: customerRowSchema,
  consents: objectOf<CustomerDetail['consents']>()({ email: consentProofSchema, sms: consentProofSchema, whatsapp: consentProofSchema, profiling: consentProofSchema })
    .describe('Proof of each consent (consent_email, consent_sms, consent_whatsapp, consent_profiling): since when it holds its stored value, and through what'),
  identities: z.array(identitySchema),
  traits: traitsSchema.nullable(),
  categories: z.array(categorySchema).describe('Spend per product category, largest first'),
  prediction: predictionSchema.nullable().describe('The latest stored prediction (POST /api/models/predict), if any'),
  rfm: rfmSchema.nullable().describe('The RFM score of the latest analysis (POST /api/analytics/analyze); null when not scored: a lead, or not analysed since the first purchase'),
  persona: objectOf<NonNullable<CustomerDetail['persona']>>()({ persona_id: z.number().int(), name: z.string() }).nullable()
    .describe('The persona they belong to now (GET /api/personas/{personaId}); null when they have none: not a buyer, no profiling consent, or no personas discovered'),
});

export const removedIdentitySchema = objectOf<RemovedIdentity & { customer: CustomerDetail }>()({
  removed: objectOf<RemovedIdentity['removed']>()({ kind: z.enum(['email', 'phone', 'external']), namespace: z.string(), value: z.string() }).describe('The identity as it was stored (normalised)'),
  clearedField: z.enum(['email', 'phone']).nullable().describe("The profile field also emptied because it held this identity; null when it held another value or none"),
  customer: customerDetailSchema.describe('The customer as they are now'),
});

export const customerSummarySchema = objectOf<CustomerSummary>()({
  customer_id: z.number().int(),
  kind: z.string().describe('person or organization'),
  name: text,
  email: text,
  phone: text,
  city: text,
  country: text,
  is_stub: z.boolean(),
  created_at: timestamp,
  first_purchase_at: timestamp.nullable(),
  last_purchase_at: timestamp.nullable(),
  order_count: count,
  revenue_minor: count,
  purchase_days: count,
  is_real: z.boolean().describe('Has at least one order'),
  types: z.array(z.string()).nullable().describe('Customer types from the last analysis'),
  primary_type: text,
  rfm_segment: text,
  consent_email: z.boolean().nullable().describe('Whether they agreed to email marketing; null when never asked'),
  consent_sms: z.boolean().nullable().describe('Whether they agreed to SMS marketing; null when never asked'),
  consent_whatsapp: z.boolean().nullable().describe('Whether they agreed to WhatsApp marketing; null when never asked'),
  consent_profiling: z.boolean().nullable().describe('Whether they agreed to profiling; null when never asked'),
});

export const customerPageSchema = cursorPage(customerSummarySchema).extend({
  hint: z.string().optional().describe('When a search found no one and its text shows why, how to search again, in English (a phone number without its country code is read in the store\'s country)'),
  hintCode: z.enum(searchHintCodes).optional().describe('The hint, for a client to say in its own words: phone_without_country_code (read in the store\'s country, it is no number there), '
    + 'phone_not_possible (with its country code, a length no number there has), phone_not_valid (with its country code, outside the numbering plan, e.g. a placeholder); sent with hint'),
  hintValues: z.object({
    text: z.string().describe('The search as typed, trimmed'),
    country: z.string().describe('The store\'s country (ISO 3166-1 alpha-2), in which a number without its country code was read'),
    example: z.string().optional().describe('A number of the store\'s country written with its country code, e.g. +371 2612 3456, for the hint\'s "e.g."; left out for a country without a known example'),
  }).optional().describe('What the hint names; sent with hintCode'),
});
export const customerCountSchema = z.object({ count: z.number().int().describe('customers the list holds under these filters (merged customers not counted)') });

export const mergeListSchema = z.object({
  items: z.array(objectOf<Awaited<ReturnType<typeof listMerges>>[number]>()({
    merge_id: z.number().int(),
    kept_customer_id: z.number().int(),
    merged_customer_id: z.number().int(),
    merged_at: timestamp,
    merged_by: z.string(),
    undone_at: timestamp.nullable(),
    undone_by: text,
  })),
});
