import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { getStoreSettings } from '../settings/index.js';
import { calendarDaySchema } from '../core/calendar-date.js';
import { fitModels, predictCustomers, validateModels } from './models.service.js';

const tags = ['models'];
const unit = z.enum(['day', 'week']).default('week');
const model = z.enum(['bgnbd', 'paretonbd', 'gammagamma', 'all']).default('all');
const penalty = z.number().min(0).max(100).default(0);

export async function registerModelRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;
  const asOfDefault = async () => ((await getStoreSettings(db)).dataAsOf ?? deps.clock.now().toISOString()).slice(0, 10);

  api.post('/models/fit', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Fit BG/NBD, Pareto/NBD and/or Gamma-Gamma on purchases up to the calibration end', body: z.object({ calibrationEnd: calendarDaySchema.optional(), unit, model, penalty }) },
  }, async (request) => fitModels(db, { ...request.body, calibrationEnd: request.body.calibrationEnd ?? (await asOfDefault()) }));

  api.post('/models/validate', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Calibration/holdout validation: totals, conditional expectations, error metrics, BIC ranking, tracking curve', body: z.object({ calibrationEnd: calendarDaySchema, holdoutEnd: calendarDaySchema, unit, model, penalty }) },
  }, async (request) => validateModels(db, request.body));

  api.post('/models/predict', {
    config: { access: { permission: 'analytics:write' } },
    schema: {
      tags, summary: 'Predict every customer (P(alive), expected purchases, spend, CLV, next purchase) and store the predictions',
      body: z.object({ asOf: calendarDaySchema.optional(), horizonDays: z.number().int().min(1).max(3650).default(365), discountRate: z.number().min(0).max(1).default(0.01), unit, model: z.enum(['bgnbd', 'paretonbd']).default('bgnbd'), penalty }),
    },
  }, async (request) => predictCustomers(db, { ...request.body, asOf: request.body.asOf ?? (await asOfDefault()) }));

  api.get('/models/fits', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Recorded model fits, newest first', querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }) },
  }, async (request) => ({ items: await db.selectFrom('model_fit').selectAll().orderBy('model_fit_id', 'desc').limit(request.query.limit).execute() }));
}
