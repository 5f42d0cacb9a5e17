import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { actorOf, principalHasPermission, requirePermission, type Principal } from '../server/access.js';
import { actorForDisplay } from '../auth/index.js';
import { dayOrInstantSchema } from '../core/calendar-date.js';
import { cursorQuery, errorResponse } from '../server/responses.js';
import { heavyWork, heavyWorkRefusedResponse } from '../server/heavy-work.js';
import { reportTimeoutResponse, runReport } from '../reports/report-run.js';
import { getStoreSettings } from '../settings/index.js';
import { analyze } from './analyze.service.js';
import { acknowledgeAlert, alertListStatuses, pageAlerts, permissionToSettle, reopenAlert } from './alerts/alerts.service.js';
import { findAlertKind } from './alerts/alerts.repo.js';
import { alertKinds } from './analytics.tables.js';
import { reportCohorts, reportLifecycle } from './cohorts.service.js';
import { reportRfm, reportTypes } from './reports.service.js';
import { customerTypeTimeline, getTypePolicy, setTypePolicy } from './types.service.js';
import { typePolicySchema } from './policy.js';
import {
  acknowledgedSchema, alertPageSchema, analyzeResultSchema, cohortsReportSchema, customerTypeTimelineSchema, lifecycleReportSchema, policyChangeSchema,
  reopenedSchema, rfmReportSchema, typePolicyResponseSchema, typesReportSchema,
} from './analytics-responses.schemas.js';

const tags = ['analytics'];
const asOf = dayOrInstantSchema.optional();
// the offset reaches the database as an integer; far beyond any alert list, yet nowhere near its limit
const maxAlertOffset = 1_000_000;
const cohortHorizonDays = z.coerce.number().int().min(1).max(3660).optional()
  .describe('Days after a first purchase within which a second one counts for repeatRateWithinHorizon (default 90)');
const lifecycleHorizonDays = z.coerce.number().int().min(1).max(3660).optional()
  .describe("Days after reaching a stage within which reaching the next counts for a stage's withinHorizon conversion (default 90)");
const alertsQuery = z.object({
  status: z.enum(alertListStatuses).default('open')
    .describe('open (the default): alerts not acknowledged; acknowledged: those acknowledged only; all: both. `total` counts the alerts of this status (and kind). A cursor resumes after its alert in the list of whichever status it is sent with'),
  kind: z.enum(alertKinds).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  ...cursorQuery,
  offset: z.coerce.number().int().min(0).max(maxAlertOffset).optional().meta({ deprecated: true }).describe('Deprecated: page with cursor, which acknowledgements and new alerts do not shift'),
}).refine((query) => query.cursor === undefined || query.offset === undefined, { message: 'send cursor or offset, not both', path: ['offset'] });

/**
 * The policy a PATCH may send: any part of it, each group deep-merged over the policy in force. It
 * documents only: the merged policy is checked by parseTypePolicy (policy.ts), whose message names
 * every bad threshold by its path (ANALYTICS_POLICY_INVALID).
 */
const policyPatchDocument = z.strictObject(Object.fromEntries(Object.entries(typePolicySchema.shape).map(
  ([key, group]) => [key, (group instanceof z.ZodObject ? group.partial() : group).optional()],
))).meta({ id: 'TypePolicyPatch', description: 'Any thresholds of the type policy (GET /api/analytics/policy, docs/customer-types.md); those not sent keep their value' });
// an empty change would reclassify everyone and audit a change of nothing
const policyPatchBody = z.record(z.string(), z.unknown()).refine((change) => Object.keys(change).length > 0, {
  message: `Give at least one threshold to change: ${Object.keys(typePolicySchema.shape).join(', ')}`,
}).meta({
  description: 'The thresholds to change, e.g. {"vip": {"topPercent": 10}}. A threshold out of range or unknown is answered 400 ANALYTICS_POLICY_INVALID naming each by its path',
  allOf: [{ $ref: '#/components/schemas/TypePolicyPatchInput' }],
});

export async function registerAnalyticsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;
  /** A static data set is analysed as of its end; a live store as of now. */
  const resolveAsOf = async (value?: string) => value ?? (await getStoreSettings(db)).dataAsOf ?? deps.clock.now().toISOString();

  api.post('/analytics/analyze', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Recompute customer types, RFM and alerts for everyone as of a date', body: z.object({ asOf }).default({}), response: { 200: analyzeResultSchema, 429: heavyWorkRefusedResponse } },
    ...heavyWork('analysis'),
  }, async (request) => analyze(db, { asOf: await resolveAsOf(request.body.asOf), clock: deps.clock }));

  api.get('/analytics/policy', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'The customer-type policy (thresholds) of this store', response: { 200: typePolicyResponseSchema } },
  }, async () => getTypePolicy(db));

  api.patch('/analytics/policy', {
    config: { access: { permission: 'analytics:write' } },
    schema: { tags, summary: 'Change type thresholds; everyone is reclassified', body: policyPatchBody, response: { 200: policyChangeSchema, 429: heavyWorkRefusedResponse } },
    // everyone is reclassified and every segment refreshed: an analysis's work. heavyWork paces this process only;
    // the service orders changes and analyses of every process sharing the store (its policy lock)
    ...heavyWork('type policy change'),
  }, async (request) => {
    // the day of the analysis in force; the default day only for a store never analysed
    // audited by the service, in the change's transaction
    return setTypePolicy(db, request.body, { actor: actorOf(request.principal), defaultAsOf: await resolveAsOf() });
  });

  // the reports' as-of left out is the services' (findReportAsOfDay): the latest analysis's day, as the types and RFM stand on
  api.get('/reports/types', { config: { access: { permission: 'analytics:read' } }, schema: { tags, summary: 'Customers and their net revenue (last 365 days and lifetime) per customer type', response: { 200: typesReportSchema, 503: reportTimeoutResponse } } },
    async (request, reply) => runReport(request, reply, deps.store, 'customer types', (reportDb) => reportTypes(reportDb), { cache: { params: {}, clock: deps.clock } }));
  api.get('/reports/rfm', { config: { access: { permission: 'analytics:read' } }, schema: { tags, summary: 'RFM grid and named segments', response: { 200: rfmReportSchema, 503: reportTimeoutResponse } } },
    async (request, reply) => runReport(request, reply, deps.store, 'RFM', (reportDb) => reportRfm(reportDb), { cache: { params: {}, clock: deps.clock } }));
  api.get('/reports/lifecycle', {
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Lifecycle funnel: acquisition → activation → retention → advocacy, by channel and cohort, so far and within a fixed horizon',
      querystring: z.object({ asOf, horizonDays: lifecycleHorizonDays }), response: { 200: lifecycleReportSchema, 503: reportTimeoutResponse },
    },
  }, async (request, reply) => runReport(request, reply, deps.store, 'lifecycle', (reportDb) => reportLifecycle(reportDb, { asOf: request.query.asOf, horizonDays: request.query.horizonDays, clock: deps.clock }),
    { cache: { params: request.query, clock: deps.clock } }));
  api.get('/reports/cohorts', {
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Monthly acquisition cohorts: retention and revenue per customer by months since first purchase, repeat rate so far and within a fixed horizon',
      querystring: z.object({ asOf, horizonDays: cohortHorizonDays }), response: { 200: cohortsReportSchema, 503: reportTimeoutResponse },
    },
  }, async (request, reply) => runReport(request, reply, deps.store, 'cohorts', (reportDb) => reportCohorts(reportDb, { asOf: request.query.asOf, horizonDays: request.query.horizonDays, clock: deps.clock }),
    { cache: { params: request.query, clock: deps.clock } }));

  api.get('/alerts', {
    config: { access: { permission: 'analytics:read' } },
    schema: {
      tags, summary: 'Change alerts, newest first (cursor-paginated)', querystring: alertsQuery,
      response: { 200: alertPageSchema },
    },
  }, async (request) => {
    const page = await pageAlerts(db, request.query);
    // who acknowledged an alert without their email unless the caller may read the audit log (see actorForDisplay)
    const canReadStaffEmails = principalHasPermission(request.principal, 'audit:read');
    const shown = page.alerts.map((alert) => (alert.acknowledgedBy === null ? alert : { ...alert, acknowledgedBy: actorForDisplay(alert.acknowledgedBy, { canReadStaffEmails }) }));
    return { ...page, alerts: shown };
  });

  const alertParams = z.object({ alertId: z.coerce.number().int().positive() });
  const alertNotFound = errorResponse('No such alert (ANALYTICS_ALERT_NOT_FOUND)');
  // an overdue customer is settled by whoever serves customers; a drop in the figures needs analytics:write
  // read in the route's own transaction: an embedded store has a single connection
  const requireSettling = async (trx: typeof db, alertId: number, principal: Principal | null) => {
    const kind = await findAlertKind(trx, alertId);
    if (kind !== null) requirePermission(principal, permissionToSettle(kind));
  };
  api.post('/alerts/:alertId/acknowledge', {
    config: { access: { permission: 'customers:write' } },
    schema: {
      tags, summary: 'Acknowledge an alert (an overdue customer needs customers:write, any other alert analytics:write)', params: alertParams,
      response: { 200: acknowledgedSchema, 403: errorResponse('Not a permission this alert needs (AUTH_FORBIDDEN)'), 404: alertNotFound },
    },
  }, async (request) => db.transaction().execute(async (trx) => {
    await requireSettling(trx, request.params.alertId, request.principal);
    return acknowledgeAlert(trx, request.params.alertId, actorOf(request.principal));
  }));

  api.post('/alerts/:alertId/reopen', {
    config: { access: { permission: 'customers:write' } },
    schema: {
      tags, summary: 'Reopen an acknowledged alert (undo its acknowledgement), with the permission acknowledging it needs', params: alertParams,
      response: { 200: reopenedSchema, 403: errorResponse('Not a permission this alert needs (AUTH_FORBIDDEN)'), 404: alertNotFound },
    },
  }, async (request) => db.transaction().execute(async (trx) => {
    await requireSettling(trx, request.params.alertId, request.principal);
    // the alert forgets who acknowledged it; the audit log keeps who reopened it
    return reopenAlert(trx, request.params.alertId, actorOf(request.principal));
  }));

  api.get('/customers/:customerId/types', {
    config: { access: { permission: 'customers:read' } },
    schema: {
      tags, summary: "A customer's current types with their explanation, and every type change with its date", params: z.object({ customerId: z.coerce.number().int().positive() }),
      response: { 200: customerTypeTimelineSchema, 404: errorResponse('The customer has no types yet: unknown, or not analysed since they appeared (ANALYTICS_CUSTOMER_NOT_FOUND)') },
    },
  }, async (request) => customerTypeTimeline(db, request.params.customerId));
}
