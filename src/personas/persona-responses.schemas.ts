import { z } from 'zod';
import { objectOf, timestamp } from '../server/responses.js';
import { customerSummarySchema } from '../customers/customer-responses.schemas.js';
import type { PersonaMemberRow } from './persona-members.repo.js';

/** A member as GET /api/customers lists a customer (the same fields), with when they were placed in the persona. */
const personaMemberSchema = objectOf<PersonaMemberRow>()({
  ...customerSummarySchema.shape,
  assigned_at: timestamp.describe('When the last discovery, full assignment or change of their facts placed them in this persona'),
});

export const personaMembersSchema = z.object({
  items: z.array(personaMemberSchema),
  next: z.number().int().nullable().describe('Pass as `after` for the next page; null on the last'),
  nextCursor: z.string().nullable().describe('The same, as every other list pages: pass as `cursor`; null on the last page'),
});
