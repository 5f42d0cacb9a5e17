import { z } from 'zod';
import { dayOrInstantSchema } from '../core/calendar-date.js';
import { AppError } from '../core/errors.js';
import { isDateRangeReversed } from './filter-days.js';
import { fieldNames, filterFields, isFieldName, type FieldType } from './filter-fields.js';
import {
  comparisonOperators, countOperators, purchaseMeasures, type ComparisonOperator, type DateValue, type FilterNode,
} from './filter-types.js';
import { orderChannels, type ClosedList } from './filter-values.js';
import { checkCountryCodes, checkDaysAgoAhead, trimTextValues } from './comparison-value-checks.js';
import { checkActivity, checkNumberRange, isWholeValueTest, pathText, report, reportReversedDates, spellInList, type Walk } from './filter-value-checks.js';
import { expectationMessages, jsonTypeOf, problemOfIssue, type FilterProblem } from './filter-problems.js';
import { segmentErrorCodes } from './segments.errors.js';

export type { FilterProblem };

const maxDepth = 12;
const maxNodes = 300;
const maxChildren = 100;
const maxListLength = 1000;

/** How large a filter may be: levels of nesting, conditions in one and/or list, conditions in all. */
export const filterLimits = { levels: maxDepth, conditionsInOneList: maxChildren, conditions: maxNodes } as const;

const text = z.string().min(1).max(200);
const textList = z.union([text, z.array(text).min(1).max(maxListLength)], { error: expectationMessages.text_or_list_expected }).transform((value) => (Array.isArray(value) ? value : [value]));
// days_ahead: a predicted day ("expected to buy in the next 7 days"), which moves on with the as-of day as days_ago does
const relativeDate = z.union([
  z.strictObject({ days_ago: z.number().int().min(0).max(36_500) }),
  z.strictObject({ days_ahead: z.number().int().min(0).max(36_500) }),
]);
const dateValue = z.union([dayOrInstantSchema, relativeDate], { error: expectationMessages.date_expected });
const count = z.number().int().min(0);
const countTest = z.strictObject({ op: z.enum(countOperators), value: z.union([count, z.tuple([count, count])], { error: expectationMessages.count_expected }) })
  .refine((test) => (test.op === 'between') === Array.isArray(test.value), { message: expectationMessages.between_pair_expected });
const timeWindow = z.union([
  z.strictObject({ days: z.number().int().min(1).max(36_500) }),
  z.strictObject({ from: dateValue, to: dateValue.optional() }),
], { error: expectationMessages.time_window_expected });

const purchasedSchema = z.strictObject({
  purchased: z.strictObject({
    category: textList.optional(), sku: textList.optional(), product_contains: text.optional(), channel: textList.optional(),
    within: timeWindow.optional(), count: countTest.optional(), measure: z.enum(purchaseMeasures).optional(),
  }),
});
const interestSchema = z.strictObject({
  interest: z.strictObject({ kind: textList.optional(), channel: textList.optional(), within: timeWindow.optional(), count: countTest.optional() }),
});
const comparisonShape = z.strictObject({ field: z.string().max(100), op: z.string().max(40), value: z.unknown().optional() });

/** Value schemas by field type and operator; a missing entry means the pair is not allowed. */
const scalarOf: Record<FieldType, z.ZodType | null> = {
  number: z.number().finite(),
  text: z.string().max(200),
  date: dateValue,
  boolean: z.boolean(),
  text_list: z.string().max(200),
};
export const allowedOperators: Record<FieldType, readonly ComparisonOperator[]> = {
  number: ['eq', 'neq', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'between', 'is_null'],
  text: ['eq', 'neq', 'in', 'nin', 'contains', 'starts_with', 'is_null'],
  date: ['gt', 'gte', 'lt', 'lte', 'between', 'is_null'],
  boolean: ['eq', 'neq', 'is_null'],
  text_list: ['contains', 'in', 'nin', 'is_null'],
};

function valueSchema(type: FieldType, op: ComparisonOperator): z.ZodType {
  const scalar = scalarOf[type]!;
  if (op === 'is_null') return z.boolean().optional();
  if (op === 'in' || op === 'nin') return z.array(scalar).min(1).max(maxListLength);
  if (op === 'between') return z.tuple([scalar, scalar]);
  if (op === 'contains' || op === 'starts_with') return z.string().min(1).max(200);
  return scalar;
}

/** Edit distance, to suggest the field a typo meant. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The fields counting paid orders per purchase channel, in the channels' order. */
const channelCountFields = orderChannels.map((channel) => `${channel}_order_count`).filter(isFieldName);

/**
 * Names of what a filter asks in another form than a field: "channel" is a purchase's channel, a
 * `purchased` condition's key (or its orders per channel, the *_order_count fields), not the channel
 * of the first sign of interest, whose field merely has the word in its name.
 */
const notFieldSuggestions: ReadonlyArray<{ typed: RegExp; suggestion: string; hint: string }> = [
  {
    typed: /^(purchase_|purchased_|order_|sales_|sale_)?channels?$/,
    suggestion: 'purchased.channel',
    hint: `a purchase's channel is a "purchased" condition's channel ({"purchased": {"channel": ["web"]}}), and orders per channel the fields ${channelCountFields.join(', ')}; `,
  },
];

// shorter, a part of a name is a part of too many ("r" is in a dozen fields)
const shortestPartSuggested = 3;

/**
 * The field a typed name most likely meant, if one is close enough to suggest: the same words
 * in another spelling (rfmSegment), else a field the name begins (rfm: rfm_segment) or is a
 * word of (segment), else one a typo or two away (agee: age). Part of a name comes before an
 * edit: "rfm" is three edits from "name" but plainly the start of rfm_segment. Ties go to the
 * field listed first.
 */
function nearestField(name: string): string | null {
  const typed = name.toLowerCase().replace(/[\s-]+/g, '_');
  const elsewhere = notFieldSuggestions.find((word) => word.typed.test(typed));
  if (elsewhere !== undefined) return elsewhere.suggestion;
  const squeezed = typed.replaceAll('_', '');
  const sameWords = fieldNames.find((candidate) => candidate.replaceAll('_', '') === squeezed);
  if (sameWords !== undefined) return sameWords;
  if (typed.length >= shortestPartSuggested) {
    const part = fieldNames.find((candidate) => candidate.startsWith(typed))
      ?? fieldNames.find((candidate) => candidate.includes(`_${typed}`))
      ?? fieldNames.find((candidate) => candidate.includes(typed));
    if (part !== undefined) return part;
  }
  const nearest = fieldNames.map((candidate) => ({ candidate, cost: distance(typed, candidate) })).sort((a, b) => a.cost - b.cost)[0];
  // an edit of every letter typed is another word, not a typo of this one
  return nearest && nearest.cost <= 3 && nearest.cost < typed.length ? nearest.candidate : null;
}

function unknownFieldMessage(name: string, suggestion: string | null): string {
  const hint = suggestion ? `did you mean "${suggestion}"? ${notFieldSuggestions.find((word) => word.suggestion === suggestion)?.hint ?? ''}` : '';
  return `unknown field ${JSON.stringify(name.slice(0, 60))}; ${hint}see docs/segments.md for the fields a filter can use`;
}

/** `field`: the field whose value `input` is, named by a problem with the value's kind (problemOfIssue). */
function addIssues(walk: Walk, path: Array<PropertyKey>, issues: z.core.$ZodIssue[], input: unknown, field?: string): null {
  for (const issue of issues) walk.problems.push(problemOfIssue(issue, input, pathText([...path, ...issue.path]), field));
  return null;
}

function checkComparison(walk: Walk, value: unknown, path: Array<PropertyKey>): FilterNode | null {
  const shape = comparisonShape.safeParse(value);
  if (!shape.success) return addIssues(walk, path, shape.error.issues, value);
  const { field, op } = shape.data;
  if (!isFieldName(field)) {
    const suggestion = nearestField(field);
    return report(walk, [...path, 'field'], 'unknown_field', { field: field.slice(0, 60), ...(suggestion ? { suggestion } : {}) }, unknownFieldMessage(field, suggestion));
  }
  const type = filterFields[field].type;
  const allowed = [...allowedOperators[type]];
  if (!(comparisonOperators as readonly string[]).includes(op)) {
    return report(walk, [...path, 'op'], 'unknown_operator', { op: op.slice(0, 40), field, allowed }, `${JSON.stringify(op.slice(0, 40))} is not an operator; use one of ${allowed.join(', ')}`);
  }
  const operator = op as ComparisonOperator;
  if (!allowed.includes(operator)) {
    return report(walk, [...path, 'op'], 'operator_not_allowed', { op, field, fieldType: type, allowed }, `"${op}" does not apply to ${field} (a ${type.replace('_', ' ')} field); use one of ${allowed.join(', ')}`);
  }
  if (type === 'date' && !checkDaysAgoAhead(walk, [...path, 'value'], field, shape.data.value)) return null;
  const parsed = valueSchema(type, operator).safeParse(trimTextValues(type, operator, shape.data.value));
  if (!parsed.success) {
    if (shape.data.value === undefined) return report(walk, [...path, 'value'], 'value_missing', { op }, `"${op}" needs a value`);
    return addIssues(walk, [...path, 'value'], parsed.error.issues, shape.data.value, field);
  }
  if (operator === 'between' && type === 'number') {
    const [low, high] = parsed.data as [number, number];
    if (low > high) return report(walk, [...path, 'value'], 'range_reversed', { low, high }, `between needs [low, high] with low ≤ high, got [${low}, ${high}]`);
  }
  if (operator === 'between' && type === 'date') {
    const [low, high] = parsed.data as [DateValue, DateValue];
    if (!walk.isSaved && isDateRangeReversed(low, high)) return reportReversedDates(walk, [...path, 'value'], low, high, 'between needs [earlier, later] with the earlier first');
  }
  if (type === 'number' && !checkNumberRange(walk, [...path, 'value'], field, operator, parsed.data)) return null;
  const coded = checkCountryCodes(walk, [...path, 'value'], field, operator, parsed.data);
  if (coded === null) return null;
  const closedList = filterFields[field].closedList ?? storeListOf(walk, field);
  const checked = closedList && isWholeValueTest(operator, type) ? spellInList(walk, [...path, 'value'], coded as string | string[], closedList) : coded;
  if (checked === null) return null;
  return { field, op: operator, ...(checked === undefined ? {} : { value: checked }) } as FilterNode;
}

/** A field whose values the store lists, checked as a closed list when the caller loaded the list. */
function storeListOf(walk: Walk, field: string): ClosedList | undefined {
  const storeList = filterFields[field].storeList;
  const values = walk.storeLists?.[field];
  return storeList && values ? { noun: storeList.noun, values } : undefined;
}

function checkNode(walk: Walk, value: unknown, path: Array<PropertyKey>, depth: number): FilterNode | null {
  walk.nodes += 1;
  if (walk.nodes > maxNodes) return report(walk, path, 'too_many_conditions', { maximum: maxNodes }, `a filter may have at most ${maxNodes} conditions`);
  if (depth > maxDepth) return report(walk, path, 'too_deep', { maximum: maxDepth }, `filters may nest at most ${maxDepth} levels deep`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return report(walk, path, 'condition_expected', { received: jsonTypeOf(value) }, 'expected a condition object such as {"field": "city", "op": "eq", "value": "Jakarta"} or {"and": [...]}');
  }
  const keys = Object.keys(value);
  const record = value as Record<string, unknown>;
  for (const combinator of ['and', 'or'] as const) {
    if (!(combinator in record)) continue;
    if (keys.length !== 1) return report(walk, path, 'key_not_alone', { key: combinator }, `"${combinator}" must be the only key of its object`);
    const children = record[combinator];
    if (!Array.isArray(children) || children.length > maxChildren) {
      return report(walk, [...path, combinator], 'condition_list_expected', { maximum: maxChildren },
        `expected a list [ … ] of at most ${maxChildren} conditions (and at most ${maxNodes} in the whole filter)`);
    }
    const checked = children.map((child, index) => checkNode(walk, child, [...path, combinator, index], depth + 1));
    return checked.every((node) => node !== null) ? ({ [combinator]: checked } as FilterNode) : null;
  }
  if ('not' in record) {
    if (keys.length !== 1) return report(walk, path, 'key_not_alone', { key: 'not' }, '"not" must be the only key of its object');
    const inner = checkNode(walk, record.not, [...path, 'not'], depth + 1);
    return inner ? { not: inner } : null;
  }
  if ('purchased' in record || 'interest' in record) {
    const parsed = ('purchased' in record ? purchasedSchema : interestSchema).safeParse(value);
    if (!parsed.success) return addIssues(walk, path, parsed.error.issues, value);
    return checkActivity(walk, path, parsed.data as FilterNode, record);
  }
  if ('field' in record) return checkComparison(walk, value, path);
  return report(walk, path, 'unknown_condition', { keys: keys.slice(0, 5) },
    `unrecognised condition with keys ${JSON.stringify(keys.slice(0, 5))}; expected one of "and", "or", "not", "field", "purchased" or "interest"`);
}

/**
 * Validates a filter; every problem names its path (e.g. `filter.and[1].op`) and what is wrong.
 * `isSaved`: see parseSavedFilter. `storeLists`: the store's persona names (filter-catalog.ts), to refuse a name it has not.
 */
export type CheckOptions = { isSaved?: boolean; storeLists?: Walk['storeLists'] };

export function checkFilter(value: unknown, options: CheckOptions = {}): { filter: FilterNode; problems: [] } | { filter: null; problems: FilterProblem[] } {
  const walk: Walk = { problems: [], nodes: 0, isSaved: options.isSaved ?? false, storeLists: options.storeLists };
  const filter = checkNode(walk, value, [], 0);
  if (filter && walk.problems.length === 0) return { filter, problems: [] };
  return { filter: null, problems: walk.problems };
}

/** Parses a filter or throws SEGMENT_FILTER_INVALID listing every problem. */
export function parseFilter(value: unknown, options: CheckOptions = {}): FilterNode {
  const result = checkFilter(value, options);
  if (result.filter) return result.filter;
  const summary = result.problems.slice(0, 5).map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  throw new AppError(segmentErrorCodes.filterInvalid, `The filter is not valid. ${summary}`, { field: result.problems[0]?.path, problems: result.problems });
}

/**
 * A segment's saved filter, for refreshing its members. Filters saved before values of closed lists
 * and the order of date ranges were checked may hold a value no list has ("vipp") or a reversed
 * range: such a filter is read as it always was (its condition matches no one) rather than refused,
 * so a refresh of every segment, or of the customers an import or an edit changed, never fails on
 * an old segment. Case is still mapped to the list's spelling. New filters go through parseFilter.
 */
export function parseSavedFilter(value: unknown): FilterNode {
  return parseFilter(value, { isSaved: true });
}

/** The same checks as a zod schema, for request bodies and CLI input. */
export const filterSchema = z.unknown().transform((value, context) => {
  const result = checkFilter(value);
  if (result.filter) return result.filter;
  for (const problem of result.problems) context.addIssue({ code: 'custom', message: `${problem.path}: ${problem.message}` });
  return z.NEVER;
});
