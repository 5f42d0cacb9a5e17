import type { FilterProblem } from '../../api/target-group-types.js';
import type { Locale } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { numberRanges } from '../../../segments/filter-values.js';
import { listedValues } from '../../../segments/listed-values.js';
import { choiceLabel, fieldLabel } from './field-kinds.js';
import type { JsonErrorPlace } from './json-error-place.js';

/**
 * A problem of an invalid filter as the server sends it (`details.problems` of SEGMENT_FILTER_INVALID,
 * see src/segments/filter-problems.ts): `kind` and `params` say what is wrong and with which values;
 * `message` says it in English. `source_missing` is made here from SEGMENT_SOURCE_MISSING.
 */
export type FilterProblemDetail = FilterProblem & { kind?: string; params?: Record<string, unknown> };

/** A problem as shown: `lang` is the language of `text`; `original` the server's English when `text` translates it. */
export type FilterProblemText = { text: string; lang: Locale; original: string | null };

/** The message key of each kind this app can word; a kind missing here is shown as the server wrote it. */
const keyByKind: Record<string, (params: Record<string, unknown>) => string> = {
  unknown_field: (params) => (typeof params.suggestion === 'string' ? 'unknownFieldSuggestion' : 'unknownField'),
  unknown_operator: () => 'unknownOperator',
  operator_not_allowed: () => 'operatorNotAllowed',
  value_missing: () => 'valueMissing',
  range_reversed: () => 'rangeReversed',
  window_empty: () => 'windowEmpty',
  too_many_conditions: () => 'tooManyConditions',
  too_deep: () => 'tooDeep',
  condition_expected: () => 'conditionExpected',
  key_not_alone: () => 'keyNotAlone',
  condition_list_expected: () => 'conditionListExpected',
  unknown_condition: () => 'unknownCondition',
  type_mismatch: () => 'typeMismatch',
  key_missing: () => 'keyMissing',
  too_small: (params) => `tooSmall.${String(params.origin)}`,
  too_big: (params) => `tooBig.${String(params.origin)}`,
  unknown_keys: () => 'unknownKeys',
  not_one_of: (params) => (params.value === undefined ? 'notOneOf' : 'notOneOfValue'),
  text_or_list_expected: () => 'textOrListExpected',
  date_expected: () => 'dateExpected',
  real_day_expected: () => 'realDayExpected',
  count_expected: () => 'countExpected',
  between_pair_expected: () => 'betweenPairExpected',
  time_window_expected: () => 'timeWindowExpected',
  source_missing: (params) => `sourceMissing.${String(params.source)}`,
};

// params said in words: a JSON type (expected, received), and a field's type by the name the field list gives it
const wordsKeyOf: Record<string, (value: string) => string> = {
  expected: (value) => `segments.filterProblems.types.${value}`,
  received: (value) => `segments.filterProblems.types.${value}`,
  fieldType: (value) => `segments.fieldTypes.${value}`,
};

function variablesOf(params: Record<string, unknown>, t: I18n['t']): Record<string, string | number> {
  const variables: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) variables[name] = listedValues(value.map(String));
    else if (Object.hasOwn(wordsKeyOf, name) && typeof value === 'string') {
      const key = wordsKeyOf[name]!(value);
      const words = t(key);
      variables[name] = words === key ? value : words;
    } else if (typeof value === 'string' || typeof value === 'number') variables[name] = value;
  }
  return variables;
}

/**
 * The problem in the user's language, built from its kind and values (in English too, so every
 * language reads alike); a kind this app does not know, or a sentence whose values did not all
 * arrive, shows the server's English message: a sentence with a hole in it helps nobody.
 */
export function describeFilterProblem(problem: FilterProblemDetail, t: I18n['t'], locale: Locale, filter?: unknown): FilterProblemText {
  const english: FilterProblemText = { text: problem.message, lang: 'en', original: null };
  const keyOf = problem.kind !== undefined && Object.hasOwn(keyByKind, problem.kind) ? keyByKind[problem.kind] : undefined;
  if (!keyOf) return english;
  const params = withAllowedLabels(withRefusedValue(problem, filter), choiceFieldOf(problem, filter), t);
  const text = outOfRangeText(problem, t, locale) ?? wordedText(`segments.filterProblems.${keyOf(params)}`, variablesOf(params, t), t);
  if (text === null) return english;
  return { text, lang: locale, original: locale === 'en' ? null : problem.message };
}

/** A sentence in the user's language, or null when it has no words for the key or a value did not arrive. */
function wordedText(key: string, variables: Record<string, string | number>, t: I18n['t']): string | null {
  const text = t(key, variables);
  return text === key || /\{\w+\}/.test(text) ? null : text;
}

/**
 * A number outside its field's range (src/segments/filter-value-checks.ts) said with the field's label,
 * its whole range and the value, in the reader's numbers ("1,5" in Indonesian and Latvian). The server
 * sends the bound that was crossed; the other comes from the same table it checks against. Null when
 * the problem is not one of these or its params are missing: the general too small / too big wording then.
 */
function outOfRangeText(problem: FilterProblemDetail, t: I18n['t'], locale: Locale): string | null {
  if (problem.kind !== 'too_small' && problem.kind !== 'too_big') return null;
  const { field, value, minimum: sentMinimum, maximum: sentMaximum } = problem.params ?? {};
  if (typeof field !== 'string' || typeof value !== 'number') return null;
  const range = Object.hasOwn(numberRanges, field) ? numberRanges[field] : undefined;
  const minimum = typeof sentMinimum === 'number' ? sentMinimum : range?.minimum;
  const maximum = typeof sentMaximum === 'number' ? sentMaximum : range?.maximum;
  if (minimum === undefined) return null;
  // every digit the value was sent with: 0.999 rounded to 1 would hide why 0.999 is fine and 1.001 is not
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
  const variables = { field: fieldLabel(t, field), minimum: number.format(minimum), value: number.format(value) };
  if (maximum === undefined) return wordedText('segments.filterProblems.outOfRange.atLeast', variables, t);
  return wordedText('segments.filterProblems.outOfRange.between', { ...variables, maximum: number.format(maximum) }, t);
}

/** The longest refused value named, as the server cuts it (src/segments/filter-value-checks.ts). */
const longestValueShown = 60;

/**
 * A refused value is named with the values allowed, so the reader sees which one to change: the
 * server names a closed list's value (`params.value`); one it does not name (a value of the
 * filter's own keys, such as a purchase's measure) is read from the filter sent, at the problem's path.
 */
function withRefusedValue(problem: FilterProblemDetail, filter: unknown): Record<string, unknown> {
  const params = problem.params ?? {};
  if (problem.kind !== 'not_one_of' || params.value !== undefined || filter === undefined) return params;
  const value = valueAtPath(filter, problem.path);
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return params;
  return { ...params, value: String(value).slice(0, longestValueShown) };
}

/**
 * The codes a closed list allows, each with its label where the reader sees one ("Champions (Čempioni)"):
 * the builder shows only labels, and the JSON editor takes only codes, so the reader learns the code
 * for the label they know.
 */
function withAllowedLabels(params: Record<string, unknown>, field: string | null, t: I18n['t']): Record<string, unknown> {
  if (field === null || !Array.isArray(params.allowed)) return params;
  const allowed = params.allowed.map((code) => {
    const label = choiceLabel(t, field, String(code));
    return label === String(code) ? label : t('segments.filterProblems.codeWithLabel', { code: String(code), label });
  });
  return { ...params, allowed };
}

/**
 * The field whose codes a refused value was checked against: the server's `params.field`, or the
 * `field` of the comparison whose value (or a value of its list) the problem's path points at.
 */
function choiceFieldOf(problem: FilterProblemDetail, filter: unknown): string | null {
  if (problem.kind !== 'not_one_of') return null;
  if (typeof problem.params?.field === 'string') return problem.params.field;
  const comparisonPath = /^(.*)\.value(?:\[\d+\])?$/.exec(problem.path)?.[1];
  const comparison = comparisonPath === undefined || filter === undefined ? undefined : valueAtPath(filter, comparisonPath);
  const field = typeof comparison === 'object' && comparison !== null ? (comparison as Record<string, unknown>).field : undefined;
  return typeof field === 'string' ? field : null;
}

/** The value at a problem's path as the server writes it ("filter.and[0].purchased.channel"); undefined when the path does not lead to one. */
export function valueAtPath(filter: unknown, path: string): unknown {
  if (!path.startsWith('filter')) return undefined;
  const rest = path.slice('filter'.length);
  const steps = [...rest.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)];
  if (steps.map((step) => step[0]).join('') !== rest) return undefined;
  let node = filter;
  for (const [, key, index] of steps) {
    if (typeof node !== 'object' || node === null) return undefined;
    const name = key ?? Number(index);
    if (!Object.hasOwn(node, name)) return undefined;
    node = (node as Record<string | number, unknown>)[name];
  }
  return node;
}

/** Where the JSON breaks, in the user's words: the text ends too early, or a character is not expected there. */
export function jsonErrorText(place: JsonErrorPlace, t: I18n['t']): string {
  const { line, column, character } = place;
  if (character === null) return t('segments.jsonError.end', { line, column });
  // a control character (a line break inside a text) shown as JSON writes it
  const shown = character < ' ' ? JSON.stringify(character).slice(1, -1) : character;
  return t('segments.jsonError.character', { line, column, character: shown });
}
