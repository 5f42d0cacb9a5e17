import { z } from 'zod';
import { objectOf } from '../server/responses.js';
import type { AlertRow } from './alerts/alerts.repo.js';
import type { AlertPage } from './alerts/alerts.service.js';
import type { AnalyzeResult } from './analyze.service.js';
import type { Cohort, CohortMonth } from './cohorts.js';
import type { LifecycleReport } from './cohorts.service.js';
import type { LifecycleFunnel, LifecycleFunnelStage, StageWithinHorizon } from './lifecycle.js';
import { typePolicySchema } from './policy.js';
import { reportMoneyShape } from './report-money.js';
import type { RfmCellRow, RfmSegmentRow } from './rfm.repo.js';
import type { RfmReport, TypesReport } from './reports.service.js';
import type { CustomerTypeRow, customerTypeTimeline, setTypePolicy, TypeTimelineEntry } from './types.service.js';

/**
 * What the analytics routes answer, following the services' result types
 * (analyze.service.ts, reports.service.ts, cohorts.service.ts,
 * alerts/alerts.repo.ts, types.service.ts). A field missing here would be left
 * out of the answer.
 */
const day = z.string().describe('YYYY-MM-DD');
const isoTime = z.string().describe('ISO 8601 time');
const rate = z.number().describe('A share from 0 to 1, to 4 decimals');
// given unrounded, so a reader rounds it once: 0.62546 rounded to 0.6255 and again to one decimal would read 62.6%, not 62.5%
const exactShare = z.number().describe('A share from 0 to 1, unrounded (the full double of part / whole): round it once, for display only');

const alertCounts = z.object({ metricDrops: z.number(), customerOverdue: z.number() });

export const analyzeResultSchema = objectOf<AnalyzeResult>()({
  runId: z.number().int(),
  asOf: day,
  customers: z.number(),
  realCustomers: z.number(),
  rfmScored: z.number(),
  typeChanges: z.object({ entered: z.number(), left: z.number() }),
  alerts: z.object({
    new: alertCounts.describe('Alerts this run raised: drops on its day or week, customers who became overdue since the last run; one an earlier run or an order raised, or this run only refreshed, is not new'),
    open: alertCounts.describe('Alerts not yet acknowledged after the run, whoever raised them: what GET /api/alerts?status=open lists'),
    raised: z.boolean().describe('False when the run raised no alert because it replays a day before the latest day analysed: alerts say what is happening now, so a past day\'s would stay open beside today\'s'),
  }),
  vipCutoffs: z.object({
    revenueMinor: z.number().nullable(), purchaseDays: z.number().nullable(),
    basis: z.enum(['revenue', 'frequency', 'revenue_or_frequency']).describe('Which cut-off makes a customer VIP (the policy\'s vip.basis): revenue, purchase days, or either; the other figure is for comparison'),
    windowDays: z.number().int().describe('The days the cut-offs count over, up to the as-of day'),
  }),
  timingMs: z.object({
    rhythmCache: z.number(), types: z.number(), rfm: z.number(), alerts: z.number(), seriesReadAhead: z.number().nullable(), total: z.number(),
  }),
});

export const typePolicyResponseSchema = typePolicySchema.describe('Every threshold behind customer types and change alerts (docs/customer-types.md)');

export const policyChangeSchema = objectOf<Awaited<ReturnType<typeof setTypePolicy>>>()({
  policy: typePolicyResponseSchema,
  reclassified: z.number().describe('Customers classified again under the new policy'),
  typesChanged: z.number().describe('Customers whose set of types is not what it was before the change (0 when the change moved no one)'),
  typeChanges: z.array(z.object({
    type: z.string().describe('A customer type (docs/customer-types.md)'),
    entered: z.number().describe('Customers who hold the type now and did not before the change'),
    left: z.number().describe('Customers who held the type before the change and no longer do'),
  })).describe('Per type that anyone took or gave up, in precedence order (at_risk, lapsed, vip, new, …); types no one moved in or out of are left out'),
  asOf: day.describe('The day everyone was classified as of: that of the latest analysis'),
});

const typeRevenueNote = 'net revenue (verified orders, paid or partly refunded, less refunds; in the store currency, foreign orders as converted on import: the amounts of report rfm and report revenue) of the customers holding the type, by store day up to asOfDay';
const typeRevenueShareNote = "A share from 0 to 1, unrounded (the full double: round it once, for display only), of the report's revenue over the same days (revenueLast365DaysMinor or revenueLifetimeMinor); null when that is 0. A customer holding several types (a VIP can also be at risk) counts under each, so the shares add up past 1";

export const typesReportSchema = objectOf<TypesReport>()({
  ...reportMoneyShape,
  asOf: isoTime.nullable().describe('The end of the as-of day in the store\'s time zone (exclusive), written as a UTC instant: the instant everyone was classified at (for a store in UTC+7, day 2026-03-01 ends at 2026-03-01T17:00:00Z)'),
  asOfDay: day.nullable().describe("The as-of day of the latest analysis, in the store's time zone"),
  analysedAt: isoTime.nullable().describe('When the latest analysis finished; null before the first (an analysis that found no customers has one, with customers 0)'),
  customers: z.number(),
  revenueLast365DaysFrom: day.nullable().describe('The first of the last 365 days, which end on asOfDay (both included): `report revenue --from <this> --to <the day after asOfDay>` sums to revenueLast365DaysMinor when every buyer has a type'),
  revenueLast365DaysMinor: z.number().describe(`Every customer of the report's, each once: the ${typeRevenueNote}, from revenueLast365DaysFrom`),
  revenueLifetimeMinor: z.number().describe(`Every customer of the report's, each once: the ${typeRevenueNote}, all of it (the revenue RFM scores as monetary value)`),
  types: z.array(objectOf<TypesReport['types'][number]>()({
    type: z.string(), customers: z.number(), primaryCustomers: z.number(),
    share: exactShare.describe("A share from 0 to 1, unrounded (the full double: round it once, for display only), of the report's customers. A customer can hold several types, so the shares add up past 1"),
    revenueLast365DaysMinor: z.number().describe(`The ${typeRevenueNote}, from revenueLast365DaysFrom`),
    revenueLast365DaysShare: exactShare.nullable().describe(typeRevenueShareNote),
    revenueLifetimeMinor: z.number().describe(`The ${typeRevenueNote}, all of it`),
    revenueLifetimeShare: exactShare.nullable().describe(typeRevenueShareNote),
  })).describe('Every type, holders and their revenue. Types combine (a VIP can also be at risk, a loyal customer occasional), so neither customers nor revenue add up to the totals'),
  combinations: z.array(z.object({ types: z.array(z.string()), customers: z.number() })).describe('The ten most common combinations of two or more types'),
});

export const rfmReportSchema = objectOf<RfmReport>()({
  ...reportMoneyShape,
  asOf: isoTime.nullable().describe('The end of the as-of day in the store\'s time zone (exclusive), written as a UTC instant: the scores are as of it'),
  asOfDay: day.nullable().describe("The as-of day of the scores, in the store's time zone"),
  customers: z.number(),
  segments: z.array(objectOf<RfmSegmentRow>()({
    segment: z.string(), customers: z.number(), share: exactShare.describe("The segment's customers as a share from 0 to 1 of the report's, unrounded (the full double: round it once, for display only)"), medianRecencyDays: z.number(), averageFrequency: z.number(), revenueMinor: z.number(),
  })),
  grid: z.array(objectOf<RfmCellRow>()({ r: z.number().int(), f: z.number().int(), customers: z.number() })),
});

const funnelSchema = objectOf<LifecycleFunnel>()({
  dimension: z.enum(['all', 'channel', 'cohort']),
  segment: z.string().describe('all; the acquisition channel; or the acquisition month, YYYY-MM'),
  stages: z.array(objectOf<LifecycleFunnelStage>()({
    stage: z.enum(['acquisition', 'activation', 'retention', 'advocacy']),
    customers: z.number().describe('So far: everyone who reached the stage up to the as-of day'),
    conversionFromPrevious: rate.nullable().describe('So far: customers over the previous stage\'s, whatever their age; it grows with the time customers have had, so a younger mix shows less by construction: compare by withinHorizon.conversion. Null for acquisition and for a stage not tracked yet'),
    withinHorizon: objectOf<StageWithinHorizon>()({
      observedCustomers: z.number().describe('Of the previous stage, those who reached it at least horizonDays before the as-of day: the denominator'),
      customers: z.number().describe('Of those, the ones who reached this stage at most horizonDays after the previous one'),
      conversion: rate.nullable().describe('customers / observedCustomers: comparable across channels, cohorts and as-of days. Null (too early to tell) when no one is old enough'),
      tooYoungCustomers: z.number().describe('Of the previous stage, those who reached it less than horizonDays before the as-of day: left out of both counts until they have had the time'),
    }).nullable().describe('The conversion at the same age; null for acquisition (nothing before it) and for a stage not tracked yet'),
  })),
  medianDaysToActivation: z.number().nullable().describe('So far: median days from acquisition to the first purchase day'),
  medianDaysToRetention: z.number().nullable().describe('So far: median days from the first to the second purchase day (shorter for a younger mix by construction)'),
  medianDaysToActivationWithinHorizon: z.number().nullable().describe('Median days to the first purchase of those who activated within horizonDays (withinHorizon.customers); null when none did'),
  medianDaysToRetentionWithinHorizon: z.number().nullable().describe('Median days to the second purchase of those who repeated within horizonDays; null when none did'),
});

export const lifecycleReportSchema = objectOf<LifecycleReport>()({
  asOf: day,
  horizonDays: z.number().int().describe("The horizon of each stage's withinHorizon and of the medians …WithinHorizon, in days after reaching the previous stage"),
  overall: funnelSchema.nullable(),
  byChannel: z.array(funnelSchema).describe('Per channel of the first sign of interest'),
  byCohort: z.array(funnelSchema).describe('Per month of the first sign of interest'),
});

export const cohortsReportSchema = z.object({
  ...reportMoneyShape,
  asOf: day,
  horizonDays: z.number().int().describe('The horizon of repeatRateWithinHorizon and medianDaysToSecondPurchaseWithinHorizon, in days after the first purchase'),
  cohorts: z.array(objectOf<Cohort>()({
    cohort: z.string().describe('YYYY-MM of the first purchase'),
    customers: z.number(),
    repeatPurchaseRate: rate.describe('So far: the share of the cohort who bought on a second day up to the as-of day. It grows with the time a cohort has had, so younger cohorts show less by construction: compare cohorts by repeatRateWithinHorizon'),
    medianDaysToSecondPurchase: z.number().nullable().describe('So far: median days from the first to the second purchase day of those who had one by the as-of day (shorter for younger cohorts by construction); null when none had'),
    repeatRateWithinHorizon: rate.nullable().describe("The share of the cohort whose second purchase day came at most horizonDays after their first: comparable across cohorts. Null (not yet) for a cohort too young: one whose month's last day plus horizonDays is after the as-of day"),
    medianDaysToSecondPurchaseWithinHorizon: z.number().nullable().describe('Median days from the first to the second purchase day of those who repeated within horizonDays; null for a cohort too young, or when none repeated within it'),
    months: z.array(objectOf<CohortMonth>()({
      monthIndex: z.number().int(), activeCustomers: z.number(), retentionRate: rate, revenuePerCustomerMinor: z.number(),
      isPartial: z.boolean().describe('The as-of month before its last day: a share of a month still under way'),
    })),
  })),
});

export const alertSchema = objectOf<AlertRow>()({
  alertId: z.number().int(),
  kind: z.string().describe('metric_drop or customer_overdue'),
  metric: z.string(),
  scope: z.string().describe('all, or dimension:segment, e.g. channel:web'),
  granularity: z.string().describe('day, week or customer'),
  customerId: z.number().int().nullable(),
  customerName: z.string().nullable().describe("A customer's alert: who it is about, as the web app labels customers (their name, else email, else phone; null when none is known)"),
  windowStart: day,
  windowEnd: day,
  expected: z.number().describe('What the metric was expected to be: an amount in minor units of `currency` when the metric is revenue. For customer_overdue: the overdue limit in days after the last purchase (overdueFactor × the usual interval, explanation.medianIntervalDays)'),
  actual: z.number().describe('What the metric was in the window. For customer_overdue: the days since the last purchase on the alert\'s day (windowStart = windowEnd, the first day past the limit), not on the day the analysis ran'),
  changePct: z.number().describe('(actual − expected) / expected × 100, to one decimal. For customer_overdue it is how far past the limit that first overdue day is, small by design: the alert marks the day the rhythm broke, and the days overdue against the usual interval are in explanation'),
  explanation: z.unknown().describe('Why the alert was raised: a summary sentence and the figures behind it'),
  raisedAt: isoTime,
  acknowledgedAt: isoTime.nullable(),
  acknowledgedBy: z.string().nullable().describe('Who acknowledged it: a person as user:<id>, with their email only for a caller holding audit:read'),
});

export const alertPageSchema = objectOf<AlertPage>()({
  ...reportMoneyShape,
  alerts: z.array(alertSchema),
  nextCursor: z.string().nullable().describe('The cursor of the next page; null on the last page'),
  total: z.number().int().min(0).describe('How many alerts match status and kind in all, whichever page this is: the same with any cursor, offset or limit'),
});

export const acknowledgedSchema = z.object({ alertId: z.number().int(), acknowledged: z.literal(true) });
export const reopenedSchema = z.object({ alertId: z.number().int(), acknowledged: z.literal(false) });

const customerTypesSchema = objectOf<CustomerTypeRow>()({
  customerId: z.number().int(), types: z.array(z.string()), primaryType: z.string(), explanation: z.string(), numbers: z.unknown(),
  asOf: isoTime.describe('The end of the day the types are judged as of, in the store\'s time zone (exclusive), as a UTC instant: purchases up to that day count. '
    + 'While the day lasts it is hours ahead; it says what the types are as of, not when they were recorded (the timeline\'s enteredAt does)'),
});

export const customerTypeTimelineSchema = objectOf<Awaited<ReturnType<typeof customerTypeTimeline>>>()({
  customerId: z.number().int(),
  current: customerTypesSchema.nullable(),
  timeline: z.array(objectOf<TypeTimelineEntry>()({
    type: z.string(),
    enteredAt: isoTime.describe('When the change was recorded: when the analysis, order batch, merge or policy change that made it ran (never after now, nor before the customer was created); '
      + 'for a day already over when it ran, the end of that day. The customer timeline dates the same change the same'),
    leftAt: isoTime.nullable().describe('When the type was lost, recorded as enteredAt is; null while held'),
    reason: z.string().describe('Why the type was taken, from the figures worked out when the change was recorded (the current explanation may cite facts sent since)'),
    numbers: z.unknown(),
    enteredCheckedLastAt: isoTime.nullable().describe('When the customer was checked last before enteredAt, for a change whose day no rule fixes (a VIP cut-off passed, lapsed by the model): it happened after this and was seen at enteredAt. '
      + 'Null when the rule dates the change (an at-risk spell begins on its overdue day) or nothing checked the customer before'),
    leftCheckedLastAt: isoTime.nullable().describe('The same for leftAt (null for a new spell, which ends on first purchase + newWithinDays)'),
    sinceHistoryStart: z.boolean().describe('The spell begins the customer\'s type history: entered by the store\'s first analysis, or by their first typing when they were known before it (created, or with an order or interest event, before that day). '
      + 'What they were before is not known, so the type was held already then, not taken (enteredAt is when the history began, not a change)'),
  })),
});
