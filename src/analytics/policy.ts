import { z } from 'zod';
import { AppError } from '../core/errors.js';

type Bound = { value: number; isExclusive?: boolean };

function rangeText(min: Bound, max: Bound): string {
  if (!min.isExclusive && !max.isExclusive) return `from ${min.value} to ${max.value}`;
  return `${min.isExclusive ? 'above' : 'at least'} ${min.value} and ${max.isExclusive ? 'below' : 'at most'} ${max.value}`;
}

/**
 * One threshold with its range; the description is the rule a refusal states ("must be …"), so
 * the message, the API document and the check cannot disagree. Every threshold has an upper
 * bound: the analysis casts days and counts to int, and a day count past ten years means nothing.
 */
function threshold(what: string, min: Bound, max: Bound, note = '') {
  return bounded(false, what, min, max, note);
}

function bounded(isWhole: boolean, what: string, min: Bound, max: Bound, note: string) {
  let schema = isWhole ? z.number().int() : z.number();
  schema = min.isExclusive ? schema.gt(min.value) : schema.min(min.value);
  schema = max.isExclusive ? schema.lt(max.value) : schema.max(max.value);
  return schema.describe(`${what} ${rangeText(min, max)}${note}`);
}

const count = (what: string, min: number, max: number, note = '') => bounded(true, `a whole number of ${what}`, { value: min }, { value: max }, note);
const days = (min: number, max: number, note = '') => count('days', min, max, note);
const variation = () => threshold('a coefficient of variation (0.5 is 50%)', { value: 0, isExclusive: true }, { value: 10 });

/**
 * Every threshold behind customer types and change alerts, as one policy per
 * store (store_setting key 'type_policy'). Defaults are documented in
 * docs/customer-types.md; changing the policy reclassifies everyone.
 */
export const typePolicySchema = z
  .object({
    newWithinDays: days(1, 3650),
    occasional: z.object({
      promotionDrivenShare: threshold('a share of orders (0.5 is half)', { value: 0 }, { value: 1 }),
      promotionDrivenMinOrders: count('orders', 1, 1000),
      /** A loyal customer who buys on this many days a year or more is not occasional, however bursty; 0 turns it off. */
      frequentLoyalPurchaseDaysPerYear: count('purchase days a year', 0, 366, ' (0 turns it off)'),
    }).strict(),
    regular: z.object({
      minIntervals: count('intervals', 2, 1000),
      maxCoefficientOfVariation: variation(),
      /** A buyer whose usual gap is this short is judged by the looser bound below; 0 turns it off. */
      frequentWithinDays: days(0, 365, ' (0 turns it off)'),
      frequentMaxCoefficientOfVariation: variation(),
    }).strict(),
    loyal: z.object({
      minTenureDays: days(1, 3650),
      periodMonths: count('months', 1, 24),
      minPeriods: count('periods', 2, 1000),
    }).strict(),
    vip: z.object({
      windowDays: days(1, 3650),
      topPercent: threshold('a percentage', { value: 0, isExclusive: true }, { value: 100 }),
      basis: z.enum(['revenue', 'frequency', 'revenue_or_frequency']),
    }).strict(),
    atRisk: z.object({
      minIntervals: count('intervals', 1, 1000),
      overdueFactor: threshold('a multiple of the usual interval', { value: 1, isExclusive: true }, { value: 100 }),
    }).strict(),
    lapsed: z.object({
      quietDays: days(1, 3650),
      pAliveBelow: threshold('a probability', { value: 0, isExclusive: true }, { value: 1, isExclusive: true }),
      /**
       * P(alive) lapses a customer only after more than this many days without a purchase: BG/NBD's
       * P(alive) collapses for a heavy buyer after a few quiet weeks, and on CDNOW most of those came
       * back (docs/customer-types.md); 0 lets P(alive) judge from the first quiet day.
       */
      pAliveMinQuietDays: days(0, 3650, ' (0 lets P(alive) judge at once)'),
    }).strict(),
    alerts: z.object({
      weeksOfHistory: count('weeks', 3, 52),
      zThreshold: threshold('a number of robust standard deviations', { value: 0, isExclusive: true }, { value: 100 }),
      minDropPercent: threshold('a percentage', { value: 0, isExclusive: true }, { value: 100, isExclusive: true }),
      /** Series whose expected value is below this are too small to judge; revenue is in minor units. */
      minExpected: threshold('a number', { value: 0 }, { value: 1_000_000_000_000 }),
      overdueLookbackDays: days(1, 365),
    }).strict(),
  })
  .strict();

export type TypePolicy = z.infer<typeof typePolicySchema>;

export const defaultTypePolicy: TypePolicy = {
  newWithinDays: 30,
  occasional: { promotionDrivenShare: 0.5, promotionDrivenMinOrders: 2, frequentLoyalPurchaseDaysPerYear: 12 },
  regular: { minIntervals: 3, maxCoefficientOfVariation: 0.5, frequentWithinDays: 7, frequentMaxCoefficientOfVariation: 1 },
  loyal: { minTenureDays: 365, periodMonths: 3, minPeriods: 4 },
  vip: { windowDays: 365, topPercent: 5, basis: 'revenue' },
  atRisk: { minIntervals: 2, overdueFactor: 2 },
  lapsed: { quietDays: 180, pAliveBelow: 0.3, pAliveMinQuietDays: 180 },
  alerts: { weeksOfHistory: 8, zThreshold: 3.5, minDropPercent: 15, minExpected: 5, overdueLookbackDays: 7 },
};

type PolicyPatch = { [key: string]: unknown };

function isPlainObject(value: unknown): value is PolicyPatch {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep-merges a partial policy over a base so callers can change one threshold at a time. */
export function mergePolicy(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch === undefined ? base : patch;
  const merged: PolicyPatch = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergePolicy(base[key], value);
  return merged;
}

function schemaAt(path: readonly PropertyKey[]): z.ZodType | undefined {
  let schema: z.ZodType | undefined = typePolicySchema;
  for (const key of path) schema = schema instanceof z.ZodObject ? (schema.shape as Record<PropertyKey, z.ZodType>)[key] : undefined;
  return schema;
}

function valueAt(candidate: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (isPlainObject(node) ? node[String(key)] : undefined), candidate);
}

const shown = (value: unknown) => (value === undefined ? 'nothing' : typeof value === 'number' ? String(value) : JSON.stringify(value));

/** What a refusal says of one field: the rule it breaks, with the range allowed and the value sent. */
function describeIssue(issue: z.core.$ZodIssue, candidate: unknown): Array<{ field: string; reason: string }> {
  const where = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys((schemaAt(issue.path) as z.ZodObject).shape).join(', ');
    return issue.keys.map((key) => ({ field: where ? `${where}.${key}` : key, reason: `is not a threshold of the type policy; ${where || 'the policy'} takes ${known}` }));
  }
  const schema = schemaAt(issue.path);
  const got = `got ${shown(valueAt(candidate, issue.path))}`;
  const field = where || 'policy';
  if (schema instanceof z.ZodNumber && schema.description) return [{ field, reason: `must be ${schema.description}; ${got}` }];
  if (schema instanceof z.ZodEnum) return [{ field, reason: `must be one of ${schema.options.join(', ')}; ${got}` }];
  if (schema instanceof z.ZodObject) return [{ field, reason: `must be an object of thresholds (${Object.keys(schema.shape).join(', ')}); ${got}` }];
  return [{ field, reason: `${issue.message}; ${got}` }];
}

/**
 * A policy as stored, read back: a threshold saved before it had an upper bound (stores kept
 * `lapsed.quietDays` 2000000000) is read at today's maximum rather than refused, since the policy
 * is read by every analysis and import batch and by the form that would correct it. Anything else
 * wrong is refused as parseTypePolicy refuses it; a change is always checked by parseTypePolicy.
 */
export function parseStoredTypePolicy(candidate: unknown): TypePolicy {
  const result = typePolicySchema.safeParse(candidate);
  if (result.success) return result.data;
  const clamped: unknown = structuredClone(candidate);
  for (const issue of result.error.issues) {
    const parent = valueAt(clamped, issue.path.slice(0, -1));
    const key = issue.path.at(-1);
    // the bounds added later are all inclusive; an exclusive one was always checked, so none is stored past it
    if (issue.code !== 'too_big' || !issue.inclusive || !isPlainObject(parent) || key === undefined) continue;
    parent[String(key)] = Number(issue.maximum);
  }
  return parseTypePolicy(clamped);
}

/** Validates a complete policy; the error lists every bad field so an edit can be fixed in one go. */
export function parseTypePolicy(candidate: unknown): TypePolicy {
  const result = typePolicySchema.safeParse(candidate);
  if (result.success) return result.data;
  // a number both fractional and out of range breaks two checks of one rule: say it once
  const issues = [...new Map(result.error.issues.flatMap((issue) => describeIssue(issue, candidate)).map((issue) => [issue.field, issue])).values()];
  throw new AppError(
    'ANALYTICS_POLICY_INVALID',
    `The type policy is invalid: ${issues.map((issue) => `${issue.field} ${issue.reason}`).join('; ')}`,
    { field: issues[0]?.field, issues },
  );
}

/** One threshold as changed: its value before and after. */
export type ThresholdChange = { from: unknown; to: unknown };

function leavesOf(node: unknown, path: string[] = []): Array<[string, unknown]> {
  if (!isPlainObject(node)) return [[path.join('.'), node]];
  return Object.entries(node).flatMap(([key, value]) => leavesOf(value, [...path, key]));
}

/**
 * The thresholds whose value differs between two policies, by path ("newWithinDays", "vip.topPercent"):
 * what the audit log records of a change, so a threshold sent with the value it had is no change.
 */
export function changedThresholds(before: TypePolicy, after: TypePolicy): Record<string, ThresholdChange> {
  const was = new Map(leavesOf(before));
  return Object.fromEntries(leavesOf(after).filter(([path, value]) => was.get(path) !== value).map(([path, value]) => [path, { from: was.get(path), to: value }]));
}
