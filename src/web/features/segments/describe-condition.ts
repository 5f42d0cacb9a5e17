import type { FieldType } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import type { Formatters } from '../../i18n/format.js';
import { pluralKey } from '../../i18n/plural.js';
import { choiceLabel, fieldLabel, hasChoices, isMoneyField, operatorLabel } from './field-kinds.js';
import { describePurchase } from './describe-purchase.js';
import { incomeBandText } from '../personas/income-band.js';

/**
 * One condition of a filter in the user's words ("Revenue at least US$100.00").
 * A nested `and`/`or` group and a `not` read in words too, made of their
 * conditions' words (a group inside a group in brackets), but only the JSON
 * editor changes them (`isGroup`). A condition these words cannot say exactly
 * (interest, a shape from a newer server, or a group holding one) is shown as
 * compact JSON instead: a wrong sentence would be worse than a technical one.
 */
export type DescribeContext = {
  t: I18n['t'];
  /** For the plural forms of counts ("1 day ago", "pirms 21 dienas"). */
  locale: Locale;
  format: Pick<Formatters, 'money' | 'number' | 'date' | 'compact'>;
  /** The field's type from GET /api/segments/fields; undefined while loading or for an unknown field. */
  typeOf: (field: string) => FieldType | undefined;
  /** A persona's name as the Personas page shows it, by the name the filter holds; null (or absent) shows the name as written. */
  personaName?: (name: string) => { text: string } | null;
};
export type ConditionDescription = { isSimple: boolean; text: string; isGroup?: true };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDaysAgo = (value: unknown): value is { days_ago: number } => isRecord(value) && Object.keys(value).length === 1 && typeof value.days_ago === 'number';
const isDaysAhead = (value: unknown): value is { days_ahead: number } => isRecord(value) && Object.keys(value).length === 1 && typeof value.days_ahead === 'number';
const isIsoDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
const comparisonOperators = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'starts_with', 'is_null'];
// a persona is named by its server name (src/segments/filter-fields.ts), which the Personas page shows in the reader's words
const personaField = 'persona';
const decimalsOf = (value: number) => Math.min((String(value).split('.')[1] ?? '').length, 6);

export function describeCondition(condition: unknown, context: DescribeContext): ConditionDescription {
  const group = groupText(condition, context, false);
  if (group !== undefined) return group === null ? { isSimple: false, text: JSON.stringify(condition) } : { isSimple: true, text: group, isGroup: true };
  const text = isRecord(condition) ? simpleText(condition, context) : null;
  return text === null ? { isSimple: false, text: JSON.stringify(condition) } : { isSimple: true, text };
}

const groupKinds = ['and', 'or', 'not'] as const;
const groupKindOf = (condition: unknown) => {
  if (!isRecord(condition) || Object.keys(condition).length !== 1) return undefined;
  return groupKinds.find((kind) => kind in condition);
};

/**
 * A group's words ("Agreed to email marketing: yes or Agreed to SMS marketing: yes"), undefined for a
 * condition that is not a group, null for a group with a part the words do not cover. A group inside
 * another is bracketed, so "A and (B or C)" cannot be read as "(A and B) or C".
 */
function groupText(condition: unknown, context: DescribeContext, isInner: boolean): string | null | undefined {
  const kind = groupKindOf(condition);
  if (kind === undefined) return undefined;
  const { t } = context;
  const body = (condition as Record<string, unknown>)[kind];
  const partText = (part: unknown): string | null => {
    const inner = groupText(part, context, true);
    if (inner !== undefined) return inner;
    return isRecord(part) ? simpleText(part, context) : null;
  };
  if (kind === 'not') {
    const part = partText(body);
    if (part === null) return null;
    const text = t('segments.conditions.notGroup', { condition: part });
    return isInner ? t('segments.conditions.bracketed', { conditions: text }) : text;
  }
  // an empty group inside another (everyone, or no one) is for the JSON to show
  if (!Array.isArray(body) || body.length === 0) return null;
  const parts = body.map(partText);
  if (!parts.every((part): part is string => part !== null)) return null;
  const text = parts.join(` ${t(kind === 'and' ? 'segments.conditions.andJoin' : 'segments.conditions.orJoin')} `);
  return isInner && parts.length > 1 ? t('segments.conditions.bracketed', { conditions: text }) : text;
}

/** Whether every condition of the list has words; the JSON editor starts closed only then. */
export function isDescribable(conditions: unknown[], context: DescribeContext): boolean {
  return conditions.every((condition) => describeCondition(condition, context).isSimple);
}

function simpleText(condition: Record<string, unknown>, context: DescribeContext): string | null {
  const keys = Object.keys(condition);
  if (keys.length === 1 && keys[0] === 'purchased') return describePurchase(condition.purchased, context);
  if (typeof condition.field === 'string' && typeof condition.op === 'string' && keys.every((key) => ['field', 'op', 'value'].includes(key))) {
    return describeComparison(condition.field, condition.op, condition.value, context);
  }
  return null;
}

function typeOf(field: string, value: unknown, context: DescribeContext): FieldType | undefined {
  const known = context.typeOf(field);
  if (known) return known;
  // before the field list arrives, a relative or ISO date still reads as a date
  const sample = Array.isArray(value) ? value[0] : value;
  return isDaysAgo(sample) || isIsoDate(sample) ? 'date' : undefined;
}

/** A single value in words, or null when it is not of a shape the field's words fit. */
export function valueText(field: string, type: FieldType | undefined, value: unknown, context: DescribeContext): string | null {
  const { t, format, locale } = context;
  if (type === 'date') {
    if (isDaysAgo(value)) return t(pluralKey(locale, 'segments.conditions.daysAgo', value.days_ago), { days: format.number(value.days_ago) });
    if (isDaysAhead(value)) return t(pluralKey(locale, 'segments.conditions.daysAhead', value.days_ahead), { days: format.number(value.days_ahead) });
    return isIsoDate(value) ? format.date(value) : null;
  }
  if (typeof value === 'boolean') return t(value ? 'segments.conditions.yes' : 'segments.conditions.no');
  if (typeof value === 'number') return isMoneyField(field) ? format.money(value) : format.number(value, decimalsOf(value));
  if (typeof value === 'string' && field === personaField) return context.personaName?.(value)?.text ?? value;
  if (typeof value === 'string') return hasChoices(field) ? choiceLabel(t, field, value) : value;
  return null;
}

function valuesText(field: string, type: FieldType | undefined, values: unknown, context: DescribeContext): string | null {
  if (!Array.isArray(values) || values.length === 0) return null;
  const texts = values.map((value) => valueText(field, type, value, context));
  return texts.every((text): text is string => text !== null) ? texts.join(', ') : null;
}

function describeComparison(field: string, op: string, value: unknown, context: DescribeContext): string | null {
  const { t } = context;
  // an operator the server does not know is for its problems list to name, not for the list to put into words
  if (!comparisonOperators.includes(op)) return null;
  const label = fieldLabel(t, field);
  const type = typeOf(field, value, context);
  if (op === 'is_null') {
    if (value !== undefined && typeof value !== 'boolean') return null;
    return t(value === false ? 'segments.conditions.isKnown' : 'segments.conditions.isUnknown', { field: label });
  }
  if (type === 'boolean' && typeof value === 'boolean' && (op === 'eq' || op === 'neq')) {
    const shown = valueText(field, type, value, context) ?? '';
    return t(op === 'eq' ? 'segments.conditions.booleanIs' : 'segments.conditions.booleanIsNot', { field: label, value: shown });
  }
  // {"days_ago": N} is a whole store day: after it are the last N days (the as-of day and the N-1
  // before, as the summary counts them); on it or after, N+1 days
  if (type === 'date' && isDaysAgo(value) && (op === 'gt' || op === 'gte' || op === 'lt')) {
    const key = { gt: 'segments.conditions.withinLastDays', gte: 'segments.conditions.onOrAfterDaysAgo', lt: 'segments.conditions.moreThanDaysAgo' }[op];
    return t(pluralKey(context.locale, key, value.days_ago), { field: label, days: context.format.number(value.days_ago) });
  }
  // the builder's "in the next N days" (filter-text.ts)
  if (type === 'date' && op === 'between' && Array.isArray(value) && value.length === 2 && isDaysAhead(value[0]) && value[0].days_ahead === 0 && isDaysAhead(value[1])) {
    return t(pluralKey(context.locale, 'segments.conditions.inNextDays', value[1].days_ahead), { field: label, days: context.format.number(value[1].days_ahead) });
  }
  if (op === 'between') {
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [low, high] = value.map((end) => valueText(field, type, end, context));
    return low === null || high === null ? null : t('segments.conditions.between', { field: label, low, high });
  }
  const bands = field === 'income_band' && wholeBandOperators.includes(op) ? incomeBandsText(value, context) : null;
  const shown = bands ?? (Array.isArray(value) ? valuesText(field, type, value, context) : valueText(field, type, value, context));
  return shown === null ? null : t('segments.conditions.comparison', { field: label, operator: operatorLabel(t, type, op), value: shown });
}

// a whole band ("is 5-10M") reads in the reader's numbers as on the persona pages, where
// Indonesian "M" would mean miliar; a part of one ("starts with <5") stays as typed
const wholeBandOperators = ['eq', 'neq', 'in', 'nin'];

function incomeBandsText(value: unknown, context: DescribeContext): string | null {
  const bands = Array.isArray(value) ? value : [value];
  if (bands.length === 0 || !bands.every((band): band is string => typeof band === 'string')) return null;
  return bands.map((band) => incomeBandText(band, context.t, context.format)).join(', ');
}
