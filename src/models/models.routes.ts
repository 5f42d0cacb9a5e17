import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { defaultAsOfDay, getStoreSettings } from '../settings/index.js';
import { calendarDaySchema } from '../core/calendar-date.js';
import { cursorPage, cursorQuery, objectOf, timestamp } from '../server/responses.js';
import { idOfCursor, pageByIds } from '../server/pagination.js';
import { heavyWork, heavyWorkRefusedResponse } from '../server/heavy-work.js';
import { largestPenalty } from './penalty-limit.js';
import { listModelFits, type ListedModelFit } from './model-fits.repo.js';
import type { ModelFitTable } from './models.tables.js';
import { fitModels, predictCustomers, validateModels } from './models.service.js';

const tags = ['models'];
const unit = z.enum(['day', 'week']).default('week');
const model = z.enum(['bgnbd', 'paretonbd', 'gammagamma', 'all']).default('all');
// the CLI's --penalty takes the same range, and a refused fit's advice keeps within it
const penalty = z.number().min(0).max(largestPenalty).default(0);

// Fits carry the optimiser's diagnostics besides these: loose objects keep whatever else a fit reports.
const modelName = z.enum(['bgnbd', 'paretonbd', 'gammagamma']);
const fitSchema = z.looseObject({
  model: modelName, params: z.record(z.string(), z.number()), converged: z.boolean(), iterations: z.number(),
  customers: z.number().describe('Customers the fit saw'), penalty: z.number(), message: z.string(),
  degenerate: z.string().nullable().optional().describe('fit and validate: why a converged purchase-model fit lies on the no-dropout edge, which predict would not use (docs/models.md, "Degenerate fits"); null when sound'),
});
const fitResultSchema = z.object({ customers: z.number(), fits: z.array(fitSchema.extend({ modelFitId: z.number().int() })) });
const spendPredictionSchema = z.object({
  meanPredicted: z.number(),
  metrics: z.object({ meanAbsoluteError: z.number(), rootMeanSquaredError: z.number(), correlation: z.number().nullable().describe('null for a prediction the same for everyone') }),
});
const spendHoldoutSchema = z.object({
  customers: z.number().describe('Calibration repeat buyers (x > 0) with a holdout purchase: the customers compared'),
  meanActual: z.number().describe('Their mean actual holdout value per purchase day'),
  model: spendPredictionSchema.describe('Gamma-Gamma E[Z | m, x]'),
  calibrationMean: spendPredictionSchema.describe('Naive: each customer\'s calibration mean spend'),
  populationMean: spendPredictionSchema.describe('Naive: the calibration mean value per repeat purchase day, for everyone'),
  revenueGivenPurchases: z.object({ customers: z.number().describe('Customers with a holdout purchase'), actual: z.number(), predicted: z.number() })
    .describe('Holdout revenue of all calibration customers: actual, and actual holdout purchase days × E[Z | m, x]'),
  revenue: z.array(z.object({ model: z.string().describe('bgnbd or paretonbd'), predicted: z.number().nullable(), naivePredicted: z.number().nullable(), actual: z.number() }))
    .describe('Holdout revenue: Σ E[Y(t*)] × E[Z | m, x] per purchase model validated in the same request (naive: × calibration mean spend; null where the purchase model\'s expectations are not finite), and the actual; empty for model gammagamma'),
});
const validationSchema = z.looseObject({
  customers: z.number(), holdoutLength: z.number().describe('In units (day or week)'), unit: z.enum(['day', 'week']),
  models: z.array(z.looseObject({ fit: fitSchema, holdout: z.unknown().describe('Totals, error metrics and conditional expectations'), tracking: z.unknown().describe('Weekly cumulative repeat purchases, expected and actual') })),
  ranking: z.array(z.looseObject({ model: z.string(), parameters: z.number() })).describe('By BIC, best first'),
  spend: z.object({
    fit: fitSchema.nullable().describe('Gamma-Gamma on the calibration repeat buyers; null when there were none'),
    holdout: spendHoldoutSchema.nullable(),
    note: z.string().nullable().describe('Why there is no holdout comparison (no fit, not converged, q ≤ 1, no one to compare); null when there is one'),
  }).nullable().describe('The spend model\'s validation (model gammagamma or all; null otherwise). Money in minor units of the store currency'),
});
const predictionRunSchema = z.looseObject({
  customers: z.number(), asOf: calendarDaySchema.describe('The day the predictions describe: purchases up to its end'),
  clv: z.object({ horizonDays: z.number().int(), discountRate: z.number().describe('Per period: 0.01 is 1%'), periodDays: z.number() })
    .describe('What the CLV covers: the next horizonDays days, each period of periodDays discounted by discountRate'),
  currency: z.string().nullable(), fits: z.object({ transaction: fitSchema, spend: fitSchema.nullable() }),
  modelFitId: z.number().int(), spendModelFitId: z.number().int().nullable(),
  churnRisk: z.array(z.object({ churnRisk: z.string().nullable().describe('null: not estimated (BG/NBD one-time buyers)'), customers: z.number() })),
  totalClvMinor: z.number().nullable().describe('Minor units of the store currency; null when no CLV was predicted (no sound spend model: see notes)'),
  notes: z.array(z.string()).describe('What was left out or set aside, and why'),
});
const modelFitRowSchema = objectOf<ListedModelFit>()({
  model_fit_id: z.number().int(), model: modelName, unit: z.enum(['day', 'week']),
  calibration_end: z.iso.date().describe('The last day (YYYY-MM-DD, store calendar) of the purchases the fit saw. A plain date, not a time of day'), params: z.unknown(), penalty: z.number(),
  log_likelihood: z.number(), converged: z.boolean(), iterations: z.number(), gradient_norm: z.number(), bic: z.number(), customers: z.number(), fitted_at: timestamp,
  is_predicting: z.boolean().describe('Made by a prediction run (models predict); only such a fit judges P(alive) when customers are classified'),
});

export async function registerModelRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;
  // a static data set's last day, else today, in the store's time zone
  const asOfDefault = async () => defaultAsOfDay(await getStoreSettings(db), deps.clock.now());

  api.post('/models/fit', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Fit BG/NBD, Pareto/NBD and/or Gamma-Gamma on purchases up to the calibration end', body: z.object({ calibrationEnd: calendarDaySchema.optional(), unit, model, penalty }), response: { 200: fitResultSchema, 429: heavyWorkRefusedResponse } },
    ...heavyWork('model fit'),
  }, async (request) => fitModels(db, { ...request.body, calibrationEnd: request.body.calibrationEnd ?? (await asOfDefault()), clock: deps.clock }));

  api.post('/models/validate', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Calibration/holdout validation: totals, conditional expectations, error metrics, BIC ranking, tracking curve', body: z.object({ calibrationEnd: calendarDaySchema, holdoutEnd: calendarDaySchema, unit, model, penalty }), response: { 200: validationSchema, 429: heavyWorkRefusedResponse } },
    ...heavyWork('model validation'),
  }, async (request) => validateModels(db, { ...request.body, clock: deps.clock }));

  api.post('/models/predict', {
    config: { access: { permission: 'analytics:write' } },
    schema: {
      tags, summary: 'Predict every customer (P(alive), expected purchases, spend, CLV, next purchase) and store the predictions',
      body: z.object({ asOf: calendarDaySchema.optional(), horizonDays: z.number().int().min(1).max(3650).default(365), discountRate: z.number().min(0).max(1).default(0.01), unit, model: z.enum(['bgnbd', 'paretonbd']).default('bgnbd'), penalty }),
      response: { 200: predictionRunSchema, 429: heavyWorkRefusedResponse },
    },
    ...heavyWork('prediction run'),
  }, async (request) => predictCustomers(db, { ...request.body, asOf: request.body.asOf ?? (await asOfDefault()), clock: deps.clock }));

  api.get('/models/fits', {
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Recorded model fits, newest first (cursor-paginated)',
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20), ...cursorQuery }), response: { 200: cursorPage(modelFitRowSchema) },
    },
  }, async (request) => {
    const { limit, cursor } = request.query;
    const rows = await listModelFits(db, { limit: limit + 1, beforeId: cursor === undefined ? undefined : idOfCursor(cursor, 'model-fits') });
    return pageByIds(rows, limit, 'model-fits', (fit) => fit.model_fit_id);
  });
}
