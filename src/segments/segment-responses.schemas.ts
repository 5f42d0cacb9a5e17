import { z } from 'zod';
import { objectOf, timestamp } from '../server/responses.js';
import type { MemberRow, MembershipEvent } from './membership.repo.js';
import type { SegmentPreview } from './preview.service.js';
import type { SegmentProblem, SegmentWithProblems } from './persona-problems.js';
import type { SegmentRefresh } from './segments.service.js';
import { filterOutputDocumented } from './filter-document.schemas.js';

/**
 * What the segment routes answer, following segments.repo.ts,
 * membership.repo.ts and preview.service.ts. A field missing here would be
 * left out of the answer.
 */
const segmentProblemSchema = objectOf<SegmentProblem>()({
  field: z.literal('persona'),
  value: z.string().describe('The persona name as the filter writes it'),
  code: z.enum(['PERSONA_RETIRED', 'PERSONA_MISSING']).describe('PERSONA_RETIRED: a rediscovery retired the persona of that name (it was not pinned), at retiredAt; PERSONA_MISSING: no persona ever had it'),
  retiredAt: timestamp.nullable().describe('When the discovery that retired it ran (its as-of); null with PERSONA_MISSING'),
});

export const segmentSchema = objectOf<SegmentWithProblems>()({
  segment_id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  filter: filterOutputDocumented,
  member_count: z.number(),
  refreshed_at: timestamp.nullable(),
  created_by: z.string().describe('Who saved it: a person as user:<id>, with their email only for a caller holding audit:read'),
  created_at: timestamp,
  updated_at: timestamp,
  problems: z.array(segmentProblemSchema)
    .describe('What is wrong with the saved filter now, though it was right when saved: a persona it names no longer exists, so that condition matches no one. Edit the filter, or name a current persona. Sent by every read and write of a segment; empty when nothing is wrong'),
});

/**
 * A count a write answers only to a caller who may read segments' members (analytics:read, as GET /api/segments
 * needs, and customers:read): a `write` API key may save a filter pinned to one customer, so a count would tell
 * whether a guess about that customer's email, phone or consent is true.
 */
const memberCount = (what: string) => z.number().nullable()
  .describe(`${what}; null to a caller without analytics:read and customers:read (a \`write\` API key): the write happened, but a count would tell who is in the segment`);

export const segmentRefreshSchema = objectOf<SegmentRefresh>()({
  segmentId: z.number().int(), name: z.string(),
  entered: memberCount('Customers who entered'), left: memberCount('Customers who left'), members: memberCount('Members now'), seconds: z.number(),
});

/** A segment as a write (POST, PATCH) answers it: member_count as segmentRefreshSchema's counts, null to a caller who may not read members. */
export const writtenSegmentSchema = segmentSchema.extend({ member_count: memberCount('Members at the last refresh') });

const customerSummarySchema = objectOf<SegmentPreview['sample'][number]>()({ customer_id: z.number().int(), name: z.string().nullable(), email: z.string().nullable(), city: z.string().nullable() });

export const segmentFieldsSchema = z.object({
  items: z.array(z.object({
    name: z.string(),
    type: z.enum(['number', 'text', 'date', 'boolean', 'text_list']),
    source: z.enum(['customer', 'trait', 'type', 'rfm', 'prediction', 'persona']),
    description: z.string(),
    operators: z.array(z.string()),
    isAvailable: z.boolean().describe('Whether this store has the data the field needs'),
    choices: z.array(z.string()).optional().describe('The values this store has for a field it lists them for (persona: the current personas\' names)'),
  })),
});

export const segmentPreviewSchema = objectOf<SegmentPreview>()({
  count: z.number(),
  total: z.number(),
  share: z.number(),
  sample: z.array(customerSummarySchema),
  seconds: z.number(),
  isEstimate: z.boolean(),
  interval: z.object({ low: z.number(), high: z.number(), confidence: z.literal(0.95) }).nullable(),
  sampledCustomers: z.number().nullable(),
});

export const segmentWithHistorySchema = z.object({
  segment: segmentSchema,
  history: z.array(objectOf<MembershipEvent>()({ customer_id: z.number().int(), name: z.string().nullable(), email: z.string().nullable(), change: z.enum(['entered', 'left']), at: timestamp })).describe('The latest 50 membership changes, newest first'),
});

const text = z.string().nullable();
const consent = (what: string) => z.boolean().nullable().describe(`Whether they agreed to ${what}; null when never asked`);

/** A member as GET /api/customers lists a customer, with consent and when they entered. */
const memberSchema = objectOf<MemberRow>()({
  ...customerSummarySchema.shape,
  kind: z.string().describe('person or organization'),
  phone: text.describe('E.164, e.g. +6281299990000'),
  country: text.describe('ISO 3166-1 alpha-2'),
  is_stub: z.boolean(),
  created_at: timestamp,
  first_purchase_at: timestamp.nullable(),
  last_purchase_at: timestamp.nullable(),
  order_count: z.number(),
  revenue_minor: z.number().describe('Net revenue in minor units of the store currency'),
  purchase_days: z.number(),
  is_real: z.boolean().describe('Has at least one order'),
  types: z.array(z.string()).nullable().describe('Customer types from the last analysis'),
  primary_type: text,
  rfm_segment: text,
  consent_email: consent('email marketing'),
  consent_sms: consent('SMS marketing'),
  consent_whatsapp: consent('WhatsApp marketing'),
  consent_profiling: consent('profiling'),
  entered_at: timestamp,
});

export const segmentMembersSchema = z.object({
  items: z.array(memberSchema),
  next: z.number().int().nullable().describe('Pass as `after` for the next page; null on the last'),
  nextCursor: z.string().nullable().describe('The same, as every other list pages: pass as `cursor`; null on the last page'),
});
