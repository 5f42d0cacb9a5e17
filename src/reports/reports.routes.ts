import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AppDeps } from '../server/app.js';
import { reportMoneyShape } from '../analytics/index.js';
import { calendarDaySchema } from '../core/calendar-date.js';
import { errorResponse, objectOf, timestamp } from '../server/responses.js';
import type { RevenuePoint, TypeFlow } from './store-summary.repo.js';
import { reportRevenue, reportSummary, reportTypeMigration, type SummaryFigures } from './store-reports.service.js';
import { granularities } from './period-coverage.js';
import { reportTimeoutResponse, runReport } from './report-run.js';
import { channelQuerySchema, orderChannels } from './report-channel.js';
import { spendNotEstimatedReasons } from '../models/models.tables.js';

const tags = ['reports'];
const day = z.string().describe('YYYY-MM-DD');
// A purchase is a paid or partly refunded order (src/reports/period-figures.repo.ts defines each figure)
const figuresSchema = objectOf<SummaryFigures>()({
  realCustomers: z.number().describe('Customers with a purchase before the end of the period'),
  leads: z.number().describe('Customers without one before the end of the period, first seen (first sign of interest, else sign-up) by then, to the quarter hour'),
  newCustomers: z.number().describe('Customers whose first purchase falls in the period'),
  activeCustomers: z.number().describe('Customers with a purchase in the period, each counted once'),
  repeatPurchaseRate: z.number().describe('Share of the real customers who had bought on two or more store days by the end of the period'),
  revenueMinor: z.number().nullable().describe("The period's purchases less their refunds, in minor units of the store currency; null when the store's orders carry no prices (hasPrices false): not recorded, not nothing sold"),
  orders: z.number().describe("The period's purchases"),
});
// what a report of store revenue says of credit notes (docs/import.md), as of the end of its last day
const creditNotesShape = {
  hasCreditNotes: z.boolean().describe('The store holds credit notes (status credit_note). A credit note lowers the day of the sale it credits, not its own day, so a later one restates days already reported; one dated after the report\'s end has given nothing back yet'),
  unappliedCredit: z.object({
    creditNotes: z.number().int().describe('Credit notes dated before the report\'s end (the end of its last day; now, on a live store\'s summary) that gave back less than their amount: no earlier sale of their customer kept enough (a cancellation of a sale from before the data)'),
    amountMinor: z.number().describe('What they did not give back, in minor units of the store currency: it takes nothing off revenue. 0 when creditNotes is 0'),
  }).describe('Credit notes that matched no earlier sale of their customer, in full or in part'),
};
const spanSchema = z.object({ from: timestamp.describe('The first instant: the start of the first store day'), to: timestamp.describe('Exclusive: the end of the last store day, or the time on it the period stops at') });
const summarySchema = z.object({
  asOf: z.string().describe('ISO 8601 time'), ...reportMoneyShape,
  from: day.describe('YYYY-MM-DD: the first store day of the current period'), to: day.describe('YYYY-MM-DD, exclusive: the day after the last store day the current period touches (lastDay is that last day)'),
  lastDay: day.describe('YYYY-MM-DD, inclusive: the last store day the current period touches, the day before to'),
  previousFrom: day, previousTo: day.describe('YYYY-MM-DD, exclusive: the day after the last store day the previous period touches (previousLastDay is that last day)'),
  previousLastDay: day.describe('YYYY-MM-DD, inclusive: the last store day the previous period touches, the day before previousTo'),
  comparison: z.enum(['same-time', 'whole-days']).describe('same-time: a live store, as of now: the current period runs up to now, so today counts only so far, and the previous one ends at the same time of day (store time zone) N days earlier, so both hold N − 1 whole days and the same part of a day. whole-days: a data set reported as of its end: both periods are N whole days'),
  currentPeriod: spanSchema.describe('The instants the current figures cover'), previousPeriod: spanSchema.describe('The instants the previous figures cover'),
  current: figuresSchema, previous: figuresSchema,
  change: z.record(z.string(), z.number().nullable()).describe('Relative change of each figure against the previous period (0.1 = +10%); null when the previous one was 0, and revenueMinor\'s null when the orders carry no prices (hasPrices false)'),
  ...creditNotesShape,
});
const revenueSchema = z.object({
  granularity: z.enum(granularities), from: day.describe('YYYY-MM-DD: the first day of the range'),
  to: day.describe('YYYY-MM-DD, exclusive: the day after the last day of the range, as the query\'s to (lastDay is that last day)'),
  lastDay: day.describe('YYYY-MM-DD, inclusive: the last day of the range, the day before to'), ...reportMoneyShape,
  channel: z.enum(orderChannels).nullable().describe('The one order channel counted; null for all of them'), ...creditNotesShape,
  points: z.array(objectOf<RevenuePoint>()({ period: day.describe('First day of the period'), revenueMinor: z.number(), orders: z.number(), customers: z.number() }).extend({
    from: day.describe('YYYY-MM-DD: the first day counted, the later of the period\'s first day and the range\'s'),
    to: day.describe("YYYY-MM-DD, exclusive: the day after the last day counted, the earlier of the period's end and the range's"),
    isPartial: z.boolean().describe('The period is not whole: the range starts or ends inside it (from/to say which days are counted), or, on a live store, it holds today, not over yet. Its total does not compare with whole periods'),
  })),
});
const typeMigrationSchema = z.object({
  from: timestamp.describe('The end of the store day fromDay: the types the flows start from are those held then'), to: timestamp.describe('The end of the store day toDay: the types the flows reach'),
  fromDay: day.describe('YYYY-MM-DD, store calendar: the day at whose end the flows start'), toDay: day.describe('YYYY-MM-DD, store calendar: the day at whose end the flows end'),
  historyStartsAt: timestamp.nullable().describe('When the type history starts: the first analysis (null before any). No type is known before it'),
  historyFrom: day.nullable().describe('YYYY-MM-DD, store calendar: when from is before historyStartsAt, the day at whose end the history starts (the first analysis\'s day); the flows start there, not at from. Null otherwise'),
  flows: z.array(objectOf<TypeFlow>()({ fromType: z.string().describe('A customer type, or none'), toType: z.string(), customers: z.number() }))
    .describe('Moves between types (and stays, fromType = toType), from the types held at from, or at historyStartsAt when historyFrom is set; none → type: first typed since'),
  firstTyped: z.array(z.object({ type: z.string(), customers: z.number() })).describe('When historyFrom is set: what the first analysis typed customers as, per type (the left side of the flows); empty otherwise'),
});
const predictionSchema = z.object({
  asOf: z.iso.date().describe('The day (YYYY-MM-DD, store calendar) the prediction describes, purchases up to its end: the calibration end of its model. A plain date, not a time of day'), model: z.enum(['bgnbd', 'paretonbd', 'gammagamma']), pAlive: z.number().nullable().describe('Null when not estimated: BG/NBD gives a customer without a repeat purchase 1 whatever their silence'), expectedPurchases90d: z.number(),
  expectedSpendMinor: z.number().nullable().describe("Gamma-Gamma's expected spend per order; for a one-time buyer (purchaseDays 1) the store's average, as the model learns spend from repeat purchases"),
  clvMinor: z.number().nullable(), clvHorizonDays: z.number().int().nullable().describe('The days the CLV sums expected purchases over; null for predictions stored before it was kept'),
  clvDiscountRate: z.number().nullable().describe('The CLV\'s discount rate per period of clvPeriodDays (0.01: each period\'s purchases count 1% less than the one before; 0: not discounted); null for predictions stored before it was kept'),
  clvPeriodDays: z.number().nullable().describe('The days of one discount period (30 by default); null for predictions stored before it was kept'),
  spendNotEstimated: z.enum(spendNotEstimatedReasons).nullable().describe('Why expectedSpendMinor and clvMinor are null: free_purchases_only (every purchase up to asOf was free, and the spend model describes paid purchases: a buyer of only free orders gets no spend or CLV), no_spend_model (the prediction run had no usable spend model, so no customer got one); null when they were predicted, and for predictions stored before it was kept'),
  nextPurchaseDay: z.iso.date().nullable().describe('The day (YYYY-MM-DD, store calendar) the next purchase is expected on; null when none is expected, or P(alive) is not estimated'), churnRisk: z.enum(['low', 'medium', 'high']).nullable().describe('From P(alive); null when P(alive) is not estimated'), predictedAt: timestamp,
  purchaseDays: z.number().int().describe('Purchase days up to asOf: what the prediction was made from (1: a one-time buyer)'),
});

export async function registerReportRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = deps.store.db;

  api.get('/reports/summary', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Key figures of the last N days against the N days before, up to the same time of day on a live store: real customers, leads, new and active customers, repeat-purchase rate, revenue, orders', querystring: z.object({ days: z.coerce.number().int().min(1).max(3660).default(30), asOf: calendarDaySchema.optional().describe('YYYY-MM-DD, today at the latest: the store day the current period ends with, a past day counted to its end (default: the latest analysis\'s day; before any, today so far, or a data set\'s last day)') }), response: { 200: summarySchema, 503: reportTimeoutResponse } },
  }, async (request, reply) => runReport(request, reply, deps.store, 'summary', (reportDb) => reportSummary(reportDb, { days: request.query.days, asOf: request.query.asOf, clock: deps.clock })));

  api.get('/reports/revenue', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'Revenue, orders and buying customers per day, week or month (store calendar), every period of the range with 0 where nothing was sold, of all channels or one; a period the range starts or ends inside, or still under way, is marked isPartial with the days counted', querystring: z.object({ granularity: z.enum(granularities).default('week'), from: calendarDaySchema.optional(), to: calendarDaySchema.optional(), channel: channelQuerySchema }), response: { 200: revenueSchema, 503: reportTimeoutResponse } },
  }, async (request, reply) => runReport(request, reply, deps.store, 'revenue', (reportDb) => reportRevenue(reportDb, { ...request.query, clock: deps.clock })));

  api.get('/reports/type-migration', {
    config: { access: { permission: 'analytics:read' } },
    schema: { tags, summary: 'How many customers moved from each customer type to each other between the ends of two store days (for a Sankey chart)', querystring: z.object({ from: calendarDaySchema.optional().describe('YYYY-MM-DD: the store day whose end the flows start from; default 90 days before `to`. A day before the type history starts is read from its start (historyFrom)'), to: calendarDaySchema.optional().describe('YYYY-MM-DD: the store day whose end the flows reach; default the day of the latest analysis') }), response: { 200: typeMigrationSchema, 503: reportTimeoutResponse } },
  }, async (request, reply) => runReport(request, reply, deps.store, 'type migration', (reportDb) => reportTypeMigration(reportDb, { ...request.query, clock: deps.clock }),
    // the summary and the revenue are left out: they run up to now's time of day, and read the store-wide sums per day anyway
    { cache: { params: request.query, clock: deps.clock } }));

  api.get('/customers/:customerId/prediction', {
    config: { access: { permission: 'customers:read' } },
    schema: {
      tags: ['models'], summary: "A customer's predicted value: P(alive), expected purchases in 90 days, expected spend, CLV, next purchase, churn risk",
      params: z.object({ customerId: z.coerce.number().int().positive() }),
      response: { 200: predictionSchema, 404: errorResponse('No prediction for this customer yet (PREDICTION_NOT_FOUND): run POST /api/models/predict; customers with no purchase get none') },
    },
  }, async (request, reply) => {
    const row = await db.selectFrom('customer_prediction as p').innerJoin('model_fit as f', 'f.model_fit_id', 'p.model_fit_id')
      .select(['p.p_alive', 'p.expected_purchases_90d', 'p.expected_spend_minor', 'p.clv_minor', 'p.clv_horizon_days', 'p.clv_discount_rate', 'p.clv_period_days', 'p.spend_not_estimated', 'p.churn_risk', 'p.predicted_at', 'f.model'])
      // the days as YYYY-MM-DD, not a Date: a midnight-UTC instant reads as the day before west of UTC
      .select([sql<string>`to_char(p.as_of, 'YYYY-MM-DD')`.as('as_of'), sql<string | null>`to_char(p.next_purchase_day, 'YYYY-MM-DD')`.as('next_purchase_day')])
      // what the prediction was made from: a one-time buyer's expected spend is the store's average, not their own
      .select((eb) => eb.selectFrom('customer_purchase_day as d').whereRef('d.customer_id', '=', 'p.customer_id').whereRef('d.day', '<=', 'p.as_of')
        .select((count) => count.fn.countAll<number>().as('days')).as('purchase_days'))
      .where('p.customer_id', '=', request.params.customerId).executeTakeFirst();
    if (!row) return reply.status(404).send({ error: { code: 'PREDICTION_NOT_FOUND', message: `No prediction for customer #${request.params.customerId} yet. Run \`clientele models predict\` (or POST /api/models/predict); customers with no purchase get none.` } });
    return {
      asOf: row.as_of, model: row.model, pAlive: row.p_alive, expectedPurchases90d: row.expected_purchases_90d,
      expectedSpendMinor: row.expected_spend_minor, clvMinor: row.clv_minor, clvHorizonDays: row.clv_horizon_days,
      clvDiscountRate: row.clv_discount_rate, clvPeriodDays: row.clv_period_days, spendNotEstimated: row.spend_not_estimated, nextPurchaseDay: row.next_purchase_day, churnRisk: row.churn_risk, predictedAt: row.predicted_at,
      purchaseDays: Number(row.purchase_days ?? 0),
    };
  });
}
