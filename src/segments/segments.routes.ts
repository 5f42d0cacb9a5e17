import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterOfMemberCursor, memberCursor } from '../server/pagination.js';
import type { AppDeps } from '../server/app.js';
import { actorOf, principalHasPermission, type Principal } from '../server/access.js';
import { recordAudit } from '../auth/audit.js';
import { actorForDisplay } from '../auth/index.js';
import type { SegmentWithProblems } from './persona-problems.js';
import type { SegmentRefresh } from './segments.service.js';
import { filterFields } from './filter-fields.js';
import { allowedOperators } from './filter-schema.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { isFieldAvailable } from './compile-filter.js';
import {
  createSegment, deleteSegment, getSegment, listSegments, refreshAllSegments, refreshSegment, segmentHistory, updateSegment,
} from './segments.service.js';
import { previewSegment } from './preview.service.js';
import { listMemberPage } from './member-pages.service.js';
import { consentKinds } from '../customers/consent-kinds.js';
import { errorResponse, noContent } from '../server/responses.js';
import { notFoundNamesParam } from '../server/not-found-field.js';
import { segmentErrorCodes } from './segments.errors.js';
import { heavyWork, heavyWorkRefusedResponse } from '../server/heavy-work.js';
import {
  segmentFieldsSchema, segmentMembersSchema, segmentPreviewSchema, segmentRefreshSchema, segmentSchema, segmentWithHistorySchema, writtenSegmentSchema,
} from './segment-responses.schemas.js';
import { filterInputDocumented } from './filter-document.schemas.js';

const tags = ['segments'];
const segmentParams = z.object({ segmentId: z.coerce.number().int().positive() });
// The filter is checked by parseFilter in the service, which reports every problem with its path;
// its schema only documents the shape (filter-document.schemas.ts).
const filterBody = filterInputDocumented;
// Blank names (and names of digits only) are the service's SEGMENT_NAME_INVALID, as in the CLI: a
// `min(1)` here would answer "   " with the validator's REQUEST_INVALID before the service is reached.
const segmentName = z.string().trim().max(120)
  .describe('Trimmed; needs a letter: blank, or digits alone (read as a segment number), is refused with SEGMENT_NAME_INVALID (field `name`). Unique ignoring case (SEGMENT_NAME_EXISTS)');
const segmentBody = z.strictObject({ name: segmentName, description: z.string().max(2000).nullish(), filter: filterBody });
const notFound = errorResponse('No such segment (SEGMENT_NOT_FOUND)');
const segmentNotFoundNamesParam = notFoundNamesParam('segmentId', segmentErrorCodes.notFound);
const nameTaken = errorResponse('Another segment has this name, ignoring case (SEGMENT_NAME_EXISTS; `details.segmentId` is that segment, `details.existingName` its name as saved)');
// what campaign tools sync as profile fields (Klaviyo, Braze), beside the customer list's columns
const memberPageSchema = segmentMembersSchema.extend({
  items: z.array(segmentMembersSchema.shape.items.element.extend({
    clv_minor: z.number().nullable().describe('Predicted customer lifetime value in minor units of the store currency; null when not predicted'),
    p_alive: z.number().nullable().describe('Predicted probability the customer is still buying, 0 to 1; null when not predicted'),
    churn_risk: z.string().nullable().describe('low, medium or high; null when not predicted'),
    persona: z.string().nullable().describe('The buyer persona\'s name; null without one, or without consent to profiling'),
  })),
});
const segmentResult = z.object({ segment: writtenSegmentSchema, refresh: segmentRefreshSchema });
const segmentPatch = z.strictObject({ name: segmentName.optional(), description: z.string().max(2000).nullish(), filter: filterBody.optional() })
  // an empty change would be answered like an edit and audited as one
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: 'Give at least one field to change: name, description, filter' });

/** Who made a segment, without their email unless the caller may read the audit log (see actorForDisplay). */
function shownSegment(segment: SegmentWithProblems, principal: Principal | null): SegmentWithProblems {
  return { ...segment, created_by: actorForDisplay(segment.created_by, { canReadStaffEmails: principalHasPermission(principal, 'audit:read') }) };
}

function withSegmentShown<T extends { segment: SegmentWithProblems }>(result: T, principal: Principal | null): T {
  return { ...result, segment: shownSegment(result.segment, principal) };
}

// A `write` API key may save and refresh segments but not read them or customers: the member count of a
// filter pinned to one customer (customer_id eq 3293 and email starts_with "bam") would answer any guess
// about that customer. So a write tells such a caller that it happened, and no count.
const canReadMembers = (principal: Principal | null) => principalHasPermission(principal, 'analytics:read') && principalHasPermission(principal, 'customers:read');

/** A refresh as its caller may see it: without counts unless they may read members. */
function shownRefresh(refresh: SegmentRefresh, principal: Principal | null): z.infer<typeof segmentRefreshSchema> {
  return canReadMembers(principal) ? refresh : { ...refresh, entered: null, left: null, members: null };
}

/** A segment as a write answers it: its author as shownSegment shows them, its member count only to a caller who may read members. */
function shownWrittenSegment(segment: SegmentWithProblems, principal: Principal | null): z.infer<typeof writtenSegmentSchema> {
  const shown = shownSegment(segment, principal);
  return canReadMembers(principal) ? shown : { ...shown, member_count: null };
}

export async function registerSegmentRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/segments', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Saved segments with their member counts', response: { 200: z.object({ items: z.array(segmentSchema) }) } },
  }, async (request) => ({ items: (await listSegments(db)).map((segment) => shownSegment(segment, request.principal)) }));

  api.get('/segments/fields', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Fields a filter can use, their operators, and whether this store has their data', response: { 200: segmentFieldsSchema } },
  }, async () => {
    const catalog = await loadFilterCatalog(db);
    return {
      items: Object.entries(filterFields).map(([name, field]) => ({
        name, type: field.type, source: field.source, description: field.description, operators: [...allowedOperators[field.type]],
        isAvailable: isFieldAvailable(name, catalog),
        ...(catalog.storeLists?.[name] ? { choices: [...catalog.storeLists[name]] } : {}),
      })),
    };
  });

  api.post('/segments/preview', {
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Count the customers a filter matches, without saving it',
      description: '`count`: `exact` (default) counts everyone; `estimate` counts a block sample of about 40,000 customers and says so (`isEstimate`, a 95% `interval`, `sampledCustomers`); `auto` estimates only in stores of 200,000 customers or more.',
      body: z.strictObject({ filter: filterBody, sample: z.number().int().min(0).max(50).optional(), count: z.enum(['exact', 'estimate', 'auto']).optional() }),
      response: { 200: segmentPreviewSchema },
    },
  }, async (request) => previewSegment(db, request.body.filter, { clock: deps.clock, sampleSize: request.body.sample ?? 0, count: request.body.count }));

  api.post('/segments', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Save a segment and compute its members', description: 'The Location header gives the new segment\'s address, /api/segments/{segmentId}.', body: segmentBody, response: { 201: segmentResult, 409: nameTaken } },
  }, async (request, reply) => {
    const result = await createSegment(db, request.body, { actor: actorOf(request.principal), clock: deps.clock });
    await recordAudit(db, { actor: actorOf(request.principal), action: 'segment.create', entity: 'segment', entityId: String(result.segment.segment_id), detail: { name: result.segment.name } });
    reply.header('location', `/api/segments/${result.segment.segment_id}`);
    return reply.status(201).send({ segment: shownWrittenSegment(result.segment, request.principal), refresh: shownRefresh(result.refresh, request.principal) });
  });

  api.post('/segments/refresh', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Recompute the members of every segment', response: { 200: z.object({ items: z.array(segmentRefreshSchema) }), 429: heavyWorkRefusedResponse } },
    ...heavyWork('segment refresh'),
  }, async (request) => ({ items: (await refreshAllSegments(db, { clock: deps.clock })).map((refresh) => shownRefresh(refresh, request.principal)) }));

  api.get('/segments/:segmentId', {
    ...segmentNotFoundNamesParam,
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'A segment with its latest membership changes', params: segmentParams, response: { 200: segmentWithHistorySchema, 404: notFound } },
  }, async (request) => withSegmentShown({ segment: await getSegment(db, request.params.segmentId), history: await segmentHistory(db, request.params.segmentId, 50) }, request.principal));

  api.patch('/segments/:segmentId', {
    ...segmentNotFoundNamesParam,
    config: { access: { permission: 'analytics:write' } },
    schema: {
      tags, summary: 'Rename, describe or change the filter of a segment', params: segmentParams, body: segmentPatch,
      response: { 200: z.object({ segment: writtenSegmentSchema, refresh: segmentRefreshSchema.nullable().describe('Null unless the filter changed') }), 404: notFound, 409: nameTaken },
    },
  }, async (request) => {
    const result = await updateSegment(db, request.params.segmentId, request.body, { clock: deps.clock });
    await recordAudit(db, { actor: actorOf(request.principal), action: 'segment.update', entity: 'segment', entityId: String(request.params.segmentId), detail: { fields: Object.keys(request.body) } });
    return { segment: shownWrittenSegment(result.segment, request.principal), refresh: result.refresh && shownRefresh(result.refresh, request.principal) };
  });

  api.delete('/segments/:segmentId', {
    ...segmentNotFoundNamesParam,
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Delete a segment, its members and their history', params: segmentParams, response: { 204: noContent, 404: notFound } },
  }, async (request, reply) => {
    await deleteSegment(db, request.params.segmentId);
    await recordAudit(db, { actor: actorOf(request.principal), action: 'segment.delete', entity: 'segment', entityId: String(request.params.segmentId) });
    return reply.status(204).send();
  });

  api.get('/segments/:segmentId/members', {
    ...segmentNotFoundNamesParam,
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Members in customer id order; pass `nextCursor` back as `cursor` (or `next` as `after`, not both)', params: segmentParams,
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Members per page'), after: z.coerce.number().int().positive().optional().describe('`next` of the previous page: the members after this customer id'),
        cursor: z.string().max(100).optional().describe('nextCursor of the previous page; any other value is refused with PAGINATION_CURSOR_INVALID'),
        consent: z.enum(consentKinds).optional()
          .describe('Only members who agreed to this (consent_email, consent_sms, consent_whatsapp or consent_profiling true); one never asked counts as no, as with the CLI\'s `segments members --csv --consent`'),
      // the two say the same thing: with both, one would silently win
      }).refine((query) => query.after === undefined || query.cursor === undefined, { message: 'send cursor (nextCursor of the last page) or after (its next), not both', path: ['cursor'] }),
      response: { 200: memberPageSchema, 404: notFound },
    },
  }, async (request) => {
    const { limit, after, cursor, consent } = request.query;
    const list = `segment-members:${request.params.segmentId}`;
    const page = await listMemberPage(db, request.params.segmentId, { limit, after: after ?? afterOfMemberCursor(cursor, list), consent });
    return { ...page, nextCursor: memberCursor(page.next, list) };
  });

  api.post('/segments/:segmentId/refresh', {
    ...segmentNotFoundNamesParam,
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Recompute the members of one segment', params: segmentParams, response: { 200: segmentRefreshSchema, 404: notFound } },
  }, async (request) => shownRefresh(await refreshSegment(db, request.params.segmentId, { clock: deps.clock }), request.principal));
}
