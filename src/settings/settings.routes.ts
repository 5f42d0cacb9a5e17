import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf } from '../server/access.js';
import { recordAudit } from '../auth/audit.js';
import { objectOf } from '../server/responses.js';
import { getStoreSettings, updateStoreSettings, type StoreSettings } from './index.js';

const storeSettingsSchema = objectOf<StoreSettings>()({
  name: z.string(),
  currency: z.string().describe('ISO 4217; every amount is in its minor units'),
  timeZone: z.string().describe('IANA time zone of the store calendar'),
  defaultCountry: z.string().describe('For phone numbers written without a country code'),
  isSynthetic: z.boolean().describe('The data is the synthetic demo store'),
  dataAsOf: z.string().nullable().describe('A static data set: the day its reports are as of'),
  demoDataset: z.string().nullable(),
});

export async function registerSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;
  api.get('/settings', {
    config: { access: { permission: 'customers:read' } },
    schema: {
      tags: ['settings'], summary: "The store's name, currency, time zone, default phone country, and whether its data is synthetic or a static data set (with its as-of date)",
      response: { 200: storeSettingsSchema.extend({ store: z.enum(['embedded', 'server']) }) },
    },
  }, async () => ({ ...(await getStoreSettings(db)), store: deps.store.kind }));

  api.patch('/settings', {
    config: { access: { permission: 'settings:write' } },
    schema: { tags: ['settings'], summary: "Rename the store (currency and time zone are fixed once data exists: they define every stored amount and day)", body: z.object({ name: z.string().trim().min(1).max(120) }).strict(), response: { 200: storeSettingsSchema } },
  }, async (request) => {
    const settings = await updateStoreSettings(db, { name: request.body.name });
    await recordAudit(db, { actor: actorOf(request.principal), action: 'settings.update', entity: 'store', entityId: 'name', detail: request.body });
    return settings;
  });
}
