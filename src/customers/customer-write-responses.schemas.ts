import { z } from 'zod';
import { customerDetailSchema, removedIdentitySchema } from './customer-responses.schemas.js';

/**
 * What a write answers a caller who may change customers but not read them (an API key with the
 * `write` scope alone): which customer it acted on, never their record. Sent the record, such a key
 * could read every customer by saving each number unchanged.
 */
export const customerWrittenSchema = z.object({ customerId: z.number().int() })
  .describe('For a caller without customers:read (an API key whose scopes leave out read and admin): only the customer\'s number; GET /api/customers/{customerId} needs customers:read');

const readerNote = 'For a caller with customers:read (every staff role that may write customers; an API key with the read or admin scope)';

/** POST and PATCH /customers: the customer as they are now, or only their number. */
export const customerWriteResponseSchema = z.union([customerDetailSchema.describe(`${readerNote}: the customer as they are now`), customerWrittenSchema]);

export const identityRemovedWithoutCustomerSchema = z.object({
  customerId: z.number().int(),
  clearedField: removedIdentitySchema.shape.clearedField,
}).describe('For a caller without customers:read: the customer\'s number and the profile field the removal emptied, without the identity or the customer');

/** DELETE /customers/:id/identities: the removal with the customer as they are now, or only what the removal did to the profile. */
export const identityRemovalResponseSchema = z.union([removedIdentitySchema.describe(`${readerNote}: the identity removed and the customer as they are now`), identityRemovedWithoutCustomerSchema]);
