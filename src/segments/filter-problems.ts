import type { z } from 'zod';
import { dayOrInstantSchema, earliestDay, latestDay } from '../core/calendar-date.js';
import { filterFields, isFieldName, isMoneyField } from './filter-fields.js';

/**
 * What can be wrong with a filter, as a stable kind an API client can word in its reader's language;
 * `params` holds the values the English `message` names (the field, the operator, the limit…).
 * `other` is a problem with no kind of its own yet: show its message.
 */
export const filterProblemKinds = [
  // the language's own rules
  'unknown_field', 'unknown_operator', 'operator_not_allowed', 'value_missing', 'range_reversed', 'window_empty',
  'too_many_conditions', 'too_deep', 'condition_expected', 'key_not_alone', 'condition_list_expected', 'unknown_condition',
  // a value of the wrong shape
  'type_mismatch', 'key_missing', 'too_small', 'too_big', 'unknown_keys', 'not_one_of',
  'text_or_list_expected', 'date_expected', 'real_day_expected', 'count_expected', 'between_pair_expected', 'time_window_expected',
  'other',
] as const;

export type FilterProblemKind = (typeof filterProblemKinds)[number];
export type FilterProblemParams = Record<string, string | number | string[]>;
export type FilterProblem = { path: string; message: string; kind: FilterProblemKind; params: FilterProblemParams };

/** The sentences of the schema's own unions and refinements, by the kind each stands for. */
export const expectationMessages = {
  text_or_list_expected: 'expected a text or a non-empty list of texts',
  date_expected: 'expected an ISO date such as "2026-01-31" or a relative date such as {"days_ago": 90} or {"days_ahead": 7}',
  count_expected: 'expected a whole number ≥ 0, or [low, high] with "between"',
  between_pair_expected: 'use a [low, high] pair with "between" and a single number otherwise',
  time_window_expected: 'expected {"days": N} (the last N days) or {"from": date, "to": date}',
} as const satisfies Partial<Record<FilterProblemKind, string>>;

// read from the schema itself, so a reworded message in core/calendar-date.ts still finds its kind
const realDayMessage = dayOrInstantSchema.safeParse('').error?.issues[0]?.message;

const kindByMessage = new Map<string, FilterProblemKind>(
  Object.entries(expectationMessages).map(([kind, message]) => [message, kind as FilterProblemKind]),
);

/** The JSON type of a value as the problems name it: `missing` when the key is absent. */
export function jsonTypeOf(value: unknown): string {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<PropertyKey, unknown>)[key] : undefined;
  return node;
}

/** A size or count limit as a number (zod types them number | bigint). */
const limit = (bound: number | bigint) => Number(bound);

/** The kind and values of a zod issue, read from its code and fields; `input` is the value the schema was given. */
function classifyIssue(issue: z.core.$ZodIssue, input: unknown): Pick<FilterProblem, 'kind' | 'params'> {
  const known = kindByMessage.get(issue.message);
  if (known) return { kind: known, params: {} };
  if (issue.message === realDayMessage) return { kind: 'real_day_expected', params: { earliest: earliestDay, latest: latestDay } };
  switch (issue.code) {
    case 'invalid_type': {
      const received = valueAt(input, issue.path);
      const key = issue.path.at(-1);
      if (received === undefined && key !== undefined) return { kind: 'key_missing', params: { key: String(key), expected: issue.expected } };
      return { kind: 'type_mismatch', params: { expected: issue.expected, received: jsonTypeOf(received) } };
    }
    case 'too_small': return { kind: 'too_small', params: { origin: issue.origin, minimum: limit(issue.minimum) } };
    case 'too_big': return { kind: 'too_big', params: { origin: issue.origin, maximum: limit(issue.maximum) } };
    case 'unrecognized_keys': return { kind: 'unknown_keys', params: { keys: issue.keys } };
    case 'invalid_value': return { kind: 'not_one_of', params: { allowed: issue.values.map(String) } };
    default: return { kind: 'other', params: {} };
  }
}

/**
 * A zod issue as a filter problem: its English message as zod or the schema wrote it, with its kind and values.
 * `field`: the field a comparison's value is for; a value of the wrong kind is then said with the field's name,
 * what the field holds and the value given, since zod's "expected number, received string" names neither.
 */
export function problemOfIssue(issue: z.core.$ZodIssue, input: unknown, path: string, field?: string): FilterProblem {
  const problem: FilterProblem = { path, message: issue.message, ...classifyIssue(issue, input) };
  if (field === undefined || !isFieldName(field) || !valueKinds.has(problem.kind)) return problem;
  return { ...problem, message: fieldValueMessage(field, problem, valueAt(input, issue.path)) };
}

/** The kinds of problem a comparison's value can have for want of the field's kind of value. */
const valueKinds = new Set<FilterProblemKind>(['type_mismatch', 'date_expected', 'real_day_expected']);

/** The longest value echoed back: enough to recognise it, not a whole pasted document. */
const longestValueShown = 60;

function shownValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > longestValueShown ? `${text.slice(0, longestValueShown)}…` : text;
}

/** A number or true/false sent as text ("250", "true") is the commonest slip: say how to write it. */
function unquotedHint(expected: unknown, value: unknown): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim();
  if (expected === 'number' && trimmed !== '' && Number.isFinite(Number(trimmed))) return `: write the number without quotes, as ${Number(trimmed)}`;
  if (expected === 'boolean' && (trimmed === 'true' || trimmed === 'false')) return `: write it without quotes, as ${trimmed}`;
  return '';
}

const moneyWords = 'a money amount in minor units of the store currency, written as a number (25050 for 250.50 in a currency with cents such as EUR, 250 for 250 in one without such as IDR)';

/** What a comparison's value should have been, said with its field ("revenue_minor takes a money amount …; got "lots""). */
function fieldValueMessage(field: string, problem: FilterProblem, value: unknown): string {
  const got = `; got ${shownValue(value)}`;
  // a date field: the schema's sentence already says which dates are taken
  if (problem.kind !== 'type_mismatch') return `${field} takes a date: ${problem.message.replace(/^expected /, '')}${got}`;
  const expected = problem.params.expected;
  const hint = unquotedHint(expected, value);
  switch (expected) {
    case 'number': return `${field} takes ${isMoneyField(field) ? moneyWords : 'a number'}${got}${hint}`;
    case 'string': return `${field} takes a text in quotes${got}`;
    // a boolean asked of a field of another kind is is_null's answer
    case 'boolean': return `${filterFields[field].type === 'boolean' ? `${field} takes true or false` : `"is_null" on ${field} takes true, false or no value`}${got}${hint}`;
    case 'array': return `"in" and "nin" take a list [ … ] of values of ${field}${got}`;
    case 'tuple': return `"between" takes [low, high] for ${field}${got}`;
    default: return `${field}: ${problem.message}${got}`;
  }
}
