import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf } from '../server/access.js';
import { recordAudit } from '../auth/audit.js';
import { getStoreSettings, updateStoreSettings } from './index.js';

export async function registerSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;
  api.get('/settings', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags: ['settings'], summary: "The store's name, currency, time zone, default phone country, and whether its data is synthetic or a static data set (with its as-of date)" },
  }, async () => ({ ...(await getStoreSettings(db)), store: deps.store.kind }));

  api.patch('/settings', {
    config: { access: { permission: 'settings:write' } },
    schema: { tags: ['settings'], summary: "Rename the store (currency and time zone are fixed once data exists: they define every stored amount and day)", body: z.object({ name: z.string().trim().min(1).max(120) }).strict() },
  }, async (request) => {
    const settings = await updateStoreSettings(db, { name: request.body.name });
    await recordAudit(db, { actor: actorOf(request.principal), action: 'settings.update', entity: 'store', entityId: 'name', detail: request.body });
    return settings;
  });
}
