import type { TypePolicy } from '../../../analytics/policy.js';
import { parseDecimal, separatorsOf } from '../customers/parse-amount.js';

/**
 * The type policy's thresholds as a form shows them: grouped by the type they decide, each with
 * its unit and the range the server accepts (policy.ts; policy-fields.test.ts holds the two
 * equal). Shares the server keeps as fractions (0.5) are shown as percentages (50).
 */
export type PolicyGroup = 'new' | 'regular' | 'loyal' | 'vip' | 'atRisk' | 'lapsed' | 'occasional' | 'promotionDriven' | 'alerts';
export type PolicyUnit = 'days' | 'weeks' | 'months' | 'count' | 'percent' | 'times' | 'number';
type Bound = { value: number; isExclusive?: boolean };
export type NumericPolicyField = { path: string; group: PolicyGroup; unit: PolicyUnit; isShare?: boolean; isWhole?: boolean; min: Bound; max?: Bound };

// who is occasional at all (the loyal exception) apart from which occasional buyers are promotion-driven (docs/customer-types.md)
export const policyGroups: PolicyGroup[] = ['new', 'regular', 'loyal', 'vip', 'atRisk', 'lapsed', 'occasional', 'promotionDriven', 'alerts'];

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
  { path: 'occasional.promotionDrivenShare', group: 'promotionDriven', unit: 'percent', isShare: true, min: { value: 0 }, max: { value: 100 } },
  { path: 'occasional.promotionDrivenMinOrders', group: 'promotionDriven', unit: 'count', isWhole: true, min: { value: 1 }, max: { value: 1000 } },
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
const asShown = (value: number, field: NumericPolicyField) => (field.isShare ? Number((value * 100).toPrecision(12)) : value);

// the value the server keeps for what a form shows: a share's percentage as a fraction, rounded as sent
const asKept = (shown: number, field: NumericPolicyField) => (field.isShare ? Number((shown / 100).toPrecision(12)) : shown);

/**
 * A number as the reader writes it and as the field shows it ("3,5" in Latvian and Indonesian, "3.5"
 * in English), without grouping: "1.000" would read one thousand in Indonesian and one in English.
 */
export function policyNumberText(shown: number, tag: string): string {
  return new Intl.NumberFormat(tag, { useGrouping: false, maximumFractionDigits: 20 }).format(shown);
}

/** A threshold as the field shows it and the hint beside it says its default: the same text. */
export function policyValueText(policy: TypePolicy, field: NumericPolicyField, tag: string): string {
  return policyNumberText(asShown(valueAt(policy, field.path), field), tag);
}

export function policyDraft(policy: TypePolicy, tag: string): PolicyDraft {
  return { numbers: Object.fromEntries(numericPolicyFields.map((field) => [field.path, policyValueText(policy, field, tag)])), vipBasis: policy.vip.basis };
}

/**
 * Why a field's text cannot be sent: not a number (or not a whole one); written with the other
 * decimal separator ("2.5" in Indonesian, "2,5" in English: `example` is it written the reader's way);
 * grouped with a separator the reader's language does not group with ("1.000" in Latvian or English in a
 * field of days: `example` is it written as the field shows numbers, 1000); readable two ways ("2.500" in
 * Indonesian: 2500, or 2.5 to someone used to the decimal point); out of range; or in range as typed but
 * not once rounded as the server keeps it (`kept`, as shown).
 */
export type PolicyValueProblem =
  | { kind: 'notNumber' }
  | { kind: 'otherDecimal'; example: number }
  | { kind: 'otherGrouping'; example: number }
  | { kind: 'ambiguous'; readings: [number, number] }
  | { kind: 'range' }
  | { kind: 'rounded'; kept: number };

export type PolicyValueReading = { value: number } | { problem: PolicyValueProblem };

// the conventions a reader may have meant besides their own: thousands with dots and a decimal comma
// (Indonesian), thousands with commas and a decimal point (English); "2.5" in Indonesian meant two and a half,
// "1.000" in Latvian (which groups with spaces) meant one thousand or one
const conventionTags = ['id-ID', 'en-GB'];

type Reading = { value: number; isOwn: boolean; isDecimal: boolean };

/** Every value the text reads as, the reader's own convention first, each once; whether it read a decimal separator. */
function readingsOf(text: string, tag: string): Reading[] {
  const readings: Reading[] = [];
  for (const [index, convention] of [tag, ...conventionTags].entries()) {
    const value = parseDecimal(text, convention);
    if (value === null || readings.some((reading) => reading.value === value)) continue;
    readings.push({ value, isOwn: index === 0, isDecimal: text.includes(separatorsOf(convention).decimal) });
  }
  return readings;
}

const isInRange = (value: number, min: { value: number; isExclusive?: boolean }, max: { value: number; isExclusive?: boolean } | undefined) =>
  (min.isExclusive ? value > min.value : value >= min.value) && (!max || (max.isExclusive ? value < max.value : value <= max.value));

/**
 * A field's text read the reader's way (`tag`): the value as the server keeps it, or why it cannot be
 * sent. Never reinterpreted: text another convention reads differently is refused and said so. In a
 * field of whole numbers a reading with a decimal separator is no candidate beside one without ("3,650"
 * days in English are 3650, "1.000" in Indonesian 1000), so only what is still readable two ways is asked.
 * Bounds are checked on the value sent, after rounding, so the server never refuses what the form took.
 */
export function readPolicyValue(field: NumericPolicyField, text: string, tag: string): PolicyValueReading {
  if (text.trim() === '') return { problem: { kind: 'notNumber' } };
  let readings = readingsOf(text, tag);
  if (field.isWhole && readings.length > 1 && readings.some((reading) => !reading.isDecimal)) readings = readings.filter((reading) => !reading.isDecimal);
  if (readings.length === 0) return { problem: { kind: 'notNumber' } };
  if (readings.length > 1) return { problem: { kind: 'ambiguous', readings: [readings[0].value, readings[1].value] } };
  const [reading] = readings;
  if (!reading.isOwn) {
    if (reading.isDecimal) return { problem: { kind: 'otherDecimal', example: reading.value } };
    // "1.000.000" in English is no decimal at all: a number grouped another language's way, or out of range
    if (field.isWhole && !Number.isInteger(reading.value)) return { problem: { kind: 'notNumber' } };
    return { problem: isInRange(reading.value, field.min, field.max) ? { kind: 'otherGrouping', example: reading.value } : { kind: 'range' } };
  }
  const shown = reading.value;
  if (field.isWhole && !Number.isInteger(shown)) return { problem: { kind: 'notNumber' } };
  if (!isInRange(shown, field.min, field.max)) return { problem: { kind: 'range' } };
  const kept = asKept(shown, field);
  const scale = field.isShare ? 100 : 1;
  const inKeptUnits = (bound: { value: number; isExclusive?: boolean }) => ({ ...bound, value: bound.value / scale });
  if (!Number.isFinite(kept) || !isInRange(kept, inKeptUnits(field.min), field.max && inKeptUnits(field.max))) return { problem: { kind: 'rounded', kept: asShown(kept, field) } };
  return { value: kept };
}

/**
 * The draft as the reader's language changed from `fromTag` to `toTag`: what was typed is kept, each field
 * that reads as one number the old way rewritten the new way ("3.5" → "3,5"); any other text stays as typed
 * and the field says what is wrong with it.
 */
export function policyDraftInLanguage(draft: PolicyDraft, fromTag: string, toTag: string): PolicyDraft {
  if (fromTag === toTag) return draft;
  const numbers = Object.fromEntries(Object.entries(draft.numbers).map(([path, text]) => {
    const field = numericPolicyFields.find((candidate) => candidate.path === path);
    const readings = field ? readingsOf(text, fromTag) : [];
    return [path, readings.length === 1 && readings[0].isOwn ? policyNumberText(readings[0].value, toTag) : text];
  }));
  return { ...draft, numbers };
}

/**
 * An amount in minor units of the store's currency as money, exact: a fraction of the smallest unit is
 * written out rather than rounded (0.4 of IDR's rupiah is "Rp 0,4", not "Rp 0"; 0.5 cent "€0.005").
 * `money` writes whole minor units, `minorPerMajor` says how many make one major unit.
 */
export function exactMoneyText(minor: number, format: { money: (minor: number) => string; minorPerMajor: number }, tag: string): string {
  if (Number.isInteger(minor) || !Number.isFinite(minor) || minor < 0) return format.money(minor);
  const [whole, fraction = ''] = new Intl.NumberFormat('en-US', { useGrouping: false, maximumFractionDigits: 20 }).format(minor).split('.');
  if (fraction === '') return format.money(Number(whole));
  const written = format.money(Number(whole));
  const lastDigit = written.search(/\d(?!.*\d)/);
  // the currency's own minor digits are written already ("€0.00"); without any ("Rp 2") the decimal separator comes first
  const extra = format.minorPerMajor === 1 ? `${separatorsOf(tag).decimal}${fraction}` : fraction;
  return `${written.slice(0, lastDigit + 1)}${extra}${written.slice(lastDigit + 1)}`;
}

/** The value as the server keeps it, or null when the text cannot be sent (readPolicyValue says why). */
export function parsePolicyValue(field: NumericPolicyField, text: string, tag: string): number | null {
  const reading = readPolicyValue(field, text, tag);
  return 'value' in reading ? reading.value : null;
}

/**
 * The change to send (only what differs from `policy`, nested as the API merges it) and the
 * paths whose text is not acceptable; nothing is sent while any is.
 */
export function policyChange(policy: TypePolicy, draft: PolicyDraft, tag: string): { change: Record<string, unknown>; invalidPaths: string[]; problems: Record<string, PolicyValueProblem> } {
  const change: Record<string, Record<string, unknown> | unknown> = {};
  const invalidPaths: string[] = [];
  const problems: Record<string, PolicyValueProblem> = {};
  const put = (path: string, value: unknown) => {
    const [head, leaf] = path.split('.');
    if (leaf === undefined) change[head] = value;
    else change[head] = { ...(change[head] as Record<string, unknown> | undefined), [leaf]: value };
  };
  for (const field of numericPolicyFields) {
    const reading = readPolicyValue(field, draft.numbers[field.path] ?? '', tag);
    if ('problem' in reading) {
      invalidPaths.push(field.path);
      problems[field.path] = reading.problem;
    } else if (reading.value !== valueAt(policy, field.path)) put(field.path, reading.value);
  }
  if (draft.vipBasis !== policy.vip.basis) put('vip.basis', draft.vipBasis);
  return { change, invalidPaths, problems };
}

/** "1–3650", "above 0", "above 1, up to 100": the range a field accepts, in the units it is shown in. */
export function rangeOf(field: NumericPolicyField): { min: number; max: number | null; isMinExclusive: boolean; isMaxExclusive: boolean } {
  return { min: field.min.value, max: field.max?.value ?? null, isMinExclusive: field.min.isExclusive === true, isMaxExclusive: field.max?.isExclusive === true };
}

/**
 * The range a field accepts in words ("from 1 to 3650", "above 0, up to 1000"), its numbers written as the
 * field shows numbers, never grouped: "3,650" would read two ways, as the field would say if it were typed.
 */
export function policyRangeText(field: NumericPolicyField, t: (key: string, variables?: Record<string, string | number>) => string, tag: string): string {
  const range = rangeOf(field);
  const min = policyNumberText(range.min, tag);
  const max = range.max === null ? null : policyNumberText(range.max, tag);
  const rangeKey = max === null ? (range.isMinExclusive ? 'above' : 'atLeast')
    : range.isMinExclusive ? (range.isMaxExclusive ? 'aboveBelow' : 'aboveUpTo') : 'between';
  return t(`settings.policy.range.${rangeKey}`, { min, max: max ?? '' });
}

/**
 * The fields a refused save names (ANALYTICS_POLICY_INVALID: `field`, and every one of `details.issues`)
 * that the form shows, so each refusal is said beside its field; any other refusal is the form's.
 */
export function refusedPolicyPaths(error: unknown): string[] {
  if (!error || typeof error !== 'object' || (error as { code?: unknown }).code !== 'ANALYTICS_POLICY_INVALID') return [];
  const { field, details } = error as { field?: unknown; details?: { issues?: unknown } };
  const issues = Array.isArray(details?.issues) ? details.issues.map((issue: unknown) => (issue as { field?: unknown } | null)?.field) : [];
  const named = new Set([field, ...issues].filter((path): path is string => typeof path === 'string'));
  return numericPolicyFields.map((candidate) => candidate.path).filter((path) => named.has(path));
}
