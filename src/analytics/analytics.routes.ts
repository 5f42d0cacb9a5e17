import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf } from '../server/access.js';
import { recordAudit } from '../auth/audit.js';
import { dayOrInstantSchema } from '../core/calendar-date.js';
import { getStoreSettings } from '../settings/index.js';
import { analyze } from './analyze.service.js';
import { acknowledgeAlert, listAlerts } from './alerts/alerts.service.js';
import { reportCohorts, reportLifecycle } from './cohorts.service.js';
import { reportRfm, reportTypes } from './reports.service.js';
import { customerTypeTimeline, getTypePolicy, setTypePolicy } from './types.service.js';

const tags = ['analytics'];
const asOf = dayOrInstantSchema.optional();
// the offset reaches the database as an integer; far beyond any alert list, yet nowhere near its limit
const maxAlertOffset = 1_000_000;

export async function registerAnalyticsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;
  /** A static data set is analysed as of its end; a live store as of now. */
  const resolveAsOf = async (value?: string) => value ?? (await getStoreSettings(db)).dataAsOf ?? deps.clock.now().toISOString();

  api.post('/analytics/analyze', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Recompute customer types, RFM and alerts for everyone as of a date', body: z.object({ asOf }).default({}) },
  }, async (request) => analyze(db, { asOf: await resolveAsOf(request.body.asOf), clock: deps.clock }));

  api.get('/analytics/policy', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'The customer-type policy (thresholds) of this store' },
  }, async () => getTypePolicy(db));

  api.patch('/analytics/policy', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Change type thresholds; everyone is reclassified', body: z.record(z.string(), z.unknown()) },
  }, async (request) => {
    const result = await setTypePolicy(db, request.body, { asOf: await resolveAsOf() });
    await recordAudit(db, { actor: actorOf(request.principal), action: 'analytics.policy.update', entity: 'store', entityId: 'type_policy', detail: { change: request.body } });
    return result;
  });

  api.get('/reports/types', { config: { access: { permission: 'analytics:read' } }, schema: { tags, summary: 'Customers and revenue per customer type' } }, async () => reportTypes(db));
  api.get('/reports/rfm', { config: { access: { permission: 'analytics:read' } }, schema: { tags, summary: 'RFM grid and named segments' } }, async () => reportRfm(db));
  api.get('/reports/lifecycle', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Lifecycle funnel: acquisition → activation → retention → advocacy, by channel and cohort', querystring: z.object({ asOf }) },
  }, async (request) => reportLifecycle(db, { asOf: await resolveAsOf(request.query.asOf) }));
  api.get('/reports/cohorts', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Monthly acquisition cohorts: retention and revenue per customer by months since first purchase', querystring: z.object({ asOf }) },
  }, async (request) => reportCohorts(db, { asOf: await resolveAsOf(request.query.asOf) }));

  api.get('/alerts', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Change alerts, newest first', querystring: z.object({ status: z.enum(['open', 'all']).default('open'), kind: z.enum(['metric_drop', 'customer_overdue']).optional(), limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).max(maxAlertOffset).default(0) }) },
  }, async (request) => listAlerts(db, request.query));

  api.post('/alerts/:alertId/acknowledge', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Acknowledge an alert', params: z.object({ alertId: z.coerce.number().int().positive() }) },
  }, async (request) => acknowledgeAlert(db, request.params.alertId, actorOf(request.principal)));

  api.get('/customers/:customerId/types', {
    config: { access: { permission: 'customers:read' } },
    schema: { tags, summary: "A customer's current types with their explanation, and every type change with its date", params: z.object({ customerId: z.coerce.number().int().positive() }) },
  }, async (request) => customerTypeTimeline(db, request.params.customerId));
}
