import type { Reject } from '../canonical.js';
import type { StubJoinRecord } from './join-stubs.js';

// A caller who may write but not read customers (an `ingest` key) must not learn who else holds an
// email, phone or order: a refusal naming the owner would turn any phone number into a customer
// number and name. Such a caller is still told what is wrong and who can resolve it.

const mergeAdvice = 'ask an owner or admin, who can merge customers, to merge them';

/** The named params that are present, so that a reject stored before a param existed stays as it was. */
function paramsOf(params: Reject['params'], names: readonly string[]): Reject['params'] {
  return Object.fromEntries(names.flatMap((name) => (params[name] === undefined ? [] : [[name, params[name]]])));
}

/** How a refused identity's field reads in a sentence: customer_id as "customer id", external_id.<system> as "<system> id". */
function identityLabel(field: string): string {
  if (field === 'customer_id') return 'customer id';
  if (field.startsWith('external_id.')) return `${field.slice('external_id.'.length)} id`;
  return field;
}

/** A reject as a caller who may not read customers may see it: the same code, without the other customer's number or name. */
export function rejectWithoutOtherCustomers(reject: Reject): Reject {
  // an answer stored before rejects had codes has no params either; it is replayed as it was
  const { field, value, order } = reject.params ?? {};
  if (reject.code === 'CUSTOMER_IDENTITY_TAKEN') {
    const label = identityLabel(String(field));
    return {
      ...reject, params: paramsOf(reject.params, ['field', 'value']),
      reason: `The ${label} ${value} already belongs to another customer than the one this row describes. `
        + `If they are one person, ${mergeAdvice}, then import the row again; otherwise correct the ${label}.`,
    };
  }
  if (reject.code === 'ORDER_OTHER_CUSTOMER') {
    return {
      ...reject, params: paramsOf(reject.params, ['order', 'field', 'value']),
      reason: `Order ${order} already belongs to another customer than the one this row's ${field} "${value}" names, and an order keeps its customer. `
        + `If it is another order, give it an order id of its own; if it is the same order, correct ${field}, or, when both are one person, ${mergeAdvice} and import the row again.`,
    };
  }
  return reject;
}

/** A join as a caller who may not read customers may see it: its line and the merges, not which customers they were. */
export type HiddenStubJoin = Pick<StubJoinRecord, 'line' | 'mergeIds'> & Partial<Pick<StubJoinRecord, 'customerId' | 'mergedCustomerIds'>>;

export function joinWithoutCustomers({ line, mergeIds }: StubJoinRecord): HiddenStubJoin {
  return { line, mergeIds };
}

/**
 * A batch's answer as a caller who may not read customers may see it; also applied to a replayed
 * answer, which was stored as its first caller saw it, whatever the caller may read today.
 */
export function summaryWithoutOtherCustomers<S extends { rejects?: Reject[]; joins?: StubJoinRecord[] }>(summary: S): Omit<S, 'joins'> & { joins?: HiddenStubJoin[] } {
  return {
    ...summary,
    ...(summary.rejects ? { rejects: summary.rejects.map(rejectWithoutOtherCustomers) } : {}),
    ...(summary.joins ? { joins: summary.joins.map(joinWithoutCustomers) } : {}),
  };
}
