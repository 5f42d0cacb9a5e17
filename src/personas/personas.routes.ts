import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf } from '../server/access.js';
import { recordAudit } from '../auth/audit.js';
import { assignPersonas } from './assign.service.js';
import { discoverPersonas } from './discover.service.js';
import { compareGroupDrift } from './drift.service.js';
import { getPersona, listPersonas, pinPersona, renamePersona } from './personas.service.js';

const tags = ['personas'];
const personaParams = z.object({ personaId: z.coerce.number().int().positive() });
const period = z.strictObject({ from: z.coerce.date(), to: z.coerce.date() });
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

export async function registerPersonaRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/personas', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Current buyer personas with profiles, largest first' },
  }, async () => listPersonas(db));

  api.post('/personas/discover', {
    config: { access: { permission: 'analytics:write' } },
    schema: {
      tags, summary: 'Discover personas by clustering (k by silhouette unless given); pinned personas are kept',
      body: z.strictObject({ k: z.number().int().min(2).max(12).optional(), kMin: z.number().int().min(2).max(12).optional(), kMax: z.number().int().min(2).max(12).optional(), sampleSize: z.number().int().min(100).max(200_000).optional(), seed: z.number().int().optional() }).default({}),
    },
  }, async (request) => {
    const discovery = await discoverPersonas(db, { clock: deps.clock, ...request.body });
    await recordAudit(db, { actor: actorOf(request.principal), action: 'personas.discover', entity: 'persona_model', entityId: String(discovery.modelId), detail: { k: discovery.k } });
    return discovery;
  });

  api.post('/personas/assign', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Place customers (or everyone) at their nearest current persona', body: z.strictObject({ customerIds: z.array(z.number().int().positive()).max(100_000).optional() }).default({}) },
  }, async (request) => assignPersonas(db, request.body.customerIds, { asOf: deps.clock.now() }));

  api.post('/drift', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'What moved in a target group between two periods, with effect sizes and chart series', body: driftBodySchema },
  }, async (request) => compareGroupDrift(db, request.body));

  api.get('/personas/:personaId', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'A persona and its profile', params: personaParams },
  }, async (request) => getPersona(db, request.params.personaId));

  api.patch('/personas/:personaId', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Rename, describe, pin or unpin a persona', params: personaParams, body: z.strictObject({ name: z.string().trim().min(1).max(120).optional(), description: z.string().max(2000).nullish(), isPinned: z.boolean().optional() }) },
  }, async (request) => {
    const { personaId } = request.params;
    const { isPinned, ...naming } = request.body;
    if (naming.name !== undefined || naming.description !== undefined) await renamePersona(db, personaId, naming);
    if (isPinned !== undefined) await pinPersona(db, personaId, isPinned);
    await recordAudit(db, { actor: actorOf(request.principal), action: 'persona.update', entity: 'persona', entityId: String(personaId), detail: { fields: Object.keys(request.body) } });
    return getPersona(db, personaId);
  });
}
