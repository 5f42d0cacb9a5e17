import type { CustomerKind, InterestKind, OrderChannel } from '../db/schema.js';
import type { ChurnRisk } from '../models/index.js';
// from their own modules, not analytics/index.js: that index reaches back to segments (analyze refreshes them)
import { customerTypesByPrecedence } from '../analytics/customer-types.js';
import { rfmSegmentNames } from '../analytics/rfm-segments.js';

/**
 * The values a field can hold when they come from a closed list. A filter value is looked up in
 * its list regardless of case and stored as the list spells it ("VIP" is vip, "champions" is
 * Champions); a value the list does not hold is refused, since it could only ever match no one.
 */
export type ClosedList = { /** What one value is, with its article: "an order channel". */ noun: string; values: readonly string[] };

/**
 * A list of every member of a union that exists only as a type (a database check constraint's
 * values): written out here once, and the compiler refuses the list if it misses a member.
 */
function everyMemberOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}

export const orderChannels = everyMemberOf<OrderChannel>()(['store', 'web', 'mobile', 'marketplace', 'phone', 'other']);
export const interestKinds = everyMemberOf<InterestKind>()(['signup', 'inquiry', 'cart', 'visit', 'newsletter', 'other']);
const churnRisks = everyMemberOf<ChurnRisk>()(['low', 'medium', 'high']);
const customerKinds = everyMemberOf<CustomerKind>()(['person', 'organization']);

export const closedLists = {
  customerType: { noun: 'a customer type', values: customerTypesByPrecedence },
  rfmSegment: { noun: 'an RFM segment', values: rfmSegmentNames },
  churnRisk: { noun: 'a churn risk', values: churnRisks },
  customerKind: { noun: 'a customer kind', values: customerKinds },
  orderChannel: { noun: 'an order channel', values: orderChannels },
  interestKind: { noun: 'an interest kind', values: interestKinds },
} as const satisfies Record<string, ClosedList>;

/**
 * The values a number field can hold, where they are bounded: a probability, a score, an age, a count
 * or an amount that is never negative. A filter value outside is refused as a closed list's stranger
 * is, since no customer has it (`p_alive gt 1.5`, `age lt -1` match no one). Fields that may read
 * below zero (days since a purchase dated after the as-of day) are left out.
 */
export type NumberRange = { minimum: number; maximum?: number; /** What the values are, after "holds". */ holds: string };

const neverNegative: NumberRange = { minimum: 0, holds: 'values of 0 or more' };
const rfmScore: NumberRange = { minimum: 1, maximum: 5, holds: 'scores from 1 to 5' };

export const numberRanges: Readonly<Record<string, NumberRange>> = {
  customer_id: { minimum: 1, holds: 'customer numbers from 1 up' },
  age: { minimum: 0, holds: 'ages of 0 years or more' },
  ...Object.fromEntries([
    'order_count', 'purchase_days', 'revenue_minor', 'refunded_minor', 'refunded_order_count', 'promotion_order_count', 'store_order_count', 'web_order_count',
    'mobile_order_count', 'marketplace_order_count', 'phone_order_count', 'other_order_count', 'interest_event_count', 'average_order_minor',
    'expected_purchases_90d', 'expected_spend_minor', 'clv_minor',
  ].map((field) => [field, neverNegative])),
  r_score: rfmScore,
  f_score: rfmScore,
  m_score: rfmScore,
  p_alive: { minimum: 0, maximum: 1, holds: 'probabilities from 0 to 1' },
};
