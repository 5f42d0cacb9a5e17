import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../server/app.js';
import { auditIdOfCursor, listAuditEvents } from './audit.js';
import { auditPage, auditQuery, formatAuditEvent } from './auth.schemas.js';

export async function registerAuditRoutes(instance: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = instance.withTypeProvider<ZodTypeProvider>();
  api.get('/audit', {
    config: { access: { permission: 'audit:read' } },
    schema: { tags: ['audit'], summary: 'Who changed what, newest first; page with nextCursor', querystring: auditQuery, response: { 200: auditPage } },
  }, async (request) => {
    const { cursor, ...filters } = request.query;
    const page = await listAuditEvents(deps.store.db, { ...filters, before: cursor ? auditIdOfCursor(cursor) : null });
    return { items: page.items.map(formatAuditEvent), nextCursor: page.nextBefore === null ? null : String(page.nextBefore) };
  });
}
