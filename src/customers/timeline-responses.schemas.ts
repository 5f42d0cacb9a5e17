import { z } from 'zod';
import { cursorPage, objectOf, timestamp } from '../server/responses.js';
import type { TimelineEntry } from './timeline.js';
import { spendNotEstimatedReasons } from '../models/models.tables.js';

/**
 * What a timeline entry's `detail` holds, by its `kind`, as timeline.ts, timeline-type-changes.sql.ts and
 * timeline-audit-entries.ts build it. These document only (the components TimelineDetail and
 * Timeline…Detail): the answer is serialized by `detail`'s own schema, a record, so an entry is
 * never cut to what is written here. Times inside `detail` are ISO 8601 text; money is in minor
 * units of the store currency unless said otherwise.
 */
const isoText = z.string().describe('ISO 8601 time');
const minor = (what: string) => z.number().describe(`${what}, in minor units of the store currency`);
const isDateOnly = z.boolean().describe('Ordered at midnight in the store\'s zone: imported as a date without a time of day, which is not known');

const orderDetail = z.object({
  externalId: z.string(), source: z.string(), status: z.enum(['paid', 'refunded', 'partially_refunded', 'cancelled', 'credit_note']),
  channel: z.enum(['store', 'web', 'mobile', 'marketplace', 'phone', 'other']),
  amountMinor: minor('What the order counts for (converted from its currency on import)'),
  currency: z.string().describe('The currency the order was written in (ISO 4217)'),
  totalMinor: z.number().describe('The order total as written, in minor units of `currency`'),
  refundedMinor: minor('Refunded'), promotionCode: z.string().nullable(), discountMinor: minor('Discount'), location: z.string().nullable(), isDateOnly,
  lines: z.array(z.object({
    sku: z.string().nullable(), name: z.string().nullable(), category: z.string().nullable(), quantity: z.number(), unitPriceMinor: minor('Unit price'),
  })).describe('In line order; empty when the order came without lines'),
}).meta({ id: 'TimelineOrderDetail', description: 'kind `order`: an order the customer placed (GET /api/orders/{orderId} reads it back)' });

const giftDetail = z.object({
  externalId: z.string(), buyerCustomerId: z.number().int().describe('Who bought it'), asRecipient: z.literal(true), isDateOnly,
}).meta({ id: 'TimelineGiftDetail', description: 'kind `order` with asRecipient: an order someone else placed for this customer' });

const interestDetail = z.object({
  kind: z.enum(['signup', 'inquiry', 'cart', 'visit', 'newsletter', 'other']), channel: z.string(), detail: z.string().nullable().describe('What the event said, as imported'),
}).meta({ id: 'TimelineInterestDetail', description: 'kind `interest`: an interest event' });

const mergeDetail = z.object({
  mergeId: z.number().int(), keptCustomerId: z.number().int(), mergedCustomerId: z.number().int(),
  by: z.string().describe('Who merged: user:<id>, with their email only for a caller holding audit:read'),
  undoneAt: isoText.nullable().describe('When the merge was undone; null while it stands'),
}).meta({ id: 'TimelineMergeDetail', description: 'kind `merge`: this customer kept another, or was merged into another' });

const predictionDetail = z.object({
  pAlive: z.number().nullable().describe('Probability the customer is still active, 0 to 1'),
  expectedPurchases90d: z.number(), expectedSpendMinor: minor('Expected spend per purchase').nullable(), clvMinor: minor('Customer lifetime value').nullable(),
  clvHorizonDays: z.number().int().nullable().describe('The days the CLV sums expected purchases over; null for predictions stored before it was kept'),
  clvDiscountRate: z.number().nullable().describe('The CLV\'s discount rate per period of clvPeriodDays (0.01: 1%); null for predictions stored before it was kept'),
  clvPeriodDays: z.number().nullable().describe('The days of one discount period; null for predictions stored before it was kept'),
  spendNotEstimated: z.enum(spendNotEstimatedReasons).nullable().describe('Why expectedSpendMinor and clvMinor are null: free_purchases_only (every purchase was free; the spend model describes paid purchases), no_spend_model (the run had no usable spend model); null when predicted, and for predictions stored before it was kept'),
  nextPurchaseDay: z.string().nullable().describe('YYYY-MM-DD'),
  churnRisk: z.enum(['low', 'medium', 'high']).nullable(), asOf: z.string().describe('The day it describes, YYYY-MM-DD'), predictedAt: isoText,
}).meta({ id: 'TimelinePredictionDetail', description: 'kind `prediction`: the model\'s prediction for the customer' });

const typeNumbers = z.record(z.string(), z.unknown()).nullable().describe('The figures the type was judged by (docs/customer-types.md)');
const typeEnteredDetail = z.object({
  type: z.string(), change: z.literal('entered'), numbers: typeNumbers, leftAt: isoText.nullable().describe('When the type was lost; null while held'),
  sinceHistoryStart: z.boolean().describe('Already held when the type history began, so when it was taken is not known'),
  reason: z.string().describe('Why the customer holds the type, in English'),
}).meta({ id: 'TimelineTypeEnteredDetail', description: 'kind `type_change` with change `entered`: the customer took a customer type' });

const typeLeftDetail = z.object({
  type: z.string(), change: z.literal('left'), numbers: typeNumbers, enteredAt: isoText,
}).meta({ id: 'TimelineTypeLeftDetail', description: 'kind `type_change` with change `left`: the customer lost a customer type' });

const by = z.string().describe('Who did it: user:<id>, with their email only for a caller holding audit:read');
const profileChangeDetail = z.looseObject({
  fields: z.array(z.string()).describe('The profile fields changed'),
  before: z.record(z.string(), z.unknown()).nullish().describe('Their values before; absent for edits recorded before values were kept'),
  after: z.record(z.string(), z.unknown()).nullish().describe('Their values after'),
  by,
}).meta({ id: 'TimelineProfileChangeDetail', description: 'kind `profile_change`: a profile edit, as the audit log recorded it (customer.update: also replacedIdentities, addedIdentities, keptIdentities when identities changed)' });

const identityRemovalDetail = z.looseObject({
  kind: z.string().describe('email, phone or external'), namespace: z.string().nullish().describe('The system of an external id'), value: z.string(),
  clearedField: z.string().nullish().describe('The profile field cleared with it, when it was the profile\'s'), by,
}).meta({ id: 'TimelineIdentityRemovalDetail', description: 'kind `identity_removal`: an identity removed, as the audit log recorded it' });

const identityAdditionDetail = z.looseObject({
  fields: z.array(z.string()).length(0),
  addedIdentities: z.array(z.object({ kind: z.string(), namespace: z.string(), value: z.string() })).describe('The identities added'), by,
}).meta({ id: 'TimelineIdentityAdditionDetail', description: 'kind `identity_addition`: identities added by an update that changed no profile field, as the audit log recorded it (customer.update)' });

const customerCreationDetail = z.looseObject({
  fields: z.array(z.string()).describe('The profile fields given'), by,
}).meta({ id: 'TimelineCustomerCreationDetail', description: 'kind `customer_creation`: the customer created by staff or a key (customer.create); customers an import created have none' });

export const timelineDetailDocument = z.union([
  orderDetail, giftDetail, interestDetail, mergeDetail, predictionDetail, typeEnteredDetail, typeLeftDetail, profileChangeDetail, identityRemovalDetail,
  identityAdditionDetail, customerCreationDetail,
]).meta({ id: 'TimelineDetail', description: 'The facts of a timeline entry, by its kind' });

const kindsNote = 'order: TimelineOrderDetail (or TimelineGiftDetail with asRecipient, an order bought for them); interest: TimelineInterestDetail; merge: TimelineMergeDetail; '
  + 'prediction: TimelinePredictionDetail; type_change: TimelineTypeEnteredDetail or TimelineTypeLeftDetail (by detail.change); '
  + 'profile_change: TimelineProfileChangeDetail; identity_addition: TimelineIdentityAdditionDetail; identity_removal: TimelineIdentityRemovalDetail; '
  + 'customer_creation: TimelineCustomerCreationDetail';

export const timelinePageSchema = cursorPage(objectOf<TimelineEntry>()({
  at: timestamp.describe('When it happened. A type change: when it was recorded, as GET /api/customers/{customerId}/types dates it (enteredAt, leftAt), or the end of the store day it describes when that day was over by then; '
    + 'a prediction: the end of the store day it describes (its as-of day, not when it was made: detail.predictedAt)'),
  kind: z.enum(['order', 'interest', 'merge', 'type_change', 'prediction', 'profile_change', 'identity_addition', 'identity_removal', 'customer_creation'])
    .describe(`What the entry is; its detail by kind: ${kindsNote}`),
  id: z.number().int().describe('Unique among the entries of its kind at its time: a type_change saying a type was entered and the one saying it was left (detail.change) may share one'),
  title: z.string(),
  detail: z.record(z.string(), z.unknown()).meta({
    description: `The facts of the entry, by kind: ${kindsNote}`,
    allOf: [{ $ref: '#/components/schemas/TimelineDetail' }],
  }),
}));
