import { z } from 'zod';
import { AppError } from '../core/errors.js';

/**
 * Every threshold behind customer types and change alerts, as one policy per
 * store (store_setting key 'type_policy'). Defaults are documented in
 * docs/customer-types.md; changing the policy reclassifies everyone.
 */
export const typePolicySchema = z
  .object({
    newWithinDays: z.number().int().min(1).max(3650),
    occasional: z.object({
      promotionDrivenShare: z.number().min(0).max(1),
      promotionDrivenMinOrders: z.number().int().min(1),
      /** A loyal customer who buys on this many days a year or more is not occasional, however bursty; 0 turns it off. */
      frequentLoyalPurchaseDaysPerYear: z.number().int().min(0).max(366),
    }).strict(),
    regular: z.object({
      minIntervals: z.number().int().min(2).max(1000),
      maxCoefficientOfVariation: z.number().gt(0).max(10),
      /** A buyer whose usual gap is this short is judged by the looser bound below; 0 turns it off. */
      frequentWithinDays: z.number().int().min(0).max(365),
      frequentMaxCoefficientOfVariation: z.number().gt(0).max(10),
    }).strict(),
    loyal: z.object({
      minTenureDays: z.number().int().min(1),
      periodMonths: z.number().int().min(1).max(24),
      minPeriods: z.number().int().min(2),
    }).strict(),
    vip: z.object({
      windowDays: z.number().int().min(1).max(3650),
      topPercent: z.number().gt(0).max(100),
      basis: z.enum(['revenue', 'frequency', 'revenue_or_frequency']),
    }).strict(),
    atRisk: z.object({
      minIntervals: z.number().int().min(1),
      overdueFactor: z.number().gt(1).max(100),
    }).strict(),
    lapsed: z.object({
      quietDays: z.number().int().min(1),
      pAliveBelow: z.number().gt(0).lt(1),
    }).strict(),
    alerts: z.object({
      weeksOfHistory: z.number().int().min(3).max(52),
      zThreshold: z.number().gt(0),
      minDropPercent: z.number().gt(0).lt(100),
      /** Series whose expected value is below this are too small to judge. */
      minExpected: z.number().min(0),
      overdueLookbackDays: z.number().int().min(1).max(365),
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
  lapsed: { quietDays: 180, pAliveBelow: 0.3 },
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

/** Validates a complete policy; the error lists every bad field so an edit can be fixed in one go. */
export function parseTypePolicy(candidate: unknown): TypePolicy {
  const result = typePolicySchema.safeParse(candidate);
  if (result.success) return result.data;
  // an unknown threshold is named by its own key, not by the object around it
  const issues = result.error.issues.map((issue) => ({ field: [...issue.path, ...(issue.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])].join('.') || 'policy', reason: issue.message }));
  throw new AppError(
    'ANALYTICS_POLICY_INVALID',
    `The type policy is invalid: ${issues.map((issue) => `${issue.field}: ${issue.reason}`).join('; ')}`,
    { field: issues[0]?.field, issues },
  );
}
