import { AppError } from '../core/errors.js';

export const customerNotFound = (customerId: number) =>
  new AppError('CUSTOMER_NOT_FOUND', `Customer #${customerId} does not exist (or was merged into another customer).`, { field: 'customerId' });

export const identityInvalid = (field: string, reason: string) => new AppError('CUSTOMER_IDENTITY_INVALID', reason, { field });

export const identityTaken = (value: string, customerId: number) =>
  new AppError('CUSTOMER_IDENTITY_CONFLICT', `The identity "${value}" already belongs to customer #${customerId}. Merge the two customers instead.`, { field: 'identities' });

export const mergeInvalid = (message: string) => new AppError('CUSTOMER_MERGE_INVALID', message);

export const mergeNotFound = (mergeId: number) => new AppError('CUSTOMER_MERGE_NOT_FOUND', `Merge #${mergeId} does not exist.`, { field: 'mergeId' });

export const mergeAlreadyUndone = (mergeId: number) => new AppError('CUSTOMER_MERGE_CONFLICT', `Merge #${mergeId} was already undone.`);

export const cursorInvalid = () => new AppError('PAGINATION_CURSOR_INVALID', 'The cursor is not valid. Start again without a cursor.', { field: 'cursor' });
