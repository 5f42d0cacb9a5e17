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
 * A condition these words cannot say exactly (a group, a `not`, interest, a
 * shape from a newer server) is shown as compact JSON instead: a wrong sentence
 * would be worse than a technical one.
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
export type ConditionDescription = { isSimple: boolean; text: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isDaysAgo = (value: unknown): value is { days_ago: number } => isRecord(value) && Object.keys(value).length === 1 && typeof value.days_ago === 'number';
const isDaysAhead = (value: unknown): value is { days_ahead: number } => isRecord(value) && Object.keys(value).length === 1 && typeof value.days_ahead === 'number';
const isIsoDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value));
const comparisonOperators = ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'contains', 'starts_with', 'is_null'];
// a persona is named by its server name (src/segments/filter-fields.ts), which the Personas page shows in the reader's words
const personaField = 'persona';
const decimalsOf = (value: number) => Math.min((String(value).split('.')[1] ?? '').length, 6);

export function describeCondition(condition: unknown, context: DescribeContext): ConditionDescription {
  const text = isRecord(condition) ? simpleText(condition, context) : null;
  return text === null ? { isSimple: false, text: JSON.stringify(condition) } : { isSimple: true, text };
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
