import { ApiError } from '../../api/client.js';
import type { FieldType } from '../../api/target-group-types.js';
import type { AmountFormat } from '../customers/customer-filters.js';
import { fractionDigitsOf, parseAmount, parseDecimal } from '../customers/parse-amount.js';
import type { FilterProblemDetail } from './filter-problem-text.js';
import { jsonErrorPlace, type JsonErrorPlace } from './json-error-place.js';
import { withinNextOperator } from './field-kinds.js';
import { windowOfForm, type WindowForm, type WindowMode } from './purchase-window.js';

/**
 * The filter editor works on JSON text; these helpers turn that text into a
 * filter and back, and build conditions from the form's inputs. Validation of
 * the filter itself is the server's (POST /api/segments/preview), so the app
 * never disagrees with what saving would accept.
 */
/** `message` is the browser's (English) word on broken JSON; `place` where it breaks, for a sentence in the user's language. */
export type ParsedFilterText = { status: 'ok'; filter: unknown } | { status: 'invalid-json'; message: string; place: JsonErrorPlace | null };

export function parseFilterText(text: string): ParsedFilterText {
  if (text.trim() === '') return { status: 'ok', filter: { and: [] } };
  try {
    return { status: 'ok', filter: JSON.parse(text) as unknown };
  } catch (error) {
    return { status: 'invalid-json', message: (error as Error).message, place: jsonErrorPlace(text) };
  }
}

export function formatFilter(filter: unknown): string {
  return JSON.stringify(filter, null, 2);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `value` is the text typed, or the parts already apart (the two ends of a
 * range, the ticked choices). With `amountFormat` the field holds money: the
 * text is an amount in the user's language, stored in minor units. With
 * `locale` another number is read in that language too ("0,75" in Bahasa
 * Indonesia and Latvian); without it, as JavaScript reads numbers.
 */
export type ConditionInput = { field: string; type: FieldType; op: string; value: string | readonly string[]; amountFormat?: AmountFormat; locale?: string };
export type BuiltCondition = { condition: Record<string, unknown> } | { errorKey: string };

const number = (text: string): number | null => {
  const value = Number(text.trim().replace(/\s/g, ''));
  return text.trim() !== '' && Number.isFinite(value) ? value : null;
};
const list = (text: string) => text.split(',').map((item) => item.trim()).filter((item) => item !== '');
/** A date is an ISO day ("2026-01-31") or a whole number of days before the as-of time ("90"). */
const dateValue = (text: string): unknown => (/^\d+$/.test(text.trim()) ? { days_ago: Number(text.trim()) } : text.trim());

function scalar(type: FieldType, text: string, input: Pick<ConditionInput, 'amountFormat' | 'locale'>): { value: unknown } | { errorKey: string } {
  const { amountFormat, locale } = input;
  if (type === 'number' && amountFormat) {
    const parsed = parseAmount(text, amountFormat.tag, fractionDigitsOf(amountFormat.minorPerMajor));
    return parsed.ok ? { value: parsed.minor } : { errorKey: 'segments.builder.needsAmount' };
  }
  if (type === 'number') {
    const value = locale ? parseDecimal(text, locale) : number(text);
    return value === null ? { errorKey: 'segments.builder.needsNumber' } : { value };
  }
  if (type === 'date') return text.trim() === '' ? { errorKey: 'segments.builder.needsValue' } : { value: dateValue(text) };
  if (type === 'boolean') return { value: text === 'true' };
  return text.trim() === '' ? { errorKey: 'segments.builder.needsValue' } : { value: text.trim() };
}

/**
 * "In the next N days": from the as-of day to the Nth day after it, both included, as relative days
 * so that a saved segment moves on as days pass.
 */
function withinNextDays(input: ConditionInput): BuiltCondition {
  const days = typeof input.value === 'string' ? number(input.value) : null;
  if (days === null || !Number.isInteger(days) || days < 1) return { errorKey: 'segments.builder.needsWholeNumber' };
  return { condition: { field: input.field, op: 'between', value: [{ days_ahead: 0 }, { days_ahead: days }] } };
}

/** A comparison from the condition form; the server still checks it when the filter is previewed. */
export function buildComparison(input: ConditionInput): BuiltCondition {
  if (input.op === withinNextOperator && input.type === 'date') return withinNextDays(input);
  const base = { field: input.field, op: input.op };
  const type = input.type === 'text_list' ? 'text' : input.type;
  if (input.op === 'is_null') return { condition: input.value === 'false' ? { ...base, value: false } : base };
  if (input.op === 'in' || input.op === 'nin' || input.op === 'between') {
    const parts = typeof input.value === 'string' ? list(input.value) : input.value;
    if (input.op === 'between' && parts.length !== 2) return { errorKey: 'segments.builder.needsTwo' };
    if (parts.length === 0) return { errorKey: typeof input.value === 'string' ? 'segments.builder.needsValue' : 'segments.builder.needsChoice' };
    const values: unknown[] = [];
    for (const part of parts) {
      const result = scalar(type, part, input);
      if ('errorKey' in result) return result;
      values.push(result.value);
    }
    return { condition: { ...base, value: values } };
  }
  if (typeof input.value !== 'string') return { errorKey: 'segments.builder.needsValue' };
  const result = scalar(type, input.value, input);
  return 'errorKey' in result ? result : { condition: { ...base, value: result.value } };
}

/**
 * The purchase form's inputs. `window` is when (purchase-window.ts): any time, the last `days` days (what
 * the form offers first, and what an input without `window` means), or from `from` to `last`, both included.
 */
export type PurchaseInput = { category: string; channel?: string; days: string; atLeast: string; window?: WindowMode; from?: string; last?: string };

export const windowFormOfInput = (input: PurchaseInput): WindowForm => ({ mode: input.window ?? 'days', days: input.days, from: input.from ?? '', last: input.last ?? '' });

/** "Bought {category} at least {n} times in the last {days} days"; empty inputs leave that part out. */
export function buildPurchase(input: PurchaseInput): BuiltCondition {
  const purchased: Record<string, unknown> = {};
  const categories = list(input.category);
  if (categories.length > 0) purchased.category = categories;
  if (input.channel) purchased.channel = [input.channel];
  const window = windowOfForm(windowFormOfInput(input));
  if ('errorKey' in window) return { errorKey: window.errorKey };
  if (window.within) purchased.within = window.within;
  if (input.atLeast.trim() !== '') {
    const count = number(input.atLeast);
    if (count === null || !Number.isInteger(count) || count < 1) return { errorKey: 'segments.builder.needsWholeNumber' };
    if (count > 1) purchased.count = { op: 'gte', value: count };
  }
  return { condition: { purchased } };
}

/**
 * Every problem an invalid filter has, from the API's error, with the kind and values each names;
 * none when the error is of another kind. A condition on data this store lacks (SEGMENT_SOURCE_MISSING)
 * is a problem of the filter too: its field and the missing source are its values.
 */
export function filterProblemsOf(error: unknown): FilterProblemDetail[] {
  if (!(error instanceof ApiError)) return [];
  // a persona condition before any discovery answers the personas' own code, with the same details
  if (error.code === 'SEGMENT_SOURCE_MISSING' || (error.code === 'PERSONA_MODEL_MISSING' && error.details?.source === 'persona')) {
    const { source } = error.details ?? {};
    const params = typeof source === 'string' && error.field ? { field: error.field, source } : undefined;
    return [{ path: '', message: error.message, ...(params ? { kind: 'source_missing', params } : {}) }];
  }
  if (error.code !== 'SEGMENT_FILTER_INVALID') return [];
  const problems = error.details?.problems;
  if (Array.isArray(problems)) return problems.filter((problem): problem is FilterProblemDetail => isRecord(problem) && typeof problem.path === 'string' && typeof problem.message === 'string');
  return [{ path: error.field ?? 'filter', message: error.message }];
}
