import type { TypePolicy } from '../../../analytics/policy.js';
import type { Formatters } from '../../i18n/format.js';

/**
 * The type policy's thresholds as a form shows them: grouped by the type they decide, each with
 * its unit and the range the server accepts (policy.ts; policy-fields.test.ts holds the two
 * equal). Shares the server keeps as fractions (0.5) are shown as percentages (50).
 */
export type PolicyGroup = 'new' | 'regular' | 'loyal' | 'vip' | 'atRisk' | 'lapsed' | 'occasional' | 'alerts';
export type PolicyUnit = 'days' | 'weeks' | 'months' | 'count' | 'percent' | 'times' | 'number';
type Bound = { value: number; isExclusive?: boolean };
export type NumericPolicyField = { path: string; group: PolicyGroup; unit: PolicyUnit; isShare?: boolean; isWhole?: boolean; min: Bound; max?: Bound };

export const policyGroups: PolicyGroup[] = ['new', 'regular', 'loyal', 'vip', 'atRisk', 'lapsed', 'occasional', 'alerts'];

export const numericPolicyFields: NumericPolicyField[] = [
  { path: 'newWithinDays', group: 'new', unit: 'days', isWhole: true, min: { value: 1 }, max: { value: 3650 } },
  { path: 'regular.minIntervals', group: 'regular', unit: 'count', isWhole: true, min: { value: 2 }, max: { value: 1000 } },
  { path: 'regular.maxCoefficientOfVariation', group: 'regular', unit: 'percent', isShare: true, min: { value: 0, isExclusive: true }, max: { value: 1000 } },
  { path: 'regular.frequentWithinDays', group: 'regular', unit: 'days', isWhole: true, min: { value: 0 }, max: { value: 365 } },
  { path: 'regular.frequentMaxCoefficientOfVariation', group: 'regular', unit: 'percent', isShare: true, min: { value: 0, isExclusive: true }, max: { value: 1000 } },
  { path: 'loyal.minTenureDays', group: 'loyal', unit: 'days', isWhole: true, min: { value: 1 }, max: { value: 3650 } },
  { path: 'loyal.periodMonths', group: 'loyal', unit: 'months', isWhole: true, min: { value: 1 }, max: { value: 24 } },
  { path: 'loyal.minPeriods', group: 'loyal', unit: 'count', isWhole: true, min: { value: 2 }, max: { value: 1000 } },
  { path: 'vip.windowDays', group: 'vip', unit: 'days', isWhole: true, min: { value: 1 }, max: { value: 3650 } },
  { path: 'vip.topPercent', group: 'vip', unit: 'percent', min: { value: 0, isExclusive: true }, max: { value: 100 } },
  { path: 'atRisk.minIntervals', group: 'atRisk', unit: 'count', isWhole: true, min: { value: 1 }, max: { value: 1000 } },
  { path: 'atRisk.overdueFactor', group: 'atRisk', unit: 'times', min: { value: 1, isExclusive: true }, max: { value: 100 } },
  { path: 'lapsed.quietDays', group: 'lapsed', unit: 'days', isWhole: true, min: { value: 1 }, max: { value: 3650 } },
  { path: 'lapsed.pAliveBelow', group: 'lapsed', unit: 'percent', isShare: true, min: { value: 0, isExclusive: true }, max: { value: 100, isExclusive: true } },
  { path: 'lapsed.pAliveMinQuietDays', group: 'lapsed', unit: 'days', isWhole: true, min: { value: 0 }, max: { value: 3650 } },
  { path: 'occasional.promotionDrivenShare', group: 'occasional', unit: 'percent', isShare: true, min: { value: 0 }, max: { value: 100 } },
  { path: 'occasional.promotionDrivenMinOrders', group: 'occasional', unit: 'count', isWhole: true, min: { value: 1 }, max: { value: 1000 } },
  { path: 'occasional.frequentLoyalPurchaseDaysPerYear', group: 'occasional', unit: 'count', isWhole: true, min: { value: 0 }, max: { value: 366 } },
  { path: 'alerts.weeksOfHistory', group: 'alerts', unit: 'weeks', isWhole: true, min: { value: 3 }, max: { value: 52 } },
  { path: 'alerts.zThreshold', group: 'alerts', unit: 'number', min: { value: 0, isExclusive: true }, max: { value: 100 } },
  { path: 'alerts.minDropPercent', group: 'alerts', unit: 'percent', min: { value: 0, isExclusive: true }, max: { value: 100, isExclusive: true } },
  { path: 'alerts.minExpected', group: 'alerts', unit: 'number', min: { value: 0 }, max: { value: 1_000_000_000_000 } },
  { path: 'alerts.overdueLookbackDays', group: 'alerts', unit: 'days', isWhole: true, min: { value: 1 }, max: { value: 365 } },
];

export const vipBases = ['revenue', 'frequency', 'revenue_or_frequency'] as const;

/** What the form edits: every numeric threshold as typed, by path, and the VIP basis. */
export type PolicyDraft = { numbers: Record<string, string>; vipBasis: TypePolicy['vip']['basis'] };

function valueAt(policy: TypePolicy, path: string): number {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], policy) as number;
}

// 0.3 × 100 is 30.000000000000004 in binary floating point; a form shows 30
const asShown = (value: number, field: NumericPolicyField) => String(field.isShare ? Number((value * 100).toPrecision(12)) : value);

/**
 * A threshold as the reader reads numbers ("3,5" in Latvian and Indonesian), for the text beside a field;
 * the field itself keeps "3.5", the only form a number input takes.
 */
export function policyValueText(policy: TypePolicy, field: NumericPolicyField, format: Pick<Formatters, 'number'>): string {
  const shown = Number(asShown(valueAt(policy, field.path), field));
  return format.number(shown, (String(shown).split('.')[1] ?? '').length);
}

export function policyDraft(policy: TypePolicy): PolicyDraft {
  return { numbers: Object.fromEntries(numericPolicyFields.map((field) => [field.path, asShown(valueAt(policy, field.path), field)])), vipBasis: policy.vip.basis };
}

/** The value as the server keeps it, or null when the text is not a number in the field's range. */
export function parsePolicyValue(field: NumericPolicyField, text: string): number | null {
  if (text.trim() === '') return null;
  const shown = Number(text.trim());
  if (!Number.isFinite(shown) || (field.isWhole && !Number.isInteger(shown))) return null;
  const { min, max } = field;
  if (min.isExclusive ? shown <= min.value : shown < min.value) return null;
  if (max && (max.isExclusive ? shown >= max.value : shown > max.value)) return null;
  return field.isShare ? Number((shown / 100).toPrecision(12)) : shown;
}

/**
 * The change to send (only what differs from `policy`, nested as the API merges it) and the
 * paths whose text is not acceptable; nothing is sent while any is.
 */
export function policyChange(policy: TypePolicy, draft: PolicyDraft): { change: Record<string, unknown>; invalidPaths: string[] } {
  const change: Record<string, Record<string, unknown> | unknown> = {};
  const invalidPaths: string[] = [];
  const put = (path: string, value: unknown) => {
    const [head, leaf] = path.split('.');
    if (leaf === undefined) change[head] = value;
    else change[head] = { ...(change[head] as Record<string, unknown> | undefined), [leaf]: value };
  };
  for (const field of numericPolicyFields) {
    const value = parsePolicyValue(field, draft.numbers[field.path] ?? '');
    if (value === null) invalidPaths.push(field.path);
    else if (value !== valueAt(policy, field.path)) put(field.path, value);
  }
  if (draft.vipBasis !== policy.vip.basis) put('vip.basis', draft.vipBasis);
  return { change, invalidPaths };
}

/** "1–3650", "above 0", "above 1, up to 100": the range a field accepts, in the units it is shown in. */
export function rangeOf(field: NumericPolicyField): { min: number; max: number | null; isMinExclusive: boolean; isMaxExclusive: boolean } {
  return { min: field.min.value, max: field.max?.value ?? null, isMinExclusive: field.min.isExclusive === true, isMaxExclusive: field.max?.isExclusive === true };
}
