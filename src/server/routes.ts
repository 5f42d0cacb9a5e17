import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from './app.js';
import { checkStoreResponds } from '../db/store-responds.js';
import { registerAuthRoutes } from '../auth/auth.routes.js';
import { registerCustomerRoutes } from '../customers/customers.routes.js';
import { registerIngestRoutes } from '../ingest/ingest.routes.js';
import { registerModelRoutes } from '../models/models.routes.js';
import { registerAnalyticsRoutes } from '../analytics/analytics.routes.js';
import { registerSettingsRoutes } from '../settings/settings.routes.js';
import { registerRateRoutes } from '../settings/rates.routes.js';
import { registerReportRoutes } from '../reports/reports.routes.js';
import { registerSegmentRoutes } from '../segments/segments.routes.js';
import { registerPersonaRoutes } from '../personas/personas.routes.js';
import { registerCategoryRoutes } from '../catalog/index.js';
import { registerOrderRoutes } from '../orders/index.js';

/** All JSON API routes, mounted under /api. */
export async function registerApiRoutes(api: FastifyInstance, deps: AppDeps): Promise<void> {
  api.get('/health', {
    config: { access: 'public' },
    schema: {
      tags: ['system'],
      summary: 'Liveness and store check',
      response: {
        200: z.object({ status: z.literal('ok'), store: z.enum(['embedded', 'server']) }),
      },
    },
  }, async () => {
    // no catch of its own: the error handler answers an unreachable store with 503 here as on every route
    await checkStoreResponds(deps.store);
    return { status: 'ok' as const, store: deps.store.kind };
  });
  await registerAuthRoutes(api, deps);
  await registerCustomerRoutes(api, deps);
  await registerOrderRoutes(api, deps);
  await registerIngestRoutes(api, deps);
  await registerModelRoutes(api, deps);
  await registerAnalyticsRoutes(api, deps);
  await registerSettingsRoutes(api, deps);
  await registerRateRoutes(api, deps);
  await registerReportRoutes(api, deps);
  await registerSegmentRoutes(api, deps);
  await registerPersonaRoutes(api, deps);
  await registerCategoryRoutes(api, deps);
}
