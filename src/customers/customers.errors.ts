import { AppError } from '../core/errors.js';
import type { CustomerRef } from '../ingest/canonical.js';
import { withInvisibleCharactersShown } from './invisible-characters.js';

/** `field` names where the id came from, e.g. `otherCustomerId` in a merge request. */
export const customerNotFound = (customerId: number, field = 'customerId') =>
  new AppError('CUSTOMER_NOT_FOUND', `Customer #${customerId} does not exist (or was merged into another customer).`, { field });

/** A customer merged into another: `details.mergedInto` names them, as GET /customers/:id does. */
export const customerMergedAway = (customerId: number, mergedInto: number, field = 'customerId') =>
  new AppError('CUSTOMER_NOT_FOUND', `Customer #${customerId} was merged into #${mergedInto}; use #${mergedInto} instead, or undo that merge first.`, { field, mergedInto });

export const identityInvalid = (field: string, reason: string) => new AppError('CUSTOMER_IDENTITY_INVALID', reason, { field });

/** Whether the identity was sent to create a customer or to add to one: the way out differs. */
export type IdentityUse = 'create' | 'update';

/**
 * `field` names what the request sent: `email`, `phone` or an item of `identities`;
 * `details.belongsTo` the customer who has it, so a client can name them and offer the merge.
 * A new customer has nothing to merge yet: they are the one who exists. An update may be one
 * person known twice, but only an admin or owner may merge (customers:merge).
 */
export const identityTaken = (identity: CustomerRef, customerId: number, field: string, use: IdentityUse) => {
  const named = `${identityNoun(identity)} "${identity.value}"`;
  const message = use === 'create'
    ? `This customer already exists as #${customerId}, who has the ${named}. Open customer #${customerId} and add the details there instead of creating a second customer.`
    : `The ${named} already belongs to customer #${customerId}. If they are one person, merge the two customers (an admin or owner can); otherwise correct it.`;
  return new AppError('CUSTOMER_IDENTITY_CONFLICT', message, { field, belongsTo: customerId });
};

// A caller who may write but not read customers (an API key with the write scope alone) must not learn
// who else holds an email, phone or external id: naming the owner would turn any phone number into a
// customer number. Such a caller is told what is wrong and who can resolve it, in the words an ingest
// reject uses (src/ingest/write/other-customers-hidden.ts).
const mergeAdvice = 'ask an owner or admin, who can merge customers, to merge them';

/** identityTaken as a caller who may not read customers may see it: the same code and field, no `details.belongsTo`. */
export const identityTakenByAnother = (identity: CustomerRef, field: string, use: IdentityUse) => {
  const noun = identityNoun(identity);
  const named = `${noun} ${quoted(identity)}`;
  const message = use === 'create'
    ? `The ${named} already belongs to another customer. If they are one person, ask someone who can read customers to add the details there instead of creating a second customer; otherwise correct the ${noun}.`
    : `The ${named} already belongs to another customer. If they are one person, ${mergeAdvice}; otherwise correct the ${noun}.`;
  return new AppError('CUSTOMER_IDENTITY_CONFLICT', message, { field });
};

const identityNoun = (identity: CustomerRef) =>
  identity.kind === 'email' ? 'email' : identity.kind === 'phone' ? 'phone number' : `${identity.namespace} id`;

/** A stored value may hold a format character (stored before they were refused): written out, it cannot reorder the message. */
const quoted = (identity: CustomerRef) => `"${withInvisibleCharactersShown(identity.value)}"`;

export const mergeInvalid = (message: string) => new AppError('CUSTOMER_MERGE_INVALID', message);

export const mergeNotFound = (mergeId: number) => new AppError('CUSTOMER_MERGE_NOT_FOUND', `Merge #${mergeId} does not exist.`, { field: 'mergeId' });

export const mergeAlreadyUndone = (mergeId: number) => new AppError('CUSTOMER_MERGE_CONFLICT', `Merge #${mergeId} was already undone.`);

/** Why an undo was refused: the stable `details.reason` of CUSTOMER_MERGE_UNDO_CONFLICT. */
export type UndoRefusal = 'kept_customer_deleted' | 'kept_customer_merged' | 'merged_customer_missing' | 'moved_facts_missing';

export const mergeUndoRefused = (mergeId: number, reason: UndoRefusal, message: string, details: Record<string, unknown> = {}) =>
  new AppError('CUSTOMER_MERGE_UNDO_CONFLICT', `Merge #${mergeId} cannot be undone: ${message}`, { mergeId, reason, ...details });

export const customerEmpty = () =>
  new AppError('CUSTOMER_EMPTY', 'A new customer needs at least one thing to know them by: a name, an email, a phone, another profile field or an identity.', { field: 'name' });

export const identityNotFound = (customerId: number, identity: CustomerRef) =>
  new AppError('CUSTOMER_IDENTITY_NOT_FOUND', `Customer #${customerId} has no ${identityNoun(identity)} ${quoted(identity)}.`, { field: 'value' });

/**
 * The identity came with a customer merged into this one: undo needs it back to restore them
 * (it refuses when a moved identity is gone), so it is removed from the restored customer instead.
 */
export const identityMovedByMerge = (identity: CustomerRef, mergeId: number, mergedCustomerId: number) =>
  new AppError('CUSTOMER_IDENTITY_MERGE_CONFLICT',
    `The ${identityNoun(identity)} ${quoted(identity)} came with customer #${mergedCustomerId} in merge #${mergeId}. Undo merge #${mergeId} first, then remove it from customer #${mergedCustomerId}; or keep the merge and the identity.`,
    { field: 'value', mergeId, mergedCustomerId });

/** identityMovedByMerge as a caller who may not read customers may see it: the merge, not the customer it brought. */
export const identityMovedByMergeOfAnother = (identity: CustomerRef, mergeId: number) =>
  new AppError('CUSTOMER_IDENTITY_MERGE_CONFLICT',
    `The ${identityNoun(identity)} ${quoted(identity)} came with another customer in merge #${mergeId}. Ask an admin or owner to undo merge #${mergeId} first, then remove it from the customer the undo restores; or keep the merge and the identity.`,
    { field: 'value', mergeId });
