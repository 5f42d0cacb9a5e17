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
