import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf } from '../server/access.js';
import { errorResponse } from '../server/responses.js';
import { getStoreSettings } from './index.js';
import { changeStoreSettings } from './change-settings.service.js';
import { readFixedSettings } from './fixed-settings.repo.js';
import { storeHasPrices } from '../analytics/order-prices.repo.js';
import { reportMoneyShape } from '../analytics/report-money.js';
import { changedSchema, fixedSettingsSchema, storeSettingsChangeSchema, storeSettingsSchema } from './settings.schemas.js';

export async function registerSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;
  api.get('/settings', {
    config: { access: { permission: 'customers:read' } },
    schema: {
      tags: ['settings'], summary: "The store's name, currency, time zone, default phone country, whether each of those can still change, and whether its data is synthetic or a static data set (with its as-of date)",
      response: { 200: storeSettingsSchema.extend({ store: z.enum(['embedded', 'server']), fixed: fixedSettingsSchema, hasPrices: reportMoneyShape.hasPrices }) },
    },
  }, async () => {
    const settings = await getStoreSettings(db);
    return { ...settings, store: deps.store.kind, fixed: await readFixedSettings(db, settings), hasPrices: await storeHasPrices(db) };
  });

  api.patch('/settings', {
    config: { access: { permission: 'settings:write' } },
    schema: {
      tags: ['settings'],
      summary: 'Rename the store, or change its currency, time zone or phone country while nothing stored depends on them',
      description: 'The currency, time zone and phone country can change while the store holds nothing stored or read in them (GET /api/settings says, in `fixed`, why each cannot): '
        + 'once it holds orders, the currency and time zone are fixed, as the phone country is once it holds phone numbers. A refused change answers 409 SETTINGS_FIXED_CONFLICT, '
        + 'naming the setting in `field` and why in `details.reason`. A currency change removes the exchange rates (they were into the old currency): `ratesCleared` lists them. '
        + 'Each change is recorded in the audit log (settings.update) with its old and new values.',
      body: storeSettingsChangeSchema,
      response: {
        200: storeSettingsSchema.extend({ fixed: fixedSettingsSchema, changed: changedSchema, ratesCleared: z.array(z.string()).describe('Exchange rates removed by a currency change') }),
        409: errorResponse('The currency, time zone or phone country is fixed (SETTINGS_FIXED_CONFLICT), or the store is being written to (SETTINGS_STORE_BUSY_CONFLICT)'),
      },
    },
  }, async (request) => changeStoreSettings(db, request.body, actorOf(request.principal)));
}
