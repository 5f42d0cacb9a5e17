import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterOfMemberCursor, memberCursor } from '../server/pagination.js';
import type { AppDeps } from '../server/app.js';
import { actorOf, principalHasPermission, type Principal } from '../server/access.js';
import { recordAudit } from '../auth/audit.js';
import { AppError, isAppError } from '../core/errors.js';
import { dayOrInstantSchema } from '../core/calendar-date.js';
import { errorResponse, objectOf, timestamp } from '../server/responses.js';
import { notFoundNamesParam } from '../server/not-found-field.js';
import { segmentErrorCodes } from '../segments/index.js';
import { heavyWork, heavyWorkRefusedResponse } from '../server/heavy-work.js';
import { assignPersonasExplained, type ExplainedAssignment, type ExplainedUnassigned } from './explained-assignment.service.js';
import { discoverPersonas, type Discovery } from './discover.service.js';
import { compareGroupDrift } from './drift.service.js';
import { getPersona, listPersonaMembers, listPersonas, pinPersona, readDiscoveryReadiness, renamePersona, type DiscoveryReadiness, type PersonaList, type PersonaView } from './personas.service.js';
import { clusterCandidateSchema, driftReportSchema, personaMembersSchema, personaProfileSchema } from './persona-responses.schemas.js';
import { findCurrentModel } from './personas.repo.js';
import { personaErrorCodes } from './personas.errors.js';
import { afterRetirementAdvice, retirementConflictMessage, type SegmentLosingPersonasShown } from './segment-retirement.js';
import { storeNow } from '../settings/index.js';

const tags = ['personas'];
const personaParams = z.object({ personaId: z.coerce.number().int().positive() });
// a day is a day on the store's calendar, from its start in the store's time zone; a time with an
// offset is that instant (compareGroupDrift); a day that does not exist is refused, not rolled over
const dayOrTime = dayOrInstantSchema.describe('A day (YYYY-MM-DD) on the store calendar, from its start in the store time zone; or an ISO 8601 time, that instant (one without an offset is a time on the store clock)');
const period = z.strictObject({ from: dayOrTime, to: dayOrTime });
export const driftBodySchema = z.strictObject({
  group: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({ kind: z.literal('segment'), segment: z.union([z.number().int().positive(), z.string().min(1).max(120)]) }),
    z.strictObject({ kind: z.literal('persona'), personaId: z.number().int().positive() }),
    z.strictObject({ kind: z.literal('filter'), filter: z.unknown() }),
  ]).default({ kind: 'all' }),
  before: period,
  after: period,
});

const personaNotFound = errorResponse('No such persona (PERSONA_NOT_FOUND)');
const personaNotFoundNamesParam = notFoundNamesParam('personaId', segmentErrorCodes.personaNotFound);
const personaNameTaken = errorResponse('Another persona of the same discovery has this name, ignoring case (PERSONA_NAME_EXISTS; `details.personaId` is that persona)');
const personaSchema = objectOf<PersonaView>()({
  personaId: z.number().int(), name: z.string(), generatedName: z.string(), description: z.string().nullable(), isPinned: z.boolean(), isRetired: z.boolean(),
  profile: personaProfileSchema,
});
const discoveryReadinessSchema = objectOf<DiscoveryReadiness>()({
  minimumBuyers: z.number().int().describe('Buyers (customers with a paid order) who agreed to profiling a discovery with the default range of k needs; below it POST /personas/discover refuses with PERSONA_TOO_FEW_CUSTOMERS'),
  buyers: z.number().int().describe('The store\'s buyers who agreed to profiling (consent_profiling true), counted no further than minimumBuyers: the exact number below it, minimumBuyers when the store has enough'),
  withoutConsent: z.number().int().describe('Buyers left out of persona discovery and assignment because they have not agreed to profiling (consent_profiling false, or null: never asked)'),
});
const personaListSchema = objectOf<PersonaList & { discovery: DiscoveryReadiness }>()({
  model: objectOf<PersonaList['model']>()({
    model_id: z.number().int(), discovered_at: timestamp, k: z.number().int(), silhouette: z.number().nullable(), sample_size: z.number(), population: z.number(),
    candidates: z.array(clusterCandidateSchema).describe('Every k tried, with its silhouette and inertia'), features: z.array(z.string()),
  }).nullable().describe('The discovery the personas come from; null before the first one'),
  personas: z.array(personaSchema),
  discovery: discoveryReadinessSchema.describe('Whether the store has enough buyers to discover personas, known before anyone asks'),
});
const withoutReaders = 'null to a caller without analytics:read and customers:read (a `write` API key)';
const segmentLossSchema = objectOf<SegmentLosingPersonasShown>()({
  segmentId: z.number().int(), name: z.string(),
  personas: z.array(z.string()).describe('The persona names the segment\'s filter gives that no current persona has now'),
  membersBefore: z.number().int().nullable().describe(`Members before the discovery; ${withoutReaders}`),
  membersAfter: z.number().int().nullable().describe(`Members after it; ${withoutReaders}`),
});
const segmentsConflict = errorResponse('The discovery would retire personas that saved segments name (PERSONA_DISCOVERY_SEGMENTS_CONFLICT): nothing was changed. `details.segments` lists them as `segments` of a discovery does, `details.personas` the personas to pin (PATCH /personas/{personaId} with isPinned) to keep them; send retireSegmentPersonas: true to discover anyway');
const discoverySchema = z.object({
  modelId: z.number().int(), k: z.number().int(),
  sampleSize: z.number().nullable().describe(`Buyers the personas were fitted on; ${withoutReaders}`),
  population: z.number().nullable().describe(`Buyers who agreed to profiling: those the personas were fitted on (a sample of them) and assigned; ${withoutReaders}`),
  withoutConsent: z.number().int().nullable().describe(`Buyers left out because they have not agreed to profiling (consent_profiling false, or null: never asked); ${withoutReaders}`),
  silhouette: z.number().optional().describe('The silhouette of the k chosen (see candidates); only to a caller with analytics:read and customers:read'),
  candidates: z.array(clusterCandidateSchema).optional().describe('Every k tried; only to a caller with analytics:read and customers:read'),
  seconds: z.object({ fit: z.number(), assign: z.number(), total: z.number() }).optional().describe('How long clustering, placing every buyer and the whole discovery took; only to a caller with analytics:read and customers:read'),
  personas: z.array(z.object({
    personaId: z.number().int(), name: z.string(), isPinned: z.boolean(),
    generatedName: z.string().optional().describe('The name the discovery gave it; only to a caller with analytics:read and customers:read'),
    profile: personaProfileSchema.optional().describe('As GET /personas/{personaId}; only to a caller with analytics:read and customers:read'),
  })).describe('Largest first, each with its profile; to a caller without analytics:read and customers:read only personaId, name and isPinned, in personaId order'),
  segments: z.array(segmentLossSchema).describe('Saved segments whose filter names a persona this discovery retired: they match no one by it now (GET /segments shows it as a problem). Only with retireSegmentPersonas true, since a discovery that would leave any is refused otherwise'),
  segmentsAdvice: z.string().nullable().describe('What to do about those segments, in English; null when there are none'),
}).describe('To a caller without analytics:read and customers:read (a `write` API key) only modelId, k and the personas\' ids, names and pins: the counts, re-read after one customer\'s consent changed, would tell that customer\'s');
const writtenPersonaSchema = personaSchema.extend({
  profile: personaSchema.shape.profile.nullable().describe(`Who they are (as GET /personas/{personaId}); ${withoutReaders}: a persona's size, shares and make-up, re-read after one customer changed, would tell about that customer`),
});
const assignmentSchema = objectOf<ExplainedAssignment>()({
  assigned: z.number().int().nullable().describe('Customers placed at a persona; null to a caller without customers:read (a `write` API key): the assignment ran, but a count for the ids asked for would tell whether each is a buyer who agreed to profiling'),
  seconds: z.number(),
  hasPersonas: z.boolean().describe('false before the first discovery: no one can be placed until POST /personas/discover has run'),
  notAssigned: z.array(objectOf<ExplainedUnassigned>()({
    customerId: z.number().int(),
    reason: z.enum(['notFound', 'mergedAway', 'notBuyer', 'noProfilingConsent']).describe('notFound: no such customer; mergedAway: merged into mergedInto (assign that one); notBuyer: no paid order, and personas describe buyers; noProfilingConsent: consent_profiling is false or was never asked'),
    mergedInto: z.number().int().optional(), message: z.string(),
  })).optional().describe('With customerIds only, and only to a caller with customers:read: the ids asked for that no persona may hold, and why'),
});

// A `write` API key may place customers but not read them: which ids were placed, and why the others were
// not (no such customer, merged, no purchase, no consent), would answer questions about any customer.
const canReadCustomers = (principal: Principal | null) => principalHasPermission(principal, 'customers:read');
// A `write` API key may discover and edit personas, but their figures are aggregates it may not read: with
// customers:write (flip one customer's consent, discover again) they would answer questions about that customer.
const canReadFigures = (principal: Principal | null) => principalHasPermission(principal, 'analytics:read') && canReadCustomers(principal);

/** A discovery as a caller who may not read its figures may see it: which personas it made, in id order, not by size. */
function discoveryWithoutFigures({ modelId, k, personas, segments }: Discovery): z.infer<typeof discoverySchema> {
  const shown = personas.map(({ personaId, name, isPinned }) => ({ personaId, name, isPinned })).sort((a, b) => a.personaId - b.personaId);
  return { modelId, k, sampleSize: null, population: null, withoutConsent: null, personas: shown, segments: segments.map(withoutCounts), segmentsAdvice: segmentsAdviceOf(segments) };
}

const withoutCounts = (segment: SegmentLosingPersonasShown): SegmentLosingPersonasShown => ({ ...segment, membersBefore: null, membersAfter: null });
const segmentsAdviceOf = (segments: readonly unknown[]) => (segments.length === 0 ? null : afterRetirementAdvice);

/** The refusal as a caller who may not read members may see it: the segments and personas, without counts. */
function conflictWithoutCounts(error: AppError): AppError {
  const segments = (error.details.segments as SegmentLosingPersonasShown[]).map(withoutCounts);
  const personas = error.details.personas as Array<{ personaId: number; name: string }>;
  return new AppError(error.code, retirementConflictMessage(segments, personas), { ...error.details, segments });
}

/** An assignment as a caller who may not read customers may see it: that it ran, and whether there are personas at all. */
function assignmentWithoutCustomers({ seconds, hasPersonas }: ExplainedAssignment): z.infer<typeof assignmentSchema> {
  return { assigned: null, seconds, hasPersonas };
}

export async function registerPersonaRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/personas', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Current buyer personas with profiles, largest first; none (model null) before the first discovery; and whether the store has enough buyers to discover them', response: { 200: personaListSchema } },
  }, async () => {
    const model = await findCurrentModel(db);
    const list = model ? await listPersonas(db, model) : { model: null, personas: [] };
    return { ...list, discovery: await readDiscoveryReadiness(db) };
  });

  api.post('/personas/discover', {
    config: { access: { permission: 'analytics:write' } },
    schema: {
      tags, summary: 'Discover personas by clustering (k by silhouette unless given); pinned personas are kept',
      body: z.strictObject({
        k: z.number().int().min(2).max(12).optional(), kMin: z.number().int().min(2).max(12).optional(), kMax: z.number().int().min(2).max(12).optional(), sampleSize: z.number().int().min(100).max(200_000).optional(), seed: z.number().int().optional(),
        retireSegmentPersonas: z.boolean().optional().describe('true: discover even when saved segments name personas it would retire (not pinned); they then match no one by them. Without it such a discovery is refused with 409 PERSONA_DISCOVERY_SEGMENTS_CONFLICT, listing them'),
      }).default({}),
      response: { 200: discoverySchema, 409: segmentsConflict, 429: heavyWorkRefusedResponse },
    },
    ...heavyWork('persona discovery'),
  }, async (request) => {
    const discovery = await discoverPersonas(db, { clock: deps.clock, ...request.body }).catch((error: unknown) => {
      throw isAppError(error) && error.code === personaErrorCodes.segmentsConflict && !canReadFigures(request.principal) ? conflictWithoutCounts(error) : error;
    });
    const segmentIds = discovery.segments.map((segment) => segment.segmentId);
    await recordAudit(db, { actor: actorOf(request.principal), action: 'personas.discover', entity: 'persona_model', entityId: String(discovery.modelId), detail: { k: discovery.k, ...(segmentIds.length ? { segmentsLosingPersonas: segmentIds } : {}) } });
    return canReadFigures(request.principal) ? { ...discovery, segmentsAdvice: segmentsAdviceOf(discovery.segments) } : discoveryWithoutFigures(discovery);
  });

  api.post('/personas/assign', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Place customers (or everyone) at their nearest current persona', body: z.strictObject({ customerIds: z.array(z.number().int().positive()).max(100_000).optional() }).default({}), response: { 200: assignmentSchema, 429: heavyWorkRefusedResponse } },
    ...heavyWork('persona assignment'),
  }, async (request) => {
    const assignment = await assignPersonasExplained(db, request.body.customerIds, { asOf: await storeNow(db, deps.clock) });
    return canReadCustomers(request.principal) ? assignment : assignmentWithoutCustomers(assignment);
  });

  api.post('/drift', {
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'What moved in a target group between two periods, with effect sizes and chart series', body: driftBodySchema,
      response: { 200: driftReportSchema, 404: errorResponse('The segment or persona of the group does not exist (SEGMENT_NOT_FOUND, PERSONA_NOT_FOUND)'), 429: heavyWorkRefusedResponse },
    },
    // open to the read role, and its statistics run on the main thread
    ...heavyWork('drift comparison'),
  }, async (request) => compareGroupDrift(db, request.body));

  api.get('/personas/:personaId', {
    ...personaNotFoundNamesParam,
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'A persona and its profile', params: personaParams, response: { 200: personaSchema, 404: personaNotFound } },
  }, async (request) => getPersona(db, request.params.personaId));

  api.get('/personas/:personaId/members', {
    ...personaNotFoundNamesParam,
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Members (buyers who agreed to profiling) in customer id order; pass `nextCursor` back as `cursor` (or `next` as `after`, not both); a retired persona has none', params: personaParams,
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(1000).default(50).describe('Members per page'), after: z.coerce.number().int().positive().optional().describe('`next` of the previous page: the members after this customer id'),
        cursor: z.string().max(100).optional().describe('nextCursor of the previous page; any other value is refused with PAGINATION_CURSOR_INVALID'),
      // the two say the same thing: with both, one would silently win
      }).refine((query) => query.after === undefined || query.cursor === undefined, { message: 'send cursor (nextCursor of the last page) or after (its next), not both', path: ['cursor'] }),
      response: { 200: personaMembersSchema, 404: personaNotFound },
    },
  }, async (request) => {
    const { limit, after, cursor } = request.query;
    const list = `persona-members:${request.params.personaId}`;
    const page = await listPersonaMembers(db, request.params.personaId, { limit, after: after ?? afterOfMemberCursor(cursor, list) });
    return { ...page, nextCursor: memberCursor(page.next, list) };
  });

  api.patch('/personas/:personaId', {
    ...personaNotFoundNamesParam,
    config: { access: { permission: 'analytics:write' } },
    schema: {
      tags, summary: 'Rename, describe, pin or unpin a persona; a name another persona of the same discovery has (ignoring case) is refused', params: personaParams,
      body: z.strictObject({ name: z.string().trim().min(1).max(120).optional(), description: z.string().max(2000).nullish(), isPinned: z.boolean().optional() })
        // an empty change would be answered like an edit and audited as one
        .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: 'Give at least one field to change: name, description, isPinned' }),
      response: { 200: writtenPersonaSchema, 404: personaNotFound, 409: personaNameTaken },
    },
  }, async (request) => {
    const { personaId } = request.params;
    const { isPinned, ...naming } = request.body;
    if (naming.name !== undefined || naming.description !== undefined) await renamePersona(db, personaId, naming);
    if (isPinned !== undefined) await pinPersona(db, personaId, isPinned);
    await recordAudit(db, { actor: actorOf(request.principal), action: 'persona.update', entity: 'persona', entityId: String(personaId), detail: { fields: Object.keys(request.body) } });
    const persona = await getPersona(db, personaId);
    return canReadFigures(request.principal) ? persona : { ...persona, profile: null };
  });
}
