import { z } from 'zod';
import { objectOf, timestamp } from '../server/responses.js';
import { customerSummarySchema } from '../customers/customer-responses.schemas.js';
import type { PersonaMemberRow } from './persona-members.repo.js';
import type { PersonaProfile, Share } from './persona-profile.repo.js';
import type { PersonaTrait } from './persona-names.js';
import type { ClusterCandidate } from './clustering.js';
import type { FeatureGroup } from './kmeans-features.js';
import type { NumericSummary, SeriesPoint } from './drift.js';
import type { CategoricalDrift, DriftReport, NumericDrift, PersonaShift, SpendSummary } from './drift.service.js';

/** A member as GET /api/customers lists a customer (the same fields), with when they were placed in the persona. */
const personaMemberSchema = objectOf<PersonaMemberRow>()({
  ...customerSummarySchema.shape,
  assigned_at: timestamp.describe('When the last discovery, full assignment or change of their facts placed them in this persona'),
});

export const personaMembersSchema = z.object({
  items: z.array(personaMemberSchema),
  next: z.number().int().nullable().describe('Pass as `after` for the next page; null on the last'),
  nextCursor: z.string().nullable().describe('The same, as every other list pages: pass as `cursor`; null on the last page'),
});

const shareSchema = objectOf<Share>()({
  label: z.string(), share: z.number().describe('From 0 to 1'),
});
const shares = (what: string) => z.array(shareSchema).describe(what);
const featureGroups = ['age', 'income', 'city', 'kind', 'channel', 'category', 'frequency', 'spend', 'basket', 'household'] as const satisfies readonly FeatureGroup[];
const traitSchema = objectOf<PersonaTrait>()({
  column: z.string().describe('The clustering feature, e.g. age, spend, or a channel or category share'),
  group: z.enum(featureGroups).describe('The concept the feature belongs to; a persona has at most one trait per group'),
  word: z.string().describe('The word the generated name uses for it, e.g. young, high-spend, mobile'),
  difference: z.number().describe('The persona\'s mean minus everyone\'s, in standard deviations: positive is higher than usual'),
});

/** The profile a persona is described by; every field is always present (null only where said). */
export const personaProfileSchema = objectOf<PersonaProfile>()({
  size: z.number().int().describe('Members now: buyers placed in this persona who still agree to profiling (a retired persona: its size when retired)'),
  share: z.number().describe('size as a share (0 to 1) of all current personas\' members'),
  revenueShare: z.number().describe('The members\' revenue as a share (0 to 1) of all personas\' members\' revenue'),
  age: z.object({
    mean: z.number().nullable().describe('Mean age in years of the members with a plausible birth year (14 to 100); null when none has one'),
    median: z.number().nullable().describe('Median age of the same; null when none has one'),
    knownShare: z.number().describe('Share (0 to 1) of members whose age is known'),
  }),
  typicalIncome: z.string().nullable().describe('The most common income band among the members; null when none is known'),
  incomes: shares('The three most common income bands, each with its share of the members whose band is known'),
  topCities: shares('The three most common cities, each with its share of the members whose city is known'),
  channels: shares('Sales channels by share of the members\' orders, largest first; channels without orders left out'),
  categories: shares('The three product categories with the most spend, each with its share of the members\' spend'),
  customerTypes: z.array(shareSchema).nullable().describe('The three most common primary customer types (e.g. loyal, lapsed) with their share; null when the store has no customer types'),
  averageOrders: z.number().describe('Orders per member'),
  averageRevenueMinor: z.number().describe('Revenue per member, in minor units of the store currency (not rounded)'),
  household: z.object({
    averageChildren: z.number().nullable().describe('Children and teens at home per member, among those where it is recorded; null when none'),
    partneredShare: z.number().nullable().describe('Share (0 to 1) married or living together, among those whose marital status is recorded; null when none'),
    knownShare: z.number().describe('Share (0 to 1) of members whose children at home are recorded'),
  }).nullable().describe('From the customers\' attributes kids_at_home, teens_at_home and marital_status; null when the store keeps no customer attributes'),
  traits: z.array(traitSchema).describe('What sets the persona apart from everyone, strongest first: the source of its generated name'),
}).describe('Who they are (docs/personas.md): size and share are counted when read, the rest as of the last discovery or full assignment');

export const clusterCandidateSchema = objectOf<ClusterCandidate>()({
  k: z.number().int().describe('Personas (clusters) tried'),
  silhouette: z.number().describe('How well separated the clusters are, from -1 to 1 (higher is better); the k chosen has the highest unless k was given'),
  inertia: z.number().describe('Sum of squared distances of the sample to their cluster centres (lower is tighter)'),
});

const magnitude = z.enum(['negligible', 'small', 'medium', 'large']).nullable().describe('How large the effect is by the usual thresholds; null when there is no statistic');
const noStatisticReason = z.enum(['tooFew', 'sameForAll', 'noSpread', 'oneValue']).nullable()
  .describe('Why there is no statistic: tooFew (fewer than two values on a side), sameForAll (the same mean on both sides), noSpread (no variance), oneValue (every answer the same); null when there is one');
const numericSummarySchema = objectOf<NumericSummary>()({
  n: z.number().int().describe('Customers with a value'), mean: z.number().nullable().describe('null when n is 0'), variance: z.number().nullable().describe('Sample variance; null below two values'),
});
const spendSummarySchema = objectOf<SpendSummary>()({
  meanMinor: z.number().nullable().describe('Mean spend per buyer in the period (total paid ÷ buyers), in minor units of the store\'s currency; null without buyers'),
  medianMinor: z.number().nullable().describe('Median spend per buyer in the period, in minor units; null without buyers'),
});
const numericDriftSchema = objectOf<NumericDrift>()({
  attribute: z.string().describe('age, spend (log) or orders per customer. For spend (log), before, after and cohensD are of ln(1 + spend in minor units) per buyer, so one big buyer does not decide the size of a change; the money is in spendPerBuyer'),
  kind: z.literal('numeric'), unit: z.literal('customers'),
  before: numericSummarySchema, after: numericSummarySchema,
  cohensD: z.number().nullable().describe('(mean after − mean before) / pooled standard deviation; null when there is no statistic'),
  magnitude, noStatisticReason,
  spendPerBuyer: z.object({ before: spendSummarySchema, after: spendSummarySchema }).optional()
    .describe('Only on spend (log): spend per buyer in money, the plain mean and the median, in each period'),
});
const categoricalDriftSchema = objectOf<CategoricalDrift>()({
  attribute: z.string(), kind: z.literal('categorical'),
  unit: z.enum(['customers', 'orders', 'amount']).describe('What the shares count: customers, their orders, or the amount spent'),
  series: z.array(objectOf<SeriesPoint>()({ label: z.string(), before: z.number(), after: z.number() })).describe('Each value\'s share (0 to 1) before and after, the largest first: a chart\'s series'),
  totalVariation: z.number().describe('Half the sum of the share differences, 0 (same mix) to 1'),
  cramersV: z.number().nullable().describe('Cramér\'s V of the before/after table; null when there is no statistic'),
  magnitude, noStatisticReason,
});
const driftPeriodSchema = z.object({
  from: z.string(), to: z.string(), customers: z.number().int().describe('Customers of the group active in the period: at least one purchase in [from, to)'),
}).describe('The period as asked (a day stays a day, a time is an ISO time), with the group\'s active customers in it');

/** POST /drift's answer (docs/personas.md). */
export const driftReportSchema = objectOf<DriftReport>()({
  group: z.string().describe('The group compared, in words'),
  before: driftPeriodSchema, after: driftPeriodSchema,
  attributes: z.array(z.discriminatedUnion('kind', [numericDriftSchema, categoricalDriftSchema])).describe('What moved, attribute by attribute: a numeric one with Cohen\'s d, a categorical one with Cramér\'s V'),
  personaShifts: z.array(objectOf<PersonaShift>()({
    personaId: z.number().int(), label: z.string().describe('The persona\'s name'),
    before: z.number().describe('Its members active (a purchase) in the period before'), after: z.number().describe('And in the period after'),
    beforeShare: z.number(), afterShare: z.number(),
    change: z.enum(['grew', 'shrank', 'steady']).describe('steady unless the share moved notably'),
  })).nullable().describe('Every current persona\'s share of all active customers (whatever the group) in each period; null before any discovery'),
});
