import { AppError } from '../core/errors.js';

/** `field` names where the id came from, e.g. `otherCustomerId` in a merge request. */
export const customerNotFound = (customerId: number, field = 'customerId') =>
  new AppError('CUSTOMER_NOT_FOUND', `Customer #${customerId} does not exist (or was merged into another customer).`, { field });

/** A customer merged into another: `details.mergedInto` names them, as GET /customers/:id does. */
export const customerMergedAway = (customerId: number, mergedInto: number, field = 'customerId') =>
  new AppError('CUSTOMER_NOT_FOUND', `Customer #${customerId} was merged into #${mergedInto}; use #${mergedInto} instead, or undo that merge first.`, { field, mergedInto });

export const identityInvalid = (field: string, reason: string) => new AppError('CUSTOMER_IDENTITY_INVALID', reason, { field });

/**
 * `field` names what the request sent: `email`, `phone` or an item of `identities`;
 * `details.belongsTo` the customer who has it, so a client can name them and offer the merge.
 */
export const identityTaken = (value: string, customerId: number, field: string) =>
  new AppError('CUSTOMER_IDENTITY_CONFLICT', `The identity "${value}" already belongs to customer #${customerId}. Merge the two customers instead.`, { field, belongsTo: customerId });

export const mergeInvalid = (message: string) => new AppError('CUSTOMER_MERGE_INVALID', message);

export const mergeNotFound = (mergeId: number) => new AppError('CUSTOMER_MERGE_NOT_FOUND', `Merge #${mergeId} does not exist.`, { field: 'mergeId' });

export const mergeAlreadyUndone = (mergeId: number) => new AppError('CUSTOMER_MERGE_CONFLICT', `Merge #${mergeId} was already undone.`);

/** Why an undo was refused: the stable `details.reason` of CUSTOMER_MERGE_UNDO_CONFLICT. */
export type UndoRefusal = 'kept_customer_deleted' | 'kept_customer_merged' | 'merged_customer_missing' | 'moved_facts_missing';

export const mergeUndoRefused = (mergeId: number, reason: UndoRefusal, message: string, details: Record<string, unknown> = {}) =>
  new AppError('CUSTOMER_MERGE_UNDO_CONFLICT', `Merge #${mergeId} cannot be undone: ${message}`, { mergeId, reason, ...details });

export const customerEmpty = () =>
  new AppError('CUSTOMER_EMPTY', 'A new customer needs at least one thing to know them by: a name, an email, a phone, another profile field or an identity.', { field: 'name' });
